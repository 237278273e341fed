/**
 * The format-independent table a voter file is read into, and the structural checks on it.
 *
 * CSV: `parseCsv` rows → `tableFromRows(rows)` (or header = rows[0], rows = the rest).
 *
 * XLSX: this module does not unzip anything. The renderer reads the list's worksheet (its streaming
 * reader, renderer/features/voters/import/read-xlsx.ts, giving each cell the text exceljs gave, the
 * exceljs terms below) and hands over exactly this shape:
 *   - `header`: the text of every cell of the header row, index = column − 1 (A → 0, B → 1, …),
 *     padded with '' up to the sheet width (`worksheet.columnCount`); a merged slave cell gives ''
 *     or its master's text, either is fine (the merge itself is reported).
 *   - `rows`: every row after the header, in sheet order, INCLUDING empty rows (exceljs
 *     `eachRow({ includeEmpty: true })`), so that `rows[i]` is sheet row `headerRow + 1 + i`; each row
 *     padded to the same width.
 *   - cell text: strings as they are (trimming is done here); numbers as plain decimals
 *     (`String(n)`: a 14-digit ПИН stays exact, 14 digits < 2^53); dates (exceljs gives a Date for a
 *     date-formatted cell) as 'YYYY-MM-DD' from the Date's UTC fields; formulas as their cached
 *     result; rich text joined; errors and empty cells as ''.
 *   - `merges`: `worksheet.model.merges` – every merged range as an A1 ref 'A1:B2'. The `header` flag
 *     may be filled by the reader; `checkTable` also decides from the ref and `headerRow` itself.
 *   - `headerRow`: the 1-based sheet row of the header (default 1). Use `tableFromRows` to find it
 *     below title lines ("Список избирателей участка № …").
 *
 * Row numbers shown to the user ("row 57") are the numbers of the spreadsheet row: for a CSV that is
 * the record number with the header as row 1 (equal to the text line when no field holds a newline).
 */
import { err, ok, type Result } from '../util/result';
import { emptyMapping, headerScore, normalizeHeader, type VoterField, type VoterMapping } from './mapping';

export interface SheetMerge {
  /** A1-style range, e.g. 'A1:C1'. */
  ref: string;
  /** True when the range touches the header row (informational; recomputed from `ref`). */
  header: boolean;
}

export interface SheetTable {
  header: string[];
  rows: string[][];
  merges?: SheetMerge[];
  /** 1-based row number of the header in the file; data row i is row `headerRow + 1 + i`. Default 1. */
  headerRow?: number;
  /**
   * File rows (1-based) that repeat the header (a registry export prints it on every page): they are
   * blank in `rows` (so no one's row number moves) and are skipped, not named as bad rows.
   */
  repeatedHeaders?: number[];
}

/**
 * Blanks the data rows that repeat the header and returns their file rows. A row repeats it when every
 * non-empty cell equals (compared as headers are) the header's cell in its column and it matches at
 * least two header cells and half of the named ones; a voter's row never does (its cells are values).
 * A header drawn over two or three sheet rows and repeated so (each caption merged down its column
 * from the repeated row) is one repeat: the cells under those merges are blanked with it, and the
 * merges are not refused (`repeatedHeaderMerge`).
 */
export function skipRepeatedHeaders(header: readonly string[], rows: string[][], headerRow: number, merges: readonly SheetMerge[] = []): number[] {
  const names = header.map((h) => normalizeHeader(h));
  const named = names.filter((n) => n !== '').length;
  const need = Math.max(2, Math.ceil(named / 2));
  if (named < 2) return [];
  const downMerges = mergesDownFrom(merges, headerRow);
  const out: number[] = [];
  rows.forEach((row, i) => {
    let same = 0;
    for (let c = 0; c < row.length; c += 1) {
      const cell = row[c] ?? '';
      if (cell.trim() === '') continue;
      const name = names[c] ?? '';
      if (name === '' || normalizeHeader(cell) !== name) return;
      same += 1;
    }
    if (same < need) return;
    rows[i] = row.map(() => '');
    const fileRow = headerRow + 1 + i;
    out.push(fileRow);
    for (const box of downMerges.get(fileRow) ?? []) {
      for (let r = box.r0 + 1; r <= box.r1; r += 1) {
        const below = rows[r - headerRow - 1];
        // A copy of the row changed: the file's rows (`all`) stay as read, for another header row.
        if (below && box.c0 - 1 < below.length) rows[r - headerRow - 1] = below.map((cell, c) => (c === box.c0 - 1 ? '' : cell));
      }
    }
  });
  return out;
}

