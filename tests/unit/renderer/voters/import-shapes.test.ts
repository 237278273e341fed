/**
 * The same voters written in shapes nobody here typed, chosen at random and combined — CSV in UTF-8,
 * UTF-8 with a BOM, Windows-1251, DOS 866 or UTF-16; ';' ',' or tab; CRLF or LF; Kyrgyz, Russian or
 * English headers; title rows above; pages past 1,000 written plainly, grouped ("1 001") or with zero
 * decimals; or an XLSX with numbers as numbers, dates as dates, hidden rows and a hidden column —
 * read through the import's reader, guessed, checked: every voter comes back exactly (what the
 * encoding can hold), on its page and row, with no problem, and nothing hidden goes unsaid.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readVoterFile } from '../../../../renderer/features/voters/import/read-file';
import { guessMapping, restartingColumns, restartsFrom, validateVoterRows, type VoterRecord } from '../../../../shared/voters';
import { generateVoters, votersToRows, type HeaderLanguage } from '../../../../shared/voters/generate';
import { encodeCp866, encodeUtf16le, encodeWindows1251 } from '../../shared/voters/cp1251';
import { seededRandom } from '../../../support/seeded-random';

const VOTING_DAY = '2026-12-06';

const random = seededRandom;

type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1251' | 'ibm866' | 'utf-16le';

interface Shape {
  kind: 'csv' | 'xlsx';
  encoding: Encoding;
  delimiter: ';' | ',' | '\t';
  eol: '\r\n' | '\n';
  header: HeaderLanguage;
  titles: number;
  pages: 'plain' | 'grouped' | 'decimals';
  hiddenRows: number[];
}

const TITLES = ['Шайлоочулардын тизмеси', '№ 9001 шайлоо участогу', 'Список избирателей'];

function csvCell(value: string, d: string): string {
  return value.includes(d) || /["\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode(`\ufeff${text}`);
    case 'windows-1251':
      return encodeWindows1251(text);
    case 'ibm866':
      return encodeCp866(text);
    case 'utf-16le':
      return encodeUtf16le(text);
  }
}

function pageText(page: number, style: Shape['pages']): string {
  if (style === 'grouped') return String(page).replace(/\B(?=(\d{3})+(?!\d))/gu, '\u00a0');
  if (style === 'decimals') return `${page}.0`;
  return String(page);
}

async function write(voters: readonly VoterRecord[], shape: Shape): Promise<Uint8Array> {
  const rows = votersToRows(voters, { header: shape.header });
  if (shape.kind === 'csv') {
    const width = rows[0]!.length;
    const lines = [
      ...TITLES.slice(0, shape.titles).map((t) => [t, ...Array<string>(width - 1).fill('')]),
      rows[0]!,
      ...rows.slice(1).map((r) => [pageText(Number(r[0]), shape.pages), ...r.slice(1)]),
    ];
    return encode(lines.map((r) => r.map((c) => csvCell(c, shape.delimiter)).join(shape.delimiter)).join(shape.eol) + shape.eol, shape.encoding);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Тизме');
  for (const t of TITLES.slice(0, shape.titles)) ws.addRow([t]);
  ws.addRow(rows[0]!);
  for (const r of rows.slice(1)) {
    const birth = /^(\d{2})\.(\d{2})\.(\d{4})$/u.exec(r[5]!);
    const row = ws.addRow([Number(r[0]), Number(r[1]), r[2], r[3], r[4], birth ? new Date(Date.UTC(Number(birth[3]), Number(birth[2]) - 1, Number(birth[1]))) : Number(r[5]), r[6], r[7], r[8], r[9]]);
    // A date as a date; a year alone as a number in a cell not formatted as a date.
    if (birth) row.getCell(6).numFmt = 'dd.mm.yyyy';
  }
  for (const r of shape.hiddenRows) ws.getRow(r).hidden = true;
  // A column of old values to the right, hidden.
  const last = rows[0]!.length + 2;
  ws.getCell(shape.titles + 1, last).value = 'эски';
  ws.getColumn(last).hidden = true;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** What an encoding keeps of a text: 1251 and 866 have no ң ө ү (written '?'). */
function kept(text: string, shape: Shape): string {
  return shape.kind === 'csv' && (shape.encoding === 'windows-1251' || shape.encoding === 'ibm866') ? text.replace(/[ңөүҢӨҮ]/gu, '?') : text;
}

