/**
 * The import worker (issue 19): decode, parse, check and prepare a voter list off the UI thread.
 * The work is ImportSession's; here it gets its messages and reads the active list and the issued
 * ballots straight from IndexedDB (read-only, each connection closed at once so it never holds up an
 * upgrade of the database by the window).
 */
import { checkPackedList, unpackVoters, type VoterRecord } from '../../../../shared/voters';
import { ImportSession, type ImportSources, type PreparedList } from './import-session';

/** The worker's global scope, as much of it as is used (the DOM library has no worker types). */
const scope = self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<unknown>) => void) | null };

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

const sources: ImportSources = {
  async activeList(database, listHash, count) {
    const [cached] = await read<unknown>(database, 'listCache', (s) => [s.get(listHash)]);
    const packed = checkPackedList((cached as { packed?: unknown } | undefined)?.packed);
    if (packed.ok && packed.value.count === count && (cached as { listHash?: unknown }).listHash === listHash) return unpackVoters(packed.value);
    const [blob] = await read<unknown>(database, 'blobs', (s) => [s.get(listHash)]);
    const data = (blob as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) throw new Error(`the voter list ${listHash.slice(0, 12)} is missing from this laptop`);
    return data as VoterRecord[];
  },
  async issued(database, ids) {
    if (ids.length === 0) return new Set();
    const rows = await read<unknown>(database, 'voterStatus', (s) => ids.map((id) => s.get(id)));
    return new Set(ids.filter((_, i) => (rows[i] as { issued?: unknown } | undefined)?.issued));
  },
  stage,
};

/**
 * The list's blob (unless one of that hash is stored) and the desk's cache row of the list, written
 * in the worker's own strict transaction. The window's activation removes the other lists' rows.
 */
function stage(database: string, list: PreparedList): Promise<boolean> {
  const { listHash, voters, packed, index } = list;
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
            blobs.put({ hash: listHash, kind: 'voter-list', data: voters });
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

const session = new ImportSession((message, transfer) => scope.postMessage(message, transfer ?? []), sources);
scope.onmessage = (e: MessageEvent<unknown>) => void session.handle(e.data);
