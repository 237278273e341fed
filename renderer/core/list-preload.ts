/**
 * The active voter list read at the window's first line (issue 19: the desk usable before the rest
 * of the app has loaded). The entry script starts this raw IndexedDB read — the `voterList`
 * projection and that list's `listCache` row, one read-only transaction — before the app's code is
 * even fetched, so the bytes come off the disk while the rest loads; the core then takes the row
 * (`takePreloadedList`) instead of reading it again. Nothing here trusts the row: it goes through
 * the same checks as a row read by Dexie (list-cache.ts), and any failure here just means "not
 * preloaded". This module imports nothing heavy (no Dexie, no zod): it is in the first chunk.
 */

export interface PreloadedList {
  /** The `voterList` projection's value as stored (checked by its reader). */
  meta: unknown;
  listHash: string;
  /** The `listCache` row of that hash, or undefined when there is none. */
  row: unknown;
}

let pending: Promise<PreloadedList | null> | null = null;

/** Starts the read from database `name` (never creates it: a database that does not exist stays so). */
export function startListPreload(name: string): void {
  pending = readPreload(name);
}

function readPreload(name: string): Promise<PreloadedList | null> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      open = indexedDB.open(name);
    } catch {
      resolve(null);
      return;
    }
    // A first run: the database does not exist. Abort, so it is not created at version 1 here
    // (Dexie creates it with its schema).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      // Dexie's upgrade (a newer version of the app) is never held up by this connection.
      db.onversionchange = () => db.close();
      let out: PreloadedList | null = null;
      try {
        if (!db.objectStoreNames.contains('projections') || !db.objectStoreNames.contains('listCache')) {
          db.close();
          resolve(null);
          return;
        }
        const tx = db.transaction(['projections', 'listCache'], 'readonly');
        const meta = tx.objectStore('projections').get('voterList');
        meta.onsuccess = () => {
          const value = (meta.result as { value?: unknown } | undefined)?.value;
          const listHash = (value as { listHash?: unknown } | null | undefined)?.listHash;
          if (typeof listHash !== 'string') return;
          const row = tx.objectStore('listCache').get(listHash);
          row.onsuccess = () => {
            out = { meta: value, listHash, row: row.result };
          };
        };
        tx.oncomplete = () => {
          db.close();
          resolve(out);
        };
        tx.onerror = () => {
          db.close();
          resolve(null);
        };
        tx.onabort = () => {
          db.close();
          resolve(null);
        };
      } catch {
        db.close();
        resolve(null);
      }
    };
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
