import { describe, expect, it } from 'vitest';
import {
  EMPTY_OUT_PREMISES_STATE,
  boxesTakenOut,
  checkBallotsHanded,
  checkDeparture,
  checkReturn,
  checkTeamsDrawing,
  type OutPremisesPayloadInput,
} from '../../../../shared/outpremises';
import { Desk, codes, context, payloadOf, problemsOf, voted } from './helpers';

const ctx = context();
type Draw = OutPremisesPayloadInput<'MobileTeamsDrawn'>;
const draw = (over: Partial<Draw> = {}): Draw => ({
  drawnAt: '2017-10-13T15:00:00+06:00',
  boxes: [
    { box: 1, seal: 'S-001' },
    { box: 2, seal: 'S-002' },
  ],
  teams: [
    { team: 1, memberIds: ['m-3', 'm-4'], operatorName: 'Оператор', boxes: [1] },
    { team: 2, memberIds: ['m-5', 'm-6'], operatorName: 'Оператор', boxes: [2] },
  ],
  ...over,
});
const team = (n: number, memberIds: string[], boxes: number[]) => ({ team: n, memberIds, operatorName: 'Оператор', boxes });

describe('drawing of lots: team rules', () => {
  it('accepts two teams of two with one box each, without warnings, and folds them in team order', () => {
    const r = checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw(), ctx);
    expect(r.ok && r.value.warnings).toEqual([]);
    const desk = new Desk();
    desk.record('MobileTeamsDrawn', payloadOf(checkTeamsDrawing(desk.state, draw({ teams: [team(2, ['m-5', 'm-6'], [2]), team(1, ['m-3', 'm-4'], [1])] }), ctx)));
    expect(desk.state.teams.map((t) => [t.team, t.memberIds, t.boxes])).toEqual([
      [1, ['m-3', 'm-4'], [1]],
      [2, ['m-5', 'm-6'], [2]],
    ]);
    expect(desk.state.drawing?.boxes).toEqual([
      { box: 1, seal: 'S-001' },
      { box: 2, seal: 'S-002' },
    ]);
  });

  it('team-too-small: one member (or one member written twice)', () => {
    expect(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3'], [1]), team(2, ['m-5', 'm-6'], [2])] }), ctx))).toEqual([
      { code: 'team-too-small', params: { team: 1, min: 2, count: 1 }, field: 'teams' },
    ]);
    expect(codes(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3', 'm-3'], [1]), team(2, ['m-5', 'm-6'], [2])] }), ctx)))).toEqual([
      'team-too-small',
      'member-in-two-teams',
    ]);
    // An empty team is said once, not echoed by the schema.
    expect(codes(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, [], [1]), team(2, ['m-5', 'm-6'], [2])] }), ctx)))).toEqual(['team-too-small']);
  });

  it('member-in-two-teams names the member and the teams', () => {
    expect(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3', 'm-4'], [1]), team(2, ['m-4', 'm-6'], [2])] }), ctx))).toEqual([
      { code: 'member-in-two-teams', params: { memberId: 'm-4', teams: '1, 2' }, field: 'teams' },
    ]);
  });

  it('unknown-member, team-number-duplicate', () => {
    expect(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3', 'm-9'], [1]), team(1, ['m-5', 'm-6'], [2])] }), ctx))).toEqual([
      { code: 'unknown-member', params: { memberId: 'm-9', team: 1 }, field: 'teams' },
      { code: 'team-number-duplicate', params: { team: 1 }, field: 'teams' },
    ]);
  });

  it('team-without-box, box-not-declared, box-in-two-teams', () => {
    expect(codes(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3', 'm-4'], []), team(2, ['m-5', 'm-6'], [2])] }), ctx)))).toEqual([
      'team-without-box',
    ]);
    expect(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3', 'm-4'], [1, 3]), team(2, ['m-5', 'm-6'], [2])] }), ctx))).toEqual([
      { code: 'box-not-declared', params: { box: 3, team: 1 }, field: 'teams' },
    ]);
    expect(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ teams: [team(1, ['m-3', 'm-4'], [1, 2]), team(2, ['m-5', 'm-6'], [2])] }), ctx))).toEqual([
      { code: 'box-in-two-teams', params: { box: 2, teams: '1, 2' }, field: 'teams' },
    ]);
  });

  it('box-number-duplicate, seal-duplicate; more than three boxes is a schema refusal', () => {
    const boxes = [
      { box: 1, seal: 'S-1' },
      { box: 1, seal: 'S-2' },
      { box: 2, seal: ' S-2 ' },
    ];
    expect(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ boxes }), ctx))).toEqual([
      { code: 'box-number-duplicate', params: { box: 1 }, field: 'boxes' },
      { code: 'seal-duplicate', params: { seal: 'S-2', boxes: '1, 2' }, field: 'boxes' },
    ]);
    const four = [1, 2, 3, 3].map((box, i) => ({ box, seal: `S${i}` }));
    expect(codes(problemsOf(checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ boxes: four }), ctx)))).toContain('invalid-field');
  });

  it('warns (does not block): box-unassigned; drawing-not-on-lot-day (the law says 2 days before voting day)', () => {
    const r = checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ drawnAt: '2017-10-14T07:00:00+06:00', boxes: [...draw().boxes, { box: 3, seal: 'S-003' }] }), ctx);
    expect(r.ok && r.value.warnings).toEqual([
      { code: 'box-unassigned', params: { box: 3 }, field: 'boxes' },
      { code: 'drawing-not-on-lot-day', params: { expectedDate: '2017-10-13', localDate: '2017-10-14', localTime: '07:00' }, field: 'drawnAt' },
    ]);
    // 23:59 local on 13 Oct in Tokyo is 14:59 UTC: still the lot day there.
    const tokyo = checkTeamsDrawing(EMPTY_OUT_PREMISES_STATE, draw({ drawnAt: '2017-10-13T14:59:00Z' }), context({ timeZone: 'Asia/Tokyo' }));
    expect(tokyo.ok && tokyo.value.warnings).toEqual([]);
  });

  it('a new drawing replaces the old one until ballots are handed; then teams-already-out', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.record('MobileTeamsDrawn', payloadOf(checkTeamsDrawing(desk.state, draw({ teams: [team(1, ['m-3', 'm-5'], [1]), team(2, ['m-4', 'm-6'], [2])] }), ctx)));
    expect(desk.state.teams.map((t) => t.memberIds)).toEqual([
      ['m-3', 'm-5'],
      ['m-4', 'm-6'],
    ]);
    desk.hand(2, 10, 'm-4');
    expect(problemsOf(checkTeamsDrawing(desk.state, draw(), ctx))).toEqual([{ code: 'teams-already-out', params: { teams: '2' } }]);
  });
});

