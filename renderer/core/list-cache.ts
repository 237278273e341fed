/**
 * The active list in the form the desk opens fast (issue 19): packed, repeated strings once, with
 * its search index, in `listCache` next to the list's blob. Opening the desk then reads typed arrays
 * and a dictionary of strings and normalises no name; the blob stays the record (exported in
 * backups, hashed in the event) and the cache is rebuilt from it whenever it is missing or unsound.
 * The list opened from its cache is searched as stored (`PackedVoters`): no record is made for a
 * voter until a search shows them.
 */
// The list's modules themselves, not the voters barrel: list-open.ts loads this before the app's main chunk.
import { checkPackedListSteps, listBlobVoters, packVoters, PackedVoters, recordColumns, shapedPackedList, unpackVoters, type PackedVoterList, type VoterColumns } from '../../shared/voters/packed';
import { storedIndexSound, VoterSearchIndex, type StoredSearchIndex } from '../../shared/voters/search';
import { finish, inSlices, type Steps } from '../../shared/util/steps';
import type { VoterRecord } from '../../shared/voters/validate';
import type { ListCacheRow, PrecinctDatabase } from '../db/schema';
import { listInBlob, withBlobList } from './list-read';

export interface ListForm {
  /** The voters, read field by field (records made as they are asked for). */
  voters: VoterColumns;
  index: VoterSearchIndex;
}

/** The cache row for a list (the index built when not given). */
export function listCacheRow(listHash: string, voters: readonly VoterRecord[], index?: VoterSearchIndex, packed?: PackedVoterList): ListCacheRow {
  return { listHash, packed: packed ?? packVoters(voters), index: (index ?? new VoterSearchIndex(voters)).toStored() };
}

/**
 * The list and its index from a cache row at once, before the row's O(n) checks (issue 19: the
 * desk's first search on a reload answers without waiting for them): only the row's shape is
 * checked here (types and lengths, `shapedPackedList`, `VoterSearchIndex.trusting`); `sound` runs
 * the rest — every offset and reference — a slice at a time. Until it has said yes the list's
 * answers may be wrong: nothing is issued from it (renderer/core/voter-list.ts). Null when the
 * shape is wrong.
 */
export function openCacheRow(value: unknown, listHash: string, count: number): { form: ListForm; sound: () => Steps<boolean> } | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Partial<ListCacheRow>;
  if (row.listHash !== listHash) return null;
  const packed = shapedPackedList(row.packed, count);
  if (!packed) return null;
  const voters = new PackedVoters(packed);
  let index: VoterSearchIndex;
  try {
    index = VoterSearchIndex.trusting(voters, row.index as StoredSearchIndex);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
  return {
    form: { voters, index },
    sound: function* sound() {
      const checked = yield* checkPackedListSteps(row.packed);
      return checked.ok && checked.value.count === count && (yield* storedIndexSound(row.index, count));
    },
  };
}

/**
 * The cache row of `listHash` as the desk opens it: a row whose list is its blob's (the import's:
 * `packedIn: 'blob'`) given the blob's packed list, both read in one transaction.
 */
export function readCacheRow(db: PrecinctDatabase, listHash: string): Promise<unknown> {
  return db.transaction('r', db.listCache, db.blobs, async () => {
    const row = await db.listCache.get(listHash);
    return listInBlob(row) ? withBlobList(row!, await db.blobs.get(listHash)) : row;
  });
}

/** The list and its index from a cache row, or null when the row is not sound (then: rebuild from the blob). */
export function listFromCache(value: unknown, listHash: string, count: number): ListForm | null {
  const opened = openCacheRow(value, listHash, count);
  return opened && finish(opened.sound()) ? opened.form : null;
}

/** The list from its blob's records: packed and unpacked (strings shared), the index built. */
export function listFromRecords(listHash: string, records: readonly VoterRecord[]): { form: ListForm; row: ListCacheRow } {
  const packed = packVoters(records);
  const voters = unpackVoters(packed);
  const index = new VoterSearchIndex(voters);
  return { form: { voters: recordColumns(voters), index }, row: listCacheRow(listHash, voters, index, packed) };
}

/**
 * Builds (and stores) the cache row of a list from its blob away from the window: the row, or null
 * when it could not (the window then builds it itself).
 */
export type RowBuilder = (database: string, listHash: string) => Promise<unknown>;

/**
 * The list-build worker (list-build.worker.ts) as a RowBuilder, or null where no worker can be made.
 * The row comes back as a row read from the database: nothing here trusts it.
 */
const workerBuild: RowBuilder | null =
  typeof Worker === 'undefined'
    ? null
    : (database, listHash) =>
        new Promise((resolve) => {
          let worker: Worker;
          try {
            worker = new Worker(new URL('./list-build.worker.ts', import.meta.url), { type: 'module', name: 'list-build' });
          } catch {
            resolve(null);
            return;
          }
          const settle = (row: unknown) => {
            worker.terminate();
            resolve(row);
          };
          worker.onmessage = (e: MessageEvent<unknown>) => settle(e.data);
          worker.onerror = (e: ErrorEvent) => {
            e.preventDefault();
            settle(null);
          };
          worker.onmessageerror = () => settle(null);
          worker.postMessage({ database, listHash });
        });

/**
 * The list `listHash` of `count` voters (the activation's count) for the desk: from its cache when
 * sound (`from: 'cache'`; the row is only ever written from the list of its hash), else from its blob,
 * the cache then written for the next opening (only this list's row is kept; a failure to write
 * costs speed, never the list). Throws when the list is missing from this laptop.
 *
 * From its blob, the row is built and written by `build` (the list-build worker: issue 19, the first
 * start after a restore built it in the window, one task of 600–790 ms at 100,000 voters) and opened
 * as a row read from the database, its checks a slice at a time; when that fails, the window builds
 * it as before.
 */
export async function readList(
  db: PrecinctDatabase,
  listHash: string,
  count: number,
  /**
   * The row as already read (list-preload.ts), not read again; checked the same way — or, with
   * `form`, already opened from it by `listFromCache` (list-open.ts; null: it was not sound).
   */
  preloaded?: { row: unknown; form?: ListForm | null },
  build: RowBuilder | null = workerBuild,
): Promise<ListForm & { from: 'cache' | 'blob'; written: Promise<void> }> {
  const fast =
    preloaded?.form !== undefined ? preloaded.form : listFromCache(preloaded ? preloaded.row : await readCacheRow(db, listHash), listHash, count);
  if (fast) return { ...fast, from: 'cache', written: Promise.resolve() };
  const built = build ? await build(db.name, listHash).catch(() => null) : null;
  const open = built === null ? null : openCacheRow(built, listHash, count);
  if (open && (await inSlices(open.sound()))) return { ...open.form, from: 'blob', written: Promise.resolve() };
  const blob = await db.blobs.get(listHash);
  if (!blob) throw new Error(`the voter list ${listHash.slice(0, 12)} is missing from this laptop`);
  const records = listBlobVoters(blob.data);
  if (!records.ok) throw new Error(`the voter list ${listHash.slice(0, 12)} cannot be read (${records.error.code})`);
  const { form, row } = listFromRecords(listHash, records.value);
  const written = db
    .transaction('rw', db.listCache, async () => {
      await db.listCache.clear();
      await db.listCache.put(row);
    })
    .catch(() => undefined);
  return { ...form, from: 'blob', written };
}
