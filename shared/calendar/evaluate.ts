/**
 * Evaluates calendar rules for any voting day. Everything is done on plain calendar dates and
 * wall-clock times of the election's own country (no time zones here: convert "today" with
 * `todayIn(zone)` from shared/time before asking for a status).
 *
 * Conventions (checked against the 2017 plan, see tests):
 * - "N days before voting day" V is the date V − N (item 38: 70 days before 15 Oct = 6 Aug).
 * - "N days after event E" is E + N; "M months after" adds calendar months (clamped to month end).
 * - "H hours before voting day" counts back from 00:00 of V; a result at exact midnight is written
 *   as 24:00 of the previous date ("24 hours before voting day" = 24:00 on V − 2).
 * - "H hours after E" with E's time known adds the hours; without a time it moves the date by
 *   ceil(H / 24) days (the latest it can be, whatever time E happened).
 */
import { addDays, addMinutes, addMonths, compareDates, isIsoDate, type IsoDate, type TimeOfDay } from '../time/date';
import type { CalendarRule, PartRule, PointRule, RuleBound } from './schema';

// ---------------------------------------------------------------------------------------------
// Types

export interface CalendarAnchors {
  /** Voting day (a Sunday in Kyrgyzstan, but not required here). */
  votingDay: IsoDate;
  /** Date the election was called; without it election-relative items stay `relative`. */
  electionCalled?: IsoDate | null;
  /** Date the decision calling the election was officially published; defaults to `electionCalled`. */
  electionCallPublished?: IsoDate | null;
}

/** Bound of a dated single-day timing. `after`/`before` come from rules without an explicit bound. */
export type DeadlineBound = 'not_later' | 'on' | 'within' | 'immediately' | 'after' | 'before';
/** Bound of a timing that is still relative to an undated event. */
export type TimingBound = RuleBound | 'after' | 'before';

/** One day the item is due, with its bound ("not later than 5 Oct"), maybe at a time. */
export interface DeadlineTiming {
  kind: 'deadline';
  date: IsoDate;
  /** Wall-clock time on `date`; '24:00' = end of the day. */
  time?: TimeOfDay;
  bound: DeadlineBound;
}

/**
 * A span of days (inclusive), maybe with hours on its first/last day. An end given by an event
 * without a date leaves the date undefined and names the event instead (`fromEvent`/`toEvent`
 * are set only then). Both ends undefined and no event on one side = open-ended on that side.
 */
export interface WindowTiming {
  kind: 'window';
  from?: IsoDate;
  fromTime?: TimeOfDay;
  fromEvent?: string;
  to?: IsoDate;
  toTime?: TimeOfDay;
  toEvent?: string;
}

/** Relative to an event whose date cannot be known from the anchors (e.g. "after the count"). */
export interface RelativeTiming {
  kind: 'relative';
  event: string;
  bound: TimingBound;
  days?: number;
  hours?: number;
  months?: number;
  at?: TimeOfDay;
}

export interface ContinuousTiming {
  kind: 'continuous';
}

export interface RecurringTiming {
  kind: 'recurring';
  every: 'day' | 'week' | 'month';
  /** Also on request, within this many hours (item 55). */
  onDemandWithinHours?: number;
}

export type PartTiming = DeadlineTiming | WindowTiming | RelativeTiming | ContinuousTiming | RecurringTiming;

/** Several labelled dates for one item (item 59: three financial reports). */
export interface DatesTiming {
  kind: 'dates';
  parts: { label: string; timing: PartTiming }[];
}

export type ComputedTiming = PartTiming | DatesTiming;

export interface ComputedCalendarItem<T extends { n: number; rule: CalendarRule } = { n: number; rule: CalendarRule }> {
  n: number;
  item: T;
  timing: ComputedTiming;
}

/**
 * 'before-demo': a demo's item whose date had passed on the day the demo was set up (a demo held
 * today or on a day ahead cannot have done it; set by the calendar rows, never by `itemStatus`).
 */
export type ItemStatus = 'done' | 'overdue' | 'due-today' | 'in-progress' | 'upcoming' | 'undated' | 'before-demo';

/** A known moment: a date and, when the rule fixes it, a time. */
export interface EventMoment {
  date: IsoDate;
  time?: TimeOfDay;
}

// ---------------------------------------------------------------------------------------------
// Events whose date follows from the anchors

