/**
 * Dates as a commission member types them: 30.09.2017 (the way Kyrgyz and Russian paperwork writes
 * them), also 30/09/2017, 30-09-2017 and the ISO 2017-09-30. Browser date pickers follow the
 * browser's locale (09/30/2017 with AM/PM in an English build), so forms use plain text instead.
 */
import { isIsoDate, isTimeOfDay, type IsoDate, type TimeOfDay } from './date';

/** The typed date as an ISO date, or null when it is not a real date. */
export function parseTypedDate(text: string): IsoDate | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/u.exec(s);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

function checked(y: number, mo: number, d: number): IsoDate | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * A time of day as a member types it: 09:40, 9:40, and 9.40 / 09.40 (a full stop where Russian and
 * Kyrgyz paperwork writes one, and the easy key on a Russian layout), as 'HH:MM'; null when it is
 * not a time (10:60, 24:00, 940).
 */
export function parseTypedTime(text: string): TimeOfDay | null {
  const m = /^(\d{1,2})[:.](\d{2})$/u.exec(text.trim());
  if (!m) return null;
  const hhmm = `${m[1]!.padStart(2, '0')}:${m[2]!}`;
  return isTimeOfDay(hhmm) ? hhmm : null;
}

/** 2017-09-30 → 30.09.2017 */
export function toTypedDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
