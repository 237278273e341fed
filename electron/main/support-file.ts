/**
 * "Save a support file" (Help menu, or `saveSupportFile` from the window): a text file with the
 * versions (app, build, Electron, Chromium, Node, OS), the UI language, the active election
 * bundle's version and hash, and the newest part of the log. Nothing else: no voter's data (the
 * log holds none, log.ts), no user name, host name or folder path.
 */
import type { ActiveBundle } from '../../shared/platform/api';
import type { UiLanguage } from './desktop-text';

export const SUPPORT_LOG_CHARS = 512 * 1024;

export interface SupportFacts {
  appVersion: string;
  build: string;
  packaged: boolean;
  versions: { electron: string; chrome: string; node: string };
  os: { platform: string; release: string; arch: string };
  language: UiLanguage;
  bundle: ActiveBundle | null;
  createdAt: Date;
}

export function supportFileName(at: Date): string {
  return `precinct-desk-support-${at.toISOString().replace(/[-:]/gu, '').replace(/\.\d{3}Z$/u, 'Z')}.txt`;
}

export function supportFileText(facts: SupportFacts, logTail: string): string {
  const bundle = facts.bundle?.hash ? `version ${facts.bundle.version ?? '?'}, sha256 ${facts.bundle.hash}` : 'none loaded';
  return [
    'Precinct Desk support file',
    `created: ${facts.createdAt.toISOString()}`,
    `app: ${facts.appVersion} (build ${facts.build}${facts.packaged ? '' : ', not packaged'})`,
    `electron: ${facts.versions.electron}`,
    `chrome: ${facts.versions.chrome}`,
    `node: ${facts.versions.node}`,
    `os: ${facts.os.platform} ${facts.os.release} ${facts.os.arch}`,
    `language: ${facts.language}`,
    `election bundle: ${bundle}`,
    '',
    `--- log (the newest ${Math.round(SUPPORT_LOG_CHARS / 1024)} KiB at most) ---`,
    logTail.length > 0 ? logTail.trimEnd() : '(empty)',
    '',
  ].join('\n');
}
