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
  /**
   * When, by this laptop's clock, another laptop of the precinct last agreed with it (an event of it
   * pulled within ten minutes of being recorded, by its own clock: `peersAgreedAt`) — within the last
   * day; null when nothing else says which clock is right. Then the center's clock may be the one that
   * is off, and the laptop is not told to change its own.
   */
  peersAgreed: string | null;
}

/** How long another laptop's agreement with this laptop's clock counts (by this laptop's clock). */
export const PEERS_AGREE_MS = 24 * 3_600_000;

/**
 * Whether the laptop's clock is off from the center's, given the learnt `centerOffsetMs` (center −
 * laptop) and the laptop's `nowMs`; null within five minutes. `peersAgreedAt` (this laptop's time
 * when another laptop's fresh event agreed with its clock) is kept when it is within the last day
 * and not ahead of now (a clock set back since makes it say nothing).
 */
export function laptopClockOff(centerOffsetMs: number, nowMs: number, peersAgreedAt: string | null = null): LaptopClockOff | null {
  if (!Number.isFinite(centerOffsetMs) || Math.abs(centerOffsetMs) <= CLOCK_SKEW_WARNING_MS) return null;
  const agreed = peersAgreedAt === null ? Number.NaN : Date.parse(peersAgreedAt);
  const recent = Number.isFinite(agreed) && agreed <= nowMs + CLOCK_SKEW_WARNING_MS && nowMs - agreed <= PEERS_AGREE_MS;
  return {
    direction: centerOffsetMs < 0 ? 'ahead' : 'behind',
    laptop: new Date(nowMs).toISOString(),
    center: new Date(nowMs + centerOffsetMs).toISOString(),
    peersAgreed: recent ? peersAgreedAt : null,
  };
}

/**
 * After a pulled page: this laptop's time now when an event of another laptop in it was recorded
 * within ten minutes of this laptop's `nowMs` (two clocks that agree: the pull was prompt and both are
 * right, or both are off alike), else `previous`. An event recorded long ago and pulled late says
 * nothing.
 */
export function peersAgreedAt(previous: string | null, events: readonly { deviceId: string; recordedAt: string }[], ownDeviceId: string, nowMs: number): string | null {
  for (const e of events) if (e.deviceId !== ownDeviceId && Math.abs(Date.parse(e.recordedAt) - nowMs) <= LAPTOP_AHEAD_MS) return new Date(nowMs).toISOString();
  return previous;
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
