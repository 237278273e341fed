/**
 * An XLSX voter list over several sheets (one a street, 100 to 10,000 rows, one under a title row,
 * a summary sheet first) read as the import worker reads it: the street sheets taken as one list by
 * default (the summary left out and named), or the first alone when the secretary unticks it; every
 * problem's row named by its sheet in ky/ru/en.
 */
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { readVoterFile } from '../../../../renderer/features/voters/import/read-file';
import { rowNames, sheetsRestartingPages } from '../../../../renderer/features/voters/import/row-place';
import { guessMapping, mappingProblems, restartingColumns, restartsFrom, validateVoterRows } from '../../../../shared/voters';
import { pageSheetsXlsx, streetSheets, streetsXlsx } from '../../../support/multi-sheet';

const VOTING_DAY = '2026-12-06';
const LANGUAGES = ['ky', 'ru', 'en'] as const;

function fileOf(bytes: Uint8Array, name: string) {
  return { name, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

describe('an XLSX list over several sheets', () => {
  it('is read whole by default: every street’s voters, the count the sum, the summary named as left out; unticked, the first sheet alone as before', async () => {
    const streets = streetSheets();
    const bytes = new Uint8Array(await streetsXlsx(streets));
    const r = await readVoterFile(fileOf(bytes, 'streets.xlsx'), 'auto', 9001);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.sheets).toEqual({
      combined: true,
      parts: [
        { name: 'Ленин көч.', headerRow: 1, first: 0, count: 100, rows: 100 },
        { name: 'Манас көч.', headerRow: 2, first: 100, count: 2500, rows: 2500 },
        { name: 'Чүй пр.', headerRow: 1, first: 2600, count: 10_000, rows: 10_000 },
      ],
      left: ['Жыйынтык'],
    });
    expect(r.value.warnings).toEqual([{ code: 'sheets-left-out', params: { others: 'Жыйынтык', count: 1 } }]);
    const table = r.value.table;
    const result = validateVoterRows(table, guessMapping(table.header), { votingDay: VOTING_DAY });
    expect(result.problems).toEqual([]);
    expect(result.voters).toHaveLength(12_600);
    const byPageRow = new Set(result.voters.map((v) => `${v.page}/${v.row} ${v.surname}`));
    for (const s of streets) for (const p of [s.people[0]!, s.people[s.people.length - 1]!]) expect(byPageRow.has(`${p.page}/${p.row} ${p.surname}`)).toBe(true);

    const one = await readVoterFile(fileOf(bytes, 'streets.xlsx'), 'auto', 9001, undefined, undefined, false);
    if (!one.ok) throw new Error(JSON.stringify(one.error));
    expect(one.value.sheets?.combined).toBe(false);
    expect(one.value.table.rows).toHaveLength(100);
    expect(one.value.warnings.map((w) => w.code)).toEqual(['other-sheets']);
  }, 180_000);

  it('names a problem’s row by its sheet and the sheet’s row, in ky/ru/en (a title row above the header counted)', async () => {
    const parts = [
      { name: 'Ленин көч.', headerRow: 1, first: 0, count: 100, rows: 100 },
      { name: 'Манас көч.', headerRow: 2, first: 100, count: 2500, rows: 2500 },
    ];
    for (const lng of LANGUAGES) {
      const words = JSON.parse(readFileSync(`locales/${lng}/import.json`, 'utf8')) as Record<string, unknown>;
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { [lng]: { import: words } }, lng, ns: ['import'], interpolation: { escapeValue: false } });
      const names = rowNames(i18n.t, { combined: true, parts, left: [] });
      const sheetRow = (sheet: string, row: number) => i18n.t('import:sheets.row', { sheet, row });
      expect(sheetRow('Ленин көч.', 14), lng).toContain('Ленин көч.');
      expect(sheetRow('Ленин көч.', 14), lng).toContain('14');
      expect(names.cell(14)).toBe(sheetRow('Ленин көч.', 14));
      expect(names.row(102)).toBe(sheetRow('Манас көч.', 3));
      expect(names.list('14, 102, …')).toBe(`${sheetRow('Ленин көч.', 14)}, ${sheetRow('Манас көч.', 3)}, …`);
      expect(names.cellAt(14, 'X')).toContain('14');
      // One sheet: as today.
      const plain = rowNames(i18n.t, undefined);
      expect(plain.cell(15)).toBe('15');
      expect(plain.list('15, 27')).toBe('15, 27');
      for (const key of ['sheets-left-out_one', 'sheets-left-out_other']) expect((words.warning as Record<string, string>)[key], `${lng} ${key}`).toContain('{{others}}');
      for (const key of ['combine_one', 'combine_few', 'combine_many', 'combine_other', 'part_one', 'part_other']) expect((words.sheets as Record<string, string>)[key], `${lng} ${key}`).toContain('{{count, n}}');
    }
  });
});

