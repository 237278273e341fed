/**
 * The desk's cache row of a list built from the list's blob, away from the window (issue 19): after
 * a backup is restored (its one transaction writes the log and the blobs, never a cache row) the
 * first start found no row and built it in the window — the blob read, the voters packed and the
 * search index made, one task of 600–790 ms at 100,000 voters before any screen answered. The
 * list-build worker (list-build.worker.ts) runs this by raw IndexedDB, writes the row as
 * `readList` in the window writes it (the other lists' rows removed, one strict transaction) and
 * hands the row to the window, which opens it as a row read from the database (list-cache.ts).
 */
import { listBlobVoters, packVoters, unpackVoters } from '../../shared/voters/packed';
import { VoterSearchIndex } from '../../shared/voters/search';
import type { ListCacheRow } from '../db/schema';
import { openExisting } from './open-existing';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('cannot read'));
  });
}

/** Builds the cache row of list `listHash` from its blob in database `database` and stores it; throws when the blob is missing or unreadable. */
export async function buildListRowIn(database: string, listHash: string): Promise<ListCacheRow> {
  const db = await openExisting(database);
  try {
    const blob: unknown = await request(db.transaction('blobs', 'readonly').objectStore('blobs').get(listHash));
    if (blob === undefined) throw new Error(`the voter list ${listHash.slice(0, 12)} is missing from this laptop`);
    const records = listBlobVoters((blob as { data?: unknown }).data);
    if (!records.ok) throw new Error(`the voter list ${listHash.slice(0, 12)} cannot be read (${records.error.code})`);
    const packed = packVoters(records.value);
    const row: ListCacheRow = { listHash, packed, index: new VoterSearchIndex(unpackVoters(packed)).toStored() };
    // Written as the window's readList writes it; a failure to write costs the next start its speed, never the list.
    await new Promise<void>((resolve) => {
      try {
        const tx = db.transaction('listCache', 'readwrite', { durability: 'strict' });
        const rows = tx.objectStore('listCache');
        rows.clear();
        rows.put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => resolve();
      } catch {
        resolve();
      }
    });
    return row;
  } finally {
    db.close();
  }
}
