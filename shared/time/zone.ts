/**
 * Time-zone conversions with IANA zone names, using only `Intl.DateTimeFormat` (no libraries, no
 * dependence on the machine's own zone). An instant is a JS `Date`; a local date/time is a pair of
 * plain strings from `./date`.
 */
import { addDays, daysBetween, isIsoDate, isTimeOfDay, makeIsoDate, timeToMinutes, type IsoDate, type IsoWeekday, type TimeOfDay } from './date';

export interface LocalDateTime {
  /** Local calendar date in the zone. */
  date: IsoDate;
  /** Local wall-clock time 'HH:MM' (00:00–23:59), seconds dropped. */
  time: TimeOfDay;
  /** Local seconds 0–59. */
  second: number;
  /** ISO weekday of `date`, 1 = Monday … 7 = Sunday. */
  weekday: IsoWeekday;
  /**
   * Offset of local time from UTC at that instant, in minutes (Asia/Bishkek: +360,
   * America/New_York: -300 in winter, -240 in summer). Fractional only for pre-1900s local mean time.
   */
  offsetMinutes: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const EPOCH: IsoDate = '1970-01-01';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the zone (IANA names such as 'Asia/Bishkek'; also 'UTC'). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function requireZone(timeZone: string): Intl.DateTimeFormat {
  try {
    if (timeZone.trim() === '') throw new RangeError('empty');
    return formatterFor(timeZone);
  } catch {
    throw new RangeError(`unknown time zone: ${JSON.stringify(timeZone)}`);
  }
}

/** Local wall-clock reading of `instant` in `timeZone`, as milliseconds on a UTC-like scale. */
function wallClock(instant: number, timeZone: string): { date: IsoDate; minutes: number; second: number; wallMs: number } {
  const f = requireZone(timeZone);
  const get: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(instant))) get[p.type] = p.value;
  let year = Number(get.year);
  // Years before the common era ("BC") have no 'YYYY-MM-DD' form here.
  if (get.era === 'BC' || get.era === 'B') year = 1 - year;
  const date = makeIsoDate(year, Number(get.month), Number(get.day));
  const hour = Number(get.hour) % 24; // some engines print midnight as 24 even with h23
  const minutes = hour * 60 + Number(get.minute);
  const second = Number(get.second);
  const wallMs = daysBetween(EPOCH, date) * MS_PER_DAY + minutes * MS_PER_MINUTE + second * 1000;
  return { date, minutes, second, wallMs };
}

function offsetMsAt(instant: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return wallClock(wholeSeconds, timeZone).wallMs - wholeSeconds;
}

/** The local date, time, weekday and UTC offset of `instant` in `timeZone`. */
export function localDateTimeIn(instant: Date, timeZone: string): LocalDateTime {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('localDateTimeIn: invalid Date');
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  const w = wallClock(wholeSeconds, timeZone);
  const h = Math.floor(w.minutes / 60);
  const time = `${String(h).padStart(2, '0')}:${String(w.minutes % 60).padStart(2, '0')}`;
  const dayIndex = ((daysBetween(EPOCH, w.date) + 3) % 7 + 7) % 7; // 0 = Monday
  return {
    date: w.date,
    time,
    second: w.second,
    weekday: (dayIndex + 1) as IsoWeekday,
    offsetMinutes: (w.wallMs - wholeSeconds) / MS_PER_MINUTE,
  };
}

/** The local calendar date of `instant` (default: now) in `timeZone`. */
export function localDateIn(instant: Date, timeZone: string): IsoDate {
  return localDateTimeIn(instant, timeZone).date;
}

/** Today's date in `timeZone`; `now` is injectable for tests. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return localDateIn(now, timeZone);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 *
 * - `time` may be '24:00', meaning the end of `date` (= 00:00 of the next day).
 * - Daylight-saving GAP (the local time does not exist, e.g. 02:30 on the spring-forward night in
 *   New York): the result is shifted forward by the length of the gap – 02:30 becomes 03:30 in the
 *   new offset – so it is always an instant AFTER the gap.
 * - Daylight-saving OVERLAP (the local time occurs twice, e.g. 01:30 on the fall-back night): the
 *   EARLIER of the two instants is returned (the one still in the old, summer offset), so a
 *   deadline given as local time is never later than the first time the clock shows it.
 * These are the choices of the Temporal proposal's `disambiguation: 'compatible'`.
 */
export function zonedToInstant(date: IsoDate, time: TimeOfDay, timeZone: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`zonedToInstant: not a calendar date: ${JSON.stringify(date)}`);
  if (!isTimeOfDay(time, true)) throw new RangeError(`zonedToInstant: not a time HH:MM: ${JSON.stringify(time)}`);
  requireZone(timeZone);
  let minutes = timeToMinutes(time);
  let day = date;
  if (minutes === 1440) {
    day = addDays(date, 1);
    minutes = 0;
  }
  const wallMs = daysBetween(EPOCH, day) * MS_PER_DAY + minutes * MS_PER_MINUTE;

  // Offsets in force around the wanted wall time (a transition, if any, lies between them).
  const before = offsetMsAt(wallMs - 2 * MS_PER_DAY, timeZone);
  const around = offsetMsAt(wallMs, timeZone);
  const after = offsetMsAt(wallMs + 2 * MS_PER_DAY, timeZone);
  const candidates = [...new Set([before, around, after])]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallClock(instant, timeZone).wallMs === wallMs)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  // In a gap: interpret the wall time with the offset in force before the gap.
  return new Date(wallMs - before);
}
