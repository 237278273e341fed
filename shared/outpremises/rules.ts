/**
 * The rules every check shares: problem codes, the context the renderer passes in, and the two
 * calendar moments of out-of-premises voting judged in the precinct's own time zone:
 *
 * - applications: until the end of calendar item 69 (3 days before voting day, not later — until
 *   24:00 local time of V−3);
 * - visits: calendar item 71, the day before voting day, 08:00–20:00 local time. 08:00 is inside,
 *   20:00 is outside (the window is [08:00, 20:00)).
 */
import { judgeDeadline, ruleDeadline, type LocalDeadline } from '../calendar/deadline';
import { computeTiming } from '../calendar/evaluate';
import type { CalendarRule } from '../calendar/schema';
import type { MemberRole } from '../election/model';
import { addDays, type IsoDate, type TimeOfDay } from '../time/date';
import { localDateTimeIn, zonedToInstant } from '../time/zone';
import { err, ok, type Result } from '../util/result';
import { outPremisesPayloadSchemas, type OutPremisesEventType, type OutPremisesPayload, type OutPremisesPayloadInput } from './events';

/** Every problem code (the renderer has `outpremises:problem.<code>` for each, in ky, ru and en). */
export const OUT_PREMISES_PROBLEM_CODES = [
  // register
  'no-list',
  'not-in-list',
  'application-late',
  'application-early',
  'in-future',
  'received-out-of-order',
  'already-registered',
  'issued-in-room',
  'unknown-member',
  'reason-text-required',
  'entry-not-found',
  'entry-withdrawn',
  'entry-voted',
  // teams
  'team-too-small',
  'member-in-two-teams',
  'team-number-duplicate',
  'team-without-box',
  'box-not-declared',
  'box-in-two-teams',
  'box-number-duplicate',
  'seal-duplicate',
  'box-unassigned',
  'drawing-not-on-lot-day',
  'teams-already-out',
  'teams-not-drawn',
  'unknown-team',
  'receiver-not-in-team',
  'handed-by-receiver',
  'team-already-out',
  'team-not-out',
  'departed-without-ballots',
  'return-before-departure',
  'return-before-visit',
  'returned-more-than-held',
  'seal-mismatch',
  // visits
  'visit-outside-window',
  'already-voted-outside',
  'outcome-text-required',
  'ballot-count-mismatch',
  'no-ballots-in-hand',
  'box-not-with-team',
  'box-required',
  'visit-before-departure',
  'visit-after-return',
  // room
  'voted-outside',
  'registered-outside',
  // reconciliation
  'nothing-to-explain',
  'explanation-too-short',
  // any payload field the schema refuses (params.field, params.issue)
  'invalid-field',
] as const;

export type OutPremisesProblemCode = (typeof OUT_PREMISES_PROBLEM_CODES)[number];

export type ProblemParams = Record<string, string | number>;

/** A machine code with params (the renderer translates `outpremises.problem.<code>` with them). */
export interface OutPremisesProblem {
  code: OutPremisesProblemCode;
  params: ProblemParams;
  /** The payload field the problem is about, when there is one. */
  field?: string;
}

export const problem = (code: OutPremisesProblemCode, params: ProblemParams = {}, field?: string): OutPremisesProblem =>
  field === undefined ? { code, params } : { code, params, field };

/**
 * What a check gives back: the payload to record (normalised, numbered) with warnings the user
 * should see but that do not block, or every blocking problem.
 */
export type CheckResult<P> = Result<{ payload: P; warnings: OutPremisesProblem[] }, OutPremisesProblem[]>;

/** A member as the checks need them (shared/election/model `Member` fits). */
export interface MemberRef {
  id: string;
  name: string;
  role: MemberRole;
}

/** What the renderer passes to every check. */
export interface OutPremisesContext {
  votingDay: IsoDate;
  /** The precinct's IANA zone (Precinct.timeZone): every local date and time is judged in it. */
  timeZone: string;
  members: readonly MemberRef[];
  /** The app clock (recording instant). */
  now: Date;
  /** When the commission was formed, if known: applications before it are early. */
  formedAt?: string | null;
  /** Calendar rules, when the election's calendar differs from the 2017 plan. */
  applicationRule?: CalendarRule;
  visitingRule?: CalendarRule;
}

/** Calendar item 69: written applications until 3 days before voting day, from the commission's formation. */
export const APPLICATION_RULE: CalendarRule = { kind: 'before_voting_day', days: 3, bound: 'not_later', start_event: 'pec_formed' };
/** Calendar item 71: out-of-premises voting the day before voting day, 08:00–20:00. */
export const VISITING_RULE: CalendarRule = { kind: 'before_voting_day', days: 1, bound: 'on', from: '08:00', to: '20:00' };
/** The teams are drawn by lot at a meeting this many days before voting day [Art 33(4)]. */
export const LOT_DRAWING_DAYS_BEFORE = 2;
/** A team has at least this many members [UNCONFIRMED for KG 2017; old Code and Russia: two]. */
export const MIN_TEAM_MEMBERS = 2;
/** Shortest explanation of a ballot difference, in characters. */
export const MIN_EXPLANATION = 10;

type CalendarContext = Pick<OutPremisesContext, 'votingDay' | 'timeZone' | 'applicationRule' | 'visitingRule'>;

/** The end of the application period: a local date and time ('24:00') in the precinct's zone. */
export function applicationDeadline(ctx: CalendarContext): LocalDeadline {
  const d = ruleDeadline(ctx.applicationRule ?? APPLICATION_RULE, { votingDay: ctx.votingDay }, ctx.timeZone);
  if (!d) throw new RangeError('the application rule gives no deadline');
  return d;
}

