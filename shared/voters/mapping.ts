/**
 * Which column of the file holds which field of a voter, guessed from the header names in Kyrgyz,
 * Russian and English, and checked before the rows are validated.
 *
 * Header matching: the header text is lower-cased, 'ё' becomes 'е', punctuation becomes spaces and
 * runs of spaces collapse ("№ стр." → "№ стр"). A pattern is a sequence of words; a word ending in
 * '*' matches any header word that starts with it ("фамил*" matches "фамилиясы"), other words must
 * be equal. A pattern matches when its words appear consecutively in the header. When a header
 * matches patterns of several fields, the strongest wins: a pattern that contains another matched
 * pattern beats it ("атасынын аты" beats "аты"); generic patterns ('№', 'id', 'no') lose to any
 * specific one; two specific fields tie → the column is left unmapped (e.g. one column
 * "Фамилия, имя, отчество"). Each field takes the first column that matched it; a column is
 * used once.
 */
import { wholeNumber } from './whole-number';

export const VOTER_FIELDS = ['page', 'row', 'fullName', 'surname', 'name', 'patronymic', 'birth', 'address', 'document', 'pin', 'marks'] as const;
export type VoterField = (typeof VOTER_FIELDS)[number];

/** Column index (0-based, as in `SheetTable.header`) for each field, or null when not in the file. */
export type VoterMapping = Record<VoterField, number | null>;

/** Fields without which a list cannot be imported (surname and name may come from one full-name column). */
export const REQUIRED_FIELDS: readonly VoterField[] = ['page', 'row', 'surname', 'name', 'birth'];
/** The fields a full-name column stands for. */
export const NAME_PARTS: readonly VoterField[] = ['surname', 'name', 'patronymic'];

export interface MappingProblem {
  code: 'missing-required-column' | 'column-used-twice' | 'column-out-of-range' | 'row-is-running-number' | 'full-name-and-parts';
  field: VoterField;
  params?: Record<string, string | number>;
}

interface Pattern {
  words: string[];
  generic: boolean;
}

const RAW_PATTERNS: Record<VoterField, string[]> = {
  page: [
    // Kyrgyz possessive forms too: барак → барагы, бет → бети/беттин ("Тизменин барагы", "Беттин №").
    'барак*', 'барагы', 'бет', 'бети', 'беттин*', 'беттин номери', 'барактын номери', 'страниц*', 'стр', 'лист', 'номер страницы', 'page*', 'page no', 'sheet', 'p',
  ],
  row: ['катар*', 'сап', 'сабы', 'саптын*', 'саптын номери', 'строк*', 'номер строки', 'row*', 'line*'],
  fullName: [
    'аты жөнү', 'фио', 'ф и о', 'фамилия имя отчество', 'фамилия имя и отчество', 'фамилиясы аты атасынын аты',
    'фамилиясы аты жана атасынын аты', 'full name', 'fullname', 'surname name and patronymic', 'surname name patronymic',
  ],
  surname: ['фамил*', 'surname*', 'last name', 'family name', 'lastname'],
  name: ['аты', 'ысым*', 'имя', 'name', 'first name', 'given name*', 'firstname', 'forename'],
  patronymic: ['атасынын аты', 'атасынын', 'отчеств*', 'patronymic*', 'middle name', 'father s name', 'fathers name'],
  birth: [
    'туулган*', 'туулган жылы', 'туулган күнү', 'туулган датасы', 'дата рожд*', 'год рожд*', 'рожден*', 'г р', 'д р', 'birth*', 'born',
    'date of birth', 'year of birth', 'dob', 'birthdate',
  ],
  address: ['дарег*', 'дарек', 'жашаган жер*', 'адрес*', 'место жительства', 'место регистрации', 'катталган жер*', 'address*', 'residence'],
  document: [
    'паспорт*', 'документ*', 'күбөлүк*', 'удостоверен*', 'серия*', 'passport*', 'document*', 'id card', 'identity document', '!id',
  ],
  pin: [
    // ЖИН: the Kyrgyz abbreviation (жеке идентификациялык номер).
    'пин', 'жин', 'жеке номер*', 'жеке идентификациялык*', 'инн', 'персональный номер', 'персональный идентификационный номер',
    'идентификационный номер', 'personal number', 'personal id*', 'pin', 'pin code', 'personal identification number',
  ],
  marks: [
    'белги*', 'атайын белги*', 'эскертүү*', 'особые отметки', 'отметк*', 'примечан*', 'marks', 'special marks', 'notes', 'remarks', 'mark',
  ],
};

/**
 * Running numbers of the file ("№", "№ п/п", "Р/с", "N", "#", "Порядковый №", "№ по порядку",
 * "Иреттик №"): they count the lines of the whole file, not the row of a page of the list, so they
 * are never guessed as a field and never accepted as the list row or page (a list whose row is the
 * running number opens the wrong voter). A header is one when every word of it is a running-number
 * word below and it has a marker: '№'/'#'/'n'/'no'/'nr', "п п", "р с", "s n", or a word starting порядк- or иреттик-.
 */
