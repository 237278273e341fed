/**
 * A voter list split over several sheets (one sheet a street), taken as one list: the sheets with
 * the list's recognised columns are combined, the summary and sheets with other columns left out and
 * named, every row named by its sheet and the sheet's own row, duplicates found across sheets.
 */
import { describe, expect, it } from 'vitest';
import { combineSheets, guessMapping, keepDuplicates, placeOfRow, validateVoterRows, type WorkbookSheet } from '../../../../shared/voters';
import { sheetRowsOf, streetSheets } from '../../../support/multi-sheet';

const VOTING_DAY = '2026-12-06';

function workbook(sizes?: number[]): WorkbookSheet[] {
  return sheetRowsOf(streetSheets(sizes)).map((s) => ({ name: s.name, all: s.all, merges: [] }));
}

describe('combineSheets', () => {
  it('takes every street sheet (100, 2,500 and 10,000 rows, one under a title row) as one list; the summary is left out and named; the count is the sum', () => {
    const streets = streetSheets();
    const c = combineSheets(workbook());
    expect(c).not.toBeNull();
    const { table, parts, left } = c!;
    expect(parts.map((p) => [p.name, p.headerRow, p.first, p.count, p.rows])).toEqual([
      ['Ленин көч.', 1, 0, 100, 100],
      ['Манас көч.', 2, 100, 2500, 2500],
      ['Чүй пр.', 1, 2600, 10_000, 10_000],
    ]);
    expect(left).toEqual(['Жыйынтык']);
    const result = validateVoterRows(table, guessMapping(table.header), { votingDay: VOTING_DAY });
    expect(result.problems).toEqual([]);
    expect(result.voters).toHaveLength(12_600);
    // Every street's voters are in the list, in sheet order.
    for (const [i, s] of streets.entries()) {
      const first = parts[i]!.first;
      expect(result.voters[first]).toMatchObject({ page: s.people[0]!.page, row: s.people[0]!.row, surname: s.people[0]!.surname });
      const last = s.people[s.people.length - 1]!;
      expect(result.voters[first + s.people.length - 1]).toMatchObject({ page: last.page, row: last.row, surname: last.surname });
    }
  });

  it('names each row by its sheet and the sheet’s own row (a title row above the header counted)', () => {
    const { parts } = combineSheets(workbook())!;
    expect(placeOfRow(parts, 2)).toEqual({ sheet: 'Ленин көч.', row: 2 });
    expect(placeOfRow(parts, 101)).toEqual({ sheet: 'Ленин көч.', row: 101 });
    // The first voter of «Манас көч.» is its row 3: a title row, then the header.
    expect(placeOfRow(parts, 102)).toEqual({ sheet: 'Манас көч.', row: 3 });
    expect(placeOfRow(parts, 2601)).toEqual({ sheet: 'Манас көч.', row: 2502 });
    expect(placeOfRow(parts, 2602)).toEqual({ sheet: 'Чүй пр.', row: 2 });
    expect(placeOfRow(parts, 12_601)).toEqual({ sheet: 'Чүй пр.', row: 10_001 });
    expect(placeOfRow(parts, 12_602)).toBeNull();
    expect(placeOfRow(parts, 1)).toBeNull();
  });

  it('finds a duplicate across sheets and names a bad row by its sheet', () => {
    const sheets = workbook([100, 200, 300]);
    const lenin = sheets[1]!;
    const chuy = sheets[3]!;
    const manas = sheets[2]!;
    // A voter of «Ленин көч.» (its row 14) written again on «Чүй пр.» (its row 41), and a bad birth on «Манас көч.» row 7.
    const copied = [...lenin.all[13]!];
    copied[0] = '99';
    copied[1] = '1';
    chuy.all[40] = copied;
    manas.all[6]![5] = '31.02.1980';
    const { table, parts } = combineSheets(sheets)!;
    const result = validateVoterRows(table, guessMapping(table.header), { votingDay: VOTING_DAY });
    const places = (code: string) => result.problems.filter((p) => p.code === code).map((p) => placeOfRow(parts, p.row));
    expect(places('invalid-birth')).toEqual([{ sheet: 'Манас көч.', row: 7 }]);
    expect(result.duplicates.map((g) => g.rows.map((r) => placeOfRow(parts, r)))).toEqual([
      [
        { sheet: 'Ленин көч.', row: 14 },
        { sheet: 'Чүй пр.', row: 41 },
      ],
    ]);
    // The first is kept by default: the list has one voter fewer, and the bad row stays a problem.
    expect(keepDuplicates(result).result.voters).toHaveLength(600 - 2);
  });

  it('leaves out a sheet with other columns (its fields in another order) and names it', () => {
    const sheets = workbook([100, 200, 300]);
    const other = sheets[3]!;
    other.all = other.all.map((r) => [r[2]!, r[3]!, r[0]!, r[1]!, ...r.slice(4)]);
    const c = combineSheets(sheets)!;
    expect(c.parts.map((p) => p.name)).toEqual(['Ленин көч.', 'Манас көч.']);
    expect(c.left).toEqual(['Жыйынтык', 'Чүй пр.']);
  });

  it('is null for a list on one sheet (read as before)', () => {
    const sheets = workbook([100]);
    expect(combineSheets(sheets)).toBeNull();
  });
});
