/**
 * The desk's statuses kept in the window (renderer/core/voter-statuses): a voter shown is read once
 * (the voters a key brings, in one read), a status read is known at once when the voter comes back,
 * and a change to the statuses — written in this window or by another connection (another window, a
 * sync) — reaches the voters on screen, as the live query it replaces did.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldIssued, foldUndone } from '../../../../shared/ballots/issue';
import { VoterStatusStore } from '../../../../renderer/core/voter-statuses';
import { PrecinctDatabase } from '../../../../renderer/db/schema';

const issue = { eventId: 'e1', at: '2026-12-07T08:00:00.000Z', by: 'm1', deviceId: 'd1' };
const opened: { db: PrecinctDatabase; store?: VoterStatusStore }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.store?.close();
    await o.db.delete();
  }
});

async function setUp() {
  const name = `voter-statuses-${Math.random()}`;
  const db = new PrecinctDatabase(name);
  await db.voterStatus.bulkPut([foldIssued(undefined, 'v1', 1, issue)]);
  const store = new VoterStatusStore(db);
  opened.push({ db, store });
  const other = new PrecinctDatabase(name);
  opened.push({ db: other });
  return { db, store, other };
}

/** Follows a voter; resolves the listener's calls as they come. */
function follow(store: VoterStatusStore, id: string) {
  const calls = vi.fn();
  const stop = store.subscribe(id, calls);
  return { calls, stop };
}

describe('the desk’s voter statuses', () => {
  it('a voter followed is read: its status, or none (null), after the read; unknown (undefined) before', async () => {
    const { store } = await setUp();
    const a = follow(store, 'v1');
    const b = follow(store, 'v2');
    expect(store.get('v1')).toBeUndefined();
    await vi.waitFor(() => expect(a.calls).toHaveBeenCalled());
    await vi.waitFor(() => expect(b.calls).toHaveBeenCalled());
    expect(store.get('v1')?.issued?.eventId).toBe('e1');
    expect(store.get('v2')).toBeNull();
  });

  it('the voters asked for together are read in one read, and a voter read is not read again when it comes back', async () => {
    const { db, store } = await setUp();
    const bulkGet = vi.spyOn(db.voterStatus, 'bulkGet');
    const rows = ['v1', 'v2', 'v3'].map((id) => follow(store, id));
    await vi.waitFor(() => expect(store.get('v3')).toBeNull());
    expect(bulkGet).toHaveBeenCalledTimes(1);
    for (const r of rows) r.stop();
    const again = follow(store, 'v1');
    expect(store.get('v1')?.issued?.eventId).toBe('e1');
    await new Promise((r) => setTimeout(r, 20));
    expect(bulkGet).toHaveBeenCalledTimes(1);
    expect(again.calls).not.toHaveBeenCalled();
  });

  it('a ballot issued in this window reaches the voter on screen', async () => {
    const { db, store } = await setUp();
    const row = follow(store, 'v2');
    await vi.waitFor(() => expect(store.get('v2')).toBeNull());
    await db.voterStatus.put(foldIssued(undefined, 'v2', 1, { ...issue, eventId: 'e2' }));
    await vi.waitFor(() => expect(store.get('v2')?.issued?.eventId).toBe('e2'));
    expect(row.calls).toHaveBeenCalledTimes(2);
  });

  it('an issue undone through another connection (another window, a sync) reaches the voter on screen', async () => {
    const { store, other } = await setUp();
    follow(store, 'v1');
    await vi.waitFor(() => expect(store.get('v1')?.issued).toBeTruthy());
    const status = await other.voterStatus.get('v1');
    await other.voterStatus.put(foldUndone(status, 'v1', 1, { ...issue, eventId: 'e3', reason: 'wrong voter', undid: 'e1' }));
    await vi.waitFor(() => expect(store.get('v1')?.issued).toBeNull());
    expect(store.get('v1')?.undone).toHaveLength(1);
  });

  it('a voter no longer on screen is forgotten when the statuses change, and read afresh when shown again', async () => {
    const { db, store } = await setUp();
    const row = follow(store, 'v2');
    await vi.waitFor(() => expect(store.get('v2')).toBeNull());
    row.stop();
    await db.voterStatus.put(foldIssued(undefined, 'v2', 1, { ...issue, eventId: 'e4' }));
    await vi.waitFor(() => expect(store.get('v2')).toBeUndefined());
    follow(store, 'v2');
    await vi.waitFor(() => expect(store.get('v2')?.issued?.eventId).toBe('e4'));
  });

  it('a status read again and found the same keeps its object: its row is not told again', async () => {
    const { db, store } = await setUp();
    const row = follow(store, 'v1');
    await vi.waitFor(() => expect(row.calls).toHaveBeenCalledTimes(1));
    const before = store.get('v1');
    await db.voterStatus.put(foldIssued(undefined, 'v9', 1, issue));
    await new Promise((r) => setTimeout(r, 50));
    expect(store.get('v1')).toBe(before);
    expect(row.calls).toHaveBeenCalledTimes(1);
  });
});
