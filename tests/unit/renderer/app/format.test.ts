import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatOfficialDate, formatOfficialDateTime, formatShortDate, formatUtcOffset, formatWeekday } from '../../../../renderer/app/format';

describe('formatting in the UI language', () => {
  it('writes Kyrgyz dates in CLDR Kyrgyz patterns without relying on ICU data', () => {
    expect(formatDate('2017-10-15', 'ky')).toBe('2017-ж., 15-октябрь');
    expect(formatShortDate('2017-10-12', 'ky')).toBe('бейш. 12-окт. 2017-ж.');
    expect(formatWeekday('2017-10-15', 'ky')).toBe('жекшемби');
    expect(formatDateTime('2017-10-15T14:03:00Z', 'ky', 'Asia/Bishkek')).toBe('2017-ж., 15-окт., 20:03');
  });
  it('uses Intl for Russian and English', () => {
    expect(formatDate('2017-10-15', 'ru')).toBe('15 октября 2017 г.');
    expect(formatDate('2017-10-15', 'en')).toBe('October 15, 2017');
    expect(formatDateTime('2017-10-15T14:03:00Z', 'en', 'Asia/Tokyo')).toBe('Oct 15, 2017, 23:03');
  });
  it('writes the official long date of printed forms (Kyrgyz: "2017-жылдын 15-октябры")', () => {
    expect(formatOfficialDate('2017-10-15', 'ky')).toBe('2017-жылдын 15-октябры');
    expect(formatOfficialDate('2017-04-01', 'ky')).toBe('2017-жылдын 1-апрели');
    expect(formatOfficialDate('2017-06-30', 'ky')).toBe('2017-жылдын 30-июну');
    expect(formatOfficialDate('2017-10-15', 'ru')).toBe('15 октября 2017 г.');
    expect(formatOfficialDateTime('2017-10-15T12:30:00Z', 'ky', 'Asia/Tokyo')).toBe('2017-жылдын 15-октябры, саат 21:30');
    expect(formatOfficialDateTime('2017-10-15T15:30:00Z', 'ru', 'Asia/Tokyo')).toBe('16 октября 2017 г., 00:30');
  });
  it('groups digits by language', () => {
    expect(formatNumber(18580, 'en')).toBe('18,580');
    expect(formatNumber(18580, 'ky').replace(/\s/gu, ' ')).toBe('18 580');
  });
  it('states UTC offsets, with daylight saving', () => {
    expect(formatUtcOffset('Asia/Bishkek', new Date('2017-10-15T12:00:00Z'))).toBe('UTC+06:00');
    expect(formatUtcOffset('America/New_York', new Date('2017-10-15T12:00:00Z'))).toBe('UTC-04:00');
    expect(formatUtcOffset('America/New_York', new Date('2017-12-15T12:00:00Z'))).toBe('UTC-05:00');
  });
});

describe('one way of writing dates and times (issue 16)', () => {
  it("'24:00' (end of day) is shown as '23:59', a time the inputs accept", async () => {
    const { formatClock, formatLocalDateTime } = await import('../../../../renderer/app/format');
    expect(formatClock('24:00')).toBe('23:59');
    expect(formatClock('08:00')).toBe('08:00');
    expect(formatLocalDateTime('2017-10-12', '24:00', 'en')).toBe('October 12, 2017, 23:59');
    expect(formatLocalDateTime('2017-10-12', '24:00', 'ru')).toBe('12 октября 2017 г., 23:59');
    expect(formatLocalDateTime('2017-10-12', '24:00', 'ky')).toBe('2017-ж., 12-октябрь, 23:59');
  });

  it('typed dates: dd.mm.yyyy and ISO both read, shown as dd.mm.yyyy', async () => {
    const { parseTypedDate, toTypedDate } = await import('../../../../shared/time/typed-date');
    expect(parseTypedDate('12.03.1980')).toBe('1980-03-12');
    expect(parseTypedDate('1980-03-12')).toBe('1980-03-12');
    expect(parseTypedDate('31.02.1980')).toBeNull();
    expect(toTypedDate('1975-11-30')).toBe('30.11.1975');
  });
});
