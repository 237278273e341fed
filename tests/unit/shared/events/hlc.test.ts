import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_WARNING_MS, decodeHlc, encodeHlc, isHlc, MAX_HLC_WALL_MS, receiveHlc, tickHlc } from '../../../../shared/events/hlc';
import { canonicalJson } from '../../../../shared/util/canonical-json';

describe('hybrid logical clock', () => {
  it('round-trips through its text form and sorts as it orders', () => {
    const a = { wallMs: 1_508_040_000_000, counter: 0, deviceId: 'dev-a' };
    const b = { wallMs: 1_508_040_000_000, counter: 1, deviceId: 'dev-a' };
    const c = { wallMs: 1_508_040_000_001, counter: 0, deviceId: 'dev-a' };
    expect(decodeHlc(encodeHlc(b))).toEqual(b);
    const sorted = [encodeHlc(c), encodeHlc(b), encodeHlc(a)].sort();
    expect(sorted).toEqual([encodeHlc(a), encodeHlc(b), encodeHlc(c)]);
  });

  it('never goes backwards when the wall clock does', () => {
    const first = tickHlc(null, 2000, 'd');
    const second = tickHlc(first, 1000, 'd');
    expect(second.wallMs).toBe(2000);
    expect(second.counter).toBe(1);
    expect(encodeHlc(second) > encodeHlc(first)).toBe(true);
  });

  it('moves past a remote clock and flags a skewed one without refusing it', () => {
    const local = tickHlc(null, 1_000_000, 'a');
    const remote = { wallMs: 1_000_000 + CLOCK_SKEW_WARNING_MS + 1, counter: 3, deviceId: 'b' };
    const { hlc, skewed, skewMs } = receiveHlc(local, remote, 1_000_000, 'a');
    expect(skewed).toBe(true);
    expect(skewMs).toBe(CLOCK_SKEW_WARNING_MS + 1);
    expect(hlc.wallMs).toBe(remote.wallMs);
    expect(hlc.counter).toBe(4);
    expect(receiveHlc(local, { ...remote, wallMs: 1_000_500 }, 1_000_000, 'a').skewed).toBe(false);
  });

  it('a counter at its last value (a forged or broken clock) carries into the next millisecond instead of failing', () => {
    const full = { wallMs: MAX_HLC_WALL_MS, counter: 36 ** 6 - 1, deviceId: 'b' };
    const ticked = tickHlc(full, 1_000_000, 'a');
    expect(ticked).toEqual({ wallMs: MAX_HLC_WALL_MS + 1, counter: 0, deviceId: 'a' });
    expect(encodeHlc(ticked) > encodeHlc(full)).toBe(true);
    const received = receiveHlc(null, full, 1_000_000, 'a').hlc;
    expect(received).toEqual({ wallMs: MAX_HLC_WALL_MS + 1, counter: 0, deviceId: 'a' });
    expect(encodeHlc(receiveHlc(full, full, 1_000_000, 'a').hlc) > encodeHlc(full)).toBe(true);
    expect(decodeHlc(encodeHlc(received))).toEqual(received);
  });

  it('an event may carry no wall time past the year 9999 (a clock moved past it still fits the text form)', () => {
    expect(isHlc(encodeHlc({ wallMs: MAX_HLC_WALL_MS, counter: 0, deviceId: 'a' }))).toBe(true);
    expect(isHlc(encodeHlc({ wallMs: MAX_HLC_WALL_MS + 1, counter: 0, deviceId: 'a' }))).toBe(false);
    expect(isHlc('999999999999999-zzzzzz-a')).toBe(false);
  });

  it('rejects malformed values', () => {
    expect(() => decodeHlc('yesterday')).toThrow();
    expect(() => encodeHlc({ wallMs: -1, counter: 0, deviceId: 'x' })).toThrow();
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'ң' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"ң","z":1}]},"b":1}');
  });
  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});
