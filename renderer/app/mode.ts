/**
 * Real election or training. Training keeps its own database, shows a watermark on every screen and
 * printed page, and may move the clock. The mode is read once at start; switching reloads the
 * window, so nothing held in memory (the list, the search index, caches) can cross over.
 */
export type AppMode = 'real' | 'training';

const MODE_KEY = 'precinct-desk.mode';

function readMode(): AppMode {
  try {
    return localStorage.getItem(MODE_KEY) === 'training' ? 'training' : 'real';
  } catch {
    return 'real';
  }
}

export const APP_MODE: AppMode = readMode();
export const TRAINING = APP_MODE === 'training';

export function switchMode(mode: AppMode): void {
  localStorage.setItem(MODE_KEY, mode);
  window.location.hash = '';
  window.location.reload();
}
