/** The app's clock. Every deadline and window judgement reads this, so training can move it later. */
import { useEffect, useState } from 'react';

const offsetMs = 0;

export function appNow(): number {
  return Date.now() + offsetMs;
}

/** Re-renders every `intervalMs` with the current time. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date(appNow()));
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date(appNow())), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
