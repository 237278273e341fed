/**
 * Crashes and hangs: each is written to the log (log.ts) and, where the commission can do something
 * about it, a dialog in the UI's language offers to reload the window.
 *
 * A reload loses nothing that was recorded: every event is committed to IndexedDB with
 * `durability: 'strict'` before the screen says it is saved (docs/ARCHITECTURE.md), and IndexedDB
 * lives in the profile, not in the renderer process. Only an entry still being typed is lost, and
 * the dialogs say so.
 *
 * - `render-process-gone` (any window's renderer crashed, was killed or ran out of memory): log;
 *   unless it exited cleanly, offer Reload or Quit.
 * - `unresponsive` / `responsive` on the main window: log both; offer Wait or Reload, and close the
 *   offer by itself when the window answers again.
 * - `child-process-gone` (GPU, utility processes: Chromium starts them again by itself): log only.
 * - `uncaughtException` / `unhandledRejection` in main: log (with its stack, masked), then offer
 *   Reload or Continue. Handling them also replaces Electron's own English error box.
 * One dialog at a time: a second failure while one is open is logged only.
 */
import type { BrowserWindow, MessageBoxOptions, WebContents } from 'electron';
import { desktopText, type UiLanguage } from './desktop-text';
import { scrubLogText, type RotatingLog } from './log';

export interface CrashDependencies {
  log: RotatingLog;
  language(): UiLanguage;
  mainWindow(): BrowserWindow | null;
  showMessageBox(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<{ response: number }>;
  quit(): void;
}

interface EventSource {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

interface GoneDetails {
  reason: string;
  exitCode: number;
}

interface ChildGoneDetails extends GoneDetails {
  type: string;
  serviceName?: string;
  name?: string;
}

/** The error's name, message and stack with whatever may be personal masked. */
export function describeError(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) {
    return {
      name: scrubLogText(error.name, 100),
      message: scrubLogText(error.message, 1000),
      ...(error.stack ? { stack: scrubLogText(error.stack) } : {}),
    };
  }
  return { name: typeof error, message: scrubLogText(String(error), 1000) };
}

export function createCrashHandlers(deps: CrashDependencies) {
  let dialogOpen = false;

  async function offer(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<number | null> {
    if (dialogOpen) return null;
    dialogOpen = true;
    try {
      const usable = parent && !parent.isDestroyed() ? parent : null;
      return (await deps.showMessageBox(usable, options)).response;
    } catch {
      return null;
    } finally {
      dialogOpen = false;
    }
  }

  function reload(contents: WebContents | undefined): void {
    if (!contents || contents.isDestroyed()) return;
    deps.log.info('crash', 'window reloaded by the user');
    contents.reload();
  }

  async function onRenderProcessGone(contents: WebContents | undefined, details: GoneDetails): Promise<void> {
    const clean = details.reason === 'clean-exit';
    (clean ? deps.log.info : deps.log.error)('crash', 'render process gone', { reason: details.reason, exitCode: details.exitCode });
    if (clean) return;
    const text = desktopText(deps.language()).crash;
    const win = deps.mainWindow();
    const response = await offer(win, {
      type: 'error',
      title: 'Precinct Desk',
      message: text.renderGone,
      detail: text.renderGoneDetail,
      buttons: [text.reload, text.quit],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (response === 0) reload(contents);
    else if (response === 1) deps.quit();
  }

  function onChildProcessGone(details: ChildGoneDetails): void {
    const level = details.reason === 'clean-exit' ? deps.log.info : deps.log.warn;
    level('crash', 'child process gone', {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      service: details.serviceName,
      name: details.name,
    });
  }

  async function onMainError(kind: 'uncaughtException' | 'unhandledRejection', error: unknown): Promise<void> {
    const described = describeError(error);
    deps.log.error('main', kind, { name: described.name, message: described.message, stack: described.stack });
    const text = desktopText(deps.language()).crash;
    const win = deps.mainWindow();
    const response = await offer(win, {
      type: 'error',
      title: 'Precinct Desk',
      message: text.mainError,
      detail: text.mainErrorDetail,
      buttons: [text.reload, text.continue],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response === 0) reload(win?.isDestroyed() ? undefined : win?.webContents);
  }

  /** `unresponsive` / `responsive` of one window. */
  function watchWindow(win: BrowserWindow): void {
    let waiting: AbortController | null = null;
    win.on('unresponsive', () => {
      deps.log.warn('hang', 'window unresponsive');
      if (waiting) return;
      const controller = new AbortController();
      waiting = controller;
      const text = desktopText(deps.language()).crash;
      void offer(win, {
        type: 'warning',
        title: 'Precinct Desk',
        message: text.unresponsive,
        detail: text.unresponsiveDetail,
        buttons: [text.wait, text.reload],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
        signal: controller.signal,
      }).then((response) => {
        if (waiting === controller) waiting = null;
        if (response === 1 && !controller.signal.aborted && !win.isDestroyed()) {
          deps.log.info('hang', 'renderer restarted by the user');
          // A hung renderer does not run a reload: end it first, then load the page again.
          win.webContents.forcefullyCrashRenderer();
          win.webContents.reload();
        }
      });
    });
    win.on('responsive', () => {
      deps.log.info('hang', 'window responsive again');
      waiting?.abort();
      waiting = null;
    });
  }

  return { onRenderProcessGone, onChildProcessGone, onMainError, watchWindow };
}

export type CrashHandlers = ReturnType<typeof createCrashHandlers>;

/** Registers the app-wide handlers (call before `ready`, so nothing early goes unlogged). */
export function installCrashHandlers(app: EventSource, proc: Pick<NodeJS.EventEmitter, 'on'>, handlers: CrashHandlers): void {
  app.on('render-process-gone', ((_event: unknown, contents: WebContents, details: GoneDetails) => {
    void handlers.onRenderProcessGone(contents, details);
  }) as (...args: never[]) => void);
  app.on('child-process-gone', ((_event: unknown, details: ChildGoneDetails) => {
    handlers.onChildProcessGone(details);
  }) as (...args: never[]) => void);
  proc.on('uncaughtException', (error: unknown) => {
    void handlers.onMainError('uncaughtException', error);
  });
  proc.on('unhandledRejection', (reason: unknown) => {
    void handlers.onMainError('unhandledRejection', reason);
  });
}
