/**
 * Voting hours at the list desk: a ballot is issued on voting day between the opening and the
 * closing time of the polling station (08:00–20:00 unless the election says otherwise), in the
 * precinct's own time zone — a consulate abroad keeps the host country's local time.
 *
 * Outside them the issue is refused. The law makes one exception at closing: at 20:00 the chair
 * announces that only the voters already in the premises may still vote (domain.md, Art. 35(1)).
 * The chair records such an exception with a written reason; it is kept in the `BallotIssued`
 * event and listed with the protocol's attachments. Pure; the desk calls it with the same instant
 * that becomes the event's `recordedAt`.
 */
import { err, ok, type Result } from '../util/result';
import { z } from 'zod';
import type { MemberRole } from '../election/model';
import type { IsoDate, TimeOfDay } from '../time/date';
import { localDateTimeIn, zonedToInstant, type LocalDateTime } from '../time/zone';

export interface VotingHours {
  votingDay: IsoDate;
  from: TimeOfDay;
  /** The closing time; '24:00' closes at the end of the voting day (23:59:59 is still open). */
  to: TimeOfDay;
  timeZone: string;
}

/** Why an instant is outside voting hours. */
export const HOURS_OUTSIDE = ['before-opening', 'after-closing', 'other-day'] as const;
export type HoursOutside = (typeof HOURS_OUTSIDE)[number];

export interface HoursJudgement {
  /** null: within voting hours. */
  outside: HoursOutside | null;
  /** The instant read in the precinct's zone. */
  local: LocalDateTime;
  /** Opening and closing as instants (ISO). */
  opens: string;
  closes: string;
}

/**
 * Opening is inclusive (08:00:00 is open), closing exclusive (20:00:00 is closed). Hours until the
 * end of the day close at '24:00', the next day's 00:00 in the zone: the day's last minute is open.
 */
export function judgeVotingHours(instant: Date, hours: VotingHours): HoursJudgement {
  const opens = zonedToInstant(hours.votingDay, hours.from, hours.timeZone);
  const closes = zonedToInstant(hours.votingDay, hours.to, hours.timeZone);
  const local = localDateTimeIn(instant, hours.timeZone);
  const t = instant.getTime();
  let outside: HoursOutside | null = null;
  if (local.date !== hours.votingDay) outside = 'other-day';
  else if (t < opens.getTime()) outside = 'before-opening';
  else if (t >= closes.getTime()) outside = 'after-closing';
  return { outside, local, opens: opens.toISOString(), closes: closes.toISOString() };
}

/** Only the chair records an exception to the voting hours, with a written reason. */
export const HOURS_EXCEPTION_ROLES: readonly MemberRole[] = ['chair'];
export const MIN_HOURS_EXCEPTION_REASON = 10;
export const MAX_HOURS_EXCEPTION_REASON = 500;

/** As stored in `BallotIssued.hoursException`. */
export const hoursExceptionSchema = z
  .object({
    outside: z.enum(HOURS_OUTSIDE),
    reason: z.string().trim().min(MIN_HOURS_EXCEPTION_REASON).max(MAX_HOURS_EXCEPTION_REASON),
    /** The chair's member id. */
    by: z.string().min(1).max(80),
  })
  .strict();
export type HoursException = z.infer<typeof hoursExceptionSchema>;

export type HoursRefusal =
  /** Outside voting hours and no exception asked for. */
  | { code: 'outside-hours'; outside: HoursOutside; local: LocalDateTime; hours: VotingHours }
  /** An exception asked for by someone who is not the chair. */
  | { code: 'exception-not-chair' }
  /** An exception without a reason long enough. */
  | { code: 'exception-reason'; min: number; max: number };

/**
 * The desk's decision on the hours for one issue: within hours → no exception stored (an exception
 * asked for then is not needed and not kept); outside → refused, unless the chair gives a reason.
 */
export function decideIssueHours(
  instant: Date,
  hours: VotingHours,
  exception: { reason: string; by: string | null; role: MemberRole | null } | null,
): Result<HoursException | null, HoursRefusal> {
  const judged = judgeVotingHours(instant, hours);
  if (judged.outside === null) return ok(null);
  if (!exception) return err({ code: 'outside-hours', outside: judged.outside, local: judged.local, hours });
  if (!exception.by || !exception.role || !HOURS_EXCEPTION_ROLES.includes(exception.role)) return err({ code: 'exception-not-chair' });
  const reason = exception.reason.trim();
  if (reason.length < MIN_HOURS_EXCEPTION_REASON || reason.length > MAX_HOURS_EXCEPTION_REASON) {
    return err({ code: 'exception-reason', min: MIN_HOURS_EXCEPTION_REASON, max: MAX_HOURS_EXCEPTION_REASON });
  }
  return ok({ outside: judged.outside, reason, by: exception.by });
}

/** The election's hours in the precinct's zone, from the setup. */
export function votingHoursOf(setup: { election: { votingDay: IsoDate; votingHours: { from: TimeOfDay; to: TimeOfDay } }; precinct: { timeZone: string } }): VotingHours {
  return { votingDay: setup.election.votingDay, from: setup.election.votingHours.from, to: setup.election.votingHours.to, timeZone: setup.precinct.timeZone };
}

/** One ballot issued by the chair's exception, as listed with the protocol's attachments. */
export interface HoursExceptionEntry {
  eventId: string;
  /** When it was issued (ISO instant). */
  at: string;
  voterId: string;
  page: number;
  row: number;
  outside: HoursOutside;
  reason: string;
  by: string;
  /** The issue was later undone (it stays listed: the exception was recorded). */
  undone: boolean;
}

interface IssueEventLike {
  id: string;
  type: string;
  recordedAt: string;
  payload: unknown;
}

/** Every issue recorded with an hours exception, in time order, marked when later undone. */
export function hoursExceptionsOf(events: readonly IssueEventLike[]): HoursExceptionEntry[] {
  const undone = new Set<string>();
  for (const e of events) {
    if (e.type === 'BallotIssueUndone') undone.add((e.payload as { undoes: string }).undoes);
  }
  const out: HoursExceptionEntry[] = [];
  for (const e of events) {
    if (e.type !== 'BallotIssued') continue;
    const p = e.payload as { voterId: string; page: number; row: number; hoursException?: HoursException };
    if (!p.hoursException) continue;
    out.push({ eventId: e.id, at: e.recordedAt, voterId: p.voterId, page: p.page, row: p.row, ...p.hoursException, undone: undone.has(e.id) });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
