import { describe, expect, it } from 'vitest';
import { checkTable, columnLetter, refRows, rowNumberOf, tableFromRows, type SheetTable } from '../../../../shared/voters/sheet';
import { readFixtureJson } from './fixtures';
import { err, ok } from '../../../../shared/util/result';

const HEADER = ['Барак', 'Катар', 'Фамилиясы', 'Аты', 'Туулган жылы'];
const table = (rows: string[][], extra: Partial<SheetTable> = {}): SheetTable => ({ header: HEADER, rows, ...extra });

describe('checkTable', () => {
  it('accepts a clean table (blank rows inside are fine)', () => {
    expect(checkTable(table([['1', '1', 'Асанов', 'Нурлан', '1980'], ['', '', '', '', ''], ['1', '2', 'Үсөнов', 'Бакыт', '1975']]))).toEqual(ok(undefined));
  });

  it('no-header: no header row or only empty cells', () => {
    expect(checkTable({ header: [], rows: [] })).toEqual(err([{ code: 'no-header' }]));
    expect(checkTable({ header: ['', ' '], rows: [['1', '2']] })).toEqual(err([{ code: 'no-header' }]));
  });

  it('no-rows: a header and nothing (or only blank rows) under it', () => {
    expect(checkTable(table([]))).toEqual(err([{ code: 'no-rows' }]));
    expect(checkTable(table([[''], ['', '', '', '', '']]))).toEqual(err([{ code: 'no-rows' }]));
  });

  it('header-looks-like-data: the first row holds numbers and dates', () => {
    expect(checkTable({ header: ['1', '1', 'Асанов', 'Нурлан', '01.01.1980'], rows: [['1', '2', 'Үсөнов', 'Бакыт', '1975']] })).toEqual(err([
      { code: 'header-looks-like-data', params: { cells: 'A1, B1, E1' } },
    ]));
  });

  it('merged-header-cells with the refs, from the fixture the XLSX reader would give', () => {
    const sheet = readFixtureJson<SheetTable>('merged-header.sheet.json');
    expect(checkTable(sheet)).toEqual(err([
      { code: 'merged-header-cells', params: { cells: 'C1:D1', count: 1 } },
      { code: 'duplicate-header', params: { name: 'Аты-жөнү', columns: 'C, D' } },
    ]));
  });

  it('decides from the ref and the header row when the reader did not flag the merge', () => {
    const merges = [
      { ref: 'A3:B3', header: false },
      { ref: 'C2:C4', header: false },
      { ref: 'E5:E6', header: false },
    ];
    expect(checkTable(table([['1', '1', 'Асанов', 'Нурлан', '1980']], { headerRow: 3, merges }))).toEqual(err([
      { code: 'merged-header-cells', params: { cells: 'A3:B3, C2:C4', count: 2 } },
      { code: 'merged-data-cells', params: { cells: 'E5:E6', count: 1 } },
    ]));
  });

  it('duplicate-header compares without case and extra spaces', () => {
    expect(checkTable({ header: ['Барак', 'Катар', 'Аты', ' аты ', 'АТЫ'], rows: [['1', '1', 'a', 'b', 'c']] })).toEqual(err([
      { code: 'duplicate-header', params: { name: 'Аты', columns: 'C, D, E' } },
    ]));
  });

  it('ragged-row: too few cells, or non-empty cells beyond the header; extra empty cells are fine', () => {
    const problems = checkTable(
      table([
        ['1', '1', 'Асанов', 'Нурлан', '1980'],
        ['1', '2', 'Үсөнов', 'Бакыт'],
        ['1', '3', 'Асанов', 'Нурлан', '1980', '', ''],
        ['1', '4', 'Бишкек; Чүй', 'Асанов', 'Нурлан', '1980'],
      ]),
    );
    expect(problems).toEqual(err([
      { code: 'ragged-row', params: { row: 3, expected: 5, found: 4 } },
      { code: 'ragged-row', params: { row: 5, expected: 5, found: 6 } },
    ]));
  });

  it('ragged-row: short lines below the last whole row are a footer (left to the row check), up to 10; more, or one inside, are a broken table', () => {
    const whole = [['1', '1', 'Асанов', 'Нурлан', '1980'], ['1', '2', 'Үсөнов', 'Бакыт', '1975']];
    expect(checkTable(table([...whole, [''], ['Катчы: ____'], ['Төрага: ____', '']]))).toEqual(ok(undefined));
    const eleven = Array.from({ length: 11 }, (_, i) => [`сап ${i}`]);
    expect(checkTable(table([...whole, ...eleven]))).toMatchObject({ ok: false, error: { length: 11 } });
    expect(checkTable(table([whole[0]!, ['Катчы: ____'], whole[1]!]))).toEqual(err([{ code: 'ragged-row', params: { row: 3, expected: 5, found: 1 } }]));
    // Nothing whole at all (a file split on the wrong separator): refused, not a footer.
    expect(checkTable(table([['1;1;Асанов'], ['1;2;Үсөнов']]))).toMatchObject({ ok: false, error: [{ code: 'ragged-row' }, { code: 'ragged-row' }] });
  });

  it('a header with trailing empty cells asks only for the named columns', () => {
    expect(checkTable({ header: ['Барак', 'Катар', 'Аты', '', ''], rows: [['1', '1', 'Асан'], ['1', '2', 'Үсөн', '', '']] })).toEqual(ok(undefined));
  });
});

