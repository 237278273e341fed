// The main process's rotating log file (electron/main/log.ts), on a real temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRotatingLog, scrubLogText } from '../../../electron/main/log';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'precinct-desk-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the rotating log', () => {
  it('writes one line an entry, with time, level, scope, message and fields, creating its folder', () => {
    const dir = join(tempDir(), 'logs');
    const log = openRotatingLog({ dir, now: () => new Date('2026-12-06T01:02:03.456Z') });
    log.info('app', 'start', { version: '0.1.0', packaged: false });
    log.error('crash', 'render process gone', { reason: 'oom', exitCode: -1, skipped: undefined });
    const lines = readFileSync(join(dir, 'main.log'), 'utf8').trimEnd().split('\n');
    expect(lines).toEqual([
      '2026-12-06T01:02:03.456Z INFO  [app] start version="0.1.0" packaged=false',
      '2026-12-06T01:02:03.456Z ERROR [crash] render process gone reason="oom" exitCode=-1',
    ]);
  });

  it('rotates by size into N generations, deleting the oldest, and never grows past (N + 1) × maxBytes', () => {
    const dir = tempDir();
    const log = openRotatingLog({ dir, maxBytes: 1000, generations: 3 });
    for (let i = 0; i < 200; i += 1) log.info('test', `entry ${String(i).padStart(4, '0')}`, { filler: 'x'.repeat(40) });
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000);
    // The newest entry is in main.log, older ones in .1, .2, .3 in order; the very first are gone.
    const all = log.files().map((path) => readFileSync(path, 'utf8')).join('');
    expect(all).toContain('entry 0199');
    expect(all).not.toContain('entry 0000');
    const numbers = [...all.matchAll(/entry (\d{4})/gu)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(199);
    expect(log.tail(200).length).toBe(200);
    expect(log.tail(200)).toContain('entry 0199');
  });

  it('continues an existing file after a restart and rotates it when full', () => {
    const dir = tempDir();
    openRotatingLog({ dir, maxBytes: 300 }).info('app', 'first run');
    const again = openRotatingLog({ dir, maxBytes: 300 });
    again.info('app', 'second run');
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toMatch(/first run[\s\S]*second run/u);
    again.info('app', 'y'.repeat(200));
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toMatch(/first run[\s\S]*second run/u);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('y'.repeat(200));
  });

  it('does not throw when the folder cannot be written', () => {
    const file = join(tempDir(), 'not-a-folder');
    openRotatingLog({ dir: tempDir() }).info('x', 'y');
    const log = openRotatingLog({ dir: join(file, '\u0000bad') });
    expect(() => log.error('app', 'boom')).not.toThrow();
  });
});

describe('scrubLogText (no personal data in the log)', () => {
  it('masks names in quotes, PINs, passport numbers, e-mails and home folders; keeps the shape', () => {
    const text = scrubLogText(
      'Voter "Асанова Гүлнара Бакытовна" with PIN 21203198700123 (passport AN1234567) mailed asanova@example.kg ' +
        "at C:\\Users\\Gulnara\\AppData\\x.js:12:5 and file:///home/aibek/app.asar/out/main/index.js:40:7 'Бишкек, Чүй 12'\nnext line",
    );
    for (const secret of ['Асанова', 'Гүлнара', '21203198700123', '1234567', 'asanova@', 'Gulnara', 'aibek', 'Чүй']) expect(text).not.toContain(secret);
    expect(text).toContain('Voter "…" with PIN');
    expect(text).toContain('C:\\Users\\~\\AppData\\x.js:12:5');
    expect(text).toContain('/home/~/app.asar/out/main/index.js:40:7');
    expect(text).not.toContain('\n');
  });

  it('caps the length', () => {
    expect(scrubLogText('a'.repeat(10_000)).length).toBe(4000);
    expect(scrubLogText('a'.repeat(10_000), 100).length).toBe(100);
  });
});
