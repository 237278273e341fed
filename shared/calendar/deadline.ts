/**
 * Calendar deadlines judged at a real instant in the precinct's own time zone.
 *
 * The calendar rules give a local date (and sometimes a time): "not later than 15 days before voting
 * day" is the whole of that local day, until 24:00 in the precinct's zone. An application handed in
 * at 23:30 local time on the deadline day is in time; at 00:05 the next day it is late. A consulate
 * in Tokyo and one in New York reach the same local deadline at different instants.
 */
import { type IsoDate, type TimeOfDay } from '../time/date';
import { localDateTimeIn, zonedToInstant } from '../time/zone';
import { computeTiming, type CalendarAnchors, type ComputedTiming } from './evaluate';
import type { CalendarRule } from './schema';

/** A deadline as a local date and time ('24:00' = the end of that day) in a zone. */
export interface LocalDeadline {
  date: IsoDate;
  time: TimeOfDay;
  timeZone: string;
}

/** The deadline of a dated single-day rule (`not_later` / `on`), or null when the rule has no such date. */
export function ruleDeadline(rule: CalendarRule, anchors: CalendarAnchors, timeZone: string): LocalDeadline | null {
  return timingDeadline(computeTiming(rule, anchors), timeZone);
}

/** The deadline of a computed (or CEC-approved) timing, or null when it has no end date. */
export function timingDeadline(timing: ComputedTiming, timeZone: string): LocalDeadline | null {
  if (timing.kind === 'deadline') return { date: timing.date, time: timing.time ?? '24:00', timeZone };
  if (timing.kind === 'window' && timing.to) return { date: timing.to, time: timing.toTime ?? '24:00', timeZone };
  return null;
}

/** The first instant that is too late for the deadline. */
export function deadlineEnd(deadline: LocalDeadline): Date {
  return zonedToInstant(deadline.date, deadline.time, deadline.timeZone);
}

export interface DeadlineJudgement {
  inTime: boolean;
  /** The local date and time of the instant judged, in the deadline's zone. */
  local: { date: IsoDate; time: TimeOfDay };
  deadline: LocalDeadline;
}

/** Whether `at` is before the end of the deadline, with the local wall-clock time it was judged at. */
export function judgeDeadline(at: Date, deadline: LocalDeadline): DeadlineJudgement {
  const local = localDateTimeIn(at, deadline.timeZone);
  return {
    inTime: at.getTime() < deadlineEnd(deadline).getTime(),
    local: { date: local.date, time: local.time },
    deadline,
  };
}