const RUNNING_WORDS = new Set(['№', '#', 'n', 'no', 'nr', 'п', 'р', 'с', 'пп', 'рс', 'по', 'номер', 'номери', 's', 'p', 'sn']);
const RUNNING_MARKERS = [['№'], ['#'], ['n'], ['no'], ['nr'], ['п', 'п'], ['р', 'с'], ['пп'], ['рс'], ['s', 'n'], ['sn']];

/** True when the header names the file's running number (see RUNNING_WORDS). */
export function isRunningNumberHeader(header: string): boolean {
  const words = normalizeHeader(header).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 4) return false;
  const stem = (w: string) => w.startsWith('порядк') || w.startsWith('иреттик');
  if (!words.every((w) => RUNNING_WORDS.has(w) || stem(w))) return false;
  if (words.some((w) => w.startsWith('порядк') || w.startsWith('иреттик'))) return true;
  return RUNNING_MARKERS.some((m) => words.some((_, i) => m.every((x, k) => words[i + k] === x)));
}

const PATTERNS: [VoterField, Pattern][] = (Object.keys(RAW_PATTERNS) as VoterField[]).flatMap((field) =>
  RAW_PATTERNS[field].map((raw): [VoterField, Pattern] => {
    const generic = raw.startsWith('!');
    return [field, { words: (generic ? raw.slice(1) : raw).split(' '), generic }];
  }),
);

