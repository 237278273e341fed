import { describe, expect, it } from 'vitest';
import { deadlineEnd, judgeDeadline, ruleDeadline } from '../../../../shared/calendar/deadline';

const anchors = { votingDay: '2017-10-15' };
const form3 = { kind: 'before_voting_day', days: 15, bound: 'not_later' } as const;

describe('calendar deadlines in the precinct time zone', () => {
  it('a "not later than 15 days before" rule ends at 24:00 local on 30 Sep 2017', () => {
    expect(ruleDeadline(form3, anchors, 'Asia/Bishkek')).toEqual({ date: '2017-09-30', time: '24:00', timeZone: 'Asia/Bishkek' });
    expect(deadlineEnd({ date: '2017-09-30', time: '24:00', timeZone: 'Asia/Bishkek' }).toISOString()).toBe('2017-09-30T18:00:00.000Z');
  });

  it.each([
    ['Asia/Bishkek', '2017-09-30T17:30:00Z', '2017-09-30T18:05:00Z'],
    ['Asia/Tokyo', '2017-09-30T14:30:00Z', '2017-09-30T15:05:00Z'],
    // New York on 30 Sep 2017 is on daylight time, UTC-4.
    ['America/New_York', '2017-10-01T03:30:00Z', '2017-10-01T04:05:00Z'],
  ])('%s: 23:30 local on the deadline day is in time, 00:05 the next day is late', (zone, inTime, late) => {
    const deadline = ruleDeadline(form3, anchors, zone)!;
    const a = judgeDeadline(new Date(inTime), deadline);
    expect(a).toMatchObject({ inTime: true, local: { date: '2017-09-30', time: '23:30' } });
    const b = judgeDeadline(new Date(late), deadline);
    expect(b).toMatchObject({ inTime: false, local: { date: '2017-10-01', time: '00:05' } });
  });

  it('New York in winter is UTC-5: the same local deadline is a different instant', () => {
    const end = deadlineEnd({ date: '2017-12-01', time: '24:00', timeZone: 'America/New_York' });
    expect(end.toISOString()).toBe('2017-12-02T05:00:00.000Z');
  });

  it('a rule with an hour ends at that hour', () => {
    const end = deadlineEnd({ date: '2017-10-14', time: '20:00', timeZone: 'Asia/Tokyo' });
    expect(end.toISOString()).toBe('2017-10-14T11:00:00.000Z');
    expect(judgeDeadline(new Date('2017-10-14T10:59:00Z'), { date: '2017-10-14', time: '20:00', timeZone: 'Asia/Tokyo' }).inTime).toBe(true);
    expect(judgeDeadline(new Date('2017-10-14T11:00:00Z'), { date: '2017-10-14', time: '20:00', timeZone: 'Asia/Tokyo' }).inTime).toBe(false);
  });

  it('a rule relative to an undated event has no deadline', () => {
    expect(ruleDeadline({ kind: 'after_event', event: 'application_processed', days: 2, bound: 'within' }, anchors, 'Asia/Bishkek')).toBeNull();
  });
});
