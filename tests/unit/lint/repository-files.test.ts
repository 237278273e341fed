/**
 * What the repository must not carry: runtime state of one machine. The embedded center's lock file
 * (center-data.lock: the pid and host of the process holding its data folder) was committed once, so
 * on any fresh clone whose host is not that machine `npm start`'s center refused to start — "the data
 * folder is in use by process … on vm" (another host's pid cannot be checked, so its lock holds).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lockPathOf } from '../../../center/src/db/folder-lock';
import { relative } from 'node:path';

describe('the repository', () => {
  it('tracks no lock file of a center data folder, and ignores the default one', () => {
    const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const locks = tracked.filter((f) => f.endsWith('.lock') && f !== 'package-lock.json');
    expect(locks).toEqual([]);
    const defaultLock = relative(process.cwd(), lockPathOf('./center-data'));
    expect(defaultLock).toBe('center-data.lock');
    // git check-ignore exits 0 when the path is ignored.
    expect(() => execFileSync('git', ['check-ignore', '-q', defaultLock])).not.toThrow();
  });
});
