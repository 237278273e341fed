/**
 * How the review and the mapping preview name a row: "row 14" for a list read from one sheet or file, "sheet «Ленин көч.»,
 * row 14" for a list taken from several sheets (its rows are numbered through the combined table;
 * `placeOfRow` gives each one's sheet and the sheet's own row).
 */
import type { TFunction } from 'i18next';
import { placeOfRow, type FileSummary } from '../../../../shared/voters';

export interface RowNames {
  /** "row 14" / "sheet «…», row 14". */
  row(row: number): string;
  /** The row alone as a table cell: "14" / "sheet «…», row 14". */
  cell(row: number): string;
  /** A list of rows ("15, 27, …") with each row named. */
  list(rows: string): string;
  /** "row 14, Birth date:" / "sheet «…», row 14, Birth date:". */
  cellAt(row: number, field: string): string;
}

export function rowNames(t: TFunction, sheets: FileSummary['sheets'] | undefined): RowNames {
  const parts = sheets?.combined ? sheets.parts : null;
  const place = (row: number) => (parts ? placeOfRow(parts, row) : null);
  const sheetRow = (row: number) => {
    const p = place(row);
    return p ? t('import:sheets.row', { sheet: p.sheet, row: p.row }) : null;
  };
  return {
    row: (row) => sheetRow(row) ?? t('import:review.rowN', { row }),
    cell: (row) => sheetRow(row) ?? String(row),
    list: (rows) => (parts ? rows.replace(/\d+/gu, (n) => sheetRow(Number(n)) ?? n) : rows),
    cellAt: (row, field) => {
      const p = place(row);
      return p ? t('import:sheets.cellAt', { sheet: p.sheet, row: p.row, field }) : t('import:review.cellAt', { row, field });
    },
  };
}

/** Rows named as today (one sheet or file). */
export function plainRowNames(t: TFunction): RowNames {
  return rowNames(t, undefined);
}

/**
 * The sheets of a list taken from several sheets whose page numbers start again (found among the
 * problems shown: a page/row also used by a row of an earlier sheet). At the desk a voter is found by
 * page and row, so each must name one line of the whole list: such sheets are named, with the advice
 * to number the pages through all the sheets as on the printed list.
 */
export function sheetsRestartingPages(sheets: FileSummary['sheets'] | undefined, problems: readonly { row: number; code: string; params?: Record<string, unknown> }[]): string[] {
  const parts = sheets?.combined ? sheets.parts : null;
  if (!parts) return [];
  const out = new Set<string>();
  for (const p of problems) {
    if (p.code !== 'duplicate-page-row') continue;
    const other = Number(/\d+/u.exec(String(p.params?.rows ?? ''))?.[0]);
    const here = placeOfRow(parts, p.row);
    const there = Number.isFinite(other) ? placeOfRow(parts, other) : null;
    if (here && there && here.sheet !== there.sheet && p.row > other) out.add(here.sheet);
  }
  return [...out];
}
