import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  addMonths,
  compareDates,
  compareTimes,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  isTimeOfDay,
  makeIsoDate,
} from '../../../../shared/time/date';

/** Independent reference: the JS Date in UTC (fine for years ≥ 1970 used here). */
function viaJsDate(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('isIsoDate', () => {
  it('accepts real dates, including leap days', () => {
    for (const s of ['2017-10-15', '2000-02-29', '2024-02-29', '2027-01-17', '0001-01-01', '9999-12-31']) expect(isIsoDate(s)).toBe(true);
  });
  it('rejects impossible dates and other shapes', () => {
    for (const s of ['2017-02-30', '2017-02-29', '2100-02-29', '2017-04-31', '2017-13-01', '2017-00-10', '2017-10-00', '2017-2-3', '17-10-15', '2017-10-15T00:00', ' 2017-10-15', '0000-01-01', '']) {
      expect(isIsoDate(s), s).toBe(false);
    }
    expect(isIsoDate(20171015)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('isTimeOfDay', () => {
  it('accepts 00:00–23:59 and 24:00 only when asked', () => {
    expect(isTimeOfDay('00:00')).toBe(true);
    expect(isTimeOfDay('23:59')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('24:00', true)).toBe(true);
    expect(isTimeOfDay('24:01', true)).toBe(false);
    expect(isTimeOfDay('8:00')).toBe(false);
    expect(isTimeOfDay('08:60')).toBe(false);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2017-10-15', -20)).toBe('2017-09-25');
    expect(addDays('2017-10-15', -35)).toBe('2017-09-10');
    expect(addDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2017-02-28', 1)).toBe('2017-03-01');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
    expect(addDays('2100-03-01', -1)).toBe('2100-02-28');
    expect(addDays('2027-01-17', -35)).toBe('2026-12-13');
  });
  it('agrees with the JS Date for a spread of dates and offsets', () => {
    let date = '1970-01-01';
    for (let i = 0; i < 400; i++) {
      const n = ((i * 7919) % 1500) - 750;
      expect(addDays(date, n)).toBe(viaJsDate(date, n));
      expect(daysBetween(date, addDays(date, n))).toBe(n);
      date = addDays(date, 97);
    }
  });
  it('refuses bad input', () => {
    expect(() => addDays('2017-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2017-10-15', 1.5)).toThrow(RangeError);
    expect(() => makeIsoDate(2017, 2, 29)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2017-01-31', 1)).toBe('2017-02-28');
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2017-10-15', 1)).toBe('2017-11-15');
    expect(addMonths('2017-11-30', 3)).toBe('2018-02-28');
    expect(addMonths('2017-03-31', -1)).toBe('2017-02-28');
    expect(addMonths('2017-01-15', -13)).toBe('2015-12-15');
  });
});

describe('compareDates / compareTimes', () => {
  it('orders chronologically', () => {
    expect(compareDates('2017-09-30', '2017-10-01')).toBe(-1);
    expect(compareDates('2017-10-15', '2017-10-15')).toBe(0);
    expect(compareDates('2018-01-01', '2017-12-31')).toBe(1);
    expect(['2017-10-15', '2017-06-14', '2017-09-25'].sort(compareDates)).toEqual(['2017-06-14', '2017-09-25', '2017-10-15']);
    expect(compareTimes('08:00', '20:00')).toBe(-1);
    expect(compareTimes('24:00', '23:59')).toBe(1);
  });
});

describe('dayOfWeek (ISO: Monday 1 … Sunday 7)', () => {
  it('knows the voting days are Sundays', () => {
    expect(dayOfWeek('2017-10-15')).toBe(7);
    expect(dayOfWeek('2027-01-17')).toBe(7);
    expect(dayOfWeek('2017-10-16')).toBe(1);
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });
  it('agrees with the JS Date', () => {
    let date = '1999-12-25';
    for (let i = 0; i < 200; i++) {
      const js = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(dayOfWeek(date)).toBe(js === 0 ? 7 : js);
      date = addDays(date, 13);
    }
  });
});

describe('addMinutes (wall clock)', () => {
  it('moves across midnight and can write an exact midnight as 24:00', () => {
    expect(addMinutes('2017-10-15', '20:00', 24 * 60)).toEqual({ date: '2017-10-16', time: '20:00' });
    expect(addMinutes('2017-10-15', '00:00', -24 * 60)).toEqual({ date: '2017-10-14', time: '00:00' });
    expect(addMinutes('2017-10-15', '00:00', -24 * 60, true)).toEqual({ date: '2017-10-13', time: '24:00' });
    expect(addMinutes('2017-10-15', '00:00', -6 * 60, true)).toEqual({ date: '2017-10-14', time: '18:00' });
  });
});
