import { describe, expect, it } from 'vitest';
import { aeuDifferences, compareAeu, countLines } from '../../../../shared/protocol/aeu';
import { expandForm } from '../../../../shared/protocol/form';
import { KG_2017_PRESIDENTIAL_FORM } from '../../../../shared/protocol/builtin';
import { builtinForm } from './helpers';
import { aeuReportDateDefault } from '../../../../shared/protocol/ledger';
import type { IsoDate } from '../../../../shared/time/date';

describe('АЭУ report against the manual count', () => {
  const form = builtinForm();

  it('compares the count lines only: boxes, invalid, valid, each candidate, against all', () => {
    expect(countLines(form).map((l) => l.key)).toEqual(['H', 'I', 'J', 'K', 'L.c-a', 'L.c-b', 'L.c-c', 'M']);
  });

  it('gives manual − АЭУ per line, null where a figure is missing', () => {
    const rows = compareAeu(form, { H: 40, I: 600, J: 10, K: 630, 'L.c-a': 301, 'L.c-b': 199, 'L.c-c': 100, M: 30 }, { H: 40, I: 600, J: 10, K: 630, 'L.c-a': 300, 'L.c-b': 200, 'L.c-c': 100 });
    expect(aeuDifferences(rows)).toEqual([
      { line: 'L.c-a', number: 12, aeu: 301, manual: 300, difference: -1 },
      { line: 'L.c-b', number: 13, aeu: 199, manual: 200, difference: 1 },
    ]);
    expect(rows.find((r) => r.line === 'M')).toMatchObject({ aeu: 30, manual: null, difference: null });
    expect(compareAeu(form, null, null).every((r) => r.difference === null)).toBe(true);
  });

  it('compares every line of a form that names no count lines', () => {
    const bare = { ...KG_2017_PRESIDENTIAL_FORM, lines: KG_2017_PRESIDENTIAL_FORM.lines.map(({ source: _s, ...l }) => l) };
    expect(countLines(expandForm(bare, [], false)).map((l) => l.key)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
  });
});

describe('the АЭУ report date the count screen offers', () => {
  const day = '2026-12-07' as IsoDate;
  it('is the precinct’s date now on voting day and after midnight, in the precinct’s zone', () => {
    expect(aeuReportDateDefault(new Date('2026-12-07T15:30:00Z'), day, 'Asia/Bishkek')).toBe('2026-12-07');
    // 00:40 in Bishkek on the next day (18:40 UTC the day before): the report printed after midnight.
    expect(aeuReportDateDefault(new Date('2026-12-07T18:40:00Z'), day, 'Asia/Bishkek')).toBe('2026-12-08');
    // The same instant in New York is still voting day there.
    expect(aeuReportDateDefault(new Date('2026-12-07T18:40:00Z'), day, 'America/New_York')).toBe('2026-12-07');
    expect(aeuReportDateDefault(new Date('2026-12-09T02:00:00Z'), day, 'America/New_York')).toBe('2026-12-08');
  });
  it('is voting day when the clock is on another day (a demo of a past or coming election)', () => {
    expect(aeuReportDateDefault(new Date('2026-12-05T12:00:00Z'), day, 'Asia/Bishkek')).toBe(day);
    expect(aeuReportDateDefault(new Date('2026-12-10T12:00:00Z'), day, 'Asia/Bishkek')).toBe(day);
    expect(aeuReportDateDefault(new Date('2026-12-07T12:00:00Z'), '2017-10-15' as IsoDate, 'Asia/Bishkek')).toBe('2017-10-15');
  });
});
