/**
 * The raw IndexedDB read of the active voter list (issue 19): the `voterList` projection and that
 * list's `listCache` row, one read-only transaction. Run in a worker at the window's start
 * (list-read.worker.ts, asked by list-preload.ts), or in the window when no worker can be made.
 * A row whose list is its blob's (`packedIn: 'blob'`: written by the import, the list stored once)
 * is given the blob's packed list, read in the same transaction, as its `packed`.
 * Nothing here trusts the row: it goes through the same checks as a row read by Dexie
 * (list-cache.ts). Imports nothing: it is in the window's first chunk and in the worker.
 */

export interface PreloadedList {
  /** The `voterList` projection's value as stored (checked by its reader). */
  meta: unknown;
  listHash: string;
  /** The `listCache` row of that hash, or undefined when there is none. */
  row: unknown;
}

/** Whether a cache row's list is its blob's (`packedIn: 'blob'`, no `packed` of its own: the import's rows). */
export function listInBlob(row: unknown): boolean {
  return typeof row === 'object' && row !== null && (row as { packedIn?: unknown }).packedIn === 'blob' && (row as { packed?: unknown }).packed === undefined;
}

/** The row with its blob's list as its `packed` (the blob's `data`; undefined when there is no blob). */
export function withBlobList(row: object, blob: unknown): unknown {
  return { ...row, packed: (blob as { data?: unknown } | undefined)?.data };
}

/**
 * Reads database `name` (never creates it: a database that does not exist stays so); null on any
 * failure. The row is given as soon as it is read (with its blob's list, when its list is the
 * blob's: as soon as that is read), not when the read-only transaction completes: on a reload of
 * the desk that completion came 10-30 ms after the row (the app's own database reads beside it),
 * and the desk's first answer waited for it (issue 19, desk.open). `onListFound` is called once
 * the projection names an active list, before its row is read (the desk then shows its search box
 * while the row is still coming).
 */
export function readListRow(name: string, onListFound?: () => void): Promise<PreloadedList | null> {
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
        if (!db.objectStoreNames.contains('projections') || !db.objectStoreNames.contains('listCache') || !db.objectStoreNames.contains('blobs')) {
          db.close();
          resolve(null);
          return;
        }
        const tx = db.transaction(['projections', 'listCache', 'blobs'], 'readonly');
        const meta = tx.objectStore('projections').get('voterList');
        meta.onsuccess = () => {
          const value = (meta.result as { value?: unknown } | undefined)?.value;
          const listHash = (value as { listHash?: unknown } | null | undefined)?.listHash;
          if (typeof listHash !== 'string') return;
          onListFound?.();
          const row = tx.objectStore('listCache').get(listHash);
          row.onsuccess = () => {
            const found: unknown = row.result;
            if (!listInBlob(found)) {
              out = { meta: value, listHash, row: found };
              // The first settling counts (a later `complete` or error changes nothing).
              resolve(out);
              return;
            }
            const blob = tx.objectStore('blobs').get(listHash);
            blob.onsuccess = () => {
              out = { meta: value, listHash, row: withBlobList(found as object, blob.result) };
              resolve(out);
            };
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
 * The buffers of the typed arrays in a read row (its objects followed a few levels down; arrays are
 * not: the row keeps its typed arrays in objects' fields), to be transferred, not copied, to the
 * window: the window then deserialises a few strings, not the list's and index's megabytes of
 * numbers (a task of 100 ms and more at 100,000 voters).
 */
export function rowBuffers(value: unknown, depth = 4, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (depth > 0 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const v of Object.values(value)) rowBuffers(v, depth - 1, out);
  }
  return [...out];
}
