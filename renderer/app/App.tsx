import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SETUP_STATE } from '../../shared/setup/projection';
import { FirstRun } from '../features/setup/FirstRun';
import { TrainingSwitch } from '../features/training/TrainingSwitch';
import { SessionProvider } from './session';
import { Shell } from './Shell';
import { onFactRecorded, useSetupState } from '../core';
import { startSyncLoop, syncSoon } from '../sync/loop';
import { TRAINING } from './mode';
import { TrainingWatermark } from '../features/training/TrainingBar';
import { platform } from '../platform';
import { navigate, useRoute } from './router';
import { HandoutPrintPage } from '../features/training/HandoutPrintPage';
import { startRoomLoop } from '../features/training/room-loop';
import { requestUpdatePanelFocus } from './UpdatePanel';

export function App() {
  const { t } = useTranslation();
  // `undefined` while loading; then the projection (or null before the first event).
  const state = useSetupState();
  const route = useRoute();

  useEffect(() => {
    // Ask the browser not to evict the commission's data under storage pressure.
    void navigator.storage?.persist?.();
    startSyncLoop();
    if (TRAINING) startRoomLoop();
    // The Electron menu's "Training" entry opens the same screen as the navigation's.
    const offMenu = platform.onMenuCommand((command) => {
      if (command === 'open-training') navigate('training');
      // Help → Install an update…: the Sync screen's update panel (voting-day warning, backup first).
      if (command === 'install-update') {
        requestUpdatePanelFocus();
        navigate('sync');
      }
    });
    const offAppend = onFactRecorded(() => syncSoon());
    return () => {
      offMenu();
      offAppend();
    };
  }, []);

  // Main shows the active election bundle in About and the support file.
  const bundleVersion = state?.setup?.source.bundleVersion ?? null;
  const bundleHash = state?.setup?.source.bundleHash ?? null;
  useEffect(() => {
    void platform.reportActiveBundle({ version: bundleVersion, hash: bundleHash }).catch(() => undefined);
  }, [bundleVersion, bundleHash]);

  if (state === undefined) return <p className="loading">{t('common:loading')}</p>;
  const current = state ?? EMPTY_SETUP_STATE;
  // A scenario's handout prints in training before any election is set up too.
  if (TRAINING && route === 'print-handout') {
    return (
      <>
        <HandoutPrintPage />
        <TrainingWatermark />
      </>
    );
  }
  return (
    <SessionProvider state={current}>
      {current.setup ? <Shell /> : <FirstRun training={<TrainingSwitch />} />}
      {TRAINING && <TrainingWatermark />}
    </SessionProvider>
  );
}
