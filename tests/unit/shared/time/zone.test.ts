import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localDateIn, localDateTimeIn, todayIn, zonedToInstant } from '../../../../shared/time/zone';

const iso = (d: Date) => d.toISOString();

describe('isValidTimeZone', () => {
  it('knows IANA zones and refuses others', () => {
    for (const z of ['Asia/Bishkek', 'Asia/Tokyo', 'America/New_York', 'Europe/Moscow', 'UTC']) expect(isValidTimeZone(z)).toBe(true);
    for (const z of ['Asia/Frunze_Nowhere', 'Mars/Olympus', '', '   ', 42, null]) expect(isValidTimeZone(z)).toBe(false);
  });
  it('the conversions throw on an unknown zone', () => {
    expect(() => localDateTimeIn(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => zonedToInstant('2017-10-15', '08:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('23:30 local on a deadline day stays on that local date', () => {
  // Deadline day 13 Oct 2017 (end of the campaign); expected UTC instants worked out by hand.
  const cases = [
    { zone: 'Asia/Bishkek', utc: '2017-10-13T17:30:00.000Z', offset: 360 },
    { zone: 'Asia/Tokyo', utc: '2017-10-13T14:30:00.000Z', offset: 540 },
    { zone: 'America/New_York', utc: '2017-10-14T03:30:00.000Z', offset: -240 },
    { zone: 'Europe/Moscow', utc: '2017-10-13T20:30:00.000Z', offset: 180 },
  ];
  for (const { zone, utc, offset } of cases) {
    it(zone, () => {
      const instant = zonedToInstant('2017-10-13', '23:30', zone);
      expect(iso(instant)).toBe(utc);
      const local = localDateTimeIn(new Date(utc), zone);
      expect(local).toEqual({ date: '2017-10-13', time: '23:30', second: 0, weekday: 5, offsetMinutes: offset });
      expect(localDateIn(new Date(utc), zone)).toBe('2017-10-13');
      // One hour later it is already the next local date.
      expect(localDateIn(new Date(Date.parse(utc) + 3_600_000), zone)).toBe('2017-10-14');
    });
  }
  it('the same instant falls on different local dates in different zones', () => {
    const instant = new Date('2017-10-14T03:30:00Z');
    expect(localDateIn(instant, 'America/New_York')).toBe('2017-10-13');
    expect(localDateIn(instant, 'Asia/Bishkek')).toBe('2017-10-14');
    expect(localDateTimeIn(instant, 'Asia/Tokyo').time).toBe('12:30');
    expect(todayIn('Europe/Moscow', instant)).toBe('2017-10-14');
  });
});

describe('fixed offsets', () => {
  it('Asia/Bishkek is UTC+6 in winter and summer (no DST since 2005)', () => {
    expect(iso(zonedToInstant('2017-10-15', '20:00', 'Asia/Bishkek'))).toBe('2017-10-15T14:00:00.000Z');
    expect(iso(zonedToInstant('2027-01-17', '08:00', 'Asia/Bishkek'))).toBe('2027-01-17T02:00:00.000Z');
    expect(localDateTimeIn(new Date('2027-07-01T00:00:00Z'), 'Asia/Bishkek').offsetMinutes).toBe(360);
  });
  it('Europe/Moscow is UTC+3 now but had summer time in 2010', () => {
    expect(iso(zonedToInstant('2017-07-01', '12:00', 'Europe/Moscow'))).toBe('2017-07-01T09:00:00.000Z');
    expect(iso(zonedToInstant('2010-07-01', '12:00', 'Europe/Moscow'))).toBe('2010-07-01T08:00:00.000Z');
  });
  it('24:00 is the end of the day = 00:00 of the next', () => {
    expect(iso(zonedToInstant('2017-10-13', '24:00', 'Asia/Bishkek'))).toBe(iso(zonedToInstant('2017-10-14', '00:00', 'Asia/Bishkek')));
    expect(iso(zonedToInstant('2017-10-13', '24:00', 'Asia/Bishkek'))).toBe('2017-10-13T18:00:00.000Z');
  });
});

describe('America/New_York daylight-saving changes', () => {
  const NY = 'America/New_York';
  it('noon either side of the March switch uses the right offset', () => {
    expect(iso(zonedToInstant('2024-03-09', '12:00', NY))).toBe('2024-03-09T17:00:00.000Z');
    expect(iso(zonedToInstant('2024-03-11', '12:00', NY))).toBe('2024-03-11T16:00:00.000Z');
    expect(iso(zonedToInstant('2017-11-04', '12:00', NY))).toBe('2017-11-04T16:00:00.000Z');
    expect(iso(zonedToInstant('2017-11-06', '12:00', NY))).toBe('2017-11-06T17:00:00.000Z');
  });
  it('a time in the spring-forward gap moves forward by the gap (02:30 → 03:30 EDT)', () => {
    const instant = zonedToInstant('2024-03-10', '02:30', NY);
    expect(iso(instant)).toBe('2024-03-10T07:30:00.000Z');
    expect(localDateTimeIn(instant, NY)).toMatchObject({ date: '2024-03-10', time: '03:30', offsetMinutes: -240 });
    // Just outside the gap nothing moves.
    expect(iso(zonedToInstant('2024-03-10', '01:59', NY))).toBe('2024-03-10T06:59:00.000Z');
    expect(iso(zonedToInstant('2024-03-10', '03:00', NY))).toBe('2024-03-10T07:00:00.000Z');
  });
  it('a time in the fall-back overlap gives the earlier instant', () => {
    const first = zonedToInstant('2024-11-03', '01:30', NY);
    expect(iso(first)).toBe('2024-11-03T05:30:00.000Z');
    expect(localDateTimeIn(first, NY)).toMatchObject({ time: '01:30', offsetMinutes: -240 });
    // The second 01:30 exists and reads back as 01:30 EST.
    expect(localDateTimeIn(new Date('2024-11-03T06:30:00Z'), NY)).toMatchObject({ date: '2024-11-03', time: '01:30', offsetMinutes: -300 });
  });
  it('round-trips every half hour across both switch days', () => {
    for (const day of ['2017-03-12', '2017-11-05']) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let k = 0; k < 96; k++) {
        const instant = new Date(start + k * 30 * 60_000);
        const local = localDateTimeIn(instant, NY);
        const back = zonedToInstant(local.date, local.time, NY);
        // Overlap hours map back to the earlier instant, so allow exactly one hour of difference there.
        const diff = instant.getTime() - back.getTime();
        expect([0, 3_600_000]).toContain(diff);
        expect(localDateTimeIn(back, NY).time).toBe(local.time);
      }
    }
  });
});
