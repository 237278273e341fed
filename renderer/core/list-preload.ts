/**
 * The active voter list read at the window's first line (issue 19: the desk usable before the rest
 * of the app has loaded). The entry script starts this read — the `voterList` projection and that
 * list's `listCache` row, raw IndexedDB (list-read.ts) — before the app's code is even fetched, so
 * the bytes come off the disk while the rest loads; the core then takes the row
 * (`takePreloadedList`) instead of reading it again. Unless the window opens on the desk, the read
 * runs in a worker of its own (list-read.worker.ts): deserialising the row in the window was one
 * task of 100 ms and more at 100,000 voters on every reload (a restore's, a training load's),
 * beside the app's own start; the worker transfers the row's typed arrays. The desk reads it in the
 * window (main.tsx), its first answer waiting for the row. When no worker can be made, or it fails,
 * or it answers outside its one message, the window reads the row itself, as before. Nothing here trusts the
 * row: it goes through the same checks as a row read by Dexie (list-cache.ts). This module imports
 * nothing heavy (no Dexie, no zod): it is in the first chunk. The worker's answer is checked by
 * hand (`asPreloaded`), not with zod, for that reason; what it carries is checked by list-open.ts.
 */
import { readListRow, type PreloadedList } from './list-read';

export type { PreloadedList } from './list-read';

let pending: Promise<PreloadedList | null> | null = null;
/** Whether the read found an active list (known before its row is read when read in the window). */
let found: Promise<boolean> = Promise.resolve(false);

const listReadWorker = typeof Worker === 'undefined' ? null : () => new Worker(new URL('./list-read.worker.ts', import.meta.url), { type: 'module', name: 'list-read' });

/**
 * Starts the read from database `name` (never creates it: a database that does not exist stays so),
 * in a worker made by `createWorker` (null: in the window).
 */
export function startListPreload(name: string, createWorker: (() => Worker) | null = listReadWorker): void {
  let listFound: (yes: boolean) => void = () => undefined;
  found = new Promise((resolve) => {
    listFound = resolve;
  });
  pending = createWorker ? readInWorker(name, createWorker) : readListRow(name, () => listFound(true));
  // The first settling counts: found before the row, or what the whole read gave.
  void pending.then((read) => listFound(read !== null));
}

/**
 * Whether the read started at the window's first line finds an active list: in the window, true as
 * soon as the projection names one, before its row has been read (the desk shows its search box
 * meanwhile: issue 19, desk.open); false when there is none or the read failed.
 */
export function preloadFindsList(): Promise<boolean> {
  return found;
}

/** The worker's answer as a read, null when it read nothing, undefined when it is not an answer of its. */
function asPreloaded(data: unknown): PreloadedList | null | undefined {
  if (data === null) return null;
  if (typeof data !== 'object' || !('meta' in data) || !('row' in data) || !('listHash' in data) || typeof data.listHash !== 'string') return undefined;
  return { meta: data.meta, listHash: data.listHash, row: data.row };
}

function readInWorker(name: string, createWorker: () => Worker): Promise<PreloadedList | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = createWorker();
    } catch {
      resolve(readListRow(name));
      return;
    }
    let settled = false;
    const settle = (read: PreloadedList | null | Promise<PreloadedList | null>) => {
      if (settled) return;
      settled = true;
      worker.terminate();
      resolve(read);
    };
    worker.onmessage = (e: MessageEvent<unknown>) => {
      const read = asPreloaded(e.data);
      settle(read === undefined ? readListRow(name) : read);
    };
    // Its script not loaded, or its answer unreadable: the window reads the row itself.
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      settle(readListRow(name));
    };
    worker.onmessageerror = () => settle(readListRow(name));
    worker.postMessage(name);
  });
}

/**
 * What the first line read (once: later calls get null, and the row is let go so its memory can be
 * freed once the list is built from it).
 */
export function takePreloadedList(): Promise<PreloadedList | null> {
  const p = pending ?? Promise.resolve(null);
  pending = null;
  return p;
}
