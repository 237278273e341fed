/**
 * The import worker's way into this window's database (issue 19): it reads the active list and the
 * issued ballots, stages a new list's blob and the desk's cache row, and reads the log and its lists
 * for a backup, by raw IndexedDB — a worker
 * has no Dexie of the window — each connection closed at once so it never holds up an upgrade of the
 * database by the window. Only this module of the worker touches the store.
 */
import { checkPackedList, listBlobVoters, unpackVoters, type PackedVoterList, type VoterRecord } from '../../shared/voters';
import type { StoredEvent } from '../../shared/events/envelope';
import { openExisting } from './open-existing';

function read<T>(database: string, store: string, run: (s: IDBObjectStore) => IDBRequest<T>[]): Promise<T[]> {
  return openExisting(database).then(
    (db) =>
      new Promise<T[]>((resolve, reject) => {
        try {
          const tx = db.transaction(store, 'readonly');
          const requests = run(tx.objectStore(store));
          tx.oncomplete = () => {
            db.close();
            resolve(requests.map((r) => r.result));
          };
          tx.onerror = tx.onabort = () => {
            db.close();
            reject(tx.error ?? new Error(`cannot read ${store}`));
          };
        } catch (e) {
          db.close();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }),
  );
}

/** The active list's voters, from its cache row when sound, else from its blob. */
export async function readActiveListIn(database: string, listHash: string, count: number): Promise<readonly VoterRecord[]> {
  const [cached] = await read<unknown>(database, 'listCache', (s) => [s.get(listHash)]);
  const packed = checkPackedList((cached as { packed?: unknown } | undefined)?.packed);
  if (packed.ok && packed.value.count === count && (cached as { listHash?: unknown }).listHash === listHash) return unpackVoters(packed.value);
  const [blob] = await read<unknown>(database, 'blobs', (s) => [s.get(listHash)]);
  if (blob === undefined) throw new Error(`the voter list ${listHash.slice(0, 12)} is missing from this laptop`);
  const voters = listBlobVoters((blob as { data?: unknown }).data);
  if (!voters.ok) throw new Error(`the voter list ${listHash.slice(0, 12)} cannot be read (${voters.error.code})`);
  return voters.value;
}

/** Which of `ids` have a ballot issued in the room. */
export async function readIssuedIn(database: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await read<unknown>(database, 'voterStatus', (s) => ids.map((id) => s.get(id)));
  return new Set(ids.filter((_, i) => (rows[i] as { issued?: unknown } | undefined)?.issued));
}

/** One strict read-write transaction of `db` on `store`; resolves with what `run` gives once it is committed. */
function write<T>(db: IDBDatabase, store: string, run: (s: IDBObjectStore) => () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
      const result = run(tx.objectStore(store));
      tx.oncomplete = () => resolve(result());
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error(`cannot write ${store}`));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/**
 * The list's blob (unless one of that hash is stored; true when written) and the desk's cache row
 * of the list, each in a strict transaction of its own, the blob first: the browser holds a
 * transaction's values until it commits, so two halves in turn keep less at the import's peak of
 * memory than one (issue 19). The packed list is written once: in the blob, the cache row holding
 * the index and `packedIn: 'blob'` (its readers take the blob's: list-read.ts `listInBlob`) — written
 * in both, it was half of what the import wrote and, at 100,000 voters, some 50 MB of the import's
 * peak (the browser's copy of the row and the worker's serialised one, voters.import.peak_mb). A
 * blob of that hash already stored (which may hold records, an older form) keeps a full row. Both are inert until the window's activation — a transaction of its
 * own that records the event only when both are there — names the list; a blob this call wrote is
 * removed again when the cache row cannot be. The window's activation removes the other lists' rows.
 * The blob holds the list packed (`listBlobVoters` reads it): the records themselves were the
 * largest value written.
 */
export async function stageListIn(database: string, list: { listHash: string; packed: PackedVoterList; index: unknown }): Promise<boolean> {
  const { listHash, packed, index } = list;
  const db = await openExisting(database);
  try {
    const created = await write(db, 'blobs', (blobs) => {
      let wrote = false;
      const there = blobs.getKey(listHash);
      there.onsuccess = () => {
        if (there.result !== undefined) return;
        wrote = true;
        blobs.put({ hash: listHash, kind: 'voter-list', data: packed });
      };
      return () => wrote;
    });
    try {
      await write(db, 'listCache', (rows) => {
        rows.put(created ? { listHash, packedIn: 'blob', index } : { listHash, packed, index });
        return () => undefined;
      });
    } catch (e) {
      if (created) {
        await write(db, 'blobs', (blobs) => {
          blobs.delete(listHash);
          return () => undefined;
        }).catch(() => undefined);
      }
      throw e;
    }
    return created;
  } finally {
    db.close();
  }
}

/**
 * The whole log in causal order and every stored list as its records — what a backup holds (as the
 * window's `readLogWithBlobs` reads it), for the import worker's `make-backup`.
 */
export async function readLogIn(database: string): Promise<{ events: StoredEvent[]; blobs: { hash: string; kind: 'voter-list'; data: unknown[] }[] }> {
  const [events] = await read<StoredEvent[]>(database, 'events', (s) => [s.index('hlc').getAll()]);
  const [rows] = await read<{ hash: string; kind: 'voter-list'; data: unknown }[]>(database, 'blobs', (s) => [s.getAll()]);
  const blobs = (rows ?? []).map((b) => {
    const voters = listBlobVoters(b.data);
    if (!voters.ok) throw new Error(`the voter list ${b.hash.slice(0, 12)} cannot be read (${voters.error.code})`);
    return { hash: b.hash, kind: b.kind, data: voters.value as unknown[] };
  });
  return { events: events ?? [], blobs };
}
