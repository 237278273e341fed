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

export function encodeHlc(hlc: Hlc): string {
  if (!Number.isSafeInteger(hlc.wallMs) || hlc.wallMs < 0) throw new RangeError('HLC wall time must be a non-negative integer');
  if (!Number.isSafeInteger(hlc.counter) || hlc.counter < 0 || hlc.counter >= 36 ** COUNTER_WIDTH) {
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

export function isHlc(text: string): boolean {
  return HLC_PATTERN.test(text);
}

/** The clock value for a new local event. */
export function tickHlc(last: Hlc | null, nowMs: number, deviceId: string): Hlc {
  const wall = Math.max(last?.wallMs ?? 0, Math.floor(nowMs));
  const counter = last && wall === last.wallMs ? last.counter + 1 : 0;
  return { wallMs: wall, counter, deviceId };
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
  let counter: number;
  if (wall === lastWall && wall === remote.wallMs) counter = Math.max(last?.counter ?? 0, remote.counter) + 1;
  else if (wall === lastWall) counter = (last?.counter ?? 0) + 1;
  else if (wall === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  const skewMs = remote.wallMs - now;
  return { hlc: { wallMs: wall, counter, deviceId }, skewMs, skewed: Math.abs(skewMs) > CLOCK_SKEW_WARNING_MS };
}
