import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_REGISTRATION_DAYS_BEFORE_VOTING,
  computeCalendar,
  computeTiming,
  datedEvents,
  primaryDate,
  type ComputedCalendarItem,
  type ComputedTiming,
} from '../../../../shared/calendar/evaluate';
import type { CalendarItem, CalendarRule } from '../../../../shared/calendar/schema';
import { addDays, daysBetween } from '../../../../shared/time/date';
import { calendar, endDate, item, shiftTiming } from './helpers';

const A2017 = { votingDay: '2017-10-15', electionCalled: '2017-06-14' };
const computed2017 = computeCalendar(calendar, A2017);
const byN = (list: ComputedCalendarItem<CalendarItem>[], n: number): ComputedTiming => {
  const c = list.find((x) => x.n === n);
  if (!c) throw new Error(`no item ${n}`);
  return c.timing;
};
const t2017 = (n: number) => byN(computed2017, n);

/** Items anchored to the election call with no offset: the data file left their dates blank. */
const CALL_ANCHORED = [1, 2, 3, 34, 35, 36, 50, 51, 52, 58, 64, 65, 66];

describe('2017 plan: computed dates equal the seed dates', () => {
  it('every item with a seed date except 46 and 63 gets that date', () => {
    let checked = 0;
    for (const it of calendar) {
      if (it.n === 46 || it.n === 63) continue;
      const t = t2017(it.n);
      if (it.date_2017 || it.date_2017_from || it.dates_2017) checked++;
      if (it.date_2017) {
        expect(endDate(t), `item ${it.n}`).toBe(it.date_2017);
      }
      if (it.date_2017_from) {
        expect(t.kind === 'window' ? t.from : undefined, `item ${it.n} from`).toBe(it.date_2017_from);
      }
      if (it.dates_2017) {
        expect(t.kind, `item ${it.n}`).toBe('dates');
        if (t.kind !== 'dates') continue;
        const dated = t.parts.map((p) => endDate(p.timing)).filter((d) => d !== undefined);
        expect(dated, `item ${it.n}`).toEqual(it.dates_2017);
      }
    }
    // 46 items carry seed dates; two are the known typos.
    expect(checked).toBe(44);
  });

  it('item 46: the rule (20 days before) gives 25 Sep, not the seed 24 Sep', () => {
    expect(t2017(46)).toEqual({ kind: 'deadline', date: '2017-09-25', bound: 'on' });
    expect(item(46).date_2017).toBe('2017-09-24');
    expect(endDate(t2017(46))).not.toBe(item(46).date_2017);
  });

  it('item 63: "2–1 days before" gives 13–14 Oct, not the seed 12–13 Oct', () => {
    expect(t2017(63)).toEqual({ kind: 'window', from: '2017-10-13', to: '2017-10-14' });
    expect([item(63).date_2017_from, item(63).date_2017]).toEqual(['2017-10-12', '2017-10-13']);
    const t = t2017(63);
    expect(t.kind === 'window' ? [t.from, t.to] : []).not.toEqual([item(63).date_2017_from, item(63).date_2017]);
  });

  it('agrees with computed_2017 for all 104 items', () => {
    expect(computed2017).toHaveLength(104);
    for (const it of calendar) {
      const t = t2017(it.n);
      const c = it.computed_2017 ?? {};
      const label = `item ${it.n}`;
      if (c.dates) {
        expect(t.kind === 'dates' ? t.parts.map((p) => endDate(p.timing)).filter(Boolean) : null, label).toEqual(c.dates);
        continue;
      }
      if (c.date) {
        expect(endDate(t), label).toBe(c.date);
        if (c.time) expect(t.kind === 'deadline' ? t.time : undefined, label).toBe(c.time);
        if (c.from) expect(t.kind === 'window' ? t.from : undefined, label).toBe(c.from);
        else if (t.kind === 'window' && t.from !== undefined) expect(t.from, `${label}: one-day window`).toBe(t.to);
        continue;
      }
      // No date in the file: undated here too, except the items anchored to the election call.
      if (CALL_ANCHORED.includes(it.n)) {
        const call = it.rule.kind === 'after_event' && it.rule.bound === 'from' ? { kind: 'window', from: '2017-06-14' } : { kind: 'deadline', date: '2017-06-14', bound: 'after' };
        expect(t, label).toEqual(call);
      } else {
        expect(primaryDate(t), label).toBeUndefined();
      }
    }
  });

  it('the campaign (items 27, 29) runs from 10 Sep until 24:00 on 13 Oct', () => {
    for (const n of [27, 29]) expect(t2017(n)).toEqual({ kind: 'window', from: '2017-09-10', to: '2017-10-13', toTime: '24:00' });
    expect(t2017(28)).toEqual({ kind: 'deadline', date: '2017-09-10', bound: 'before' });
  });

  it('voting-day evening and the delivery to the territorial commission', () => {
    for (const n of [74, 77, 80]) expect(t2017(n)).toEqual({ kind: 'deadline', date: '2017-10-15', time: '20:00', bound: 'after' });
    expect(t2017(78)).toEqual({ kind: 'window', from: '2017-10-15', fromTime: '20:00', to: '2017-10-15', toTime: '21:00' });
    expect(t2017(86)).toEqual({ kind: 'deadline', date: '2017-10-16', time: '06:00', bound: 'not_later' });
    expect(t2017(57)).toEqual({ kind: 'deadline', date: '2017-10-14', time: '18:00', bound: 'on' });
  });

  it('items without a datable anchor stay relative / windows with events', () => {
    expect(t2017(82)).toEqual({ kind: 'relative', event: 'pec_final_meeting', bound: 'after' });
    expect(t2017(101)).toEqual({ kind: 'relative', event: 'results_determined', bound: 'not_earlier', days: 14 });
    expect(t2017(103)).toEqual({ kind: 'relative', event: 'election_declared_invalid', bound: 'within', months: 1 });
    expect(t2017(69)).toEqual({ kind: 'window', fromEvent: 'pec_formed', to: '2017-10-12' });
    expect(t2017(67)).toEqual({ kind: 'window', fromEvent: 'ngo_referral_received', toEvent: 'official_publication_of_results' });
    expect(t2017(7)).toEqual({ kind: 'continuous' });
    expect(t2017(55)).toEqual({ kind: 'recurring', every: 'week', onDemandWithinHours: 24 });
  });

  it("registration ends 35 days before voting day, as item 19's rule says", () => {
    const rule = item(19).rule;
    expect(rule.kind === 'before_voting_day' ? rule.days : null).toBe(CANDIDATE_REGISTRATION_DAYS_BEFORE_VOTING);
    expect(datedEvents(A2017).campaign_start).toEqual({ date: '2017-09-10' });
  });
});

