import { Suspense, useEffect } from 'react';
import { EMPTY_SETUP_STATE } from '../../shared/setup/projection';
import { SessionProvider } from './session';
import { Shell } from './Shell';
import { onFactRecorded, useSetupState } from '../core';
import { useWarmedList } from '../core/voter-list';
import { startSyncLoop, syncSoon } from '../sync/loop';
import { TRAINING } from './mode';
import { TrainingWatermark } from '../features/training/TrainingBar';
import { platform } from '../platform';
import { navigate, useRoute } from './router';
import { requestUpdatePanelFocus } from './UpdatePanel';
import { lazyNamed, preloadScreens } from './lazy';
import { LANGUAGES, loadLanguages } from './i18n';
import { PageLoading } from '../ui/page-loading';

// Shown on a first run or in training only: loaded when shown (issue 19).
const FirstRun = lazyNamed(() => import('../features/setup/FirstRun'), 'FirstRun');
const TrainingSwitch = lazyNamed(() => import('../features/training/TrainingSwitch'), 'TrainingSwitch');
const HandoutPrintPage = lazyNamed(() => import('../features/training/HandoutPrintPage'), 'HandoutPrintPage');

export function App() {
  // `undefined` while loading; then the projection (or null before the first event).
  const state = useSetupState();
  const route = useRoute();

  useEffect(() => {
    // Ask the browser not to evict the commission's data under storage pressure.
    void navigator.storage?.persist?.();
    startSyncLoop();
    // Training only, loaded then (its scenarios and room are not on a real election's start: issue 19).
    if (TRAINING) void import('../features/training/room-loop').then((m) => m.startRoomLoop()).catch(() => undefined);
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
    // Every screen and every language loaded once the window is idle after start (lazy.ts).
    const preload = window.setTimeout(() => {
      void preloadScreens();
      void loadLanguages(LANGUAGES).catch(() => undefined);
    }, 2_000);
    return () => {
      offMenu();
      offAppend();
      window.clearTimeout(preload);
    };
  }, []);

  // Main shows the active election bundle in About and the support file.
  const bundleVersion = state?.setup?.source.bundleVersion ?? null;
  const bundleHash = state?.setup?.source.bundleHash ?? null;
  useEffect(() => {
    void platform.reportActiveBundle({ version: bundleVersion, hash: bundleHash }).catch(() => undefined);
  }, [bundleVersion, bundleHash]);

  // A reload of the desk with its list stored: the desk shows its search as soon as the list the
  // window's first line read is open, while the setup, the operator and the rest are still being
  // read from the database (issue 19); the desk issues nothing until they are known. Not in
  // training (its bar and room need the setup) nor on any other screen: those wait as before.
  const warmed = useWarmedList();
  const early = state === undefined && warmed && !TRAINING && route === 'voters';

  const loading = <PageLoading />;
  if (state === undefined && !early) return loading;
  // undefined: still being read (early); the same tree as once it is read, so the desk is kept.
  const current = state === undefined ? undefined : (state ?? EMPTY_SETUP_STATE);
  // A scenario's handout prints in training before any election is set up too.
  if (TRAINING && route === 'print-handout') {
    return (
      <>
        <Suspense fallback={loading}>
          <HandoutPrintPage />
        </Suspense>
        <TrainingWatermark />
      </>
    );
  }
  return (
    <SessionProvider state={current}>
      {current === undefined || current.setup ? (
        <Shell />
      ) : (
        <Suspense fallback={loading}>
          <FirstRun training={<TrainingSwitch />} />
        </Suspense>
      )}
      {TRAINING && <TrainingWatermark />}
    </SessionProvider>
  );
}