describe('row numbers and the header row', () => {
  it('numbers data rows from the header row', () => {
    expect(rowNumberOf({}, 0)).toBe(2);
    expect(rowNumberOf({ headerRow: 4 }, 0)).toBe(5);
  });

  it('tableFromRows finds the header below title lines', () => {
    const all = [
      ['Шайлоочулардын тизмеси', '', '', '', ''],
      ['№ 1234 шайлоо участогу', '', '', '', ''],
      ['', '', '', '', ''],
      HEADER,
      ['1', '1', 'Асанов', 'Нурлан', '1980'],
    ];
    expect(tableFromRows(all)).toEqual({ header: HEADER, rows: [['1', '1', 'Асанов', 'Нурлан', '1980']], merges: [], headerRow: 4 });
  });

  it('tableFromRows holds the file\'s rows, not a copy of each (issue 19, memory), and never changes them', () => {
    const all = [['Тизме', '', '', '', ''], HEADER, ['1', '1', 'Асанов', 'Нурлан', '1980'], ['1', '2', 'Усенова', 'Айгүл', '1975']];
    for (const t of [tableFromRows(all), tableFromRows(all, { headerRow: 2 })]) {
      expect(t.rows).toEqual([all[2], all[3]]);
      // The same arrays: 100,000 rows are not held twice while the table is made.
      expect(t.rows[0]).toBe(all[2]);
      expect(t.rows[1]).toBe(all[3]);
    }
    // A repeated header merged down one column blanks the cell below it in the table only: the
    // file's rows stay as read (another header row can still be picked from them).
    const paged = [HEADER, ['1', '1', 'Асанов', 'Нурлан', '1980'], [...HEADER], ['2', '1', 'Бекова', 'Айым', '1990']];
    const merges = [{ header: false, ref: 'A3:A4' }];
    const t = tableFromRows(paged, { headerRow: 1, merges });
    expect(t.repeatedHeaders).toEqual([3]);
    expect(t.rows[2]).toEqual(['', '1', 'Бекова', 'Айым', '1990']);
    expect(paged[3]).toEqual(['2', '1', 'Бекова', 'Айым', '1990']);
    expect(t.rows[0]).toBe(paged[1]);
  });

  it('tableFromRows takes the first non-blank row when no row names fields', () => {
    expect(tableFromRows([[''], ['a', 'b'], ['1', '2']])).toMatchObject({ header: ['a', 'b'], rows: [['1', '2']], headerRow: 2 });
    expect(tableFromRows([])).toMatchObject({ header: [], rows: [] });
  });

  it('columnLetter and refRows', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(refRows('C1:D1')).toEqual([1, 1]);
    expect(refRows('$B$7')).toEqual([7, 7]);
    expect(refRows('A5:B2')).toEqual([2, 5]);
    expect(refRows('nonsense')).toBeNull();
  });
});