describe('another voting day: 17 Jan 2027', () => {
  const offset = daysBetween('2017-10-15', '2027-01-17');
  const A2027 = { votingDay: '2027-01-17', electionCalled: addDays('2017-06-14', offset) };
  const computed2027 = computeCalendar(calendar, A2027);
  const t2027 = (n: number) => byN(computed2027, n);

  it('every timing is the 2017 timing moved by the same number of days', () => {
    expect(offset).toBe(3381);
    let dated = 0;
    for (const c of computed2027) {
      expect(c.timing, `item ${c.n}`).toEqual(shiftTiming(t2017(c.n), offset));
      if (primaryDate(c.timing) !== undefined) dated++;
    }
    expect(dated).toBeGreaterThanOrEqual(55);
  });

  it('spot checks worked out by hand', () => {
    expect(A2027.electionCalled).toBe('2026-09-16');
    expect(t2027(69)).toEqual({ kind: 'window', fromEvent: 'pec_formed', to: '2027-01-14' });
    expect(t2027(71)).toEqual({ kind: 'window', from: '2027-01-16', fromTime: '08:00', to: '2027-01-16', toTime: '20:00' });
    expect(t2027(86)).toEqual({ kind: 'deadline', date: '2027-01-18', time: '06:00', bound: 'not_later' });
    expect(t2027(46)).toEqual({ kind: 'deadline', date: '2026-12-28', bound: 'on' });
    expect(t2027(63)).toEqual({ kind: 'window', from: '2027-01-15', to: '2027-01-16' });
    expect(t2027(27)).toEqual({ kind: 'window', from: '2026-12-13', to: '2027-01-15', toTime: '24:00' });
    expect(t2027(4)).toEqual({ kind: 'deadline', date: '2026-10-06', bound: 'not_later' });
    expect(t2027(84)).toEqual({ kind: 'deadline', date: '2027-01-20', bound: 'not_later' });
  });
});