describe('sheets whose pages start again at 1', () => {
  const sheets = {
    combined: true,
    parts: [
      { name: 'Ленин көч.', headerRow: 1, first: 0, count: 20, rows: 20 },
      { name: 'Манас көч.', headerRow: 2, first: 20, count: 20, rows: 20 },
    ],
    left: [],
  };
  it('are named from the page/row problems that pair rows of two sheets; a page/row given twice within one sheet names none', () => {
    const problems = [
      { row: 2, code: 'duplicate-page-row', params: { rows: '22', count: 1 } },
      { row: 22, code: 'duplicate-page-row', params: { rows: '2', count: 1 } },
      { row: 5, code: 'duplicate-page-row', params: { rows: '6', count: 1 } },
      { row: 30, code: 'missing-surname' },
    ];
    expect(sheetsRestartingPages(sheets, problems)).toEqual(['Манас көч.']);
    expect(sheetsRestartingPages(sheets, problems.slice(2))).toEqual([]);
    expect(sheetsRestartingPages(undefined, problems)).toEqual([]);
  });

  it('are told in ky, ru and en with the sheets named, every plural form kept', () => {
    for (const lng of LANGUAGES) {
      const words = JSON.parse(readFileSync(`locales/${lng}/import.json`, 'utf8')) as { sheets: Record<string, string> };
      for (const form of ['one', 'few', 'many', 'other']) expect(words.sheets[`pagesRestart_${form}`], `${lng} ${form}`).toContain('{{sheets}}');
    }
  });
});

describe('one sheet a page, no page column', () => {
  it('is imported with each sheet’s page taken from its name, and says so', async () => {
    const r = await readVoterFile(fileOf(await pageSheetsXlsx(['1', '2-барак', 'Барак 3']), 'pages.xlsx'), 'auto', 9001);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.sheets?.parts.map((p) => [p.name, p.page])).toEqual([['1', 1], ['2-барак', 2], ['Барак 3', 3]]);
    expect(r.value.warnings).toEqual([{ code: 'pages-from-sheet-names', params: { pages: '«1» → 1, «2-барак» → 2, «Барак 3» → 3', count: 3 } }]);
    const table = r.value.table;
    // As the import screen guesses: the '№' restarting at 1 on each page (now each sheet) is the list's row.
    const mapping = guessMapping(table.header, restartsFrom(restartingColumns(table.header, table.rows)));
    expect(mappingProblems(mapping, table.header, restartsFrom(restartingColumns(table.header, table.rows)))).toEqual([]);
    const result = validateVoterRows(table, mapping, { votingDay: VOTING_DAY });
    expect(result.problems).toEqual([]);
    expect(result.voters).toHaveLength(60);
    expect(result.voters.map((v) => `${v.page}/${v.row}`).slice(18, 22)).toEqual(['1/19', '1/20', '2/1', '2/2']);
    expect(result.voters[59]).toMatchObject({ page: 3, row: 20 });
  });

  it('is refused naming the sheets whose names do not say the page (or say one already said), in ky/ru/en', async () => {
    const streets = await readVoterFile(fileOf(await pageSheetsXlsx(['Ленин көч.', 'Манас көч. 12', '3']), 'streets.xlsx'), 'auto', 9001);
    expect(streets.ok ? null : streets.error).toEqual([{ code: 'sheet-names-no-page', params: { sheets: '«Ленин көч.», «Манас көч. 12»', count: 2 } }]);
    const twice = await readVoterFile(fileOf(await pageSheetsXlsx(['1', 'Барак 1', '2']), 'twice.xlsx'), 'auto', 9001);
    expect(twice.ok ? null : twice.error).toEqual([{ code: 'sheet-names-no-page', params: { sheets: '«Барак 1»', count: 1 } }]);
    for (const lng of LANGUAGES) {
      const words = JSON.parse(readFileSync(`locales/${lng}/import.json`, 'utf8')) as Record<string, Record<string, string>>;
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { [lng]: { import: words } }, lng, ns: ['import'], interpolation: { escapeValue: false } });
      const said = i18n.t('import:problem.sheet-names-no-page', { sheets: 'Ленин көч., Манас көч. 12', count: 2 });
      expect(said, lng).toContain('Ленин көч., Манас көч. 12');
      expect(said, lng).not.toContain('sheet-names-no-page');
      expect(i18n.t('import:warning.pages-from-sheet-names', { pages: '«1» → 1', count: 1 }), lng).toContain('«1» → 1');
    }
  });
});
