/**
 * The calendar plan as data: each item carries a machine-readable deadline `rule`, written in a
 * small vocabulary (see docs of each rule kind below). The schema is strict about rules – an
 * unknown rule kind or an unknown field inside a rule is an error, because silently ignoring a
 * field could give a wrong legal deadline – and tolerant about the item itself: extra item fields
 * are kept as they are.
 */
import { z } from 'zod';
import { isIsoDate, isTimeOfDay } from '../time/date';

// ---------------------------------------------------------------------------------------------
// Building blocks

const isoDate = z.string().refine((s) => isIsoDate(s), { message: 'expected a calendar date YYYY-MM-DD' });
const timeOfDay = z.string().refine((s) => isTimeOfDay(s, true), { message: 'expected a time HH:MM (00:00–24:00)' });
const eventName = z.string().regex(/^[a-z][a-z0-9_]*$/u, { message: 'an event name is snake_case, e.g. "election_called"' });
const dayCount = z.int().min(0).max(3660);
const hourCount = z.int().min(0).max(24 * 366);
const monthCount = z.int().min(0).max(120);

/**
 * How a rule's date binds:
 * `not_later` – by that date at the latest; `on` – on that date; `within` – within the period
 * ending then; `from` – starting then, open-ended; `immediately` – straight after the event;
 * `not_earlier` – on or after that date.
 */
export const ruleBoundSchema = z.enum(['not_later', 'on', 'within', 'from', 'immediately', 'not_earlier']);
export type RuleBound = z.infer<typeof ruleBoundSchema>;

const optionalNote = { note: z.string().optional() };

// ---------------------------------------------------------------------------------------------
// Point rules: each names one moment or one day (possibly with hours on it).

/**
 * `days` (or `days_range: [a, b]`, a ≥ b) calendar days before voting day V: the day V − days.
 * Optional `at` (a time on that day), `from`/`to` (hours on that day: a window), `hours` (extra
 * hours before: `days: 0, hours: 24` = 24 hours before voting day begins = end of V − 2), and
 * `start_event` (the period runs from that event until the day).
 */
const beforeVotingDayShape = {
  kind: z.literal('before_voting_day'),
  days: dayCount.optional(),
  days_range: z.tuple([dayCount, dayCount]).optional(),
  bound: ruleBoundSchema.optional(),
  at: timeOfDay.optional(),
  from: timeOfDay.optional(),
  to: timeOfDay.optional(),
  hours: hourCount.optional(),
  start_event: eventName.optional(),
  ...optionalNote,
};

type BeforeVotingDayShape = {
  days?: number | undefined;
  days_range?: [number, number] | undefined;
  hours?: number | undefined;
  at?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

function checkBeforeVotingDay(r: BeforeVotingDayShape, ctx: z.core.$RefinementCtx): void {
  if ((r.days === undefined) === (r.days_range === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'before_voting_day needs exactly one of "days" or "days_range"' });
  }
  if (r.days_range && r.days_range[0] < r.days_range[1]) {
    ctx.addIssue({ code: 'custom', path: ['days_range'], message: 'days_range is [earlier, later]: the first number must be ≥ the second (e.g. [2, 1])' });
  }
  if (r.hours !== undefined && r.days_range !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['hours'], message: '"hours" cannot be combined with "days_range"' });
  }
  if (r.at !== undefined && (r.from !== undefined || r.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['at'], message: '"at" cannot be combined with "from"/"to"' });
  }
  if (r.from !== undefined && r.to !== undefined && r.from > r.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must not be earlier than "from"' });
  }
}

/** A window on voting day itself, e.g. 08:00–20:00. */
const onVotingDayShape = {
  kind: z.literal('on_voting_day'),
  from: timeOfDay.optional(),
  to: timeOfDay.optional(),
  ...optionalNote,
};

/**
 * After an event: the event's date plus `days`/`months`/`hours` (any combination), with the bound
 * and an optional time `at`. Without `bound` and offsets it means "after the event".
 */
const afterEventShape = {
  kind: z.literal('after_event'),
  event: eventName,
  days: dayCount.optional(),
  hours: hourCount.optional(),
  months: monthCount.optional(),
  bound: ruleBoundSchema.optional(),
  at: timeOfDay.optional(),
  ...optionalNote,
};

/** Before an event (e.g. before the count starts). */
const beforeEventShape = { kind: z.literal('before_event'), event: eventName, ...optionalNote };

/** At the same time as an event. */
const onEventShape = { kind: z.literal('on_event'), event: eventName, ...optionalNote };

/** After one event and before another. */
const betweenEventsShape = { kind: z.literal('between_events'), after: eventName, before: eventName, ...optionalNote };

const continuousShape = { kind: z.literal('continuous'), ...optionalNote };

const recurringShape = {
  kind: z.literal('recurring'),
  every: z.enum(['day', 'week', 'month']),
  on_demand_within_hours: hourCount.optional(),
  ...optionalNote,
};

