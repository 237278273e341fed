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
  /** The list's page this sheet is, taken from its name when no column gives the page (one sheet a page). */
  page?: number;
}

export interface CombinedSheets {
  table: SheetTable;
  parts: SheetPart[];
  /** Sheets holding something but not the list's columns (a summary, notes), by name. */
  left: string[];
  /**
   * No column gives the page, and every sheet's name says its page (one sheet a page): the table
   * has a page column made from the names (`PAGE_FROM_SHEET_HEADER`), each part its `page`.
   */
  pagesFromNames?: true;
  /** No column gives the page, and these sheets' names do not say which page they are (or say one another sheet says). */
  sheetsWithoutPage?: string[];
}

/** The header of the page column made from the sheets' names (read as the page by `guessField`). */
export const PAGE_FROM_SHEET_HEADER = 'Барак';

const PAGE_WORD = '(?:барак|барагы|бет|бети|стр|страница|лист|page|p|sheet|с)';

const PAGE_NAME = new RegExp(`^(?:${PAGE_WORD}\\.?\\s*)?(?:№\\s*)?(\\d{1,6})(?:\\s*-?\\s*${PAGE_WORD})?\\.?$`, 'u');

/**
 * The page a sheet's name says: a number alone or with a page word ("3", "3-барак", "Барак 3",
 * "3 бет", "Стр. 3", "Лист3", "Page 3", "№ 3"); null for any other name (a street, "Ленин көч. 12").
 */
export function pageOfSheetName(name: string): number | null {
  const m = PAGE_NAME.exec(name.normalize('NFC').toLowerCase().trim());
  if (!m) return null;
  const page = Number(m[1]);
  return page >= 1 ? page : null;
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
  // One sheet a page and no page column: the page is the sheet's name, when every name says one.
  let pages: (number | null)[] | null = null;
  let sheetsWithoutPage: string[] = [];
  if (!key.split('|').includes('page')) {
    pages = same.map((x) => pageOfSheetName(x.s.name));
    sheetsWithoutPage = same.filter((_, i) => pages![i] === null || pages!.indexOf(pages![i]!) !== i).map((x) => x.s.name);
    if (sheetsWithoutPage.length > 0) pages = null;
  }
  const header = [...firstList.t.header];
  const width = header.length;
  if (pages) header.push(PAGE_FROM_SHEET_HEADER);
  const rows: string[][] = [];
  const parts: SheetPart[] = [];
  const repeatedHeaders: number[] = [];
  for (const [k, { s, t }] of same.entries()) {
    const first = rows.length;
    const page = pages?.[k] ?? null;
    const headerRow = t.headerRow ?? 1;
    // A repeated header's sheet row, as a row of the combined table.
    for (const r of t.repeatedHeaders ?? []) repeatedHeaders.push(first + (r - headerRow - 1) + 2);
    let filled = 0;
    for (const row of t.rows) {
      while (row.length < width) row.push('');
      const blank = isBlankRow(row);
      if (!blank) filled += 1;
      // After the header's columns (a longer, ragged row keeps its cells after it for the check to name).
      if (page !== null) row.splice(width, 0, blank ? '' : String(page));
      rows.push(row);
    }
    parts.push({ name: s.name, headerRow, first, count: t.rows.length, rows: filled, ...(page !== null ? { page } : {}) });
  }
  const taken = new Set(same.map((x) => x.s));
  const left = sheets.filter((s) => !taken.has(s) && s.all.some((r) => !isBlankRow(r))).map((s) => s.name);
  return {
    table: { header, rows, merges: [], headerRow: 1, ...(repeatedHeaders.length > 0 ? { repeatedHeaders } : {}) },
    parts,
    left,
    ...(pages ? { pagesFromNames: true as const } : {}),
    ...(sheetsWithoutPage.length > 0 ? { sheetsWithoutPage } : {}),
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