describe('ballots handed against signature', () => {
  it('sums several handings per team, each with who handed and who received', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.hand(1, 10, 'm-3');
    desk.hand(1, 5, 'm-4');
    expect(desk.state.teams[0]?.handings.map((h) => [h.count, h.handedBy, h.receivedBy])).toEqual([
      [10, 'm-sec', 'm-3'],
      [5, 'm-sec', 'm-4'],
    ]);
  });

  it('teams-not-drawn, unknown-team, unknown-member, receiver-not-in-team, handed-by-receiver, invalid-field', () => {
    const h = { team: 1, count: 10, handedAt: '2017-10-14T07:30:00+06:00', handedBy: 'm-sec', receivedBy: 'm-3' };
    expect(codes(problemsOf(checkBallotsHanded(EMPTY_OUT_PREMISES_STATE, h, ctx)))).toEqual(['teams-not-drawn']);
    const desk = new Desk();
    desk.drawTeams();
    expect(problemsOf(checkBallotsHanded(desk.state, { ...h, team: 3 }, ctx))).toEqual([{ code: 'unknown-team', params: { team: 3 }, field: 'team' }]);
    expect(problemsOf(checkBallotsHanded(desk.state, { ...h, handedBy: 'm-x' }, ctx))).toEqual([{ code: 'unknown-member', params: { memberId: 'm-x' }, field: 'handedBy' }]);
    expect(problemsOf(checkBallotsHanded(desk.state, { ...h, receivedBy: 'm-5' }, ctx))).toEqual([{ code: 'receiver-not-in-team', params: { memberId: 'm-5', team: 1 }, field: 'receivedBy' }]);
    expect(problemsOf(checkBallotsHanded(desk.state, { ...h, handedBy: 'm-3' }, ctx))).toEqual([{ code: 'handed-by-receiver', params: { memberId: 'm-3' }, field: 'handedBy' }]);
    expect(codes(problemsOf(checkBallotsHanded(desk.state, { ...h, count: 0 }, ctx)))).toEqual(['invalid-field']);
  });
});

