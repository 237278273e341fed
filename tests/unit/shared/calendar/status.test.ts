import { describe, expect, it } from 'vitest';
import { computeCalendar, itemStatus, nextItems, primaryDate, timingMilestones, timingSortKey, type ComputedTiming } from '../../../../shared/calendar/evaluate';
import { isPrecinctItem, precinctItems } from '../../../../shared/calendar/precinct';
import { calendar } from './helpers';

const computed = computeCalendar(calendar, { votingDay: '2017-10-15', electionCalled: '2017-06-14' });
const timing = (n: number): ComputedTiming => {
  const c = computed.find((x) => x.n === n);
  if (!c) throw new Error(`no item ${n}`);
  return c.timing;
};
const status = (n: number, today: string, done = false) => itemStatus(timing(n), today, done);

describe('itemStatus', () => {
  it('a deadline: upcoming, due-today, overdue, done', () => {
    expect(status(46, '2017-09-24')).toBe('upcoming');
    expect(status(46, '2017-09-25')).toBe('due-today');
    expect(status(46, '2017-09-26')).toBe('overdue');
    expect(status(46, '2017-09-26', true)).toBe('done');
    expect(status(46, '2017-09-01', true)).toBe('done');
  });
  it('a window: upcoming before, in-progress inside, due-today on its last day, overdue after', () => {
    expect(status(40, '2017-08-15')).toBe('upcoming');
    expect(status(40, '2017-08-16')).toBe('in-progress');
    expect(status(40, '2017-09-29')).toBe('in-progress');
    expect(status(40, '2017-09-30')).toBe('due-today');
    expect(status(40, '2017-10-01')).toBe('overdue');
    expect(status(71, '2017-10-14')).toBe('due-today');
  });
  it('a window whose start is an undated event behaves like its deadline', () => {
    expect(status(69, '2017-10-01')).toBe('upcoming');
    expect(status(69, '2017-10-12')).toBe('due-today');
    expect(status(69, '2017-10-13')).toBe('overdue');
  });
  it('"after" with no end stays in progress; an open window too', () => {
    expect(status(74, '2017-10-14')).toBe('upcoming');
    expect(status(74, '2017-10-15')).toBe('due-today');
    expect(status(74, '2017-10-16')).toBe('in-progress');
    expect(status(3, '2017-06-13')).toBe('upcoming');
    expect(status(3, '2018-01-01')).toBe('in-progress');
  });
  it('relative, continuous and recurring items are undated (unless done)', () => {
    expect(status(82, '2017-10-15')).toBe('undated');
    expect(status(7, '2017-10-15')).toBe('undated');
    expect(status(56, '2017-10-15')).toBe('undated');
    expect(status(82, '2017-10-15', true)).toBe('done');
    expect(status(67, '2017-10-15')).toBe('undated');
  });
  it('several dates: the most pressing part; overdue only after the last one', () => {
    expect(status(59, '2017-10-01')).toBe('upcoming');
    expect(status(59, '2017-10-05')).toBe('due-today');
    expect(status(59, '2017-10-10')).toBe('upcoming');
    expect(status(59, '2017-10-26')).toBe('overdue');
  });
  it('refuses a non-date today', () => {
    expect(() => status(46, '25.09.2017')).toThrow(RangeError);
  });
});

describe('primaryDate, timingSortKey, nextItems', () => {
  it('primaryDate is the due day', () => {
    expect(primaryDate(timing(40))).toBe('2017-09-30');
    expect(primaryDate(timing(3))).toBe('2017-06-14');
    expect(primaryDate(timing(59))).toBe('2017-10-25');
    expect(primaryDate(timing(82))).toBeUndefined();
    expect(timingMilestones(timing(59))).toEqual(['2017-10-05', '2017-10-25']);
  });
  it('sorts the precinct items chronologically, voting-day items by hour, undated last', () => {
    const order = computeCalendar(precinctItems(calendar), { votingDay: '2017-10-15', electionCalled: '2017-06-14' })
      .slice()
      .sort((a, b) => timingSortKey(a.timing).localeCompare(timingSortKey(b.timing)) || a.n - b.n)
      .map((c) => c.n);
    expect(order).toEqual([36, 46, 40, 42, 43, 47, 68, 49, 69, 70, 71, 63, 72, 73, 74, 77, 78, 80, 86, 84, 85, 39, 75, 76, 81, 82, 83]);
  });
  it('nextItems gives the earliest date on or after today and its items', () => {
    const next = nextItems(computed, '2017-10-13');
    expect(next?.date).toBe('2017-10-13');
    expect(next?.items.map((c) => c.n)).toEqual([27, 29, 63, 70]);
    expect(nextItems(computed, '2017-10-13', (c) => c.n === 70)?.items.map((c) => c.n)).toEqual([27, 29, 63]);
    expect(nextItems(computed, '2017-10-16')).toMatchObject({ date: '2017-10-16', items: [{ n: 86 }] });
    expect(nextItems(computed, '2017-11-05')).toBeNull();
  });
});

describe('precinct items', () => {
  it('are the 27 items where the precinct commission acts or receives', () => {
    const ns = calendar.filter(isPrecinctItem).map((i) => i.n);
    expect(ns).toEqual([36, 39, 40, 42, 43, 46, 47, 49, 63, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86]);
    expect(isPrecinctItem({ precinct_role: false, precinct_recipient: false })).toBe(false);
    expect(isPrecinctItem({ precinct_role: false, precinct_recipient: true })).toBe(true);
  });
});