/** Header text in the comparable form described in the module comment ('№' and '#' are words of their own). */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[№#]/gu, (m) => ` ${m} `)
    .replace(/[^\p{L}\p{N}№#]+/gu, ' ')
    .trim()
    .replace(/ +/gu, ' ');
}

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

/** Where (word index) the pattern matches in the header words, or -1. */
function findPattern(p: Pattern, words: string[]): number {
  outer: for (let s = 0; s + p.words.length <= words.length; s += 1) {
    for (let k = 0; k < p.words.length; k += 1) if (!wordMatches(p.words[k]!, words[s + k]!)) continue outer;
    return s;
  }
  return -1;
}

/** The field a single header cell names, or null when none or ambiguous. */
export function guessField(header: string): VoterField | null {
  const words = normalizeHeader(header).split(' ').filter(Boolean);
  if (words.length === 0) return null;
  if (isRunningNumberHeader(header)) return null;
  const hits: { field: VoterField; start: number; end: number; generic: boolean }[] = [];
  for (const [field, p] of PATTERNS) {
    const s = findPattern(p, words);
    if (s >= 0) hits.push({ field, start: s, end: s + p.words.length, generic: p.generic });
  }
  // Drop a hit covered by a longer hit of another field ("аты" inside "атасынын аты").
  const strong = hits.filter(
    (h) => !hits.some((o) => o !== h && o.field !== h.field && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
  const specific = strong.filter((h) => !h.generic);
  const pool = specific.length > 0 ? specific : strong;
  const fields = [...new Set(pool.map((h) => h.field))];
  return fields.length === 1 ? fields[0]! : null;
}

export function emptyMapping(): VoterMapping {
  return Object.fromEntries(VOTER_FIELDS.map((f) => [f, null])) as VoterMapping;
}

/**
 * Whether the column `row` numbers the rows of each page of the list: its values start again at 1 on
 * every page of column `page`, and no value repeats within a page. Such a "№" column is the list's
 * row (registry exports print it beside "Барак"); a running number of the whole file never restarts.
 * `restarts(page, row)` answers it for a table's rows (see `restartingColumns`).
 */
export type RestartsOnEachPage = (page: number, row: number) => boolean;

/**
 * True when column `rc` restarts at 1 on every page of column `pc`. Rows where either is not a whole
 * number (a footer, a stray line: the row check names them) are passed over, but they must be few
 * (at most 1 in 10 of the rows holding either); so are rows repeating a page and row already seen
 * (a line copied twice: the row check names it as the same page and row as another row).
 */
export function restartsOnEachPage(rows: readonly (readonly string[])[], pc: number, rc: number): boolean {
  if (pc === rc) return false;
  const seen = new Map<string, Set<number>>();
  let last = '';
  let counted = 0;
  let other = 0;
  let repeats = 0;
  for (const r of rows) {
    const pageText = (r[pc] ?? '').trim();
    const rowText = (r[rc] ?? '').trim();
    if (pageText === '' && rowText === '') continue;
    const page = wholeNumber(pageText);
    const k = wholeNumber(rowText);
    if (page === null || k === null || page > 999_999 || k > 999_999) {
      other += 1;
      if (other * 10 > rows.length) return false;
      continue;
    }
    counted += 1;
    const p = String(page);
    let set = seen.get(p);
    if (!set) {
      if (k !== 1) return false; // a page starts at row 1
      set = new Set();
      seen.set(p, set);
    } else if (set.has(k)) {
      // A page and row already seen: a line copied (the row check names it, duplicate-page-row);
      // few are passed over, as stray lines are.
      repeats += 1;
      if (repeats * 10 > rows.length) return false;
      continue;
    } else if (p !== last) return false; // a page's rows come together
    set.add(k);
    last = p;
  }
  return counted > 0 && other * 10 <= counted + other;
}

/**
 * The (page, row) column pairs of a table where a running-number column ("№") restarts on every page
 * of another column: the facts `mappingProblems` and `guessMapping` need without the rows.
 */
export function restartingColumns(header: readonly string[], rows: readonly (readonly string[])[]): { page: number; row: number }[] {
  const out: { page: number; row: number }[] = [];
  header.forEach((h, rc) => {
    if (!isRunningNumberHeader(h)) return;
    header.forEach((_, pc) => {
      if (pc !== rc && restartsOnEachPage(rows, pc, rc)) out.push({ page: pc, row: rc });
    });
  });
  return out;
}

/** `RestartsOnEachPage` over the pairs `restartingColumns` found. */
export function restartsFrom(pairs: readonly { page: number; row: number }[]): RestartsOnEachPage {
  return (page, row) => pairs.some((x) => x.page === page && x.row === row);
}

/**
 * A first guess of the mapping from the header row; the user corrects it on the mapping screen.
 * A running number is never guessed, except as the row when no column names the row and its
 * values restart on each page of the guessed page column (`restarts`).
 */
export function guessMapping(header: readonly string[], restarts?: RestartsOnEachPage): VoterMapping {
  const mapping = emptyMapping();
  header.forEach((cell, column) => {
    const field = guessField(cell);
    if (field && mapping[field] === null) mapping[field] = column;
  });
  if (restarts && mapping.row === null && mapping.page !== null) {
    const page = mapping.page;
    const used = new Set(Object.values(mapping).filter((c): c is number => c !== null));
    const column = header.findIndex((h, c) => !used.has(c) && isRunningNumberHeader(h) && restarts(page, c));
    if (column >= 0) mapping.row = column;
  }
  return mapping;
}

/** How many fields a header row names: used to find the header row below title lines. */
export function headerScore(header: readonly string[]): number {
  const m = guessMapping(header);
  return VOTER_FIELDS.filter((f) => m[f] !== null).length;
}

/**
 * Problems that stop validation: a required field without a column, a column mapped to two fields,
 * and (when the header is given) a column index outside the table or a running number ("№") taken
 * as the page or row — unless, for the row, `restarts` says its values start again on every page.
 */
export function mappingProblems(mapping: VoterMapping, header?: readonly string[], restarts?: RestartsOnEachPage): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const mapped = (f: VoterField) => mapping[f] !== null && mapping[f] !== undefined;
  const fullName = mapped('fullName');
  for (const field of REQUIRED_FIELDS) {
    if (fullName && NAME_PARTS.includes(field)) continue;
    if (!mapped(field)) problems.push({ code: 'missing-required-column', field });
  }
  if (fullName) {
    for (const part of NAME_PARTS) if (mapped(part)) problems.push({ code: 'full-name-and-parts', field: part });
  }
  if (header) {
    for (const field of ['page', 'row'] as const) {
      const column = mapping[field];
      if (column === null || column === undefined || !isRunningNumberHeader(header[column] ?? '')) continue;
      // A "№" that starts again on every page is the list's row; a running number of the file never is.
      const page = mapping.page;
      if (field === 'row' && restarts && page !== null && page !== undefined && restarts(page, column)) continue;
      problems.push({ code: 'row-is-running-number', field, params: { column: column + 1, header: (header[column] ?? '').trim() } });
    }
  }
  const firstField = new Map<number, VoterField>();
  for (const field of VOTER_FIELDS) {
    const column = mapping[field];
    if (column === null || column === undefined) continue;
    if (header && (!Number.isInteger(column) || column < 0 || column >= header.length)) {
      problems.push({ code: 'column-out-of-range', field, params: { column: column + 1 } });
      continue;
    }
    const other = firstField.get(column);
    if (other) problems.push({ code: 'column-used-twice', field, params: { column: column + 1, otherField: other } });
    else firstField.set(column, field);
  }
  return problems;
}

/**
 * True when the column mapped as the list row looks like a running number by its values: the list
 * has several pages, yet no row number is used on two pages (a list's row starts again at 1 on
 * every page). Only rows whose page and row are whole numbers count. Shown as a warning on the
 * mapping screen, whatever the column's header says.
 */
export function rowRunsAcrossPages(rows: readonly (readonly string[])[], mapping: Pick<VoterMapping, 'page' | 'row'>): boolean {
  const pc = mapping.page;
  const rc = mapping.row;
  if (pc === null || rc === null || pc === undefined || rc === undefined) return false;
  const pageOf = new Map<string, string>();
  const pages = new Set<string>();
  for (const r of rows) {
    const page = wholeNumber(r[pc] ?? '');
    const row = wholeNumber(r[rc] ?? '');
    if (page === null || row === null) continue;
    const p = String(page);
    const k = String(row);
    pages.add(p);
    const seen = pageOf.get(k);
    if (seen === undefined) pageOf.set(k, p);
    else if (seen !== p) return false;
  }
  return pages.size >= 2;
}
