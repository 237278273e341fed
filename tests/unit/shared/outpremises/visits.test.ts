import { describe, expect, it } from 'vitest';
import { checkBallotIssue, type VoterBallotStatus } from '../../../../shared/ballots/issue';
import {
  EMPTY_OUT_PREMISES_STATE,
  checkApplication,
  checkRoomIssueAgainstOutPremises,
  checkVisit,
  checkVisitAgainstRoom,
  checkWithdrawal,
  roomIssueNotice,
  visitsOf,
  type VisitDraft,
} from '../../../../shared/outpremises';
import { err, ok } from '../../../../shared/util/result';
import { Desk, application, codes, context, payloadOf, problemsOf, voted } from './helpers';

const ctx = context();
const AT = '2017-10-14T10:00:00+06:00';

/** Two entries (v1 no. 1, v2 no. 2), teams drawn, team 1 holds 5 ballots and is out since 07:45. */
function ready(): Desk {
  const desk = new Desk();
  desk.register(1, '2017-10-01T09:00:00+06:00');
  desk.register(2, '2017-10-01T10:00:00+06:00');
  desk.drawTeams();
  desk.hand(1, 5, 'm-3');
  desk.depart(1);
  return desk;
}

const visit = (over: Partial<VisitDraft> = {}): VisitDraft => ({ ...voted(1, 1, AT, 1), ...over });

