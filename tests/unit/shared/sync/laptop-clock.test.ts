import { describe, expect, it } from 'vitest';
import { laptopClockOff, laptopsAhead, peersAgreedAt } from '../../../../shared/sync/laptop-clock';

const now = Date.parse('2026-12-10T16:26:00.000Z');
const DAY = 86_400_000;

describe('the laptop clock against the center clock', () => {
  it('says a laptop three days ahead is ahead, with both clocks now', () => {
    expect(laptopClockOff(-3 * DAY, now)).toEqual({ direction: 'ahead', laptop: '2026-12-10T16:26:00.000Z', center: '2026-12-07T16:26:00.000Z', peersAgreed: null });
  });

  it('says a laptop a year behind (a flat battery) is behind', () => {
    expect(laptopClockOff(365 * DAY, now)).toMatchObject({ direction: 'behind', center: '2027-12-10T16:26:00.000Z' });
  });

  it('says nothing within five minutes, nor before an offset was learnt', () => {
    expect(laptopClockOff(0, now)).toBeNull();
    expect(laptopClockOff(5 * 60_000, now)).toBeNull();
    expect(laptopClockOff(-5 * 60_000, now)).toBeNull();
    expect(laptopClockOff(5 * 60_000 + 1, now)).toMatchObject({ direction: 'behind' });
    expect(laptopClockOff(Number.NaN, now)).toBeNull();
  });
});

describe('other laptops named as running ahead', () => {
  const at = (ms: number) => new Date(now + ms).toISOString();
  it('names one recorded more than ten minutes ahead, and lets it go once an event of it is recorded on time', () => {
    expect(laptopsAhead([], [{ deviceId: 'a', recordedAt: at(3 * DAY) }, { deviceId: 'b', recordedAt: at(0) }], now)).toEqual(['a']);
    expect(laptopsAhead(['a'], [{ deviceId: 'a', recordedAt: at(-60_000) }], now)).toEqual([]);
    // Its later event read in the same page decides.
    expect(laptopsAhead([], [{ deviceId: 'a', recordedAt: at(3 * DAY) }, { deviceId: 'a', recordedAt: at(5_000) }], now)).toEqual([]);
  });

  it('an event recorded long ago and pulled late says nothing either way', () => {
    expect(laptopsAhead(['a'], [{ deviceId: 'a', recordedAt: at(-2 * 3_600_000) }], now)).toEqual(['a']);
    expect(laptopsAhead(['a'], [{ deviceId: 'a', recordedAt: at(10 * 60_000) }], now)).toEqual([]);
  });
});

describe('a center whose own clock is off: the other laptops of the precinct are a second source', () => {
  const at = (ms: number) => new Date(now + ms).toISOString();
  it('another laptop that agreed with this one within the last day is named with the difference: the laptop is not told it is the one off', () => {
    expect(laptopClockOff(-3 * DAY, now, at(-3_600_000))).toMatchObject({ direction: 'ahead', peersAgreed: at(-3_600_000) });
    // Older than a day, or after this clock was set back (ahead of now): nothing else says which is right.
    expect(laptopClockOff(-3 * DAY, now, at(-DAY - 1))).toMatchObject({ peersAgreed: null });
    expect(laptopClockOff(-3 * DAY, now, at(3 * DAY))).toMatchObject({ peersAgreed: null });
    expect(laptopClockOff(0, now, at(-60_000))).toBeNull();
  });

  it('an event of another laptop pulled within ten minutes of being recorded agrees; one recorded long ago, or this laptop’s own, says nothing', () => {
    expect(peersAgreedAt(null, [{ deviceId: 'b', recordedAt: at(-4 * 60_000) }], 'a', now)).toBe(at(0));
    expect(peersAgreedAt(null, [{ deviceId: 'b', recordedAt: at(-3 * 3_600_000) }], 'a', now)).toBeNull();
    expect(peersAgreedAt(at(-DAY), [{ deviceId: 'b', recordedAt: at(3 * DAY) }], 'a', now)).toBe(at(-DAY));
    expect(peersAgreedAt(null, [{ deviceId: 'a', recordedAt: at(0) }], 'a', now)).toBeNull();
  });
});
