import { describe, expect, it } from 'vitest';
import { parseTypedDate, parseTypedTime, toTypedDate } from '../../../../shared/time/typed-date';

describe('typed dates', () => {
  it.each([
    ['30.09.2017', '2017-09-30'],
    [' 1.9.2017 ', '2017-09-01'],
    ['30/09/2017', '2017-09-30'],
    ['30-09-2017', '2017-09-30'],
    ['2017-09-30', '2017-09-30'],
    ['29.02.2016', '2016-02-29'],
  ])('%s → %s', (text, iso) => expect(parseTypedDate(text)).toBe(iso));

  it.each(['', '31.09.2017', '29.02.2017', '2017-13-01', '09/30/17', 'эртең', '00.01.2017', '1.1.1800'])('%s is not a date', (text) => {
    expect(parseTypedDate(text)).toBeNull();
  });

  it('writes ISO dates the way paperwork does', () => {
    expect(toTypedDate('2017-09-03')).toBe('03.09.2017');
    expect(parseTypedDate(toTypedDate('2017-09-03'))).toBe('2017-09-03');
  });

  it.each([
    ['09:40', '09:40'],
    ['9:40', '09:40'],
    [' 9.40 ', '09:40'],
    ['10.15', '10:15'],
    ['0:00', '00:00'],
    ['23:59', '23:59'],
  ])('time %s → %s', (text, hhmm) => expect(parseTypedTime(text)).toBe(hhmm));

  it.each(['', '940', '10:60', '24:00', '9:4', '10-15', '123:00', 'он'])('%s is not a time', (text) => {
    expect(parseTypedTime(text)).toBeNull();
  });
});