describe('visits: outcomes and ballots', () => {
  it('records voted (1 ballot, spoiled and replaced), not-at-home, then a second visit', () => {
    const desk = ready();
    desk.visit(visit({ ballotsSpoiled: 1 }));
    desk.visit({ team: 1, number: 2, visitedAt: '2017-10-14T11:00:00+06:00', outcome: 'not-at-home', ballotsIssued: 0, ballotsSpoiled: 0 });
    desk.visit({ team: 1, number: 2, visitedAt: '2017-10-14T15:00:00+06:00', outcome: 'other', outcomeText: 'ооруканага жаткырылган', ballotsIssued: 0, ballotsSpoiled: 0 });
    expect(visitsOf(desk.state, 2).map((v) => v.outcome)).toEqual(['not-at-home', 'other']);
    expect(desk.state.votedOutside).toEqual({ v1: { number: 1, team: 1, visitedAt: AT, eventId: desk.events[5]?.id, recordedBy: 'm-sec' } });
    // The payload takes the voter from the register entry.
    expect(desk.state.visits[0]).toMatchObject({ voterId: 'v1', ballotsIssued: 1, ballotsSpoiled: 1, box: 1 });
  });

  it('teams-not-drawn; unknown-team and entry-not-found together', () => {
    expect(codes(problemsOf(checkVisit(EMPTY_OUT_PREMISES_STATE, visit(), ctx)))).toEqual(['teams-not-drawn']);
    expect(problemsOf(checkVisit(ready().state, visit({ team: 3, number: 7 }), ctx))).toEqual([
      { code: 'unknown-team', params: { team: 3 }, field: 'team' },
      { code: 'entry-not-found', params: { number: 7 }, field: 'number' },
    ]);
  });

  it('entry-withdrawn', () => {
    const desk = ready();
    desk.record('OutOfPremisesApplicationWithdrawn', payloadOf(checkWithdrawal(desk.state, { number: 1, reason: 'changed-mind' })));
    expect(codes(problemsOf(checkVisit(desk.state, visit(), ctx)))).toEqual(['entry-withdrawn']);
  });

  it('already-voted-outside, with the earlier visit', () => {
    const desk = ready();
    desk.visit(visit());
    expect(problemsOf(checkVisit(desk.state, visit({ visitedAt: '2017-10-14T12:00:00+06:00' }), ctx))).toEqual([
      { code: 'already-voted-outside', params: { number: 1, team: 1, at: AT, localDate: '2017-10-14', localTime: '10:00' }, field: 'number' },
    ]);
  });

  it('in-future', () => {
    const early = context({ now: new Date('2017-10-14T09:00:00+06:00') });
    expect(codes(problemsOf(checkVisit(ready().state, visit(), early)))).toEqual(['in-future']);
  });

  it('visit-before-departure and visit-after-return, with the trip times', () => {
    const desk = ready();
    // Team 1 left at 07:45: a visit at 08:00 is on its trip. Team 2 leaves at 09:00.
    expect(checkVisit(desk.state, visit({ visitedAt: '2017-10-14T08:00:00+06:00' }), ctx).ok).toBe(true);
    desk.hand(2, 5, 'm-5');
    desk.depart(2, '2017-10-14T09:00:00+06:00');
    expect(problemsOf(checkVisit(desk.state, visit({ team: 2, box: 2, visitedAt: '2017-10-14T08:30:00+06:00' }), ctx))).toEqual([
      { code: 'visit-before-departure', params: { team: 2, localDate: '2017-10-14', localTime: '09:00' }, field: 'visitedAt' },
    ]);
    desk.back(2, 5, '2017-10-14T12:00:00+06:00');
    const notAtHome = { team: 2, box: null, outcome: 'not-at-home', ballotsIssued: 0, visitedAt: '2017-10-14T12:30:00+06:00' } as const;
    expect(problemsOf(checkVisit(desk.state, visit(notAtHome), ctx))).toEqual([
      { code: 'visit-after-return', params: { team: 2, localDate: '2017-10-14', localTime: '12:00' }, field: 'visitedAt' },
    ]);
  });

  it('a trip whose return was stamped before its departure (the clocks disagree) does not refuse its visits', () => {
    // Team 2 left by a clock an hour ahead (11:00) and came back by one set right (10:30): its visits,
    // typed off the trip sheet at 09:30–10:15, are on that trip; the visiting window still bounds them.
    const desk = ready();
    desk.hand(2, 5, 'm-5');
    desk.depart(2, '2017-10-14T11:00:00+06:00');
    desk.back(2, 4, '2017-10-14T10:30:00+06:00');
    const notAtHome = { team: 2, number: 2, box: null, outcome: 'not-at-home', ballotsIssued: 0, visitedAt: '2017-10-14T09:30:00+06:00' } as const;
    expect(checkVisit(desk.state, visit(notAtHome), ctx).ok).toBe(true);
    expect(checkVisit(desk.state, visit({ team: 2, box: 2, visitedAt: '2017-10-14T10:15:00+06:00' }), ctx).ok).toBe(true);
    expect(codes(problemsOf(checkVisit(desk.state, visit({ ...notAtHome, visitedAt: '2017-10-14T21:00:00+06:00' }), ctx)))).toEqual(['visit-outside-window']);
  });

  it('a visit typed in the minute of the departure is on the trip (times are typed to the minute)', () => {
    const desk = ready();
    desk.hand(2, 5, 'm-5');
    desk.depart(2, '2017-10-14T09:00:40+06:00');
    expect(checkVisit(desk.state, visit({ team: 2, box: 2, visitedAt: '2017-10-14T09:00:00+06:00' }), ctx).ok).toBe(true);
    expect(problemsOf(checkVisit(desk.state, visit({ team: 2, box: 2, visitedAt: '2017-10-14T08:59:00+06:00' }), ctx))).toEqual([
      { code: 'visit-before-departure', params: { team: 2, localDate: '2017-10-14', localTime: '09:00' }, field: 'visitedAt' },
    ]);
  });

  it('outcome-text-required, ballot-count-mismatch both ways, box-required, box-not-with-team', () => {
    const state = ready().state;
    expect(codes(problemsOf(checkVisit(state, visit({ outcome: 'other', outcomeText: '', ballotsIssued: 0, box: null }), ctx)))).toEqual(['outcome-text-required']);
    expect(problemsOf(checkVisit(state, visit({ ballotsIssued: 0 }), ctx))).toEqual([{ code: 'ballot-count-mismatch', params: { outcome: 'voted', ballotsIssued: 0 }, field: 'ballotsIssued' }]);
    expect(codes(problemsOf(checkVisit(state, visit({ outcome: 'refused', ballotsIssued: 1, box: null }), ctx)))).toEqual(['ballot-count-mismatch']);
    expect(problemsOf(checkVisit(state, visit({ box: null }), ctx))).toEqual([{ code: 'box-required', params: {}, field: 'box' }]);
    expect(problemsOf(checkVisit(state, visit({ box: 2 }), ctx))).toEqual([{ code: 'box-not-with-team', params: { box: 2, team: 1 }, field: 'box' }]);
  });

  it('no-ballots-in-hand: a team cannot issue ballots it does not hold (spoiled ones count)', () => {
    const desk = ready();
    expect(problemsOf(checkVisit(desk.state, visit({ ballotsSpoiled: 5 }), ctx))).toEqual([{ code: 'no-ballots-in-hand', params: { team: 1, held: 5, needed: 6 }, field: 'ballotsIssued' }]);
    expect(checkVisit(desk.state, visit({ ballotsSpoiled: 4 }), ctx).ok).toBe(true);
    // Not-at-home needs no ballot even with none in hand.
    expect(checkVisit(desk.state, visit({ team: 2, box: null, outcome: 'not-at-home', ballotsIssued: 0 }), ctx).ok).toBe(true);
  });
});

