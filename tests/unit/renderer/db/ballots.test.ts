import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { IssueRefused, issueBallot, UndoRefused, undoBallotIssue } from '../../../../renderer/features/voters/ballot-actions';

const LIST = 'a'.repeat(64);
const ctx = (actor: string) => ({ electionId: 'e', bundleHash: null, precinct: 9001, actor });
const dbs: PrecinctDatabase[] = [];
function fresh() {
  const db = new PrecinctDatabase(`ballots-${Math.random()}`);
  dbs.push(db);
  return { db, store: new EventStore(db) };
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('issuing ballots', () => {
  it('issues once and refuses a second issue, saying when and by whom', async () => {
    const { db, store } = fresh();
    const first = await issueBallot(store, { voterId: 'v1', page: 3, row: 7 }, LIST, ctx('m1'));
    const second = issueBallot(store, { voterId: 'v1', page: 3, row: 7 }, LIST, ctx('m2'));
    await expect(second).rejects.toBeInstanceOf(IssueRefused);
    await expect(second).rejects.toMatchObject({ refusal: { code: 'already-issued', at: first.recordedAt, by: 'm1' } });
    expect(await db.events.count()).toBe(1);
    expect((await db.voterStatus.get('v1'))?.issued?.eventId).toBe(first.id);
  });

  it('two windows issuing to the same voter at once: exactly one ballot', async () => {
    const { db } = fresh();
    const a = new EventStore(db);
    const b = new EventStore(db);
    const results = await Promise.allSettled([
      issueBallot(a, { voterId: 'v9', page: 1, row: 9 }, LIST, ctx('m1')),
      issueBallot(b, { voterId: 'v9', page: 1, row: 9 }, LIST, ctx('m2')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.events.where('type').equals('BallotIssued').count()).toBe(1);
  });

  it('undo needs the chair or secretary and a reason; the issue stays in the history', async () => {
    const { db, store } = fresh();
    const issued = await issueBallot(store, { voterId: 'v2', page: 1, row: 2 }, LIST, ctx('m4'));
    await expect(undoBallotIssue(store, 'v2', 'member', 'wrong voter picked', ctx('m4'))).rejects.toMatchObject({ refusal: { code: 'role-not-allowed' } });
    await expect(undoBallotIssue(store, 'v2', 'secretary', ' ', ctx('m3'))).rejects.toMatchObject({ refusal: { code: 'reason-required' } });
    await expect(undoBallotIssue(store, 'v3', 'secretary', 'never issued here', ctx('m3'))).rejects.toBeInstanceOf(UndoRefused);
    const undo = await undoBallotIssue(store, 'v2', 'secretary', 'Row picked by mistake: neighbour', ctx('m3'));
    expect(undo.payload).toEqual({ voterId: 'v2', undoes: issued.id, reason: 'Row picked by mistake: neighbour' });
    const status = await db.voterStatus.get('v2');
    expect(status?.issued).toBeNull();
    expect(status?.undone).toEqual([expect.objectContaining({ undid: issued.id, by: 'm3', reason: 'Row picked by mistake: neighbour' })]);
    // Issued again after the undo, and the rebuilt projection equals the incremental one.
    await issueBallot(store, { voterId: 'v2', page: 1, row: 2 }, LIST, ctx('m4'));
    const before = await db.voterStatus.toArray();
    await db.voterStatus.clear();
    await store.rebuildProjections();
    expect(await db.voterStatus.toArray()).toEqual(before);
  });
});