/** Candidate registration ends this many days before voting day (item 19); the campaign starts then (items 27–29). */
export const CANDIDATE_REGISTRATION_DAYS_BEFORE_VOTING = 35;
/** Polls close at 20:00 on voting day (item 73). */
export const END_OF_VOTING_TIME = '20:00';

function checkAnchors(anchors: CalendarAnchors): void {
  if (!isIsoDate(anchors.votingDay)) throw new RangeError(`votingDay is not a calendar date: ${JSON.stringify(anchors.votingDay)}`);
  for (const key of ['electionCalled', 'electionCallPublished'] as const) {
    const v = anchors[key];
    if (v !== undefined && v !== null && !isIsoDate(v)) throw new RangeError(`${key} is not a calendar date: ${JSON.stringify(v)}`);
  }
}

/** The dated events for these anchors, by event name. */
export function datedEvents(anchors: CalendarAnchors): Record<string, EventMoment> {
  checkAnchors(anchors);
  const v = anchors.votingDay;
  const registrationEnds = addDays(v, -CANDIDATE_REGISTRATION_DAYS_BEFORE_VOTING);
  const events: Record<string, EventMoment> = {
    voting_day: { date: v },
    end_of_voting: { date: v, time: END_OF_VOTING_TIME },
    candidate_registration_deadline: { date: registrationEnds },
    campaign_start: { date: registrationEnds },
  };
  const called = anchors.electionCalled ?? null;
  const published = anchors.electionCallPublished ?? called;
  if (called) events.election_called = { date: called };
  if (published) events.election_call_published = { date: published };
  return events;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Ctx {
  votingDay: IsoDate;
  events: Record<string, EventMoment>;
}

/** Builds an object without the keys whose value is undefined (keeps results easy to compare). */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(o)) if (val !== undefined) out[k] = val;
  return out as T;
}

function offsetMoment(m: EventMoment, r: { days?: number | undefined; months?: number | undefined; hours?: number | undefined; at?: string | undefined }): EventMoment {
  let date = m.date;
  let time = m.time;
  if (r.months !== undefined) {
    date = addMonths(date, r.months);
    time = undefined;
  }
  if (r.days !== undefined) {
    date = addDays(date, r.days);
    time = undefined;
  }
  if (r.hours !== undefined) {
    if (time !== undefined) {
      ({ date, time } = addMinutes(date, time, r.hours * 60, true));
    } else {
      date = addDays(date, Math.ceil(r.hours / 24));
    }
  }
  if (r.at !== undefined) time = r.at;
  return compact({ date, time });
}

/** A dated moment with a bound → a deadline, or an open window for "from"/"not earlier than". */
function momentTiming(m: EventMoment, bound: TimingBound): DeadlineTiming | WindowTiming {
  if (bound === 'from' || bound === 'not_earlier') return compact({ kind: 'window' as const, from: m.date, fromTime: m.time });
  return compact({ kind: 'deadline' as const, date: m.date, time: m.time, bound });
}

type AnyRule = CalendarRule | PartRule | PointRule;