describe('exclusion between the room and the visit', () => {
  const room = (voterId: string, issued: boolean): VoterBallotStatus => ({
    voterId,
    page: 1,
    issued: issued ? { eventId: 'e1', at: '2017-10-15T02:30:00.000Z', by: 'm-chair', deviceId: 'desk-1' } : null,
    undone: issued ? [] : [{ eventId: 'e0', at: '2017-10-15T02:00:00.000Z', by: 'm-3', deviceId: 'desk-1', reason: 'туура эмес шайлоочу', undid: 'e' }],
  });

  it('a voter who voted outside cannot receive a ballot in the room: voted-outside says when and by whom', () => {
    const desk = ready();
    desk.visit(visit());
    expect(checkBallotIssue(undefined, true).ok).toBe(true); // the room's own check knows nothing of the visit …
    expect(checkRoomIssueAgainstOutPremises(desk.state, 'v1', 'Asia/Bishkek')).toEqual(
      err({
        code: 'voted-outside',
        params: { number: 1, team: 1, at: AT, by: 'm-sec', localDate: '2017-10-14', localTime: '10:00' },
        field: 'voterId',
      }),
    ); // … this one does
    expect(checkRoomIssueAgainstOutPremises(desk.state, 'v2', 'Asia/Bishkek')).toEqual(ok(undefined));
  });

  it('a voter registered but not visited (or not at home) may vote in the room; the desk is told to withdraw the entry', () => {
    const desk = ready();
    desk.visit({ team: 1, number: 2, visitedAt: AT, outcome: 'not-at-home', ballotsIssued: 0, ballotsSpoiled: 0 });
    expect(checkRoomIssueAgainstOutPremises(desk.state, 'v2', 'Asia/Bishkek')).toEqual(ok(undefined));
    expect(roomIssueNotice(desk.state, 'v2')).toEqual({ code: 'registered-outside', params: { number: 2 }, field: 'voterId' });
    expect(roomIssueNotice(desk.state, 'v9')).toBeNull();
    desk.visit(visit());
    expect(roomIssueNotice(desk.state, 'v1')).toBeNull();
  });

  it('a voter who received a ballot in the room cannot be visited: issued-in-room says when and by whom', () => {
    const state = ready().state;
    expect(problemsOf(checkVisit(state, visit(), ctx, room('v1', true)))).toEqual([
      { code: 'issued-in-room', params: { at: '2017-10-15T02:30:00.000Z', by: 'm-chair', localDate: '2017-10-15', localTime: '08:30' }, field: 'voterId' },
    ]);
    expect(checkVisitAgainstRoom(room('v1', true), 'Asia/Tokyo')).toMatchObject({ ok: false, error: { params: { localDate: '2017-10-15', localTime: '11:30' } } });
    // An issue that was undone does not block.
    expect(checkVisit(state, visit(), ctx, room('v1', false)).ok).toBe(true);
    expect(checkVisitAgainstRoom(undefined, 'Asia/Bishkek')).toEqual(ok(undefined));
  });

  it('the same rule guards the register', () => {
    expect(codes(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, '2017-10-10T10:00:00+06:00'), ctx, room('v1', true))))).toEqual(['issued-in-room']);
  });
});
