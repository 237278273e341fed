/**
 * A list whose voters the import worker stored (issue 19: the UI thread never clones them): the
 * window's activation records the event and the desk's cache row only when the blob is there, and a
 * blob no activation names is removed again.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { activateStagedList, discardStagedList, voterListHash } from '../../../../renderer/core/activate-list';
import { listCacheRow, readList } from '../../../../renderer/core/list-cache';
import { CommandBus } from '../../../../renderer/core/command';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { generateVoters } from '../../../../shared/voters/generate';

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

describe('a list staged by the import worker', () => {
  it('is activated with its cache row when its blob is stored; the desk reads the same voters', async () => {
    const { db, store } = fresh();
    const listHash = await voterListHash(VOTERS);
    // What the worker's `stage` writes (its own transaction, raw IndexedDB).
    await db.blobs.put({ hash: listHash, kind: 'voter-list', data: VOTERS });
    const event = await activateStagedList(store, details(VOTERS.length), ctx, { listHash, cache: listCacheRow(listHash, VOTERS) });
    expect(event.payload).toMatchObject({ listHash, listVersion: 1 });
    expect(await db.listCache.count()).toBe(1);
    const read = await readList(db, listHash, VOTERS.length);
    expect(read.voters).toEqual(VOTERS);
  });

  it('records nothing when the blob is not there', async () => {
    const { db, store } = fresh();
    const listHash = await voterListHash(VOTERS);
    await expect(activateStagedList(store, details(VOTERS.length), ctx, { listHash, cache: listCacheRow(listHash, VOTERS) })).rejects.toThrow('was not stored');
    expect(await db.events.count()).toBe(0);
    expect(await db.listCache.count()).toBe(0);
    expect(await db.projections.get('voterList')).toBeUndefined();
  });

  it('a staged blob no activation names is discarded; one an event names is kept', async () => {
    const { db, store } = fresh();
    const active = await voterListHash(VOTERS);
    await db.blobs.put({ hash: active, kind: 'voter-list', data: VOTERS });
    await activateStagedList(store, details(VOTERS.length), ctx, { listHash: active, cache: listCacheRow(active, VOTERS) });
    const other = VOTERS.slice(0, 10);
    const orphan = await voterListHash(other);
    await db.blobs.put({ hash: orphan, kind: 'voter-list', data: other });
    await discardStagedList(db, orphan);
    await discardStagedList(db, active);
    expect(await db.blobs.toCollection().primaryKeys()).toEqual([active]);
  });
});
