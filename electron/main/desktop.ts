/**
 * What main knows about the window it serves, and the desktop actions built on it: the UI language
 * and the active election bundle (both told by the renderer over checked channels), About, "Save a
 * support file" and the renderer's error reports for the log.
 */
import type { BrowserWindow, MessageBoxOptions, SaveDialogOptions } from 'electron';
import { join, basename, isAbsolute } from 'node:path';
import type { ActiveBundle, RendererErrorReport, SaveSupportFileResult } from '../../shared/platform/api';
import { desktopText, fill, type UiLanguage } from './desktop-text';
import { scrubLogText, type RotatingLog } from './log';
import { SUPPORT_LOG_CHARS, supportFileName, supportFileText, type SupportFacts } from './support-file';

/** Renderer error reports the log takes per minute; the rest are counted, not written. */
export const RENDERER_REPORTS_PER_MINUTE = 30;

export interface DesktopDependencies {
  log: RotatingLog;
  showMessageBox(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<{ response: number }>;
  showSaveDialog(parent: BrowserWindow | null, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(path: string, data: string): Promise<void>;
  documentsDir(): string | null;
  /** The versions and the OS (process.versions, os.release()…). */
  facts(): Omit<SupportFacts, 'language' | 'bundle' | 'createdAt'>;
  now(): Date;
}

export function createDesktop(deps: DesktopDependencies) {
  let language: UiLanguage = 'ky';
  let bundle: ActiveBundle | null = null;
  let windowStart = 0;
  let inWindow = 0;
  let dropped = 0;

  function setLanguage(next: UiLanguage): void {
    if (next !== language) deps.log.info('ui', 'language', { language: next });
    language = next;
  }

  function setBundle(next: ActiveBundle): void {
    const normalized = next.hash === null && next.version === null ? null : next;
    if (normalized?.hash !== bundle?.hash || normalized?.version !== bundle?.version) {
      deps.log.info('ui', 'active election bundle', { version: normalized?.version ?? null, sha256: normalized?.hash ?? null });
    }
    bundle = normalized;
  }

  /** Writes a (parsed) renderer report to the log, masked, at most RENDERER_REPORTS_PER_MINUTE a minute. */
  function logRendererError(report: RendererErrorReport): void {
    const now = deps.now().getTime();
    if (now - windowStart >= 60_000) {
      if (dropped > 0) deps.log.warn('renderer', 'reports dropped (too many in a minute)', { count: dropped });
      windowStart = now;
      inWindow = 0;
      dropped = 0;
    }
    if (inWindow >= RENDERER_REPORTS_PER_MINUTE) {
      dropped += 1;
      return;
    }
    inWindow += 1;
    deps.log.error('renderer', report.kind, {
      name: scrubLogText(report.name, 100),
      message: scrubLogText(report.message, 1000),
      stack: report.stack === undefined ? undefined : scrubLogText(report.stack),
    });
  }

  function supportFacts(): SupportFacts {
    return { ...deps.facts(), language, bundle, createdAt: deps.now() };
  }

  function aboutOptions(): MessageBoxOptions {
    const text = desktopText(language).about;
    const facts = deps.facts();
    const lines = [
      fill(text.version, { version: facts.appVersion }),
      fill(text.build, { build: facts.build }),
      bundle?.hash ? fill(text.bundle, { version: bundle.version ?? '?', hash: bundle.hash }) : text.noBundle,
      fill(text.runtime, { electron: facts.versions.electron, chrome: facts.versions.chrome, node: facts.versions.node }),
    ];
    return {
      type: 'info',
      title: text.title,
      message: fill(text.message, { version: facts.appVersion }),
      detail: lines.join('\n'),
      buttons: [text.ok],
      defaultId: 0,
      noLink: true,
    };
  }

  async function showAbout(parent: BrowserWindow | null): Promise<void> {
    await deps.showMessageBox(parent, aboutOptions());
  }

  /** Asks where to save the support file and writes it; tells the user how it went. */
  async function saveSupportFile(parent: BrowserWindow | null): Promise<SaveSupportFileResult> {
    const text = desktopText(language).support;
    const facts = supportFacts();
    const name = supportFileName(facts.createdAt);
    const documents = deps.documentsDir();
    const choice = await deps.showSaveDialog(parent, {
      title: text.title,
      defaultPath: documents ? join(documents, name) : name,
      filters: [{ name: 'Text', extensions: ['txt'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath || !isAbsolute(choice.filePath)) return { status: 'cancelled' };
    deps.log.info('support', 'support file requested');
    const content = supportFileText(facts, deps.log.tail(SUPPORT_LOG_CHARS));
    try {
      await deps.writeFile(choice.filePath, content);
    } catch {
      deps.log.warn('support', 'support file could not be written');
      await deps.showMessageBox(parent, { type: 'error', title: text.title, message: text.failed, buttons: [desktopText(language).about.ok], noLink: true });
      return { status: 'cancelled' };
    }
    const fileName = basename(choice.filePath);
    await deps.showMessageBox(parent, {
      type: 'info',
      title: text.title,
      message: fill(text.saved, { name: fileName }),
      detail: text.savedDetail,
      buttons: [desktopText(language).about.ok],
      noLink: true,
    });
    return { status: 'saved', fileName };
  }

  return {
    language: () => language,
    setLanguage,
    bundle: () => bundle,
    setBundle,
    logRendererError,
    aboutOptions,
    showAbout,
    saveSupportFile,
    supportFacts,
  };
}

