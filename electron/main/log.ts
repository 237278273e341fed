/**
 * The main process's log: one text file in the user data folder (`<userData>/logs/main.log`), a line
 * an entry, rotated by size into `main.1.log` … `main.N.log` (the oldest is deleted), so support can
 * read what happened at a precinct without the folder ever growing past (N + 1) × maxBytes.
 *
 * A small logger of our own rather than electron-log: electron-log requires 'electron' when loaded
 * (so neither the ESM bundle of main nor the unit tests, which mock electron, take it as it is),
 * registers its own IPC channel for the renderer, and keeps one old file where support wants a few.
 *
 * No personal data (the rule of ipc.ts and the center's log: messages never echo payload values).
 * The code logs event names, reasons, codes and its own messages; everything that comes from
 * elsewhere (an error's message or stack, a renderer's report) passes `scrubLogText` first, which
 * masks home folders (they hold the Windows user name), quoted values, e-mail addresses and long
 * digit runs (a voter's PIN is 14 digits, a passport number 7). Writes are synchronous appends: an
 * entry written just before a crash is on disk, and entries are rare (start, errors, crashes).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_GENERATIONS = 5;
const MAX_ENTRY_CHARS = 4000;

export interface RotatingLog {
  readonly dir: string;
  info(scope: string, message: string, fields?: LogFields): void;
  warn(scope: string, message: string, fields?: LogFields): void;
  error(scope: string, message: string, fields?: LogFields): void;
  /** The log files that exist, oldest first (main.N.log … main.1.log, main.log). */
  files(): string[];
  /** The newest `maxChars` characters of all the log files together, oldest first. */
  tail(maxChars: number): string;
}

export interface RotatingLogOptions {
  dir: string;
  baseName?: string;
  maxBytes?: number;
  /** How many rotated files are kept besides the current one. */
  generations?: number;
  now?: () => Date;
}

/**
 * Masks what may be personal in text that came from elsewhere (an error's message or stack). Keeps
 * the shape (error names, function names, file:line:column of the app's own files).
 */
export function scrubLogText(text: string, maxChars = MAX_ENTRY_CHARS): string {
  return (
    text
      .slice(0, maxChars * 2)
      // eslint-disable-next-line no-control-regex -- control characters would break the one-line format
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/gu, ' ')
      .replace(/\r?\n/gu, ' ⏎ ')
      // home folders: C:\Users\<name>, /home/<name>, /Users/<name> (also inside file:// URLs)
      .replace(/([\\/](?:users|home|documents and settings)[\\/])[^\\/\s:'"]+/giu, '$1~')
      // bounded parts: an unbounded run would backtrack quadratically over a long line
      .replace(/[^\s@'"<>()]{1,64}@[^\s@'"<>()]{1,253}\.[^\s@'"<>()]{1,63}/gu, '<email>')
      // quoted values: what a message quotes is usually an input
      .replace(/"[^"\n]{1,300}"/gu, '"…"')
      .replace(/'[^'\n]{1,300}'/gu, "'…'")
      .replace(/«[^»\n]{1,300}»/gu, '«…»')
      .replace(/“[^”\n]{1,300}”/gu, '“…”')
      .replace(/\d{6,}/gu, (digits) => '#'.repeat(Math.min(digits.length, 20)))
      .slice(0, maxChars)
  );
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
    parts.push(`${key}=${text}`);
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

export function openRotatingLog({
  dir,
  baseName = 'main',
  maxBytes = LOG_MAX_BYTES,
  generations = LOG_GENERATIONS,
  now = () => new Date(),
}: RotatingLogOptions): RotatingLog {
  const current = join(dir, `${baseName}.log`);
  const generation = (n: number) => join(dir, `${baseName}.${n}.log`);
  let size: number | null = null;

  function currentSize(): number {
    if (size === null) {
      try {
        size = statSync(current).size;
      } catch {
        size = 0;
      }
    }
    return size;
  }

  function rotate(): void {
    rmSync(generation(generations), { force: true });
    for (let n = generations - 1; n >= 1; n -= 1) {
      if (existsSync(generation(n))) renameSync(generation(n), generation(n + 1));
    }
    if (generations >= 1) renameSync(current, generation(1));
    else rmSync(current, { force: true });
    size = 0;
  }

  function write(level: LogLevel, scope: string, message: string, fields?: LogFields): void {
    const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${message}${formatFields(fields)}`.slice(0, MAX_ENTRY_CHARS) + '\n';
    const bytes = Buffer.byteLength(line, 'utf8');
    try {
      mkdirSync(dir, { recursive: true });
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
      appendFileSync(current, line, 'utf8');
      size = currentSize() + bytes;
    } catch {
      // A log that cannot be written (full disk, read-only profile) must not stop the app.
      size = null;
    }
  }

  function files(): string[] {
    const all = [...Array.from({ length: generations }, (_, i) => generation(generations - i)), current];
    return all.filter((path) => existsSync(path));
  }

  return {
    dir,
    info: (scope, message, fields) => write('info', scope, message, fields),
    warn: (scope, message, fields) => write('warn', scope, message, fields),
    error: (scope, message, fields) => write('error', scope, message, fields),
    files,
    tail(maxChars) {
      let text = '';
      for (const path of files()) {
        try {
          text += readFileSync(path, 'utf8');
        } catch {
          // a file rotated away meanwhile
        }
      }
      return text.length > maxChars ? text.slice(text.length - maxChars) : text;
    },
  };
}
