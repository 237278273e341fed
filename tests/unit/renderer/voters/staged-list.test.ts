/**
 * A list the import worker stored (issue 19: the UI thread never clones it): its blob and the desk's
 * cache row. The window's activation records the event only when both are there (and keeps only that
 * list's cache row); a staged list no activation names is removed again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { activateStagedList, discardStagedList, voterListHash } from '../../../../renderer/core/activate-list';
import { listCacheRow, readList } from '../../../../renderer/core/list-cache';
import { CommandBus } from '../../../../renderer/core/command';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { generateVoters } from '../../../../shared/voters/generate';
import { packVoters } from '../../../../shared/voters/packed';

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
});
