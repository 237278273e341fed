import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { HoursRefused, IssueRefused, issueBallot, UndoRefused, undoBallotIssue } from '../../../../renderer/core/ballot-actions';

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

  it('a voter who voted outside the premises is refused in the room, saying where and when', async () => {
    const { db, store } = fresh();
    const c = ctx('m-sec');
    await store.append('OutOfPremisesApplicationRegistered', { number: 1, voterId: 'v7', listHash: LIST, page: 1, row: 7, receivedAt: '2017-10-12T10:00:00+06:00', receivedBy: 'm-sec', address: 'Чүй 1', reason: 'illness' }, c);
    await store.append('MobileTeamsDrawn', { drawnAt: '2017-10-13T15:00:00Z', boxes: [{ box: 1, seal: 'S-1' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] }] }, c);
    await store.append('MobileBallotsHanded', { team: 1, count: 5, handedAt: '2017-10-14T07:30:00+06:00', handedBy: 'm-sec', receivedBy: 'm-3' }, c);
    await store.append('MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T07:45:00+06:00' }, c);
    await store.append('MobileVisitRecorded', { team: 1, number: 1, voterId: 'v7', visitedAt: '2017-10-14T10:00:00+06:00', outcome: 'voted', ballotsIssued: 1, ballotsSpoiled: 0, box: 1 }, ctx('m-3'));
    const refused = issueBallot(store, { voterId: 'v7', page: 1, row: 7 }, LIST, ctx('m-4'));
    await expect(refused).rejects.toMatchObject({ refusal: { code: 'voted-outside', number: 1, team: 1, at: '2017-10-14T10:00:00+06:00', by: 'm-3' } });
    expect(await db.events.where('type').equals('BallotIssued').count()).toBe(0);
    // The refusal aborted the status written with the check: the stored status is as it was.
    expect(await db.voterStatus.get('v7')).toMatchObject({ issued: null, votedOutside: { number: 1, team: 1 } });
    // Someone only in the register (not visited yet) can still vote in the room.
    await store.append('OutOfPremisesApplicationRegistered', { number: 2, voterId: 'v8', listHash: LIST, page: 1, row: 8, receivedAt: '2017-10-12T11:00:00+06:00', receivedBy: 'm-sec', address: 'Чүй 2', reason: 'age' }, c);
    await issueBallot(store, { voterId: 'v8', page: 1, row: 8 }, LIST, ctx('m-4'));
  });

  it('the raw fast path cannot silently skip a projector of its event', async () => {
    const { db, store } = fresh();
    const append = store.append('BallotIssued', { voterId: 'v9', page: 1, row: 9, listHash: LIST }, ctx('m1'), { raw: { stores: [], replaces: [], run() {} } });
    await expect(append).rejects.toThrow('would skip the projectors voters');
    expect(await db.events.count()).toBe(0);
  });
});

describe('issuing within voting hours (the desk passes the election\'s hours and its clock)', () => {
  const hours = { votingDay: '2017-10-15', from: '08:00', to: '20:00', timeZone: 'Europe/Moscow' };
  const at = (iso: string) => new Date(iso).getTime();
  const reason = 'Стоял в очереди в помещении в 20:00 (ст. 35(1))';

  it('at 20:01 in Moscow: refused, nothing recorded, the voter can still be issued later with an exception', async () => {
    const { db, store } = fresh();
    const late = issueBallot(store, { voterId: 'v1', page: 1, row: 1 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-15T20:01:00+03:00'), exception: null } });
    await expect(late).rejects.toBeInstanceOf(HoursRefused);
    await expect(late).rejects.toMatchObject({ refusal: { code: 'outside-hours', outside: 'after-closing', local: { time: '20:01' } } });
    expect(await db.events.count()).toBe(0);
    expect(await db.voterStatus.count()).toBe(0);

    // A member may not record the exception; the chair may, with the reason, and the event keeps it.
    const byMember = issueBallot(store, { voterId: 'v1', page: 1, row: 1 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-15T20:02:00+03:00'), exception: { reason, by: 'm-4', role: 'member' } } });
    await expect(byMember).rejects.toMatchObject({ refusal: { code: 'exception-not-chair' } });
    expect(await db.events.count()).toBe(0);
    const issued = await issueBallot(store, { voterId: 'v1', page: 1, row: 1 }, LIST, ctx('m-1'), { hours: { hours, at: at('2017-10-15T20:03:00+03:00'), exception: { reason: `  ${reason}  `, by: 'm-1', role: 'chair' } } });
    expect(issued.recordedAt).toBe('2017-10-15T17:03:00.000Z');
    expect(issued.payload.hoursException).toEqual({ outside: 'after-closing', reason, by: 'm-1' });
    expect((await db.events.toArray()).map((e) => e.type)).toEqual(['BallotIssued']);
  });

  it('07:59:59 is refused and 08:00 issues, with no exception stored; the event is stamped with the instant judged', async () => {
    const { db, store } = fresh();
    await expect(issueBallot(store, { voterId: 'v2', page: 1, row: 2 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-15T07:59:59+03:00'), exception: null } })).rejects.toMatchObject({
      refusal: { code: 'outside-hours', outside: 'before-opening' },
    });
    const ok = await issueBallot(store, { voterId: 'v2', page: 1, row: 2 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-15T08:00:00+03:00'), exception: { reason, by: 'm-1', role: 'chair' } } });
    expect(ok.recordedAt).toBe('2017-10-15T05:00:00.000Z');
    expect(ok.payload).not.toHaveProperty('hoursException');
    expect(await db.events.count()).toBe(1);
  });

  it('a voter who already has a ballot is told so first, also outside the hours', async () => {
    const { store } = fresh();
    const first = await issueBallot(store, { voterId: 'v4', page: 1, row: 4 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-15T10:00:00+03:00'), exception: null } });
    await expect(issueBallot(store, { voterId: 'v4', page: 1, row: 4 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-15T21:00:00+03:00'), exception: null } })).rejects.toMatchObject({
      refusal: { code: 'already-issued', at: first.recordedAt },
    });
  });

  it('the day after voting day is refused at noon', async () => {
    const { db, store } = fresh();
    await expect(issueBallot(store, { voterId: 'v3', page: 1, row: 3 }, LIST, ctx('m-4'), { hours: { hours, at: at('2017-10-16T12:00:00+03:00'), exception: null } })).rejects.toMatchObject({
      refusal: { code: 'outside-hours', outside: 'other-day' },
    });
    expect(await db.events.count()).toBe(0);
  });
});