/** One-column merges starting below the header and reaching down at most 3 more rows, by their top file row. */
function mergesDownFrom(merges: readonly SheetMerge[], headerRow: number): Map<number, { r0: number; r1: number; c0: number }[]> {
  const out = new Map<number, { r0: number; r1: number; c0: number }[]>();
  for (const m of merges) {
    const box = refBox(m.ref);
    if (!box || box.c0 !== box.c1 || box.r0 <= headerRow || box.r1 === box.r0 || box.r1 - box.r0 > 3) continue;
    const list = out.get(box.r0);
    if (list) list.push(box);
    else out.set(box.r0, [box]);
  }
  return out;
}

/** A merge below the header that belongs to a repeated header: one column wide, down from a repeated row (at most 3 rows more). */
function repeatedHeaderMerge(ref: string, repeated: ReadonlySet<number>): boolean {
  const box = refBox(ref);
  return box !== null && box.c0 === box.c1 && repeated.has(box.r0) && box.r1 > box.r0 && box.r1 - box.r0 <= 3;
}

export type TableProblemCode =
  | 'no-header'
  | 'no-rows'
  | 'header-looks-like-data'
  | 'merged-header-cells'
  | 'merged-data-cells'
  | 'duplicate-header'
  | 'ragged-row';

export interface TableProblem {
  code: TableProblemCode;
  params?: Record<string, string | number>;
}

/** The file row number of data row `index` (0-based). */
export function rowNumberOf(table: Pick<SheetTable, 'headerRow'>, index: number): number {
  return (table.headerRow ?? 1) + 1 + index;
}

