/**
 * Plain calendar dates ('YYYY-MM-DD') and times of day ('HH:MM'), without time zones.
 *
 * A calendar date here is a day on the civil (proleptic Gregorian) calendar, not an instant:
 * "15 October 2017" is the same date in Bishkek and in New York. Arithmetic is done on a day
 * number (days since 1970-01-01), so it never depends on the machine's time zone or on
 * daylight-saving time. Pure: only JS built-ins.
 */

/** A calendar date 'YYYY-MM-DD' (years 0001–9999). Validate untrusted input with `isIsoDate`. */
export type IsoDate = string;

/**
 * A time of day 'HH:MM', 00:00–23:59. Where a value marks the END of a day (a deadline "until the
 * end of 13 October"), '24:00' is also used; `isTimeOfDay(value, true)` accepts it.
 */
export type TimeOfDay = string;

/** ISO weekday: 1 = Monday … 7 = Sunday (NOT `Date.prototype.getDay`, where Sunday is 0). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const TIME_RE = /^(\d{2}):(\d{2})$/u;

export const MINUTES_PER_DAY = 1440;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2017-02-30' and '2017-2-3' are false). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True for 'HH:MM' in 00:00–23:59; with `allowEndOfDay`, '24:00' is accepted too. */
export function isTimeOfDay(value: unknown, allowEndOfDay = false): value is TimeOfDay {
  if (typeof value !== 'string') return false;
  const m = TIME_RE.exec(value);
  if (!m) return false;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (allowEndOfDay && h === 24 && min === 0) return true;
  return h <= 23 && min <= 59;
}

function parts(date: IsoDate): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a date from year, month (1–12) and day; throws if it is not a real date. */
export function makeIsoDate(y: number, m: number, d: number): IsoDate {
  const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || !isIsoDate(s)) {
    throw new RangeError(`not a calendar date: ${y}-${m}-${d}`);
  }
  return s;
}

// Days since 1970-01-01 (H. Hinnant's civil-calendar algorithms), integer arithmetic only.
function toDayNumber(date: IsoDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return makeIsoDate(y, m, d);
}

/** `date` moved by `n` whole days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/**
 * `date` moved by `n` calendar months. When the day does not exist in the target month it is
 * clamped to the month's last day: 2017-01-31 + 1 month = 2017-02-28; 2016-01-31 + 1 = 2016-02-29.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return makeIsoDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** -1, 0 or 1, for sorting. Throws on an invalid date rather than sorting garbage. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = toDayNumber(a) - toDayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  const w = (((toDayNumber(date) + 3) % 7) + 7) % 7; // 0 = Monday
  return (w + 1) as IsoWeekday;
}

/** Minutes since midnight of 'HH:MM' ('24:00' gives 1440). */
export function timeToMinutes(time: TimeOfDay): number {
  if (!isTimeOfDay(time, true)) throw new RangeError(`not a time of day (HH:MM): ${JSON.stringify(time)}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** 'HH:MM' for minutes since midnight, 0–1439 (1440 gives '24:00'). */
export function minutesToTime(minutes: number): TimeOfDay {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MINUTES_PER_DAY) {
    throw new RangeError(`minutes out of range 0–1440: ${minutes}`);
  }
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

/** -1, 0 or 1 for two times of day ('24:00' sorts last). */
export function compareTimes(a: TimeOfDay, b: TimeOfDay): -1 | 0 | 1 {
  const d = timeToMinutes(a) - timeToMinutes(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/**
 * Moves a local (date, time) by a signed number of minutes on the wall clock (no time zone).
 * The result never uses '24:00' unless `endOfDay` is set, in which case an exact midnight is
 * written as '24:00' of the previous day – the natural way to state an end-of-day deadline.
 */
export function addMinutes(
  date: IsoDate,
  time: TimeOfDay,
  minutes: number,
  endOfDay = false,
): { date: IsoDate; time: TimeOfDay } {
  if (!Number.isInteger(minutes)) throw new RangeError(`addMinutes: minutes must be an integer, got ${minutes}`);
  const total = toDayNumber(date) * MINUTES_PER_DAY + timeToMinutes(time) + minutes;
  let day = Math.floor(total / MINUTES_PER_DAY);
  let rest = total - day * MINUTES_PER_DAY;
  if (endOfDay && rest === 0) {
    day -= 1;
    rest = MINUTES_PER_DAY;
  }
  return { date: fromDayNumber(day), time: minutesToTime(rest) };
}
