import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SETUP_STATE } from '../../shared/setup/projection';
import { FirstRun } from '../features/setup/FirstRun';
import { SessionProvider } from './session';
import { Shell } from './Shell';
import { eventStore, readSetupState } from './store';
import { startSyncLoop, syncSoon } from '../sync/loop';
import { TRAINING } from './mode';
import { TrainingWatermark } from '../features/training/TrainingBar';

export function App() {
  const { t } = useTranslation();
  // `undefined` while loading; then the projection (or null before the first event).
  const state = useLiveQuery(readSetupState, [], undefined);

  useEffect(() => {
    // Ask the browser not to evict the commission's data under storage pressure.
    void navigator.storage?.persist?.();
    startSyncLoop();
    return eventStore.onAppend(() => syncSoon());
  }, []);

  if (state === undefined) return <p className="loading">{t('common:loading')}</p>;
  const current = state ?? EMPTY_SETUP_STATE;
  return (
    <SessionProvider state={current}>
      {current.setup ? <Shell /> : <FirstRun />}
      {TRAINING && <TrainingWatermark />}
    </SessionProvider>
  );
}