export interface VisitingWindow {
  date: IsoDate;
  from: TimeOfDay;
  to: TimeOfDay;
  timeZone: string;
  /** First instant inside. */
  start: Date;
  /** First instant outside again. */
  end: Date;
}

/** The day and hours of the visits (item 71) in the precinct's zone. */
export function visitingWindow(ctx: CalendarContext): VisitingWindow {
  const timing = computeTiming(ctx.visitingRule ?? VISITING_RULE, { votingDay: ctx.votingDay });
  if (timing.kind !== 'window' || !timing.from || !timing.to) throw new RangeError('the visiting rule gives no window');
  const from = timing.fromTime ?? '00:00';
  const to = timing.toTime ?? '24:00';
  return {
    date: timing.from,
    from,
    to,
    timeZone: ctx.timeZone,
    start: zonedToInstant(timing.from, from, ctx.timeZone),
    end: zonedToInstant(timing.to, to, ctx.timeZone),
  };
}

/** The local date of the drawing of lots. */
export function lotDrawingDate(votingDay: IsoDate): IsoDate {
  return addDays(votingDay, -LOT_DRAWING_DAYS_BEFORE);
}

/** Parses an ISO instant; null when it is not one. */
export function parseInstant(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isFinite(d.getTime()) ? d : null;
}

/** Local date and time of an ISO instant in the zone, for problem params. */
export function localParams(iso: string, timeZone: string, prefix = 'local'): ProblemParams {
  const d = parseInstant(iso);
  if (!d) return {};
  const l = localDateTimeIn(d, timeZone);
  return { [`${prefix}Date`]: l.date, [`${prefix}Time`]: l.time };
}

/** `application-late` / `application-early` for an application received at `receivedAt`. */
export function judgeApplicationTime(receivedAt: Date, ctx: OutPremisesContext): Result<void, OutPremisesProblem> {
  const deadline = applicationDeadline(ctx);
  const j = judgeDeadline(receivedAt, deadline);
  if (!j.inTime) {
    return refuse(
      'application-late',
      { deadlineDate: deadline.date, deadlineTime: deadline.time, localDate: j.local.date, localTime: j.local.time, timeZone: ctx.timeZone },
      'receivedAt',
    );
  }
  const formed = ctx.formedAt ? parseInstant(ctx.formedAt) : null;
  if (formed && receivedAt.getTime() < formed.getTime()) {
    return refuse('application-early', { ...localParams(ctx.formedAt ?? '', ctx.timeZone, 'formed'), ...localParams(receivedAt.toISOString(), ctx.timeZone) }, 'receivedAt');
  }
  return ALLOWED;
}

/** `visit-outside-window` for a visit at `at`, with the window in the params. */
export function judgeVisitTime(at: Date, ctx: OutPremisesContext): Result<void, OutPremisesProblem> {
  const w = visitingWindow(ctx);
  if (at.getTime() >= w.start.getTime() && at.getTime() < w.end.getTime()) return ALLOWED;
  const l = localDateTimeIn(at, ctx.timeZone);
  return refuse('visit-outside-window', { date: w.date, from: w.from, to: w.to, timeZone: ctx.timeZone, localDate: l.date, localTime: l.time }, 'visitedAt');
}

export function memberKnown(ctx: OutPremisesContext, id: string): boolean {
  return ctx.members.some((m) => m.id === id);
}

/**
 * Parses a candidate payload with its event schema: the normalised payload, or one `invalid-field`
 * problem per schema issue (params.field = the path, params.issue = zod's code or our message).
 * Issues the checks report with their own code (`reason-text-required`, `outcome-text-required`)
 * are left to them.
 */
export function parsePayload<T extends OutPremisesEventType>(
  type: T,
  candidate: OutPremisesPayloadInput<T>,
): Result<OutPremisesPayload<T>, OutPremisesProblem[]> {
  const parsed = outPremisesPayloadSchemas[type].safeParse(candidate);
  if (parsed.success) return ok(parsed.data as OutPremisesPayload<T>);
  const problems: OutPremisesProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.message === 'reason-text-required' || issue.message === 'outcome-text-required') continue;
    const field = issue.path.map(String).join('.');
    problems.push(problem('invalid-field', { field, issue: issue.code === 'custom' ? issue.message : issue.code }, field));
  }
  return err(problems);
}

/** Combines a check's own problems with the schema's, so the payload returned is always recordable. */
export function settle<P>(own: OutPremisesProblem[], parsed: Result<P, OutPremisesProblem[]>, warnings: OutPremisesProblem[] = []): CheckResult<P> {
  const problems = [...own, ...(parsed.ok ? [] : parsed.error)];
  if (problems.length > 0) return err(problems);
  if (!parsed.ok) return err([problem('invalid-field', { field: '', issue: 'invalid' })]);
  return ok({ payload: parsed.value, warnings });
}


/** `in-future` { localDate, localTime } when `iso` is later than the app clock. */
export function futureProblem(iso: string, ctx: OutPremisesContext, field: string): Result<void, OutPremisesProblem> {
  const at = parseInstant(iso);
  return at && at.getTime() > ctx.now.getTime() ? refuse('in-future', localParams(iso, ctx.timeZone), field) : ALLOWED;
}

/** What a single check answers when nothing stands in the way. */
export const ALLOWED: Result<void, never> = Object.freeze(ok(undefined));

/** A single check's refusal: one problem. */
export function refuse(code: OutPremisesProblemCode, params: ProblemParams, field?: string): Result<never, OutPremisesProblem> {
  return err(problem(code, params, field));
}

/** Adds a single check's refusal, if any, to the problems a whole check collects. */
export function collect(problems: OutPremisesProblem[], checked: Result<void, OutPremisesProblem>): void {
  if (!checked.ok) problems.push(checked.error);
}
