/**
 * The voter lists as they are posted for the public (calendar items 40, 46, 85): only what a voter
 * needs to find and check their own line, never the identifying data of the list (ПИН, document,
 * full date of birth, address, the hospital/custody marks).
 *
 * - The list posted for inspection (preliminary, item 40; control, item 46): the list's page and row,
 *   the full name and the year of birth (to tell namesakes apart) [inferred: domain.md §4 — the copy
 *   for posting is "without personal data"; the exact columns of the CEC form are not found].
 * - The list of voters who took part (item 85): page, row and the full name of each voter who took
 *   part (a ballot at the desk not undone, or a vote outside the premises); nothing else.
 *
 * Printed page by page as the paper list is paged, each page with its place for the signatures and
 * the seal.
 */
import type { VoterRecord } from '../voters/validate';

export type PostedListKind = 'preliminary-list' | 'control-list' | 'participants-list';

export interface PostedRow {
  page: number;
  row: number;
  fullName: string;
  /** Only on the list for inspection; null on the list of voters who took part. */
  birthYear: number | null;
}

export interface PostedPage {
  page: number;
  rows: PostedRow[];
}

export interface PostedList {
  kind: PostedListKind;
  pages: PostedPage[];
  total: number;
}

/**
 * The list for posting: the voters (for item 85 only those in `tookPart`), reduced to the posted
 * columns, sorted by page and row and grouped by the list's pages (a page with nobody to post is left out).
 */
export function listForPosting(voters: readonly VoterRecord[], kind: PostedListKind, tookPart: ReadonlySet<string> = new Set()): PostedList {
  const participants = kind === 'participants-list';
  const rows = voters
    .filter((v) => !participants || tookPart.has(v.id))
    .map((v): PostedRow => ({
      page: v.page,
      row: v.row,
      fullName: [v.surname, v.name, v.patronymic].filter((x) => x.trim() !== '').join(' '),
      birthYear: participants ? null : v.birthYear,
    }))
    .sort((a, b) => a.page - b.page || a.row - b.row);
  const pages: PostedPage[] = [];
  for (const r of rows) {
    const last = pages.at(-1);
    if (last && last.page === r.page) last.rows.push(r);
    else pages.push({ page: r.page, rows: [r] });
  }
  return { kind, pages, total: rows.length };
}

/** The column names of a list's CSV, in the UI's language. */
export interface PostedCsvHeader {
  page: string;
  row: string;
  fullName: string;
  birthYear: string;
}

const csvField = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n;]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
};

/**
 * The list for posting as CSV, with no more personal data than the printed list: the list's page and
 * row, the name, and the year of birth only for the lists for inspection (items 40, 46; never for the
 * list of voters who took part, item 85). UTF-8 with a byte-order mark (spreadsheets then read the
 * Cyrillic right), CRLF line ends.
 */
export function postedListCsv(list: PostedList, header: PostedCsvHeader): string {
  const withYear = list.kind !== 'participants-list';
  const head = [header.page, header.row, header.fullName, ...(withYear ? [header.birthYear] : [])];
  const rows = list.pages.flatMap((p) => p.rows.map((r) => [r.page, r.row, r.fullName, ...(withYear ? [r.birthYear ?? ''] : [])]));
  return `\uFEFF${[head, ...rows].map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}
