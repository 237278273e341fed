import { describe, expect, it } from 'vitest';
import { EMPTY_OUT_PREMISES_STATE, applicationDeadline, checkApplication, checkVisit, judgeVisitTime, lotDrawingDate, visitingWindow } from '../../../../shared/outpremises';
import { err, ok } from '../../../../shared/util/result';
import { Desk, application, context, problemsOf, voted } from './helpers';

/**
 * Three precincts, each judged on its own wall clock:
 * - Bishkek (UTC+6) and a consulate in Tokyo (UTC+9), voting day 15 Oct 2017;
 * - a consulate in New York with a voting day of Monday 6 Nov 2017 (hypothetical, chosen for daylight
 *   saving): the application deadline (3 Nov) is on EDT, UTC−4; the visiting day (5 Nov) is the
 *   night daylight saving ends, so its 08:00–20:00 is on EST, UTC−5. A fixed offset gets one wrong.
 */
const cases = [
  {
    zone: 'Asia/Bishkek',
    votingDay: '2017-10-15',
    deadlineDate: '2017-10-12',
    nextDate: '2017-10-13',
    deadlineEnd: '2017-10-12T18:00:00.000Z',
    inTime: '2017-10-12T17:30:00Z',
    late: '2017-10-12T18:05:00Z',
    visitDate: '2017-10-14',
    window: ['2017-10-14T02:00:00.000Z', '2017-10-14T14:00:00.000Z'],
    visits: { '07:59': '2017-10-14T01:59:00Z', '08:00': '2017-10-14T02:00:00Z', '19:59': '2017-10-14T13:59:00Z', '20:00': '2017-10-14T14:00:00Z' },
  },
  {
    zone: 'Asia/Tokyo',
    votingDay: '2017-10-15',
    deadlineDate: '2017-10-12',
    nextDate: '2017-10-13',
    deadlineEnd: '2017-10-12T15:00:00.000Z',
    inTime: '2017-10-12T14:30:00Z',
    late: '2017-10-12T15:05:00Z',
    visitDate: '2017-10-14',
    window: ['2017-10-13T23:00:00.000Z', '2017-10-14T11:00:00.000Z'],
    visits: { '07:59': '2017-10-13T22:59:00Z', '08:00': '2017-10-13T23:00:00Z', '19:59': '2017-10-14T10:59:00Z', '20:00': '2017-10-14T11:00:00Z' },
  },
  {
    zone: 'America/New_York',
    votingDay: '2017-11-06',
    deadlineDate: '2017-11-03',
    nextDate: '2017-11-04',
    deadlineEnd: '2017-11-04T04:00:00.000Z', // 24:00 EDT
    inTime: '2017-11-04T03:30:00Z',
    late: '2017-11-04T04:05:00Z',
    visitDate: '2017-11-05',
    window: ['2017-11-05T13:00:00.000Z', '2017-11-06T01:00:00.000Z'], // 08:00 and 20:00 EST
    visits: { '07:59': '2017-11-05T12:59:00Z', '08:00': '2017-11-05T13:00:00Z', '19:59': '2017-11-06T00:59:00Z', '20:00': '2017-11-06T01:00:00Z' },
  },
] as const;

describe.each(cases)('$zone: deadlines and windows on the precinct wall clock', (c) => {
  const ctx = context({ votingDay: c.votingDay, timeZone: c.zone, now: new Date(`${c.votingDay}T23:00:00Z`) });

  it('applications close at 24:00 local on V−3 (calendar item 69)', () => {
    const d = applicationDeadline(ctx);
    expect(d).toEqual({ date: c.deadlineDate, time: '24:00', timeZone: c.zone });
  });

  it('an application at 23:30 local on the deadline day is in time and gets number 1', () => {
    const r = checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, c.inTime), ctx);
    expect(r.ok && r.value.payload.number).toBe(1);
  });

  it('one at 00:05 local the next day is late, with the local date and time it was judged at', () => {
    expect(problemsOf(checkApplication(EMPTY_OUT_PREMISES_STATE, application(1, c.late), ctx))).toEqual([
      { code: 'application-late', params: { deadlineDate: c.deadlineDate, deadlineTime: '24:00', localDate: c.nextDate, localTime: '00:05', timeZone: c.zone }, field: 'receivedAt' },
    ]);
  });

  it('the visiting window is V−1 08:00–20:00 local (calendar item 71)', () => {
    const w = visitingWindow(ctx);
    expect([w.date, w.from, w.to]).toEqual([c.visitDate, '08:00', '20:00']);
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual(c.window);
  });

  it.each([
    ['07:59', false],
    ['08:00', true],
    ['19:59', true],
    ['20:00', false],
  ] as const)('a visit at %s local is inside: %s', (local, inside) => {
    const at = c.visits[local];
    const p = judgeVisitTime(new Date(at), ctx);
    if (inside) expect(p).toEqual(ok(undefined));
    else expect(p).toEqual(err({ code: 'visit-outside-window', params: { date: c.visitDate, from: '08:00', to: '20:00', timeZone: c.zone, localDate: c.visitDate, localTime: local }, field: 'visitedAt' }));

    // The same through checkVisit, with a real register and team.
    const desk = new Desk(ctx);
    desk.register(1, c.inTime);
    desk.drawTeams(`${lotDrawingDate(c.votingDay)}T12:00:00Z`);
    desk.hand(1, 3, 'm-3', c.window[0]);
    const r = checkVisit(desk.state, voted(1, 1, at, 1), ctx);
    expect(r.ok).toBe(inside);
    if (!r.ok) expect(r.error.map((x) => x.code)).toEqual(['visit-outside-window']);
  });
});

describe('New York daylight saving', () => {
  it('the visiting day of 5 Nov runs 08:00–20:00 EST, twelve real hours; a day earlier it would be EDT', () => {
    const ctx = context({ votingDay: '2017-11-06', timeZone: 'America/New_York' });
    const w = visitingWindow(ctx);
    // 12 local hours from 08:00 to 20:00 on the 25-hour day are still 12 real hours (the change is at 02:00).
    expect(w.end.getTime() - w.start.getTime()).toBe(12 * 3_600_000);
    // On a voting day of 5 Nov the visits are on 4 Nov, still daylight time.
    const before = visitingWindow(context({ votingDay: '2017-11-05', timeZone: 'America/New_York' }));
    expect(before.start.toISOString()).toBe('2017-11-04T12:00:00.000Z');
  });
});
