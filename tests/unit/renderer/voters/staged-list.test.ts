/**
 * A list the import worker stored (issue 19: the UI thread never clones it): its blob and the desk's
 * cache row. The window's activation records the event only when both are there (and keeps only that
 * list's cache row); a staged list no activation names is removed again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { activateStagedList, discardStagedList, voterListHash } from '../../../../renderer/core/activate-list';
import { listCacheRow, listFromCache, readList } from '../../../../renderer/core/list-cache';
import { stageListIn } from '../../../../renderer/core/import-store';
import { readListRow } from '../../../../renderer/core/list-read';
import { CommandBus } from '../../../../renderer/core/command';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { generateVoters } from '../../../../shared/voters/generate';
import { packVoters } from '../../../../shared/voters/packed';
import { VoterSearchIndex } from '../../../../shared/voters/search';

const ctx = { electionId: 'e', bundleHash: null, precinct: 9001, actor: 'm1' };
const details = (n: number) => ({ source: { kind: 'generated' as const, fileName: null, fileHash: null, encoding: null }, counts: { voters: n, rowsInFile: n, excluded: 0 }, excluded: [], diff: null });
const VOTERS = generateVoters(300, 7);
const dbs: PrecinctDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
function fresh() {
  const db = new PrecinctDatabase(`staged-${Math.random()}`);
  dbs.push(db);
  const store = new EventStore(db);
  return { db, store: new CommandBus(store, () => Date.now()) };
}

/** What the worker's `stage` writes (its own transaction, raw IndexedDB): the blob (packed) and the cache row. */
async function stage(db: PrecinctDatabase, listHash: string, voters: typeof VOTERS) {
  await db.blobs.put({ hash: listHash, kind: 'voter-list', data: packVoters(voters) });
  await db.listCache.put(listCacheRow(listHash, voters));
}

describe('a list staged by the import worker', () => {
  it('is activated when its blob and cache row are stored; only its cache row is kept; the desk reads the same voters', async () => {
    const { db, store } = fresh();
    const old = VOTERS.slice(0, 20);
    const oldHash = await voterListHash(old);
    await stage(db, oldHash, old);
    await activateStagedList(store, details(old.length), ctx, oldHash);
    const listHash = await voterListHash(VOTERS);
    await stage(db, listHash, VOTERS);
    const event = await activateStagedList(store, details(VOTERS.length), ctx, listHash);
    expect(event.payload).toMatchObject({ listHash, listVersion: 2 });
    expect(await db.listCache.toCollection().primaryKeys()).toEqual([listHash]);
    const read = await readList(db, listHash, VOTERS.length);
    expect(read.from).toBe('cache');
    expect(read.voters.records()).toEqual(VOTERS);
  });

  it('records nothing when the blob or the cache row is not there', async () => {
    const { db, store } = fresh();
    const listHash = await voterListHash(VOTERS);
    await expect(activateStagedList(store, details(VOTERS.length), ctx, listHash)).rejects.toThrow('was not stored');
    await db.blobs.put({ hash: listHash, kind: 'voter-list', data: VOTERS });
    await expect(activateStagedList(store, details(VOTERS.length), ctx, listHash)).rejects.toThrow('was not stored');
    await db.blobs.clear();
    await db.listCache.put(listCacheRow(listHash, VOTERS));
    await expect(activateStagedList(store, details(VOTERS.length), ctx, listHash)).rejects.toThrow('was not stored');
    expect(await db.events.count()).toBe(0);
    expect(await db.projections.get('voterList')).toBeUndefined();
  });

  it('a staged list no activation names is discarded (blob and cache row); one an event names is kept', async () => {
    const { db, store } = fresh();
    const active = await voterListHash(VOTERS);
    await stage(db, active, VOTERS);
    await activateStagedList(store, details(VOTERS.length), ctx, active);
    const other = VOTERS.slice(0, 10);
    const orphan = await voterListHash(other);
    await stage(db, orphan, other);
    await discardStagedList(db, orphan);
    await discardStagedList(db, active);
    expect(await db.blobs.toCollection().primaryKeys()).toEqual([active]);
    expect(await db.listCache.toCollection().primaryKeys()).toEqual([active]);
  });

  it('the import worker writes the packed list once (issue 19, voters.import.peak_mb): in the blob, the cache row holding the index and packedIn "blob"; the desk reads the same voters from it, raw and through Dexie', async () => {
    const { db, store } = fresh();
    await db.open();
    const listHash = await voterListHash(VOTERS);
    const packed = packVoters(VOTERS);
    const created = await stageListIn(db.name, { listHash, packed, index: new VoterSearchIndex(VOTERS).toStored() });
    expect(created).toBe(true);
    expect((await db.blobs.get(listHash))?.data).toEqual(packed);
    const row = await db.listCache.get(listHash);
    expect(row).toMatchObject({ listHash, packedIn: 'blob' });
    expect(row && 'packed' in row).toBe(false);
    await activateStagedList(store, details(VOTERS.length), ctx, listHash);
    // Through Dexie (the desk's own read) and raw (the window's first read, list-read.ts): the blob's list.
    const read = await readList(db, listHash, VOTERS.length);
    expect(read.from).toBe('cache');
    expect(read.voters.records()).toEqual(VOTERS);
    const raw = await readListRow(db.name);
    expect(raw?.listHash).toBe(listHash);
    expect(listFromCache(raw?.row, listHash, VOTERS.length)?.voters.records()).toEqual(VOTERS);
  });

  it('a list whose blob is already stored (maybe as records, an older form) gets a cache row with its own packed list; a row without its blob is not opened', async () => {
    const { db } = fresh();
    await db.open();
    const listHash = await voterListHash(VOTERS);
    await db.blobs.put({ hash: listHash, kind: 'voter-list', data: VOTERS });
    const packed = packVoters(VOTERS);
    expect(await stageListIn(db.name, { listHash, packed, index: new VoterSearchIndex(VOTERS).toStored() })).toBe(false);
    expect((await db.blobs.get(listHash))?.data).toEqual(VOTERS);
    expect((await db.listCache.get(listHash))?.packed).toEqual(packed);
    expect(listFromCache(await db.listCache.get(listHash), listHash, VOTERS.length)?.voters.records()).toEqual(VOTERS);
    // A row whose list is its blob's, the blob gone: nothing to open (the desk says the list is missing).
    await db.listCache.put({ listHash, packedIn: 'blob', index: new VoterSearchIndex(VOTERS).toStored() });
    await db.blobs.clear();
    await expect(readList(db, listHash, VOTERS.length, undefined, null)).rejects.toThrow('missing from this laptop');
  });
});