export function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell !== undefined && cell.trim() !== '') return false;
  return true;
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The first and last row of an A1 range ('B3' or 'A1:C2'), or null when it cannot be read. */
export function refRows(ref: string): [number, number] | null {
  const m = /^\$?[A-Z]{1,3}\$?(\d+)(?::\$?[A-Z]{1,3}\$?(\d+))?$/iu.exec(ref.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return [Math.min(a, b), Math.max(a, b)];
}

const DATA_LIKE = /^[+-]?\d+([.,/-]\d+)*$/u;

/**
 * Finds the header among the first 20 rows (the row naming most voter fields, at least 3; else the
 * first non-blank row) and builds the table. Use for CSV rows and for XLSX sheets with title lines.
 * Rows below that repeat the header (printed on every page) are blanked and listed in `repeatedHeaders`.
 */
export function tableFromRows(all: readonly string[][], options: { merges?: SheetMerge[]; headerRow?: number } = {}): SheetTable {
  if (options.headerRow !== undefined && options.headerRow >= 1 && options.headerRow <= all.length) {
    const i = options.headerRow - 1;
    const header = headerCells(all, options.headerRow, options.merges ?? []);
    const rows = all.slice(i + 1);
    const repeatedHeaders = skipRepeatedHeaders(header, rows, options.headerRow, options.merges);
    return { header, rows, merges: options.merges ?? [], headerRow: options.headerRow, ...(repeatedHeaders.length > 0 ? { repeatedHeaders } : {}) };
  }
  let headerIndex = all.findIndex((r) => !isBlankRow(r));
  if (headerIndex < 0) return { header: [], rows: [], merges: options.merges ?? [], headerRow: 1 };
  let best = headerScore(all[headerIndex]!);
  for (let i = headerIndex + 1; i < Math.min(all.length, 20); i += 1) {
    const s = headerScore(all[i]!);
    if (s > best) {
      best = s;
      headerIndex = i;
    }
  }
  if (best < 3) headerIndex = all.findIndex((r) => !isBlankRow(r));
  // A header drawn over several sheet rows, each cell merged down a column (A3:A4 …): the header is
  // the block's last row (below it the data starts), its cells carrying the merged text.
  let headerRow = headerIndex + 1;
  for (const m of options.merges ?? []) {
    const box = refBox(m.ref);
    if (box && box.c0 === box.c1 && box.r0 <= headerRow && box.r1 > headerRow && box.r1 - box.r0 < 4 && box.r1 <= all.length) headerRow = box.r1;
  }
  const header = headerCells(all, headerRow, options.merges ?? []);
  const rows = all.slice(headerRow);
  const repeatedHeaders = skipRepeatedHeaders(header, rows, headerRow, options.merges);
  return { header, rows, merges: options.merges ?? [], headerRow, ...(repeatedHeaders.length > 0 ? { repeatedHeaders } : {}) };
}

/** The header row's cells; an empty cell under a one-column merge takes the merged text from the merge's top. */
function headerCells(all: readonly string[][], headerRow: number, merges: readonly SheetMerge[]): string[] {
  const header = [...all[headerRow - 1]!];
  for (const m of merges) {
    const box = refBox(m.ref);
    if (!box || box.c0 !== box.c1 || box.r1 !== headerRow || box.r0 >= headerRow) continue;
    const c = box.c0 - 1;
    if ((header[c] ?? '').trim() === '') header[c] = all[box.r0 - 1]?.[c] ?? '';
  }
  return header;
}

/** A header merge that does no harm: one column wide, from rows above down to the header row itself. */
function harmlessHeaderMerge(ref: string, headerRow: number): boolean {
  const box = refBox(ref);
  return box !== null && box.c0 === box.c1 && box.r1 === headerRow && box.r0 < headerRow;
}

/** Rows and columns (1-based) of an A1 range, or null. */
export function refBox(ref: string): { r0: number; r1: number; c0: number; c1: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/iu.exec(ref.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const a = { r: Number(m[2]), c: col(m[1]!) };
  const b = m[3] === undefined ? a : { r: Number(m[4]), c: col(m[3]) };
  return { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
}

/**
 * The rows a user may pick as the header (the first HEADER_SEARCH_ROWS non-blank rows), each with its
 * 1-based file row and how many voter fields it names (the detected header names the most).
 */
export function headerCandidates(all: readonly string[][]): { row: number; cells: string[]; score: number }[] {
  const out: { row: number; cells: string[]; score: number }[] = [];
  for (let i = 0; i < all.length && out.length < HEADER_SEARCH_ROWS; i += 1) {
    if (isBlankRow(all[i]!)) continue;
    out.push({ row: i + 1, cells: [...all[i]!], score: headerScore(all[i]!) });
  }
  return out;
}
const HEADER_SEARCH_ROWS = 20;

/** Short lines below the list's last whole row taken as its footer (more: the table is broken). */
const MAX_FOOTER_ROWS = 10;

/**
 * Structural problems of a table, before any mapping. Any problem means the file is refused as a
 * whole (the renderer shows them all):
 *   'no-header'              – no header row, or all its cells are empty.
 *   'no-rows'                – a header but no non-blank data row.
 *   'header-looks-like-data' – ≥ 2 header cells (and ≥ 1/3 of them) are numbers or dates: the file has
 *                              no header row. params.cells ('A1, B1').
 *   'merged-header-cells'    – merged ranges touching the header row. params.cells ('A1:B1, C1:C2'),
 *                              params.count. Not a problem: a one-column merge from rows above down
 *                              to the header row (a header drawn over two or three sheet rows; the
 *                              header is then its last row, see `tableFromRows`).
 *   'merged-data-cells'      – merged ranges below the header (values exist in the first cell only,
 *                              the other rows would read empty). params.cells (first 10), params.count.
 *                              Not a problem: a repeated header's one-column merges down from its row.
 *   'duplicate-header'       – the same header text (compared normalised) in several columns.
 *                              params.name, params.columns ('B, E'). Not reported with the previous one.
 *   'ragged-row'             – a non-blank row with fewer cells than the header, or with non-empty
 *                              cells beyond it. params.row (file row number), params.expected,
 *                              params.found. One problem per row. Up to MAX_FOOTER_ROWS short rows below the last whole row
 *                              are not a problem of the table: a footer (a signature or totals line),
 *                              each named and left out by the row check.
 */
export function checkTable(table: SheetTable): Result<void, TableProblem[]> {
  const problems: TableProblem[] = [];
  const headerRow = table.headerRow ?? 1;
  const header = table.header;
  if (header.length === 0 || isBlankRow(header)) return err([{ code: 'no-header' }]);

  const dataLike = header.map((h, i) => ({ h: h.trim(), i })).filter((x) => x.h !== '' && DATA_LIKE.test(x.h));
  const nonBlank = header.filter((h) => h.trim() !== '').length;
  const looksLikeData = dataLike.length >= 2 && dataLike.length * 3 >= nonBlank;
  if (looksLikeData) {
    problems.push({ code: 'header-looks-like-data', params: { cells: dataLike.map((x) => `${columnLetter(x.i)}${headerRow}`).join(', ') } });
  }

  const headerMerges: string[] = [];
  const dataMerges: string[] = [];
  const repeated = new Set(table.repeatedHeaders ?? []);
  for (const m of table.merges ?? []) {
    const rows = refRows(m.ref);
    const touchesHeader = m.header || (rows !== null && rows[0] <= headerRow && rows[1] >= headerRow);
    if (touchesHeader && harmlessHeaderMerge(m.ref, headerRow)) continue;
    if (!touchesHeader && repeatedHeaderMerge(m.ref, repeated)) continue;
    if (touchesHeader) headerMerges.push(m.ref);
    else if (rows !== null && rows[1] > headerRow) dataMerges.push(m.ref);
  }
  if (headerMerges.length > 0) problems.push({ code: 'merged-header-cells', params: { cells: headerMerges.join(', '), count: headerMerges.length } });
  if (dataMerges.length > 0) {
    problems.push({ code: 'merged-data-cells', params: { cells: dataMerges.slice(0, 10).join(', '), count: dataMerges.length } });
  }

  const seen = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (key === '') return;
    const list = seen.get(key);
    if (list) list.push(i);
    else seen.set(key, [i]);
  });
  for (const [, columns] of seen) {
    if (columns.length > 1 && !looksLikeData) {
      problems.push({
        code: 'duplicate-header',
        params: { name: header[columns[0]!]!.trim(), columns: columns.map(columnLetter).join(', ') },
      });
    }
  }

  // A row may have as many cells as the header (trailing empty header cells included) and no fewer
  // than up to the last named column; cells beyond the header must be empty.
  const width = header.length;
  let named = width;
  while (named > 0 && (header[named - 1] ?? '').trim() === '') named -= 1;
  // A few short lines after the list's last whole row (a signature or totals line below it:
  // "Катчы: ____") are rows, not a broken table: the row check names each and leaves it out.
  let lastWhole = -1;
  for (let i = table.rows.length - 1; i >= 0; i -= 1) {
    const row = table.rows[i]!;
    if (!isBlankRow(row) && row.length >= named) {
      lastWhole = i;
      break;
    }
  }
  let tail = 0;
  for (let i = lastWhole + 1; i < table.rows.length; i += 1) if (!isBlankRow(table.rows[i]!)) tail += 1;
  const tailIsFooter = lastWhole >= 0 && tail <= MAX_FOOTER_ROWS;
  let dataRows = 0;
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    dataRows += 1;
    if (tailIsFooter && i > lastWhole) return;
    let found = row.length;
    if (row.length > width) {
      let last = row.length - 1;
      while (last >= width && (row[last] ?? '').trim() === '') last -= 1;
      found = last + 1;
    }
    if (row.length < named) problems.push({ code: 'ragged-row', params: { row: rowNumberOf(table, i), expected: named, found } });
    else if (found > width) problems.push({ code: 'ragged-row', params: { row: rowNumberOf(table, i), expected: width, found } });
  });
  if (dataRows === 0) problems.push({ code: 'no-rows' });
  return problems.length > 0 ? err(problems) : ok(undefined);
}

/**
 * A voter list carried in an election bundle as a table: its columns are named by voter fields, so
 * the mapping is exact, and its rows go through the same checks as a file's. Row numbers shown to
 * the user count the column line as row 1, as in a CSV file.
 */
export function tableFromFieldColumns(columns: readonly VoterField[], rows: readonly (readonly string[])[]): { table: SheetTable; mapping: VoterMapping } {
  const mapping = emptyMapping();
  columns.forEach((field, index) => {
    mapping[field] = index;
  });
  return { table: { header: [...columns], rows: rows.map((r) => [...r]), merges: [], headerRow: 1 }, mapping };
}
