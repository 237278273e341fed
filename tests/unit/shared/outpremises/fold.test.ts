import { describe, expect, it } from 'vitest';
import {
  EMPTY_OUT_PREMISES_STATE,
  applyOutPremisesEvent,
  checkVisit,
  checkWithdrawal,
  foldOutPremises,
  isOutPremisesEvent,
  outPremisesPayloadSchemas,
  outPremisesTotals,
  reconcileTeams,
  registerNumbersGivenTwice,
  visitsOf,
  type OutPremisesEvent,
} from '../../../../shared/outpremises';
import { Desk, context, payloadOf, voted } from './helpers';

function fullDay(): Desk {
  const desk = new Desk();
  for (let n = 1; n <= 4; n += 1) desk.register(n, `2017-10-0${n}T09:00:00+06:00`);
  desk.record('OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(desk.state, { number: 4, reason: 'changed-mind' })));
  desk.drawTeams();
  desk.hand(1, 6, 'm-3');
  desk.depart(1);
  desk.visit(voted(1, 1, '2017-10-14T09:00:00+06:00', 1));
  desk.visit({ team: 1, number: 2, visitedAt: '2017-10-14T10:00:00+06:00', outcome: 'not-at-home', ballotsIssued: 0, ballotsSpoiled: 0 });
  desk.back(1, 4);
  return desk;
}

const event = <T extends OutPremisesEvent['type']>(id: string, type: T, payload: unknown, actor: string | null = 'm-sec'): OutPremisesEvent =>
  ({ id, type, recordedAt: '2017-10-14T12:00:00.000Z', actor, payload: outPremisesPayloadSchemas[type].parse(payload) }) as OutPremisesEvent;

describe('fold: deterministic projection', () => {
  it('folding the log gives the state built step by step, every time, and survives JSON (plain data)', () => {
    const desk = fullDay();
    const a = foldOutPremises(desk.events);
    const b = foldOutPremises([...desk.events]);
    expect(a).toEqual(desk.state);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    // Folding in two parts (a projector resuming from a stored state) gives the same.
    const half = foldOutPremises(desk.events.slice(0, 5));
    expect(foldOutPremises(desk.events.slice(5), half)).toEqual(a);
    expect(outPremisesTotals(a)).toEqual(outPremisesTotals(desk.state));
    expect(reconcileTeams(a)).toEqual(reconcileTeams(desk.state));
  });

  it('folds only its own events out of a mixed log', () => {
    const desk = fullDay();
    const other = { id: 'o', type: 'BallotIssued', recordedAt: '2017-10-15T03:00:00.000Z', actor: null, payload: { voterId: 'v9' } };
    const mixed: { type: string }[] = [other, ...desk.events, other];
    expect(foldOutPremises(mixed.filter(isOutPremisesEvent))).toEqual(desk.state);
  });

  it('never mutates the state it is given', () => {
    const desk = fullDay();
    const before = JSON.stringify(desk.state);
    const frozen = desk.state;
    applyOutPremisesEvent(frozen, event('x1', 'MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T13:00:00+06:00' }));
    applyOutPremisesEvent(frozen, event('x2', 'OutOfPremisesApplicationWithdrawn', { number: 1, voterId: 'v1', reason: 'changed-mind' }));
    expect(JSON.stringify(frozen)).toBe(before);
    expect(EMPTY_OUT_PREMISES_STATE).toEqual({ entries: [], activeByVoter: {}, votedOutside: {}, refusals: [], drawing: null, teams: [], visits: [], anomalies: [] });
  });

  it('keeps the register in number order even when a merged log brings numbers out of order', () => {
    const reg = (id: string, number: number, voterId: string) =>
      event(id, 'OutOfPremisesApplicationRegistered', { number, voterId, listHash: 'b'.repeat(64), page: 1, row: number, receivedAt: '2017-10-01T09:00:00Z', receivedBy: 'm-sec', address: 'x', reason: 'age' });
    const s = foldOutPremises([reg('e2', 2, 'v2'), reg('e1', 1, 'v1')]);
    expect(s.entries.map((e) => e.number)).toEqual([1, 2]);
    expect(s.anomalies).toEqual([]);
  });
});