// Top-level (label optional) variants.
const beforeVotingDay = z.strictObject({ ...beforeVotingDayShape, label: z.string().optional() }).superRefine(checkBeforeVotingDay);
const onVotingDay = z.strictObject({ ...onVotingDayShape, label: z.string().optional() });
const afterEvent = z.strictObject({ ...afterEventShape, label: z.string().optional() });
const beforeEvent = z.strictObject({ ...beforeEventShape, label: z.string().optional() });
const onEvent = z.strictObject({ ...onEventShape, label: z.string().optional() });

/** Rules that name one moment; a `period` is built from two of them. */
export const pointRuleSchema = z.discriminatedUnion('kind', [beforeVotingDay, onVotingDay, afterEvent, beforeEvent, onEvent]);
export type PointRule = z.infer<typeof pointRuleSchema>;

const periodShape = { kind: z.literal('period'), start: pointRuleSchema, end: pointRuleSchema, ...optionalNote };

// Parts of a `multi` rule must be labelled ("second financial report").
const label = z.string().min(1, { message: 'every part of a "multi" rule needs a label' });
export const partRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...beforeVotingDayShape, label }).superRefine(checkBeforeVotingDay),
  z.strictObject({ ...onVotingDayShape, label }),
  z.strictObject({ ...afterEventShape, label }),
  z.strictObject({ ...beforeEventShape, label }),
  z.strictObject({ ...onEventShape, label }),
  z.strictObject({ ...betweenEventsShape, label }),
  z.strictObject({ ...periodShape, label }),
  z.strictObject({ ...continuousShape, label }),
  z.strictObject({ ...recurringShape, label }),
]);
export type PartRule = z.infer<typeof partRuleSchema>;

export const calendarRuleSchema = z.discriminatedUnion('kind', [
  beforeVotingDay,
  onVotingDay,
  afterEvent,
  beforeEvent,
  onEvent,
  z.strictObject({ ...betweenEventsShape, label: z.string().optional() }),
  z.strictObject({ ...periodShape, label: z.string().optional() }),
  z.strictObject({ ...continuousShape, label: z.string().optional() }),
  z.strictObject({ ...recurringShape, label: z.string().optional() }),
  z.strictObject({ kind: z.literal('multi'), parts: z.array(partRuleSchema).min(1), ...optionalNote, label: z.string().optional() }),
]);
export type CalendarRule = z.infer<typeof calendarRuleSchema>;

// ---------------------------------------------------------------------------------------------
// Items

export const calendarItemSchema = z.looseObject({
  n: z.int().positive(),
  section_ky: z.string().nullable().optional(),
  title_ky: z.string().min(1),
  deadline_ky: z.string().optional(),
  rule: calendarRuleSchema,
  date_2017: isoDate.nullable().optional(),
  date_2017_from: isoDate.nullable().optional(),
  dates_2017: z.array(isoDate).optional(),
  responsible_ky: z.array(z.string()).optional(),
  basis_ky: z.string().nullable().optional(),
  precinct_role: z.boolean(),
  precinct_recipient: z.boolean(),
  computed_2017: z
    .looseObject({
      date: isoDate.nullable().optional(),
      from: isoDate.nullable().optional(),
      time: timeOfDay.nullable().optional(),
      dates: z.array(isoDate).optional(),
    })
    .optional(),
  check: z.string().optional(),
});
export type CalendarItem = z.infer<typeof calendarItemSchema>;

export const calendarSchema = z.array(calendarItemSchema).min(1, { message: 'the calendar has no items' }).superRefine((items, ctx) => {
  const seen = new Map<number, number>();
  items.forEach((item, index) => {
    const previous = seen.get(item.n);
    if (previous !== undefined) {
      ctx.addIssue({ code: 'custom', path: [index, 'n'], message: `item number ${item.n} is used twice (also at index ${previous})` });
    }
    seen.set(item.n, index);
  });
});

/** Thrown by `parseCalendar`; `problems` lists one readable line per issue. */
export class CalendarParseError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`calendar data is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
    this.name = 'CalendarParseError';
    this.problems = problems;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(input: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  let where = 'calendar';
  let rest = path;
  if (typeof path[0] === 'number') {
    const n = valueAt(input, [path[0], 'n']);
    where = `item #${path[0] + 1}${typeof n === 'number' ? ` (n=${n})` : ''}`;
    rest = path.slice(1);
  }
  const field = rest.length > 0 ? rest.map((k) => (typeof k === 'number' ? `[${k}]` : String(k))).join('.').replace(/\.\[/gu, '[') : '(item)';
  let got = '';
  if (issue.code === 'invalid_union' || issue.code === 'custom' || issue.code === 'invalid_format' || issue.code === 'invalid_value') {
    const value = valueAt(input, path);
    if (value !== undefined && (typeof value !== 'object' || value === null)) got = ` (got ${JSON.stringify(value)})`;
  }
  return `${where}: ${field}: ${issue.message}${got}`;
}

/** Validates calendar JSON (an array of items); throws `CalendarParseError` with readable problems. */
export function parseCalendar(json: unknown): CalendarItem[] {
  const result = calendarSchema.safeParse(json);
  if (!result.success) throw new CalendarParseError(result.error.issues.map((issue) => describeIssue(json, issue)));
  return result.data;
}
