/**
 * The XLSX reader the app had before its streaming one (renderer/features/voters/import/read-xlsx.ts):
 * the workbook loaded whole by exceljs. Kept, unchanged but for its name, as the reference the
 * streaming reader's output is compared with cell for cell (tests/unit/renderer/voters/xlsx-stream.test.ts).
 */
import ExcelJS from 'exceljs';
import { headerScore } from '../../shared/voters/mapping';
import type { XlsxResult } from '../../renderer/features/voters/import/read-xlsx';
import { err, ok } from '../../shared/util/result';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; hyperlink?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return '';
  }
  return String(value).trim();
}

/**
 * A number as the sheet shows it where that matters: a whole number under a zero-padding format
 * ("0000000") keeps its leading zeros, as the paper list prints them (a document "0012345" stored as
 * the number 12345 would otherwise never be found by what is written on it).
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (numFmt && /^0+$/u.test(numFmt) && Number.isInteger(value) && value >= 0) return String(value).padStart(numFmt.length, '0');
  return String(value);
}

type Sheet = import('exceljs').Worksheet;

/**
 * The worksheet holding the list: the first visible one with a header naming at least 3 voter fields
 * in its first 20 rows (a workbook may open with a cover sheet, or keep hidden lookup sheets first);
 * else the first visible one; else the first.
 */
function listSheet(sheets: Sheet[]): Sheet | undefined {
  const visible = sheets.filter(isVisible);
  return visible.find((s) => listHeaderRow(s) !== null) ?? visible[0] ?? sheets[0];
}

function isVisible(s: Sheet): boolean {
  return s.state === undefined || s.state === 'visible';
}

/** The row (1-based) among the first 20 that names at least 3 voter fields, or null. */
function listHeaderRow(s: Sheet): number | null {
  const width = Math.min(s.columnCount, 100);
  for (let r = 1; r <= Math.min(s.rowCount, 20); r += 1) {
    const row = s.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
    if (headerScore(cells) >= 3) return r;
  }
  return null;
}

/** Visible sheets other than `read` with a voter-list header and some text in a row below it. */
function otherListSheets(sheets: Sheet[], read: Sheet): string[] {
  return sheets
    .filter((s) => s !== read && isVisible(s))
    .filter((s) => {
      const header = listHeaderRow(s);
      if (header === null) return false;
      let rows = false;
      s.eachRow((row, r) => {
        if (r > header && !rows) row.eachCell((cell) => {
          if (cellText(cell.value) !== '') rows = true;
        });
      });
      return rows;
    })
    .map((s) => s.name);
}

export async function readXlsxWithExceljs(bytes: Uint8Array): Promise<XlsxResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return err({ code: 'xlsx-unreadable' });
  }
  const sheet = listSheet(workbook.worksheets);
  if (!sheet) return err({ code: 'xlsx-no-sheet' });
  const otherLists = otherListSheets(workbook.worksheets, sheet);
  const { all, merges } = sheetRows(sheet);
  const { hidden } = sheetRows(sheet);
  const sheets = otherLists.length > 0 ? workbook.worksheets.filter(isVisible).map((s) => (s === sheet ? { name: s.name, all, merges, hidden } : { name: s.name, ...sheetRows(s) })) : [];
  return ok({ all, merges, sheet: sheet.name, otherLists, sheets, hidden });
}

/** Every row of a sheet (from row 1, empty rows included) as text, and its merged ranges. */
function sheetRows(sheet: Sheet): { all: string[][]; merges: { header: boolean; ref: string }[]; hidden: { rows: number[]; columns: number[] } } {
  // Only the columns in use: an export padded to a print width, or a sheet with thousands of
  // formatted but empty columns, is read up to its last column holding text (cells are visited
  // where they exist, never column by column across the sheet's whole width).
  const all: string[][] = [];
  const hiddenRows: number[] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    if (row.hidden) hiddenRows.push(row.number);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = cell.value;
      const text = typeof value === 'number' ? numberText(value, cell.numFmt) : cellText(value);
      if (text === '') return;
      while (cells.length < c - 1) cells.push('');
      cells[c - 1] = text;
    });
    if (cells.length > width) width = cells.length;
    all.push(cells);
  });
  for (const cells of all) while (cells.length < width) cells.push('');
  // Whether a merge touches the header is decided by checkTable once the header row is known.
  const merges = ((sheet.model as { merges?: string[] }).merges ?? []).map((ref) => ({ ref, header: false }));
  // Hidden rows and columns that hold text (what read-xlsx.ts reports), as exceljs reads them.
  const text = (cells: readonly string[] | undefined) => cells !== undefined && cells.some((c) => c !== '');
  const rows = hiddenRows.filter((r) => text(all[r - 1]));
  const columns: number[] = [];
  for (let c = 1; c <= width; c += 1) if (sheet.getColumn(c).hidden && all.some((cells) => (cells[c - 1] ?? '') !== '')) columns.push(c);
  return { all, merges, hidden: { rows, columns } };
}