describe('fold: what only a merge of two laptops could bring is kept and listed, never hidden', () => {
  const reg = (id: string, number: number, voterId: string) =>
    event(id, 'OutOfPremisesApplicationRegistered', { number, voterId, listHash: 'b'.repeat(64), page: 1, row: 1, receivedAt: '2017-10-01T09:00:00Z', receivedBy: 'm-sec', address: 'x', reason: 'age' });

  it('duplicate-number and duplicate-voter', () => {
    const s = foldOutPremises([reg('e1', 1, 'v1'), reg('e2', 1, 'v2'), reg('e3', 2, 'v1')]);
    expect(s.entries).toHaveLength(3);
    expect(s.anomalies).toEqual([
      { code: 'duplicate-number', eventId: 'e2', params: { number: 1 } },
      { code: 'duplicate-voter', eventId: 'e3', params: { number: 1, voterId: 'v1' } },
    ]);
    // The voter's first entry stays the voter's entry.
    expect(s.activeByVoter.v1).toBe(1);
  });

  it('one voter entered by two laptops under two numbers: withdrawing the first leaves the second the voter’s entry', () => {
    const s = foldOutPremises([reg('a1', 5, 'v1'), reg('b1', 6, 'v1')]);
    expect(s.activeByVoter).toEqual({ v1: 5 });
    const w = applyOutPremisesEvent(s, event('w', 'OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(s, { number: 5, voterId: 'v1', reason: 'changed-mind' }))));
    expect(w.activeByVoter).toEqual({ v1: 6 });
    const both = applyOutPremisesEvent(w, event('w2', 'OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(w, { number: 6, voterId: 'v1', reason: 'changed-mind' }))));
    expect(both.activeByVoter).toEqual({});
  });

  it('one number given by two laptops: each entry keeps its own withdrawal and visit; nothing of the other is overwritten', () => {
    const draw = event('d', 'MobileTeamsDrawn', { drawnAt: '2017-10-13T09:00:00Z', boxes: [{ box: 1, seal: 'S' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'O', boxes: [1] }] });
    const hand = event('h', 'MobileBallotsHanded', { team: 1, count: 3, handedAt: '2017-10-14T01:00:00Z', handedBy: 'm-sec', receivedBy: 'm-3' });
    const dep = event('dep', 'MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T01:30:00Z' });
    // Laptop A entered v1 as No. 1, laptop B entered v2 as No. 1 before they exchanged records.
    const merged = foldOutPremises([reg('a1', 1, 'v1'), reg('b1', 1, 'v2'), draw, hand, dep]);
    expect(merged.entries.map((e) => [e.number, e.voterId])).toEqual([
      [1, 'v1'],
      [1, 'v2'],
    ]);
    expect(registerNumbersGivenTwice(merged)).toEqual([1]);
    // B's entry (v2) is withdrawn: v1's entry stays waiting for its visit.
    const w = checkWithdrawal(merged, { number: 1, voterId: 'v2', reason: 'changed-mind' });
    const withdrawn = applyOutPremisesEvent(merged, event('w', 'OutOfPremisesApplicationWithdrawn', payloadOf(w)));
    expect(withdrawn.entries.map((e) => [e.voterId, e.withdrawn !== null])).toEqual([
      ['v1', false],
      ['v2', true],
    ]);
    expect(withdrawn.activeByVoter).toEqual({ v1: 1 });
    // The other way round: v2 is visited, v1 is not — v2 voted, v1 still to visit.
    const visit = checkVisit(merged, { ...voted(1, 1, '2017-10-14T10:00:00+06:00', 1), voterId: 'v2' }, context());
    expect(payloadOf(visit).voterId).toBe('v2');
    const after = applyOutPremisesEvent(merged, event('v', 'MobileVisitRecorded', payloadOf(visit)));
    expect(Object.keys(after.votedOutside)).toEqual(['v2']);
    expect(visitsOf(after, 1, 'v1')).toEqual([]);
    expect(outPremisesTotals(after)).toMatchObject({ applications: 2, visited: 1, voted: 1, notVisited: 1 });
    expect(after.anomalies.map((a) => a.code)).toEqual(['duplicate-number']);
  });

  it('unknown-entry (withdrawal or visit of a number not in the register), unknown-team, second-vote', () => {
    const draw = event('d', 'MobileTeamsDrawn', { drawnAt: '2017-10-13T09:00:00Z', boxes: [{ box: 1, seal: 'S' }], teams: [{ team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'O', boxes: [1] }] });
    const v = (id: string, number: number, team = 1, voterId = 'v1') =>
      event(id, 'MobileVisitRecorded', { team, number, voterId, visitedAt: '2017-10-14T04:00:00Z', outcome: 'voted', ballotsIssued: 1, ballotsSpoiled: 0, box: 1 });
    const s = foldOutPremises([
      reg('e1', 1, 'v1'),
      event('w', 'OutOfPremisesApplicationWithdrawn', { number: 5, voterId: 'v5', reason: 'changed-mind' }),
      draw,
      event('h', 'MobileBallotsHanded', { team: 2, count: 3, handedAt: '2017-10-14T01:00:00Z', handedBy: 'm-sec', receivedBy: 'm-5' }),
      v('v-a', 1),
      v('v-b', 1),
      v('v-c', 9, 2, 'v9'),
    ]);
    expect(s.anomalies.map((a) => [a.code, a.eventId])).toEqual([
      ['unknown-entry', 'w'],
      ['unknown-team', 'h'],
      ['second-vote', 'v-b'],
      ['unknown-entry', 'v-c'],
      ['unknown-team', 'v-c'],
    ]);
    // Every visit stays, its ballots count.
    expect(s.visits).toHaveLength(3);
    expect(outPremisesTotals(s).ballotsIssued).toBe(3);
    expect(s.votedOutside.v1?.eventId).toBe('v-a');
  });

  it('teams-redrawn-after-handing: ledgers of a team number carry over to the new drawing', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.hand(1, 4, 'm-3');
    const s = applyOutPremisesEvent(
      desk.state,
      event('r', 'MobileTeamsDrawn', { drawnAt: '2017-10-13T10:00:00Z', boxes: [{ box: 1, seal: 'S' }], teams: [{ team: 1, memberIds: ['m-4', 'm-5'], operatorName: 'O', boxes: [1] }] }),
    );
    expect(s.anomalies).toEqual([{ code: 'teams-redrawn-after-handing', eventId: 'r', params: {} }]);
    expect(s.teams.map((t) => [t.team, t.memberIds, t.handings.length])).toEqual([[1, ['m-4', 'm-5'], 1]]);
  });

  it('a second withdrawal keeps the first; a return without departure is a trip of its own; a second departure while out is ignored', () => {
    const desk = fullDay();
    const first = desk.state.entries[3]?.withdrawn;
    let s = applyOutPremisesEvent(desk.state, event('w2', 'OutOfPremisesApplicationWithdrawn', { number: 4, voterId: 'v4', reason: 'other', reasonText: 'дагы' }));
    expect(s.entries[3]?.withdrawn).toEqual(first);
    s = applyOutPremisesEvent(s, event('r2', 'MobileTeamReturned', { team: 2, returnedAt: '2017-10-14T10:00:00Z', ballotsReturned: 0 }));
    expect(s.teams[1]?.trips).toEqual([{ departedEventId: '', departedAt: '2017-10-14T10:00:00Z', returned: expect.objectContaining({ eventId: 'r2', ballotsReturned: 0 }) }]);
    s = applyOutPremisesEvent(s, event('d1', 'MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T14:00:00Z' }));
    s = applyOutPremisesEvent(s, event('d2', 'MobileTeamDeparted', { team: 1, departedAt: '2017-10-14T15:00:00Z' }));
    expect(s.teams[0]?.trips.map((t) => t.departedEventId)).toEqual([desk.events.find((e) => e.type === 'MobileTeamDeparted')?.id, 'd1']);
  });
});
