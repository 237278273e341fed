/**
 * A voter list split over several sheets of one workbook (one sheet a street or a page range, each
 * with the same header row, as registry exports and hand-kept lists come): the sheets that carry the
 * same recognised columns are taken as one list, and every row keeps its place — the sheet and the
 * sheet's own row — so each problem names "sheet «…», row N".
 *
 * The combined table has header row 1 and its data rows one after another, sheet after sheet: data
 * row i is the table's row i + 2 (`rowNumberOf`), the number every problem, duplicate and left-out
 * row carries; `placeOfRow` turns it back into the sheet and the sheet's row.
 */
import { checkTable, isBlankRow, tableFromRows, type SheetMerge, type SheetTable } from './sheet';
import { guessField, headerScore } from './mapping';

/** One sheet of a workbook: its name, every row from row 1 (empty ones included) and its merged ranges. */
export interface WorkbookSheet {
  name: string;
  all: string[][];
  merges: SheetMerge[];
}

/** A sheet within a combined table: its data rows are the table's rows [first, first + count). */
export interface SheetPart {
  name: string;
  /** The sheet's own header row (1-based; title rows above it are not read). */
  headerRow: number;
  first: number;
  count: number;
  /** Its non-blank data rows (what the secretary sees as the sheet's row count). */
  rows: number;
}

export interface CombinedSheets {
  table: SheetTable;
  parts: SheetPart[];
  /** Sheets holding something but not the list's columns (a summary, notes), by name. */
  left: string[];
}

/** The fields the header's columns are recognised as, column by column (trailing empty columns ignored). */
function recognisedColumns(header: readonly string[]): string {
  const fields = header.map((h) => guessField(h) ?? '');
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  return fields.join('|');
}

/**
 * The sheets that carry the same recognised columns as the first sheet holding a list (its header
 * found below any title rows, as for one sheet), taken as one list in sheet order; null when fewer
 * than two sheets do (the list is read from one sheet, as before). A sheet with those columns whose
 * table is unsound (merged data cells, a header that looks like data) is left out and named, as are
 * sheets with other columns.
 */
export function combineSheets(sheets: readonly WorkbookSheet[]): CombinedSheets | null {
  const tables = sheets.map((s) => ({ s, t: tableFromRows(s.all, { merges: s.merges }) }));
  const lists = tables.filter((x) => headerScore(x.t.header) >= 3 && x.t.rows.some((r) => !isBlankRow(r)));
  const firstList = lists[0];
  if (!firstList) return null;
  const key = recognisedColumns(firstList.t.header);
  const same = lists.filter((x) => recognisedColumns(x.t.header) === key && checkTable(x.t).ok);
  if (same.length < 2) return null;
  const header = [...firstList.t.header];
  const rows: string[][] = [];
  const parts: SheetPart[] = [];
  const repeatedHeaders: number[] = [];
  for (const { s, t } of same) {
    const first = rows.length;
    const headerRow = t.headerRow ?? 1;
    // A repeated header's sheet row, as a row of the combined table.
    for (const r of t.repeatedHeaders ?? []) repeatedHeaders.push(first + (r - headerRow - 1) + 2);
    let filled = 0;
    for (const row of t.rows) {
      while (row.length < header.length) row.push('');
      if (!isBlankRow(row)) filled += 1;
      rows.push(row);
    }
    parts.push({ name: s.name, headerRow, first, count: t.rows.length, rows: filled });
  }
  const taken = new Set(same.map((x) => x.s));
  const left = sheets.filter((s) => !taken.has(s) && s.all.some((r) => !isBlankRow(r))).map((s) => s.name);
  return {
    table: { header, rows, merges: [], headerRow: 1, ...(repeatedHeaders.length > 0 ? { repeatedHeaders } : {}) },
    parts,
    left,
  };
}

/** The sheet and the sheet's own row of the combined table's row `row` (as `rowNumberOf` numbers it); null outside. */
export function placeOfRow(parts: readonly Pick<SheetPart, 'name' | 'headerRow' | 'first' | 'count'>[], row: number): { sheet: string; row: number } | null {
  const index = row - 2;
  let lo = 0;
  let hi = parts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = parts[mid]!;
    if (index < p.first) hi = mid - 1;
    else if (index >= p.first + p.count) lo = mid + 1;
    else return { sheet: p.name, row: p.headerRow + 1 + (index - p.first) };
  }
  return null;
}
