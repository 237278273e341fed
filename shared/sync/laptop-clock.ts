/**
 * The laptop's clock against the center's. A signed request whose time is more than ten minutes off
 * is answered `auth-expired` with the center's time, and the laptop keeps the difference (the
 * center's clock minus its own) to sign its next requests; this says, from that difference, whether
 * the laptop's own clock is off — every fact it records (a ballot, an act, a register entry) carries
 * the laptop's time, so a clock days off must be set, not only worked around for the signatures.
 */
import { CLOCK_SKEW_WARNING_MS } from '../events/hlc';

export interface LaptopClockOff {
  /** The laptop's clock runs ahead of the center's, or behind it. */
  direction: 'ahead' | 'behind';
  /** What the laptop's clock says now, and what the center's says (ISO instants). */
  laptop: string;
  center: string;
}

/** Whether the laptop's clock is off, given the learnt `centerOffsetMs` (center − laptop) and the laptop's `nowMs`; null within five minutes. */
export function laptopClockOff(centerOffsetMs: number, nowMs: number): LaptopClockOff | null {
  if (!Number.isFinite(centerOffsetMs) || Math.abs(centerOffsetMs) <= CLOCK_SKEW_WARNING_MS) return null;
  return {
    direction: centerOffsetMs < 0 ? 'ahead' : 'behind',
    laptop: new Date(nowMs).toISOString(),
    center: new Date(nowMs + centerOffsetMs).toISOString(),
  };
}

/** Another laptop whose events are recorded this far ahead of this laptop's clock is named (its events are still taken). */
export const LAPTOP_AHEAD_MS = 10 * 60_000;

/**
 * The other laptops named as running ahead, after a pulled page (in arrival order, each laptop's in
 * its own order): a laptop is named when an event of it is recorded more than ten minutes after this
 * laptop's `nowMs`, and no longer once a later event of it is recorded within ten minutes of now —
 * its clock was set (an event recorded long ago, pulled late, says nothing either way).
 */
export function laptopsAhead(named: readonly string[], events: readonly { deviceId: string; recordedAt: string }[], nowMs: number): string[] {
  const out = new Set(named);
  for (const e of events) {
    const ahead = Date.parse(e.recordedAt) - nowMs;
    if (ahead > LAPTOP_AHEAD_MS) out.add(e.deviceId);
    else if (Math.abs(ahead) <= LAPTOP_AHEAD_MS) out.delete(e.deviceId);
  }
  return [...out];
}
