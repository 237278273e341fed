/**
 * What Excel hides is read all the same, and the import says so (issue 19's trial): a list saved with
 * a filter on hides the rows filtered out — voters someone meant to leave out — and a column of old
 * values may be hidden. The secretary compares the list with what Excel shows: the rows hidden below
 * the header and the hidden columns holding text are named (rows as the problems name them: the
 * sheet's own row, the sheet's name first when the list comes from several sheets), in ky/ru/en.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { readVoterFile } from '../../../../renderer/features/voters/import/read-file';
import { generateVoters, votersToRows } from '../../../../shared/voters/generate';
import { guessMapping, validateVoterRows } from '../../../../shared/voters';

const VOTING_DAY = '2026-12-06';

function fileOf(bytes: Uint8Array, name: string) {
  return { name, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

/** A sheet: a title row (hidden), the header, `count` voters, then the given rows (sheet rows) hidden. */
function fill(ws: ExcelJS.Worksheet, count: number, seed: number, hideRows: readonly number[], title = true): void {
  if (title) ws.addRow(['Шайлоочулардын тизмеси, № 9001 участок']);
  for (const row of votersToRows(generateVoters(count, seed, { votingDay: VOTING_DAY }))) ws.addRow(row);
  for (const r of hideRows) ws.getRow(r).hidden = true;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('rows and columns hidden in Excel', () => {
  it('a list saved with a filter on: its hidden rows below the header are named and counted (the hidden title is not), and imported like the others', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Тизме');
    // Row 1 the title (hidden: no warning), row 2 the header, voters from row 3.
    fill(ws, 40, 7, [1, 5, 9, 30]);
    const r = await readVoterFile(fileOf(await bytesOf(wb), 'filtered.xlsx'), 'auto', 9001);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.table.headerRow).toBe(2);
    expect(r.value.warnings).toEqual([{ code: 'hidden-rows', params: { rows: '5, 9, 30', count: 3 } }]);
    // Read all the same: the 40 voters are in the list.
    const result = validateVoterRows(r.value.table, guessMapping(r.value.table.header), { votingDay: VOTING_DAY });
    expect(result.voters).toHaveLength(40);
  });

  it('names at most 10 hidden rows and counts them all; a hidden column holding text is named by its letter, an empty one is not', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Тизме');
    const hidden = Array.from({ length: 25 }, (_, i) => 4 + 2 * i);
    fill(ws, 60, 8, hidden, false);
    // Column K holds old addresses (hidden), column M is hidden but empty.
    for (let r = 2; r <= 61; r += 1) ws.getCell(r, 11).value = `эски дарек ${r}`;
    ws.getColumn(11).hidden = true;
    ws.getColumn(13).hidden = true;
    ws.getColumn(3).hidden = true;
    const r = await readVoterFile(fileOf(await bytesOf(wb), 'filtered.xlsx'), 'auto', 9001);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.warnings).toEqual([
      { code: 'hidden-rows', params: { rows: '4, 6, 8, 10, 12, 14, 16, 18, 20, 22, …', count: 25 } },
      { code: 'hidden-columns', params: { columns: 'C, K', count: 2 } },
    ]);
  });

  it('a list over several sheets: each hidden row named by its sheet', async () => {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Ленин көч.'), 30, 9, [], false);
    // Pages go on: the second sheet's voters generated on from the first's.
    const second = wb.addWorksheet('Манас көч.');
    const rows = votersToRows(generateVoters(60, 9, { votingDay: VOTING_DAY })).slice(31);
    second.addRow(votersToRows([])[0]);
    for (const row of rows) second.addRow(row);
    second.getRow(4).hidden = true;
    second.getRow(14).hidden = true;
    wb.getWorksheet('Ленин көч.')!.getRow(7).hidden = true;
    const r = await readVoterFile(fileOf(await bytesOf(wb), 'streets.xlsx'), 'auto', 9001);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.sheets?.combined).toBe(true);
    expect(r.value.warnings).toEqual([{ code: 'hidden-rows', params: { rows: '«Ленин көч.» 7, «Манас көч.» 4, 14', count: 3 } }]);
  });

  it('no warning for a workbook with nothing hidden, nor for a CSV', async () => {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('Тизме'), 20, 10, []);
    const r = await readVoterFile(fileOf(await bytesOf(wb), 'plain.xlsx'), 'auto', 9001);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.warnings).toEqual([]);
  });

  it('the warnings read in ky, ru and en, the count and the rows in them, no key shown', async () => {
    for (const lng of ['ky', 'ru', 'en'] as const) {
      const words = JSON.parse(readFileSync(`locales/${lng}/import.json`, 'utf8')) as Record<string, unknown>;
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { [lng]: { import: words } }, lng, ns: ['import'], interpolation: { escapeValue: false } });
      for (const count of [1, 3, 25]) {
        const rows = i18n.t('import:warning.hidden-rows', { rows: '5, 9', count });
        const columns = i18n.t('import:warning.hidden-columns', { columns: 'C, K', count });
        for (const text of [rows, columns]) {
          expect(text, `${lng} ${count}`).not.toMatch(/warning\.|hidden-/u);
          expect(text).toMatch(/Excel/u);
        }
        expect(rows).toContain('5, 9');
        expect(columns).toContain('C, K');
        if (count > 1) expect(rows).toContain(String(count));
      }
    }
  });
});
