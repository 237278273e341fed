import raw from '../../../../data/calendar-2017.json';
import { parseCalendar, type CalendarItem } from '../../../../shared/calendar/schema';
import type { ComputedTiming, PartTiming } from '../../../../shared/calendar/evaluate';
import { addDays } from '../../../../shared/time/date';

export const rawCalendar: unknown = raw;
export const calendar: CalendarItem[] = parseCalendar(raw);

export function item(n: number): CalendarItem {
  const found = calendar.find((i) => i.n === n);
  if (!found) throw new Error(`no item ${n}`);
  return found;
}

/** A deep copy of the raw file, for tampering with. */
export function rawCopy(): Record<string, unknown>[] {
  return JSON.parse(JSON.stringify(raw)) as Record<string, unknown>[];
}

/** Every date in a timing moved by `days` (times and events untouched). */
export function shiftTiming(t: ComputedTiming, days: number): ComputedTiming {
  const shiftPart = (p: PartTiming): PartTiming => {
    if (p.kind === 'deadline') return { ...p, date: addDays(p.date, days) };
    if (p.kind === 'window') {
      const out = { ...p };
      if (p.from !== undefined) out.from = addDays(p.from, days);
      if (p.to !== undefined) out.to = addDays(p.to, days);
      return out;
    }
    return p;
  };
  if (t.kind === 'dates') return { kind: 'dates', parts: t.parts.map((p) => ({ label: p.label, timing: shiftPart(p.timing) })) };
  return shiftPart(t);
}

/** The last day of a dated timing (a deadline's date, a window's `to`, else its `from`). */
export function endDate(t: ComputedTiming): string | undefined {
  if (t.kind === 'deadline') return t.date;
  if (t.kind === 'window') return t.to ?? t.from;
  return undefined;
}
