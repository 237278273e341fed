/**
 * One Precinct Desk per user: a second launch focuses the window that is already open (two
 * instances would write the same IndexedDB database from two processes).
 */
import { app, type BrowserWindow } from 'electron';

export function focusWindow(win: BrowserWindow | null | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/**
 * Takes the single-instance lock. Returns false (and asks the app to quit) when another instance
 * holds it; otherwise routes later launches to `getWindow()`.
 */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // The second instance's command line and working directory are deliberately ignored.
  app.on('second-instance', () => {
    focusWindow(getWindow());
  });
  return true;
}
