/**
 * The app's clock. Every deadline and window judgement reads `appNow()`. In the real election it is
 * the computer's clock; in training the trainer can move it (kept as an offset, so it keeps running).
 */
import { useEffect, useState } from 'react';
import { toTypedDate } from '../../shared/time/typed-date';
import { localDateTimeIn } from '../../shared/time/zone';
import type { IsoDate } from '../../shared/time/date';
import { TRAINING } from './mode';

const OFFSET_KEY = 'precinct-desk.training.clockOffset';

function readOffset(): number {
  if (!TRAINING) return 0;
  try {
    const n = Number(localStorage.getItem(OFFSET_KEY) ?? '0');
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}

let offsetMs = readOffset();
const listeners = new Set<() => void>();

export function appNow(): number {
  return Date.now() + offsetMs;
}

/** Training only: the clock shows `instant` from now on (and keeps running from there). */
export function setTrainingTime(instant: Date): void {
  if (!TRAINING) throw new Error('the clock can be moved only in training mode');
  offsetMs = instant.getTime() - Date.now();
  localStorage.setItem(OFFSET_KEY, String(offsetMs));
  for (const l of listeners) l();
}

/** Training only: back to the computer's clock. */
export function resetTrainingClock(): void {
  if (!TRAINING) return;
  offsetMs = 0;
  localStorage.removeItem(OFFSET_KEY);
  for (const l of listeners) l();
}

export function isClockMoved(): boolean {
  return offsetMs !== 0;
}

/** Re-renders every `intervalMs`, and at once when the training clock is moved. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date(appNow()));
  useEffect(() => {
    const tick = () => setNow(new Date(appNow()));
    const timer = setInterval(tick, intervalMs);
    listeners.add(tick);
    return () => {
      clearInterval(timer);
      listeners.delete(tick);
    };
  }, [intervalMs]);
  return now;
}

/**
 * A typed date and time pair (DD.MM.YYYY, HH:MM) that shows the clock in `timeZone` until the member
 * types in it: a form left open overnight, or from the first application of the day to the next,
 * does not offer the hour it was opened at (a receipt registered at the wrong time, on the wrong
 * side of a deadline). `follow()` hands both fields back to the clock (after a record is taken).
 */
export function useTypedNow(
  timeZone: string,
  /** The latest date the field may offer (a ballots act is never dated after voting day): shown instead of a later today. */
  latestDate?: IsoDate,
): { date: string; time: string; setDate: (text: string) => void; setTime: (text: string) => void; follow: () => void } {
  useNow();
  const now = localDateTimeIn(new Date(appNow()), timeZone);
  const local = latestDate !== undefined && now.date > latestDate ? { ...now, date: latestDate } : now;
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  return {
    date: date ?? toTypedDate(local.date),
    time: time ?? local.time,
    setDate,
    setTime,
    follow: () => {
      setDate(null);
      setTime(null);
    },
  };
}