function evaluatePart(rule: Exclude<AnyRule, { kind: 'multi' }>, ctx: Ctx): PartTiming {
  switch (rule.kind) {
    case 'before_voting_day': {
      if (rule.days_range) {
        const [early, late] = rule.days_range;
        return compact({ kind: 'window' as const, from: addDays(ctx.votingDay, -early), fromTime: rule.from, to: addDays(ctx.votingDay, -late), toTime: rule.to });
      }
      const days = rule.days ?? 0;
      let end: EventMoment = compact({ date: addDays(ctx.votingDay, -days), time: rule.at });
      if (rule.hours !== undefined) end = addMinutes(end.date, '00:00', -rule.hours * 60, true);
      if (rule.start_event !== undefined) {
        const start = ctx.events[rule.start_event];
        return compact({
          kind: 'window' as const,
          from: start?.date,
          fromTime: start?.time,
          fromEvent: start ? undefined : rule.start_event,
          to: end.date,
          toTime: end.time,
        });
      }
      if (rule.from !== undefined || rule.to !== undefined) {
        return compact({ kind: 'window' as const, from: end.date, fromTime: rule.from, to: end.date, toTime: rule.to });
      }
      return momentTiming(end, rule.bound ?? 'on');
    }
    case 'on_voting_day':
      if (rule.from === undefined && rule.to === undefined) return { kind: 'deadline', date: ctx.votingDay, bound: 'on' };
      return compact({ kind: 'window' as const, from: ctx.votingDay, fromTime: rule.from, to: ctx.votingDay, toTime: rule.to });
    case 'after_event': {
      const hasOffset = rule.days !== undefined || rule.months !== undefined || rule.hours !== undefined;
      const event = ctx.events[rule.event];
      if (!event) {
        return compact({ kind: 'relative' as const, event: rule.event, bound: rule.bound ?? 'after', days: rule.days, hours: rule.hours, months: rule.months, at: rule.at });
      }
      return momentTiming(offsetMoment(event, rule), rule.bound ?? (hasOffset ? 'on' : 'after'));
    }
    case 'before_event':
    case 'on_event': {
      const bound = rule.kind === 'before_event' ? 'before' : 'on';
      const event = ctx.events[rule.event];
      if (!event) return { kind: 'relative', event: rule.event, bound };
      return compact({ kind: 'deadline' as const, date: event.date, time: event.time, bound });
    }
    case 'between_events': {
      const a = ctx.events[rule.after];
      const b = ctx.events[rule.before];
      return compact({
        kind: 'window' as const,
        from: a?.date,
        fromTime: a?.time,
        fromEvent: a ? undefined : rule.after,
        to: b?.date,
        toTime: b?.time,
        toEvent: b ? undefined : rule.before,
      });
    }
    case 'period': {
      const start = startOf(evaluatePart(rule.start, ctx));
      const end = endOf(evaluatePart(rule.end, ctx));
      return compact({
        kind: 'window' as const,
        from: start.date,
        fromTime: start.time,
        fromEvent: start.event,
        to: end.date,
        toTime: end.time,
        toEvent: end.event,
      });
    }
    case 'continuous':
      return { kind: 'continuous' };
    case 'recurring':
      return compact({ kind: 'recurring' as const, every: rule.every, onDemandWithinHours: rule.on_demand_within_hours });
  }
}

interface End {
  date?: IsoDate;
  time?: TimeOfDay;
  event?: string;
}

function startOf(t: PartTiming): End {
  switch (t.kind) {
    case 'deadline':
      return compact({ date: t.date, time: t.time });
    case 'window':
      return compact({ date: t.from, time: t.fromTime, event: t.fromEvent });
    case 'relative':
      return { event: t.event };
    default:
      return {};
  }
}

function endOf(t: PartTiming): End {
  switch (t.kind) {
    case 'deadline':
      return compact({ date: t.date, time: t.time });
    case 'window':
      // An open-ended window ("from X") used as an end: its start is the best known end.
      if (t.to === undefined && t.toEvent === undefined) return compact({ date: t.from, time: t.fromTime, event: t.fromEvent });
      return compact({ date: t.to, time: t.toTime, event: t.toEvent });
    case 'relative':
      return { event: t.event };
    default:
      return {};
  }
}

/** The timing of one rule for the given anchors. */
export function computeTiming(rule: CalendarRule, anchors: CalendarAnchors): ComputedTiming {
  const ctx: Ctx = { votingDay: anchors.votingDay, events: datedEvents(anchors) };
  return timingFor(rule, ctx);
}

function timingFor(rule: CalendarRule, ctx: Ctx): ComputedTiming {
  if (rule.kind === 'multi') {
    return { kind: 'dates', parts: rule.parts.map((part) => ({ label: part.label, timing: evaluatePart(part, ctx) })) };
  }
  return evaluatePart(rule, ctx);
}

/** Timings of all items for the given voting day and election call, in the items' order. */
export function computeCalendar<T extends { n: number; rule: CalendarRule }>(items: readonly T[], anchors: CalendarAnchors): ComputedCalendarItem<T>[] {
  const ctx: Ctx = { votingDay: anchors.votingDay, events: datedEvents(anchors) };
  return items.map((item) => ({ n: item.n, item, timing: timingFor(item.rule, ctx) }));
}

// ---------------------------------------------------------------------------------------------
// Dates for sorting and status

/**
 * The date by which the item is due: a deadline's date; a window's last day (its first day when
 * it is open-ended); for several dates, the last of them. Undefined when nothing is dated.
 */
export function primaryDate(t: ComputedTiming): IsoDate | undefined {
  switch (t.kind) {
    case 'deadline':
      return t.date;
    case 'window':
      return t.to ?? t.from;
    case 'dates': {
      let last: IsoDate | undefined;
      for (const p of t.parts) {
        const d = primaryDate(p.timing);
        if (d !== undefined && (last === undefined || compareDates(d, last) > 0)) last = d;
      }
      return last;
    }
    default:
      return undefined;
  }
}

