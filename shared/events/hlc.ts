/**
 * Hybrid logical clock (physical milliseconds + a logical counter + the device id as tie-breaker).
 * Encoded as a fixed-width string so that string order is causal order across laptops.
 * A remote clock far ahead of ours is accepted (never a reason to reject data) but reported as skew.
 */
export interface Hlc {
  readonly wallMs: number;
  readonly counter: number;
  readonly deviceId: string;
}

/** Beyond this difference between a remote event's clock and ours, the laptop clock is flagged. */
export const CLOCK_SKEW_WARNING_MS = 5 * 60 * 1000;

const WALL_WIDTH = 15;
const COUNTER_WIDTH = 6;
const COUNTER_LIMIT = 36 ** COUNTER_WIDTH;

/**
 * The latest wall time an event may carry (the last millisecond of the year 9999): far ahead of any
 * clock, far below the 15 digits the text form holds, so moving a clock past it cannot outgrow them.
 */
export const MAX_HLC_WALL_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The next value after (wall, counter): a full counter carries into the next millisecond. */
function next(wallMs: number, counter: number, deviceId: string): Hlc {
  return counter + 1 < COUNTER_LIMIT ? { wallMs, counter: counter + 1, deviceId } : { wallMs: wallMs + 1, counter: 0, deviceId };
}

export function encodeHlc(hlc: Hlc): string {
  if (!Number.isSafeInteger(hlc.wallMs) || hlc.wallMs < 0) throw new RangeError('HLC wall time must be a non-negative integer');
  if (!Number.isSafeInteger(hlc.counter) || hlc.counter < 0 || hlc.counter >= COUNTER_LIMIT) {
    throw new RangeError('HLC counter out of range');
  }
  return `${hlc.wallMs.toString().padStart(WALL_WIDTH, '0')}-${hlc.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${hlc.deviceId}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-z]{6})-(.+)$/u;

export function decodeHlc(text: string): Hlc {
  const m = HLC_PATTERN.exec(text);
  if (!m) throw new SyntaxError(`not a hybrid logical clock value: ${text}`);
  return { wallMs: Number(m[1]), counter: parseInt(m[2] ?? '0', 36), deviceId: m[3] ?? '' };
}

/** A clock value an event may carry: the text form, its wall time no later than MAX_HLC_WALL_MS. */
export function isHlc(text: string): boolean {
  const m = HLC_PATTERN.exec(text);
  return m !== null && Number(m[1]) <= MAX_HLC_WALL_MS;
}

/** The clock value for a new local event. */
export function tickHlc(last: Hlc | null, nowMs: number, deviceId: string): Hlc {
  const wall = Math.max(last?.wallMs ?? 0, Math.floor(nowMs));
  return last && wall === last.wallMs ? next(wall, last.counter, deviceId) : { wallMs: wall, counter: 0, deviceId };
}

/** Our clock after seeing a remote event, and whether the remote clock looks skewed against ours. */
export function receiveHlc(
  last: Hlc | null,
  remote: Hlc,
  nowMs: number,
  deviceId: string,
): { hlc: Hlc; skewMs: number; skewed: boolean } {
  const now = Math.floor(nowMs);
  const lastWall = last?.wallMs ?? 0;
  const wall = Math.max(lastWall, remote.wallMs, now);
  let hlc: Hlc;
  // A counter at its last value (only a forged or broken clock gets there) carries into the next millisecond.
  if (wall === lastWall && wall === remote.wallMs) hlc = next(wall, Math.max(last?.counter ?? 0, remote.counter), deviceId);
  else if (wall === lastWall) hlc = next(wall, last?.counter ?? 0, deviceId);
  else if (wall === remote.wallMs) hlc = next(wall, remote.counter, deviceId);
  else hlc = { wallMs: wall, counter: 0, deviceId };
  const skewMs = remote.wallMs - now;
  return { hlc, skewMs, skewed: Math.abs(skewMs) > CLOCK_SKEW_WARNING_MS };
}