describe('anchors', () => {
  it('without an election call, call-anchored items are relative', () => {
    const list = computeCalendar(calendar, { votingDay: '2017-10-15' });
    expect(byN(list, 4)).toEqual({ kind: 'relative', event: 'election_call_published', bound: 'not_later', days: 20 });
    expect(byN(list, 1)).toEqual({ kind: 'relative', event: 'election_called', bound: 'after' });
    expect(byN(list, 10)).toEqual({ kind: 'window', fromEvent: 'election_call_published', to: '2017-08-01' });
    expect(byN(list, 46)).toEqual(t2017(46));
  });
  it('publication defaults to the call but can differ', () => {
    const list = computeCalendar(calendar, { votingDay: '2017-10-15', electionCalled: '2017-06-14', electionCallPublished: '2017-06-16' });
    expect(byN(list, 4)).toEqual({ kind: 'deadline', date: '2017-07-06', bound: 'not_later' });
    expect(byN(list, 10)).toEqual({ kind: 'window', from: '2017-06-17', to: '2017-08-01' });
    expect(byN(list, 30)).toEqual({ kind: 'deadline', date: '2017-06-24', bound: 'within' });
  });
  it('refuses a non-date anchor', () => {
    expect(() => computeCalendar(calendar, { votingDay: '2017-10-32' })).toThrow(/votingDay/u);
    expect(() => computeCalendar(calendar, { votingDay: '2017-10-15', electionCalled: '14.06.2017' })).toThrow(/electionCalled/u);
  });
});

describe('rule shapes not used in 2017', () => {
  const A = { votingDay: '2017-10-15', electionCalled: '2017-06-14' };
  const timing = (rule: CalendarRule) => computeTiming(rule, A);
  it('hours after a timed event add to its time', () => {
    expect(timing({ kind: 'after_event', event: 'end_of_voting', hours: 24, bound: 'within' })).toEqual({ kind: 'deadline', date: '2017-10-16', time: '20:00', bound: 'within' });
    expect(timing({ kind: 'after_event', event: 'end_of_voting', hours: 4, bound: 'within' })).toEqual({ kind: 'deadline', date: '2017-10-15', time: '24:00', bound: 'within' });
  });
  it('hours after an untimed event move the date by whole days, rounded up', () => {
    expect(timing({ kind: 'after_event', event: 'election_called', hours: 36, bound: 'within' })).toEqual({ kind: 'deadline', date: '2017-06-16', bound: 'within' });
  });
  it('months clamp to the end of the month', () => {
    expect(computeTiming({ kind: 'after_event', event: 'election_called', months: 1, bound: 'within' }, { votingDay: '2017-10-15', electionCalled: '2017-01-31' })).toEqual({ kind: 'deadline', date: '2017-02-28', bound: 'within' });
  });
  it('"not earlier than" and "from" open a window', () => {
    expect(timing({ kind: 'after_event', event: 'voting_day', days: 14, bound: 'not_earlier' })).toEqual({ kind: 'window', from: '2017-10-29' });
  });
  it('hours before voting day count back from its midnight', () => {
    expect(timing({ kind: 'before_voting_day', days: 0, hours: 6, bound: 'not_later' })).toEqual({ kind: 'deadline', date: '2017-10-14', time: '18:00', bound: 'not_later' });
    expect(timing({ kind: 'before_voting_day', days: 1, hours: 24, bound: 'not_later' })).toEqual({ kind: 'deadline', date: '2017-10-12', time: '24:00', bound: 'not_later' });
  });
  it('between two dated events is a window; a start_event with a date fills `from`', () => {
    expect(timing({ kind: 'between_events', after: 'election_called', before: 'campaign_start' })).toEqual({ kind: 'window', from: '2017-06-14', to: '2017-09-10' });
    expect(timing({ kind: 'before_voting_day', days: 3, bound: 'not_later', start_event: 'election_called' })).toEqual({ kind: 'window', from: '2017-06-14', to: '2017-10-12' });
    expect(timing({ kind: 'on_event', event: 'end_of_voting' })).toEqual({ kind: 'deadline', date: '2017-10-15', time: '20:00', bound: 'on' });
  });
});
