/**
 * Voting days on a daylight-saving change, in zones the demo's consulates do not use (London in
 * the week the clocks go back, Sydney going forward and back, Los Angeles): voting hours, the
 * report times that bucket turnout, the application deadline and the visiting window are the local
 * wall-clock times of the precinct, on the day's own offset — a 23- or 25-hour day moves none of them.
 */
import { describe, expect, it } from 'vitest';
import { judgeVotingHours } from '../../../../shared/ballots/hours';
import { ballotsIssued, foldBallotFacts, reportInstants, turnoutPoints } from '../../../../shared/figures';
import { applicationDeadline, judgeApplicationTime, visitingWindow } from '../../../../shared/outpremises';
import type { IsoDate, TimeOfDay } from '../../../../shared/time/date';
import { localDateTimeIn, zonedToInstant } from '../../../../shared/time/zone';

const issue = (id: string, at: string) => ({ id, type: 'BallotIssued', recordedAt: at, payload: { voterId: id, listHash: 'a'.repeat(64), page: 1, row: 1 } });
const TIMES = ['10:00', '13:00', '16:00', '17:00', '20:00'] as TimeOfDay[];

describe('DST change days far from Bishkek', () => {
  const cases: { zone: string; day: IsoDate; hours: number }[] = [
    { zone: 'Europe/London', day: '2026-10-25', hours: 25 }, // BST → GMT at 02:00
    { zone: 'Europe/London', day: '2026-03-29', hours: 23 }, // GMT → BST at 01:00
    { zone: 'Australia/Sydney', day: '2026-10-04', hours: 23 }, // AEST → AEDT at 02:00
    { zone: 'Australia/Sydney', day: '2026-04-05', hours: 25 }, // AEDT → AEST at 03:00
    { zone: 'America/Los_Angeles', day: '2026-11-01', hours: 25 },
    { zone: 'America/Los_Angeles', day: '2026-03-08', hours: 23 },
  ];

  for (const { zone, day, hours } of cases) {
    it(`${zone} ${day} (${hours} h): hours, report times, turnout buckets`, () => {
      const start = zonedToInstant(day, '00:00', zone).getTime();
      const end = zonedToInstant(day, '24:00', zone).getTime();
      expect((end - start) / 3_600_000).toBe(hours);

      const law = { votingDay: day, from: '08:00' as TimeOfDay, to: '20:00' as TimeOfDay, timeZone: zone };
      const opens = zonedToInstant(day, '08:00', zone).getTime();
      const closes = zonedToInstant(day, '20:00', zone).getTime();
      expect((closes - opens) / 3_600_000).toBe(12);
      expect(judgeVotingHours(new Date(opens - 1000), law).outside).toBe('before-opening');
      expect(judgeVotingHours(new Date(opens), law).outside).toBeNull();
      expect(judgeVotingHours(new Date(closes - 1000), law).outside).toBeNull(); // 19:59:59
      expect(judgeVotingHours(new Date(closes), law).outside).toBe('after-closing'); // 20:00:00
      expect(localDateTimeIn(new Date(closes - 1000), zone)).toMatchObject({ date: day, time: '19:59', second: 59 });

      // All day: every instant of the 23- or 25-hour day is open, the next day's midnight is not.
      const allDay = { ...law, from: '00:00' as TimeOfDay, to: '24:00' as TimeOfDay };
      expect(judgeVotingHours(new Date(start), allDay).outside).toBeNull();
      expect(judgeVotingHours(new Date(end - 1000), allDay).outside).toBeNull();
      expect(judgeVotingHours(new Date(end), allDay).outside).toBe('other-day');

      // Report times are the local wall clock; a ballot at 09:59:59 is in 10:00's bucket, one at 10:00:01 is not.
      const reports = reportInstants(day, TIMES, zone);
      expect(reports.map((r) => localDateTimeIn(new Date(r.instant), zone).time)).toEqual(TIMES);
      const ten = Date.parse(reports[0]!.instant);
      const facts = foldBallotFacts([issue('v1', new Date(ten - 1000).toISOString()), issue('v2', new Date(ten).toISOString()), issue('v3', new Date(ten + 1000).toISOString()), issue('v4', new Date(closes - 1000).toISOString())]);
      const points = turnoutPoints(facts, { votingDay: day, times: TIMES, timeZone: zone, listSize: 4, now: new Date(end) });
      expect(points.map((p) => p.ballots)).toEqual([2, 3, 3, 3, 4]);
      expect(points.at(-1)?.ballots).toBe(ballotsIssued(facts).total);
    });

    it(`${zone} ${day}: application deadline (V−3, 24:00) and visiting window (V−1, 08:00–20:00) in local time`, () => {
      const ctx = { votingDay: day, timeZone: zone, members: [], now: new Date(zonedToInstant(day, '20:00', zone)) };
      const deadline = applicationDeadline(ctx);
      const end = zonedToInstant(deadline.date, deadline.time, zone).getTime();
      expect(localDateTimeIn(new Date(end - 1000), zone)).toMatchObject({ time: '23:59', second: 59 });
      expect(judgeApplicationTime(new Date(end - 1000), ctx).ok).toBe(true);
      expect(judgeApplicationTime(new Date(end), ctx).ok).toBe(false);
      const w = visitingWindow(ctx);
      expect(localDateTimeIn(w.start, zone).time).toBe('08:00');
      expect(localDateTimeIn(w.end, zone).time).toBe('20:00');
      expect((w.end.getTime() - w.start.getTime()) / 3_600_000).toBe(12);
    });
  }
});
