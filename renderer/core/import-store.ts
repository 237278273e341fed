/**
 * The import worker's way into this window's database (issue 19): it reads the active list and the
 * issued ballots, and stages a new list's blob and the desk's cache row, by raw IndexedDB — a worker
 * has no Dexie of the window — each connection closed at once so it never holds up an upgrade of the
 * database by the window. Only this module of the worker touches the store.
 */
import { checkPackedList, listBlobVoters, unpackVoters, type PackedVoterList, type VoterRecord } from '../../shared/voters';

function open(database: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(database);
    // A database that does not exist is not created here.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${database}`));
  });
}

function read<T>(database: string, store: string, run: (s: IDBObjectStore) => IDBRequest<T>[]): Promise<T[]> {
  return open(database).then(
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

/**
 * The list's blob (unless one of that hash is stored) and the desk's cache row of the list, written
 * in the worker's own strict transaction. The window's activation removes the other lists' rows.
 * The blob holds the list packed (`listBlobVoters` reads it): the records themselves were the
 * largest value written, cloned whole at the import's peak of memory (issue 19).
 */
export function stageListIn(database: string, list: { listHash: string; packed: PackedVoterList; index: unknown }): Promise<boolean> {
  const { listHash, packed, index } = list;
  return open(database).then(
    (db) =>
      new Promise<boolean>((resolve, reject) => {
        let created = false;
        try {
          const tx = db.transaction(['blobs', 'listCache'], 'readwrite', { durability: 'strict' });
          const blobs = tx.objectStore('blobs');
          tx.objectStore('listCache').put({ listHash, packed, index });
          const there = blobs.getKey(listHash);
          there.onsuccess = () => {
            if (there.result !== undefined) return;
            created = true;
            blobs.put({ hash: listHash, kind: 'voter-list', data: packed });
          };
          tx.oncomplete = () => {
            db.close();
            resolve(created);
          };
          tx.onerror = tx.onabort = () => {
            db.close();
            reject(tx.error ?? new Error('cannot store the voter list'));
          };
        } catch (e) {
          db.close();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }),
  );
}
