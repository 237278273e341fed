/**
 * One process owns a PGlite data folder. Two processes writing one folder lose acknowledged events
 * (each keeps its own view of the files) or leave it unopenable, so the owner holds a lock file
 * next to the folder (`<folder>.lock`) naming its pid, host and, once it listens, its URL. A second
 * opener (another `serve` or a CLI command) is refused with a message naming the owner; the CLI's
 * admin commands then go through the running server's admin API instead. A lock whose pid is no
 * longer alive on this host (a crash, kill -9) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const lockInfoSchema = z.object({ pid: z.number().int().positive(), host: z.string(), startedAt: z.string(), url: z.string().nullable() });
export type FolderLockInfo = z.infer<typeof lockInfoSchema>;

/** A data folder held by another live process. */
export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: FolderLockInfo,
  ) {
    super(
      `the data folder ${folder} is in use by process ${owner.pid} on ${owner.host}${owner.url ? ` (center serving at ${owner.url})` : ''}; ` +
        'a PGlite folder belongs to one process: stop it first, or use the admin API of the running center',
    );
  }
}

export const lockPathOf = (folder: string): string => `${resolve(folder)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the pid exists but belongs to another user — alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner when the folder is held by a live process, else null (no lock, or a stale one). */
export function folderOwner(folder: string): FolderLockInfo | null {
  let text: string;
  try {
    text = readFileSync(lockPathOf(folder), 'utf8');
  } catch {
    return null;
  }
  let parsed: ReturnType<typeof lockInfoSchema.safeParse>;
  try {
    parsed = lockInfoSchema.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const info = parsed.data;
  // Another host's pid cannot be checked from here: held (a folder on a shared disk).
  if (info.host !== hostname()) return info;
  return info.pid !== process.pid && alive(info.pid) ? info : null;
}

export interface FolderLock {
  readonly path: string;
  /** Records where the owner serves, for the CLI to find it. */
  setUrl(url: string): void;
  release(): void;
}

/** Takes the folder's lock or throws `FolderLockedError`; a stale lock is replaced. */
export function lockFolder(folder: string): FolderLock {
  const path = lockPathOf(folder);
  let info: FolderLockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), url: null };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      let released = false;
      const write = (): void => {
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(info));
        renameSync(tmp, path);
      };
      const onExit = (): void => lock.release();
      const lock: FolderLock = {
        path,
        setUrl(url) {
          info = { ...info, url };
          write();
        },
        release() {
          if (released) return;
          released = true;
          process.off('exit', onExit);
          try {
            const now = lockInfoSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
            if (now.success && now.data.pid === process.pid) unlinkSync(path);
          } catch {
            // Already gone.
          }
        },
      };
      process.on('exit', onExit);
      return lock;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = folderOwner(folder);
      if (owner) throw new FolderLockedError(resolve(folder), owner);
      // Stale (its process is gone) or unreadable: taken over.
      try {
        unlinkSync(path);
      } catch {
        // Another opener removed it first; try again.
      }
    }
  }
  throw new Error(`could not lock the data folder ${resolve(folder)}`);
}
