import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatShortDate, formatUtcOffset, formatWeekday } from '../../../../renderer/app/format';

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
