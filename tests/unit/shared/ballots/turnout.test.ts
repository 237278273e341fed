import { describe, expect, it } from 'vitest';
import { checkBallotIssue, checkUndo, foldIssued, foldUndone } from '../../../../shared/ballots/issue';
import { turnoutAt, turnoutReportLine } from '../../../../shared/ballots/turnout';
import { err, ok } from '../../../../shared/util/result';

describe('turnout at reporting times', () => {
  const times = ['10:00', '13:00', '16:00', '17:00', '20:00'];
  it('counts issues by local time in the precinct zone, less undone issues', () => {
    // Tokyo (UTC+9): 10:00 local = 01:00Z.
    const moments = [
      { kind: 'issued' as const, at: '2017-10-15T00:30:00.000Z' }, // 09:30
      { kind: 'issued' as const, at: '2017-10-15T00:59:59.000Z' }, // 09:59:59
      { kind: 'issued' as const, at: '2017-10-15T01:00:00.000Z' }, // exactly 10:00 counts
      { kind: 'issued' as const, at: '2017-10-15T03:00:00.000Z' }, // 12:00
      { kind: 'undone' as const, at: '2017-10-15T03:30:00.000Z' }, // 12:30
      { kind: 'issued' as const, at: '2017-10-15T08:00:00.000Z' }, // 17:00
    ];
    const points = turnoutAt(moments, { votingDay: '2017-10-15', times, timeZone: 'Asia/Tokyo', listSize: 69, now: new Date('2017-10-15T09:00:00Z') });
    expect(points.map((p) => p.ballots)).toEqual([3, 3, 3, 4, 4]);
    expect(points[0]?.percent).toBe(4.35);
    expect(points.map((p) => p.reached)).toEqual([true, true, true, true, false]);
  });

  it('respects daylight saving in New York', () => {
    // 15 Oct 2017: EDT (UTC−4): 10:00 local = 14:00Z.
    const points = turnoutAt([{ kind: 'issued', at: '2017-10-15T13:59:00.000Z' }, { kind: 'issued', at: '2017-10-15T14:01:00.000Z' }], {
      votingDay: '2017-10-15', times: ['10:00'], timeZone: 'America/New_York', listSize: null, now: new Date('2017-10-16T00:00:00Z'),
    });
    expect(points[0]).toMatchObject({ ballots: 1, percent: null, instant: '2017-10-15T14:00:00.000Z' });
    expect(turnoutReportLine(9034, points[0]!, String)).toBe('9034 · 10:00 · 1');
  });
});

describe('issue rules', () => {
  it('refuses a voter outside the list and a second issue', () => {
    expect(checkBallotIssue(undefined, false)).toEqual(err({ code: 'not-in-list' }));
    expect(checkBallotIssue(undefined, true)).toEqual(ok(undefined));
    const issued = foldIssued(undefined, 'v', 1, { eventId: 'e1', at: '2017-10-15T03:00:00Z', by: 'm1', deviceId: 'd' });
    expect(checkBallotIssue(issued, true)).toEqual(err({ code: 'already-issued', at: '2017-10-15T03:00:00Z', by: 'm1' }));
    const undone = foldUndone(issued, 'v', 1, { eventId: 'e2', at: 'x', by: 'm3', deviceId: 'd', reason: 'mistake', undid: 'e1' });
    expect(checkBallotIssue(undone, true)).toEqual(ok(undefined));
    expect(undone.undone).toHaveLength(1);
  });
  it('lets only the chair or secretary undo, with a reason', () => {
    const issued = foldIssued(undefined, 'v', 1, { eventId: 'e1', at: 'x', by: 'm1', deviceId: 'd' });
    expect(checkUndo(issued, 'member', 'a good reason')).toEqual(err({ code: 'role-not-allowed' }));
    expect(checkUndo(issued, 'deputy', 'a good reason')).toEqual(err({ code: 'role-not-allowed' }));
    expect(checkUndo(issued, 'chair', 'no')).toEqual(err({ code: 'reason-required', min: 5 }));
    expect(checkUndo(issued, 'secretary', 'wrong row')).toEqual(ok(undefined));
    expect(checkUndo(undefined, 'chair', 'wrong row')).toEqual(err({ code: 'not-issued' }));
  });
});