function shapeOf(seed: number): Shape {
  const r = random(seed);
  const kind = r.int(4) === 0 ? 'xlsx' : 'csv';
  return {
    kind,
    encoding: r.pick(['utf-8', 'utf-8-bom', 'windows-1251', 'ibm866', 'utf-16le'] as const),
    delimiter: r.pick([';', ',', '\t'] as const),
    eol: r.pick(['\r\n', '\n'] as const),
    header: r.pick(['ky', 'ru', 'en'] as const),
    titles: r.int(3),
    pages: r.pick(['plain', 'grouped', 'decimals'] as const),
    hiddenRows: kind === 'xlsx' ? [5 + r.int(20), 30 + r.int(20)] : [],
  };
}

describe('the same voters in shapes chosen at random', () => {
  it('120 shapes: every voter back exactly, on its page and row, no problem; hidden rows and columns named', async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 120; seed += 1) {
      const shape = shapeOf(seed);
      // Pages past 1,000 (a large precinct's list), 40 voters a page.
      const voters = generateVoters(240, 500 + seed, { votingDay: VOTING_DAY }).map((v, i) => ({ ...v, page: 998 + Math.floor(i / 40), row: (i % 40) + 1, marks: [] }));
      const bytes = await write(voters, shape);
      const label = `seed ${seed} ${JSON.stringify(shape)}`;
      const read = await readVoterFile({ name: `list.${shape.kind}`, arrayBuffer: async () => bytes.slice().buffer }, 'auto', 9001);
      if (!read.ok) throw new Error(`${label}: ${JSON.stringify(read.error)}`);
      const { table } = read.value;
      expect(table.headerRow, label).toBe(shape.titles + 1);
      if (shape.kind === 'csv') expect(read.value.encoding, label).toBe(shape.encoding);
      // Guessed as the screen guesses it.
      const mapping = guessMapping(table.header, restartsFrom(restartingColumns(table.header, table.rows)));
      const result = validateVoterRows(table, mapping, { votingDay: VOTING_DAY });
      expect(result.problems, label).toEqual([]);
      expect(result.voters.length, label).toBe(voters.length);
      result.voters.forEach((got, i) => {
        const want = voters[i]!;
        expect([got.page, got.row, got.surname, got.name, got.patronymic, got.birthDate, got.birthYear, got.address, got.document, got.pin], `${label} voter ${i}`).toEqual([
          want.page,
          want.row,
          kept(want.surname, shape),
          kept(want.name, shape),
          kept(want.patronymic, shape),
          want.birthDate,
          want.birthYear,
          kept(want.address, shape),
          want.document,
          want.pin,
        ]);
      });
      const codes = read.value.warnings.map((w) => w.code);
      if (shape.kind === 'xlsx') {
        expect(codes, label).toContain('hidden-rows');
        expect(codes, label).toContain('hidden-columns');
      } else expect(codes.filter((c) => c.startsWith('hidden')), label).toEqual([]);
      seen.add(shape.kind === 'xlsx' ? 'xlsx' : `${shape.encoding} ${shape.pages}`);
    }
    // The seeds reached every encoding and every way of writing pages, and XLSX.
    for (const e of ['utf-8', 'utf-8-bom', 'windows-1251', 'ibm866', 'utf-16le']) expect([...seen].some((s) => s.startsWith(e)), e).toBe(true);
    for (const p of ['plain', 'grouped', 'decimals']) expect([...seen].some((s) => s.endsWith(p)), p).toBe(true);
    expect(seen.has('xlsx')).toBe(true);
  }, 120_000);
});

describe('a year typed into a cell formatted as a date', () => {
  it('shows as a date in 1905 and is refused as older than anyone, its row named — never taken as a 121-year-old voter', async () => {
    const voters = generateVoters(30, 77, { votingDay: VOTING_DAY });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Тизме');
    const rows = votersToRows(voters);
    ws.addRow(rows[0]!);
    for (const r of rows.slice(1)) ws.addRow(r);
    // Row 8 (voter 7): the birth typed as 1989 into a cell formatted as a date.
    const cell = ws.getCell(8, 6);
    cell.value = 1989;
    cell.numFmt = 'dd.mm.yyyy';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readVoterFile({ name: 'list.xlsx', arrayBuffer: async () => bytes.slice().buffer }, 'auto', 9001);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const { table } = read.value;
    const result = validateVoterRows(table, guessMapping(table.header), { votingDay: VOTING_DAY });
    expect(result.problems).toEqual([{ row: 8, field: 'birth', code: 'older-than-anyone', value: '1905-06-11', params: { age: 121 } }]);
    expect(result.voters).toHaveLength(29);
  });
});
