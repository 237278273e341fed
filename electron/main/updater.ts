/**
 * Help → "Install an update…" (docs/UPDATES.md): the commission chooses the package folder (a
 * dialog in main; the renderer never names a path), main verifies it (update-package.ts), tells a
 * refusal with its reason in the UI's language, or asks to install the verified version; on yes the
 * staged installer starts and the app quits so the installer can replace it.
 *
 * One install at a time (a second call while one runs is refused as 'busy'). The log gets codes and
 * versions only, never a path (folder names can hold a person's name).
 */
import type { BrowserWindow, MessageBoxOptions, OpenDialogOptions } from 'electron';
import type { KeyObject } from 'node:crypto';
import type { InstallUpdateResult } from '../../shared/platform/api';
import { desktopText, fill, type UiLanguage } from './desktop-text';
import type { RotatingLog } from './log';
import { verifyUpdatePackage, type PackageFiles, type UpdateRefusal } from './update-package';

export interface UpdaterDependencies {
  log: RotatingLog;
  language(): UiLanguage;
  publicKey: KeyObject | null;
  runningVersion: string;
  files: PackageFiles;
  showOpenDialog(parent: BrowserWindow | null, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showMessageBox(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<{ response: number }>;
  /** Starts the staged installer (rejects when it cannot be started). */
  runInstaller(path: string): Promise<void>;
  quit(): void;
}

export function refusalText(language: UiLanguage, code: UpdateRefusal): string {
  return desktopText(language).update.reasons[code];
}

export function createUpdater(deps: UpdaterDependencies) {
  let busy = false;

  async function run(parent: BrowserWindow | null): Promise<InstallUpdateResult> {
    const text = desktopText(deps.language()).update;
    const choice = await deps.showOpenDialog(parent, { title: text.choose, properties: ['openDirectory'] });
    const folder = choice.filePaths[0];
    if (choice.canceled || folder === undefined) return { status: 'cancelled' };

    const verified = await verifyUpdatePackage(folder, { publicKey: deps.publicKey, runningVersion: deps.runningVersion, files: deps.files });
    if (!verified.ok) {
      deps.log.warn('update', 'package refused', { code: verified.error, running: deps.runningVersion });
      await deps.showMessageBox(parent, {
        type: 'error',
        title: text.title,
        message: text.refused,
        detail: refusalText(deps.language(), verified.error),
        buttons: [text.ok],
        noLink: true,
      });
      return { status: 'refused', code: verified.error };
    }

    const { version, stagedPath } = verified.value;
    deps.log.info('update', 'package verified', { version, running: deps.runningVersion });
    const answer = await deps.showMessageBox(parent, {
      type: 'question',
      title: text.title,
      message: fill(text.confirm, { version, running: deps.runningVersion }),
      detail: text.confirmDetail,
      buttons: [text.install, text.cancel],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (answer.response !== 0) {
      deps.log.info('update', 'install declined', { version });
      return { status: 'cancelled' };
    }
    try {
      await deps.runInstaller(stagedPath);
    } catch {
      deps.log.error('update', 'installer did not start', { version });
      await deps.showMessageBox(parent, { type: 'error', title: text.title, message: text.failed, buttons: [text.ok], noLink: true });
      return { status: 'failed' };
    }
    deps.log.info('update', 'installer started; quitting', { version });
    deps.quit();
    return { status: 'installing', version };
  }

  async function install(parent: BrowserWindow | null): Promise<InstallUpdateResult> {
    if (busy) return { status: 'busy' };
    busy = true;
    try {
      return await run(parent);
    } finally {
      busy = false;
    }
  }

  return { install };
}

