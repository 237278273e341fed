/**
 * Dates, times and numbers through Intl in the UI language. Plain dates are calendar days, not
 * instants. Shared by the app (renderer/app/format.ts re-exports them) and the center's dashboard
 * page (center/web), so both write a figure or a time the same way.
 */

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lng: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lng}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lng, options);
    cache.set(key, f);
  }
  return f;
}

function utcDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/*
 * Chromium (and so Electron) ships ICU without Kyrgyz data: Intl silently falls back to English.
 * Kyrgyz dates are therefore composed here from numeric parts, in CLDR's Kyrgyz patterns, so the
 * same text appears in Electron, Chromium and Node.
 */
const KY_MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const KY_MONTHS_SHORT = ['янв.', 'фев.', 'мар.', 'апр.', 'май', 'июн.', 'июл.', 'авг.', 'сен.', 'окт.', 'ноя.', 'дек.'];
const KY_WEEKDAYS = ['жекшемби', 'дүйшөмбү', 'шейшемби', 'шаршемби', 'бейшемби', 'жума', 'ишемби'];
const KY_WEEKDAYS_SHORT = ['жек.', 'дүй.', 'шейш.', 'шарш.', 'бейш.', 'жума', 'ишм.'];

interface Parts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: string;
  minute: string;
}

function partsOf(d: Date, timeZone: string | undefined): Parts {
  const f = dateFormat('en-US', {
    year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  });
  const get = (type: string) => f.formatToParts(d).find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday: weekdays.indexOf(get('weekday')),
    hour: get('hour').padStart(2, '0'), minute: get('minute').padStart(2, '0'),
  };
}

/**
 * A time of day as shown to people: '24:00' (the end of a day in deadlines) is written '23:59', a
 * time every input accepts; other times as they are.
 */
export function formatClock(time: string): string {
  return time === '24:00' ? '23:59' : time;
}

/** A local deadline "15 October 2017, 23:59" (date in the UI language, '24:00' as '23:59'). */
export function formatLocalDateTime(date: string, time: string, lng: string): string {
  return `${formatDate(date, lng)}, ${formatClock(time)}`;
}

/** 15 October 2017 */
export function formatDate(iso: string, lng: string): string {
  if (lng === 'ky') {
    const p = partsOf(utcDate(iso), 'UTC');
    return `${p.year}-ж., ${p.day}-${KY_MONTHS[p.month - 1]}`;
  }
  return dateFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(utcDate(iso));
}

/** A birth as recorded (an ISO date or a year alone) the way the UI language writes dates. */
export function formatBirth(birth: string, lng: string): string {
  return /^\d{4}-\d{2}-\d{2}$/u.test(birth) ? formatDate(birth, lng) : birth;
}

/** Sun, 15 Oct 2017 */
export function formatShortDate(iso: string, lng: string): string {
  if (lng === 'ky') {
    const p = partsOf(utcDate(iso), 'UTC');
    return `${KY_WEEKDAYS_SHORT[p.weekday]} ${p.day}-${KY_MONTHS_SHORT[p.month - 1]} ${p.year}-ж.`;
  }
  return dateFormat(lng, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utcDate(iso));
}

export function formatWeekday(iso: string, lng: string): string {
  if (lng === 'ky') return KY_WEEKDAYS[partsOf(utcDate(iso), 'UTC').weekday] ?? '';
  return dateFormat(lng, { weekday: 'long', timeZone: 'UTC' }).format(utcDate(iso));
}

/** An instant in a given time zone, e.g. "15 Oct 2017, 14:03". */
export function formatDateTime(instant: string | Date, lng: string, timeZone?: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (lng === 'ky') {
    const p = partsOf(d, timeZone);
    return `${p.year}-ж., ${p.day}-${KY_MONTHS_SHORT[p.month - 1]}, ${p.hour}:${p.minute}`;
  }
  return dateFormat(lng, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(d);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Kyrgyz groups digits as Russian does (narrow no-break space, decimal comma). One formatter a
 * language, kept: building an Intl.NumberFormat cost the desk more than its search on every key.
 */
export function formatNumber(n: number, lng: string): string {
  const locale = lng === 'ky' ? 'ru' : lng;
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/** The UTC offset of a zone at an instant, e.g. "UTC+09:00". */
export function formatUtcOffset(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return part === 'GMT' || !part ? 'UTC±00:00' : part.replace('GMT', 'UTC');
}

/*
 * The official long date of printed forms. Kyrgyz: "2017-жылдын 15-октябры" (year in the genitive,
 * month with the 3rd-person possessive suffix by vowel harmony, as CEC papers write it); Russian and
 * English: Intl's long date ("15 октября 2017 г.", "October 15, 2017").
 */
const KY_MONTHS_POSSESSIVE = ['январы', 'февралы', 'марты', 'апрели', 'майы', 'июну', 'июлу', 'августу', 'сентябры', 'октябры', 'ноябры', 'декабры'];

function officialFromParts(p: Parts, lng: string, d: Date, timeZone: string | undefined): string {
  if (lng === 'ky') return `${p.year}-жылдын ${p.day}-${KY_MONTHS_POSSESSIVE[p.month - 1]}`;
  return dateFormat(lng, { dateStyle: 'long', ...(timeZone ? { timeZone } : {}) }).format(d);
}

/** A calendar day (YYYY-MM-DD) as a printed form writes it in full. */
export function formatOfficialDate(iso: string, lng: string): string {
  const d = utcDate(iso);
  return officialFromParts(partsOf(d, 'UTC'), lng, d, 'UTC');
}

/** An instant in the precinct's zone as a printed form writes it: the full date and the local time. */
export function formatOfficialDateTime(instant: string | Date, lng: string, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  const p = partsOf(d, timeZone);
  const date = officialFromParts(p, lng, d, timeZone);
  const clock = `${p.hour}:${p.minute}`;
  return lng === 'ky' ? `${date}, саат ${clock}` : `${date}, ${clock}`;
}