const UNDATED_SORT_KEY = '9999-12-31 99:99';

/**
 * A string that sorts items chronologically by `primaryDate`, then by the time of day on that
 * date (a window held within one day sorts by its start time; no time = end of the day).
 * Undated items sort last. Break ties with the item number.
 */
export function timingSortKey(t: ComputedTiming): string {
  const date = primaryDate(t);
  if (date === undefined) return UNDATED_SORT_KEY;
  let time: TimeOfDay | undefined;
  if (t.kind === 'deadline') time = t.time;
  else if (t.kind === 'window') time = t.from === t.to && t.fromTime !== undefined ? t.fromTime : t.to === date ? t.toTime : t.fromTime;
  return `${date} ${time ?? '24:00'}`;
}

/** Every concrete date at which something starts or is due (window ends, deadlines, parts), sorted. */
export function timingMilestones(t: ComputedTiming): IsoDate[] {
  const out = new Set<IsoDate>();
  const visit = (x: ComputedTiming): void => {
    if (x.kind === 'deadline') out.add(x.date);
    else if (x.kind === 'window') {
      if (x.from !== undefined) out.add(x.from);
      if (x.to !== undefined) out.add(x.to);
    } else if (x.kind === 'dates') x.parts.forEach((p) => visit(p.timing));
  };
  visit(t);
  return [...out].sort(compareDates);
}

const URGENCY: Record<ItemStatus, number> = { 'due-today': 0, 'in-progress': 1, upcoming: 2, overdue: 3, undated: 4, 'before-demo': 5, done: 6 };

/**
 * Where an item stands on `today` (a local calendar date of the election's country):
 * - `done` whenever `done` is true;
 * - deadline: before its date `upcoming`, on it `due-today`, after it `overdue` – except a bare
 *   "after event E" (bound `after`), which has no end and stays `in-progress` once E's date came;
 * - window: before `from` `upcoming`; from `from` until the day before `to` `in-progress`; on `to`
 *   `due-today`; after `to` `overdue`. A window whose start is an undated event behaves like a
 *   deadline on `to`; an open-ended one stays `in-progress`;
 * - several dates: the most pressing part, and `overdue` only once every dated part has passed;
 * - relative, continuous, recurring: `undated`.
 */
export function itemStatus(t: ComputedTiming, today: IsoDate, done: boolean): ItemStatus {
  if (done) return 'done';
  if (!isIsoDate(today)) throw new RangeError(`itemStatus: today is not a calendar date: ${JSON.stringify(today)}`);
  switch (t.kind) {
    case 'deadline': {
      const c = compareDates(today, t.date);
      if (c < 0) return 'upcoming';
      if (c === 0) return 'due-today';
      return t.bound === 'after' ? 'in-progress' : 'overdue';
    }
    case 'window': {
      if (t.from !== undefined && compareDates(today, t.from) < 0) return 'upcoming';
      if (t.to === undefined) return t.from === undefined ? 'undated' : 'in-progress';
      const c = compareDates(today, t.to);
      if (c > 0) return 'overdue';
      if (c === 0) return 'due-today';
      return t.from === undefined ? 'upcoming' : 'in-progress';
    }
    case 'dates': {
      const statuses = t.parts.map((p) => itemStatus(p.timing, today, false)).filter((s) => s !== 'undated');
      if (statuses.length === 0) return 'undated';
      return statuses.reduce((best, s) => (URGENCY[s] < URGENCY[best] ? s : best));
    }
    default:
      return 'undated';
  }
}

/**
 * The earliest date on or after `today` at which some item starts or is due, and those items
 * (items already done – per `isDone` – are skipped). Null when nothing dated lies ahead.
 */
export function nextItems<T extends ComputedCalendarItem<{ n: number; rule: CalendarRule }>>(
  computed: readonly T[],
  today: IsoDate,
  isDone: (item: T) => boolean = () => false,
): { date: IsoDate; items: T[] } | null {
  let best: IsoDate | undefined;
  let items: T[] = [];
  for (const c of computed) {
    if (isDone(c)) continue;
    const next = timingMilestones(c.timing).find((d) => compareDates(d, today) >= 0);
    if (next === undefined) continue;
    const cmp = best === undefined ? -1 : compareDates(next, best);
    if (cmp < 0) {
      best = next;
      items = [c];
    } else if (cmp === 0) items.push(c);
  }
  return best === undefined ? null : { date: best, items };
}