describe('departure and return', () => {
  it('records trips; a second trip after return is allowed', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.hand(1, 10, 'm-3');
    desk.depart(1, '2017-10-14T07:45:00+06:00');
    desk.back(1, 10, '2017-10-14T12:00:00+06:00');
    desk.hand(1, 4, 'm-3', '2017-10-14T12:30:00+06:00');
    desk.depart(1, '2017-10-14T13:00:00+06:00');
    expect(desk.state.teams[0]?.trips.map((t) => [t.departedAt, t.returned?.ballotsReturned ?? null])).toEqual([
      ['2017-10-14T07:45:00+06:00', 10],
      ['2017-10-14T13:00:00+06:00', null],
    ]);
  });

  it('team-already-out with the departure time; departed-without-ballots is a warning', () => {
    const desk = new Desk();
    desk.drawTeams();
    const empty = checkDeparture(desk.state, { team: 1, departedAt: '2017-10-14T07:45:00+06:00' }, ctx);
    expect(empty.ok && empty.value.warnings).toEqual([{ code: 'departed-without-ballots', params: { team: 1 }, field: 'team' }]);
    desk.hand(1, 10, 'm-3');
    desk.depart(1);
    expect(problemsOf(checkDeparture(desk.state, { team: 1, departedAt: '2017-10-14T09:00:00+06:00' }, ctx))).toEqual([
      { code: 'team-already-out', params: { team: 1, localDate: '2017-10-14', localTime: '07:45' }, field: 'team' },
    ]);
    expect(codes(problemsOf(checkDeparture(EMPTY_OUT_PREMISES_STATE, { team: 1, departedAt: '2017-10-14T09:00:00+06:00' }, ctx)))).toEqual(['teams-not-drawn']);
  });

  it('team-not-out (already back); a team that never left may hand its ballots back', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.hand(2, 3, 'm-5');
    desk.back(2, 3, '2017-10-14T09:00:00+06:00');
    expect(problemsOf(checkReturn(desk.state, { team: 2, returnedAt: '2017-10-14T20:00:00+06:00', ballotsReturned: 0 }, ctx))).toEqual([
      { code: 'team-not-out', params: { team: 2 }, field: 'team' },
    ]);
    desk.hand(1, 10, 'm-3');
    desk.depart(1, '2017-10-14T07:45:00+06:00');
  });

  it('a return stamped before its departure (the clocks disagree) is recorded with a warning, not refused', () => {
    // The departure was stamped by a clock an hour ahead (another laptop's, or this one before it was
    // set right): the team is back, and its ballots must not stay "with the team" until the clock catches up.
    const desk = new Desk();
    desk.drawTeams();
    desk.hand(1, 10, 'm-3');
    desk.depart(1, '2017-10-14T11:00:00+06:00');
    const r = checkReturn(desk.state, { team: 1, returnedAt: '2017-10-14T10:30:00+06:00', ballotsReturned: 10 }, ctx);
    expect(r.ok && r.value.warnings).toEqual([
      { code: 'return-before-departure', params: { team: 1, localDate: '2017-10-14', localTime: '11:00' }, field: 'returnedAt' },
    ]);
  });

  it('a return stamped before a visit of its trip (the clock went back after the visits) is recorded with a warning naming the latest visit', () => {
    // Out at 07:45, visits typed off the team's paper at 10:00 and 10:20; then this laptop's clock is
    // set back an hour (NTP), and the return is stamped 09:40.
    const desk = new Desk();
    desk.drawTeams();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.register(2, '2017-10-01T09:10:00+06:00');
    desk.hand(1, 10, 'm-3');
    desk.depart(1);
    desk.visit(voted(1, 1, '2017-10-14T10:00:00+06:00', 1));
    desk.visit(voted(1, 2, '2017-10-14T10:20:00+06:00', 1));
    const back = checkReturn(desk.state, { team: 1, returnedAt: '2017-10-14T09:40:00+06:00', ballotsReturned: 8 }, ctx);
    expect(back.ok && back.value.warnings).toEqual([
      { code: 'return-before-visit', params: { team: 1, number: 2, localDate: '2017-10-14', localTime: '10:20' }, field: 'returnedAt' },
    ]);
    // Stamped after the last visit: nothing to say.
    const later = checkReturn(desk.state, { team: 1, returnedAt: '2017-10-14T10:21:00+06:00', ballotsReturned: 8 }, ctx);
    expect(later.ok && later.value.warnings).toEqual([]);
  });

  it('warns returned-more-than-held and seal-mismatch (numbers recorded as found)', () => {
    const desk = new Desk();
    desk.drawTeams();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.hand(1, 10, 'm-3');
    desk.depart(1);
    desk.visit(voted(1, 1, '2017-10-14T10:00:00+06:00', 1));
    const r = checkReturn(desk.state, { team: 1, returnedAt: '2017-10-14T19:00:00+06:00', ballotsReturned: 10, seals: [{ box: 1, seal: 'S-999' }] }, ctx);
    expect(r.ok && r.value.warnings).toEqual([
      { code: 'returned-more-than-held', params: { team: 1, returned: 10, held: 9 }, field: 'ballotsReturned' },
      { code: 'seal-mismatch', params: { box: 1, expected: 'S-001', found: 'S-999' }, field: 'seals' },
    ]);
  });

  it('in-future for a drawing, a handing, a departure or a return later than the app clock', () => {
    const early = context({ now: new Date('2017-10-14T08:00:00+06:00') });
    const later = '2017-10-14T08:01:00+06:00';
    const future = [{ code: 'in-future', params: { localDate: '2017-10-14', localTime: '08:01' } }];
    const desk = new Desk(early);
    expect(problemsOf(checkTeamsDrawing(desk.state, draw({ drawnAt: later }), early))).toMatchObject(future);
    desk.drawTeams();
    expect(problemsOf(checkBallotsHanded(desk.state, { team: 1, count: 1, handedAt: later, handedBy: 'm-sec', receivedBy: 'm-3' }, early))).toMatchObject(future);
    desk.hand(1, 1, 'm-3');
    expect(problemsOf(checkDeparture(desk.state, { team: 1, departedAt: later }, early))).toMatchObject(future);
    desk.depart(1);
    expect(problemsOf(checkReturn(desk.state, { team: 1, returnedAt: later, ballotsReturned: 1 }, early))).toMatchObject(future);
  });
});

describe('boxes taken out (the opening does not show them empty)', () => {
  it('names each box of a team that has left, with its team, first departure and drawn seal; none before', () => {
    const desk = new Desk();
    desk.register(1, '2017-10-01T09:00:00+06:00');
    desk.drawTeams();
    expect(boxesTakenOut(desk.state)).toEqual([]);
    desk.hand(2, 3, 'm-5');
    desk.depart(2);
    expect(boxesTakenOut(desk.state)).toEqual([
      { box: 2, team: 2, departedAt: '2017-10-14T07:45:00+06:00', seal: 'S-002' },
      { box: 3, team: 2, departedAt: '2017-10-14T07:45:00+06:00', seal: 'S-003' },
    ]);
    // Back from the trip, the boxes still hold the ballots: still taken out.
    desk.back(2, 3);
    expect(boxesTakenOut(desk.state).map((b) => b.box)).toEqual([2, 3]);
  });
});
