/**
 * Checking every row of a mapped table and turning the good ones into voter records.
 *
 * All or nothing: `voters` holds only rows without any problem; the import may proceed when
 * `problems` is empty, or when the user explicitly leaves out every row that has one
 * (`excludeRows`, whose `unresolved` must then be empty). Rows are numbered as the user sees them
 * in the file (`rowNumberOf`: the header is row 1 unless `table.headerRow` says otherwise).
 *
 * Cell clean-up (all fields): NFC, no-break and other spaces become ' ', runs collapse, trimmed.
 * Names keep their letters exactly (ң ө ү stay; nothing is transliterated). Blank rows are skipped
 * silently (listed in `blankRows`).
 *
 * Problem codes (RowProblem.code), with `field`, `value` (the cell text, ≤ 100 characters) and params:
 *   missing-surname, missing-name                     – empty cell.
 *   invalid-page, invalid-row                         – not a whole number 1–100000. params.reason:
 *                                                       'empty' | 'not-a-number' | 'out-of-range'.
 *   invalid-birth                                     – params.reason: 'empty' | 'format' (accepted:
 *                                                       'DD.MM.YYYY' (also D.M.YYYY), 'YYYY-MM-DD',
 *                                                       'YYYY', optionally followed by the word for year
 *                                                       ('г.', 'г.р.', '-ж.') or a midnight time
 *                                                       '0:00', '00:00:00' or 'T00:00:00(.000)(Z)') |
 *                                                       'not-a-date' (31.02.1980) | 'too-old' (< 1900).
 *   birth-is-date-number                              – a 5-digit number (≤ 73050, i.e. up to 2099): a
 *                                                       spreadsheet's day number for a date in a cell not
 *                                                       formatted as a date; refused, never converted.
 *   birth-in-future                                   – born after the voting day.
 *   under-18-on-voting-day                            – params.age (for a year alone: the most
 *                                                       the person can be). A birthday on 29 February counts
 *                                                       as reached on 1 March in common years.
 *   birth-date-needed                                 – only a year is given and the person turns 18 in
 *                                                       the election year: the list must give the date.
 *   older-than-anyone                                 – older than MAX_AGE on the voting day (params.age):
 *                                                       older than anyone living. The usual cause: a year
 *                                                       typed into a cell formatted as a date (1989 shows
 *                                                       as 11.06.1905), or a year mistyped (1905 for 1965).
 *   invalid-pin                                       – params.reason: 'not-digits' | 'length' (params.
 *                                                       length) | 'first-digit' | 'scientific-notation'
 *                                                       (Excel wrote "2,12345E+13": the digits are lost).
 *   duplicate-pin, duplicate-document                 – the same ПИН / document key on several rows;
 *                                                       every row of the group is flagged, params.rows
 *                                                       lists the others ('12, 57'; at most 10, then
 *                                                       ', …'), params.count how many others there are.
 *   duplicate-page-row                                – two rows with the same page and row; all flagged.
 *   duplicate-person                                  – same name and birth, and no two different ПИН
 *                                                       or documents among the rows to tell them apart
 *                                                       (a copy without the document is caught too).
 *   unknown-mark                                      – a mark that is neither hospital nor custody.
 *   too-long                                          – the cell is longer than the field allows
 *                                                       (FIELD_MAX_LENGTH); params.max, params.length.
 *   missing-surname/missing-name with a full-name     – the full-name cell has one word only.
 *   column (field 'fullName')
 *
 * Same person on several rows (same ПИН, same document, or same name + birth with no ПИН or document disagreeing):
 * the rows are flagged as above AND grouped in `duplicates` (rows linked by any of the three keys
 * form one group). `keepDuplicates` lets the secretary keep one row of each group (the first by
 * default) and leaves the others out, recorded; both are never dropped. Two rows with the same page
 * and row that are also the same person are one duplicated line: only the group reports them.
 *
 * Not problems, shown in the preview for the secretary to look at:
 *   `formulaCells`  – cells that start with = + - @ (a spreadsheet would run them as formulas); the
 *                     text is kept exactly as it is. Not Excel's text formula `="…"` (a CSV export's
 *                     way to keep a ПИН or document as text): read as the text inside (`excelText`).
 *   `doubtfulNames` – full-name cells whose split into surname/name/patronymic is a guess
 *                     (full-name.ts); the import needs the secretary's confirmation.
 *   ragged-row (field null)                           – the row has the wrong number of cells (also
 *                                                       reported by `checkTable`; here so that such a
 *                                                       row can be excluded like any other).
 */
import { daysInMonth, isIsoDate, type IsoDate } from '../time/date';
import { documentKey, isValidPin, namesakeIdentity, pinKey, voterIdentity } from './identity';
import { VOTER_FIELDS, mappingProblems, restartsOnEachPage, type VoterField, type VoterMapping } from './mapping';
import { isBlankRow, rowNumberOf, type SheetTable } from './sheet';
import { wholeNumber } from './whole-number';
import { splitFullName, type FullNameSplit } from './full-name';
import { err, ok, type Result } from '../util/result';

export type VoterMark = 'hospital' | 'custody';

export interface VoterRecord {
  /** Stable identity across list versions: see identity.ts (`pin:…`, `doc:…` or `nb:…`). */
  id: string;
  page: number;
  row: number;
  surname: string;
  name: string;
  /** '' when the list has none (or no such column). */
  patronymic: string;
  /** Full date when the list gives one, else null (then only `birthYear` is known). */
  birthDate: IsoDate | null;
  birthYear: number;
  address: string;
  /** Document number as written (cleaned of extra spaces); '' when absent. */
  document: string;
  /** 14-digit ПИН without spaces; '' when absent. */
  pin: string;
  /** Sorted, without repeats. */
  marks: VoterMark[];
}

export type RowProblemCode =
  | 'missing-surname'
  | 'missing-name'
  | 'invalid-page'
  | 'invalid-row'
  | 'invalid-birth'
  | 'birth-is-date-number'
  | 'birth-in-future'
  | 'under-18-on-voting-day'
  | 'older-than-anyone'
  | 'birth-date-needed'
  | 'invalid-pin'
  | 'duplicate-pin'
  | 'duplicate-document'
  | 'duplicate-page-row'
  | 'duplicate-person'
  | 'unknown-mark'
  | 'too-long'
  | 'ragged-row';

export interface RowProblem {
  /** 1-based row as the user sees it in the file, the header line counted. */
  row: number;
  field: VoterField | null;
  code: RowProblemCode;
  value?: string;
  params?: Record<string, string | number>;
}

export interface ValidationResult {
  /** Good rows only, in file order. */
  voters: VoterRecord[];
  /** File row number of each voter (parallel to `voters`). */
  sourceRows: number[];
  /** Sorted by row, then by field order. */
  problems: RowProblem[];
  /** Non-blank data rows looked at. */
  rowsChecked: number;
  /** Blank rows skipped. */
  blankRows: number[];
  /** The same person on several rows (see the module comment). */
  duplicates: DuplicateGroup[];
  /** Cells starting with = + - @ (at most MAX_LISTED_CELLS; `formulaCount` counts them all). */
  formulaCells: { row: number; field: VoterField; value: string }[];
  formulaCount: number;
  /** Full-name cells whose split is a guess, with the guess. */
  doubtfulNames: { row: number; text: string; split: FullNameSplit }[];
}

export interface DuplicateGroup {
  /** File rows of the group, ascending. */
  rows: number[];
  /** Which keys linked them. */
  codes: ('duplicate-pin' | 'duplicate-document' | 'duplicate-person')[];
  /** The voter each row gives when kept; null for a row that has other problems (it cannot be kept). */
  records: (VoterRecord | null)[];
  /**
   * Whether every row may be kept as a different person (namesakes born the same day): 'no' when a
   * ПИН or document links rows of one name and birth, when two rows hold the same page/row, or when
   * nothing (ПИН, document, address) would tell their ids apart; 'default' when their ПИН, documents or
   * addresses differ, or when a shared ПИН or document links rows whose names or births differ (a
   * registry error: two people given one number — each keeps an id without the shared number) — then
   * every row stays unless the secretary keeps one; 'allowed' otherwise (one row kept by default).
   */
  keepAll: 'no' | 'allowed' | 'default';
  /** What differs between the rows (values given on one row only do not count); 'person': the name or birth. */
  differ: ('pin' | 'document' | 'address' | 'person')[];
}

/** Longest accepted cell per field (characters, after clean-up). */
export const FIELD_MAX_LENGTH: Partial<Record<VoterField, number>> = {
  fullName: 200,
  surname: 80,
  name: 80,
  patronymic: 80,
  address: 300,
  document: 40,
  marks: 200,
};
const MAX_LISTED_CELLS = 500;

export interface ValidateOptions {
  votingDay: IsoDate;
  /** Minimum age on the voting day; 18 (Constitution of the Kyrgyz Republic). */
  minAge?: number;
  /** Told the rows looked at so far, every 2,000 rows (the import screen's progress). */
  onRows?: (checked: number) => void;
  /**
   * Each row of `table.rows` is let go (replaced by `RELEASED_ROW`) once it is checked, so the rows
   * and the voters made of them are not all held at once (issue 19, memory: the import worker's heap
   * kept its high-water mark — the file's rows beside the check — for the rest of the import). The
   * table keeps its length; a caller that needs the cells again reads the file again.
   */
  release?: boolean;
}

/** What a row checked with `release` is replaced by (one shared empty row). */
export const RELEASED_ROW: readonly string[] = Object.freeze([]);

export interface Exclusion {
  row: number;
  /** Problem codes found in the row (≤ 20, as the VoterListActivated event allows); [] for a good row. */
  codes: string[];
}

/**
 * The oldest a voter can be on the voting day: past it a birth is a mistake (the oldest people known
 * alive are 116). A year typed into a cell formatted as a date shows as a date in 1905 — 121 years.
 */
export const MAX_AGE = 116;
export const MAX_PAGE = 100_000;
export const MAX_ROW = 100_000;
const MAX_VALUE = 100;
const MAX_LISTED_ROWS = 10;
const PAGE_ROW_SPAN = MAX_ROW + 1; // page × span + row: a small integer for usual lists

/** NFC, every kind of space to ' ', runs collapsed, trimmed. */
export function cleanText(text: string | undefined): string {
  if (!text) return '';
  if (!needsCleaning(text)) return text;
  return text.normalize('NFC').replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu, ' ').trim();
}

// Fast check (most cells are already clean): a space at either end or doubled, any other kind of
// space or control character, or a combining mark (then NFC is needed).
function needsCleaning(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 32) return true;
    } else if (
      c < 32 ||
      c === 0x85 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200b) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff ||
      (c >= 0x0300 && c <= 0x036f)
    ) {
      return true;
    }
  }
  return false;
}


/**
 * A cell written as Excel's text formula `="…"` (CSV exports keep ПИН, documents and numbers as text
 * so: `="21234567890123"`, `="0012345"`) is what Excel shows, the text inside; any other cell as it is.
 */
function excelText(text: string): string {
  if (text.length < 3 || text.charCodeAt(0) !== 61 || text.charCodeAt(1) !== 34 || text.charCodeAt(text.length - 1) !== 34) return text;
  const inner = text.slice(2, -1);
  if (inner.replace(/""/gu, '').includes('"')) return text;
  return cleanText(inner.replace(/""/gu, '"'));
}

function parseCount(text: string, max: number): Result<number, { code: 'empty' | 'not-a-number' | 'out-of-range' }> {
  if (text === '') return err({ code: 'empty' });
  const n = wholeNumber(text);
  if (n === null) return err({ code: 'not-a-number' });
  if (n < 1 || n > max) return err({ code: 'out-of-range' });
  return ok(n);
}

export type BirthParse = Result<{ date: IsoDate | null; year: number }, { code: 'empty' | 'format' | 'not-a-date' | 'too-old' }>;

/** "01.01.1980 г.", "1980 г.р." (Russian год), "01.01.1980-ж." (Kyrgyz жыл): the word for year after the date. */
const YEAR_WORD = /\s*-?\s*(?:г|ж)\.?(?:\s*р\.?)?$/iu;
const MIDNIGHT = /(?:\s+0?0:00(?::00)?|T00:00(?::00(?:\.0+)?)?Z?)$/u;

/** Reads a birth cell: 'DD.MM.YYYY' (or D.M.YYYY), 'YYYY-MM-DD' or 'YYYY', optionally followed by the word for year ('г.', 'ж.'). */
export function parseBirth(text: string): BirthParse {
  // Fast path for the usual 'DD.MM.YYYY'.
  if (text.length === 10 && text.charCodeAt(2) === 46 && text.charCodeAt(5) === 46) {
    const d = digits(text, 0, 2);
    const m = digits(text, 3, 5);
    const y = digits(text, 6, 10);
    if (d >= 0 && m >= 0 && y >= 0) return birthFrom(y, m, d);
  }
  const t = text.trim().replace(YEAR_WORD, '').replace(MIDNIGHT, '');
  if (t === '') return err({ code: 'empty' });
  let y: number;
  let m: number | null = null;
  let d: number | null = null;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})$/u.exec(t))) y = Number(r[1]);
  else if ((r = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u.exec(t))) {
    d = Number(r[1]);
    m = Number(r[2]);
    y = Number(r[3]);
  } else if ((r = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(t))) {
    y = Number(r[1]);
    m = Number(r[2]);
    d = Number(r[3]);
  } else return err({ code: 'format' });
  return birthFrom(y, m, d);
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function birthFrom(y: number, m: number | null, d: number | null): BirthParse {
  if (y < 1900) return err({ code: 'too-old' });
  if (m === null || d === null) return ok({ date: null, year: y });
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return err({ code: 'not-a-date' });
  return ok({ date: `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`, year: y });
}

/** Whole years of age on `day` for someone born on `birth` (29 Feb birthdays reached on 1 Mar in common years). */
export function ageOn(birth: IsoDate, day: IsoDate): number {
  // 'MM-DD' strings compare like the dates they are.
  return Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);
}

const HOSPITAL_STEMS = ['больниц', 'больн', 'стацион', 'госпитал', 'лечебн', 'лпу', 'оорукан', 'бейтапкан', 'ооруканада', 'hospital', 'clinic'];
const CUSTODY_STEMS = ['сизо', 'ивс', 'страж', 'изолятор', 'задерж', 'камак', 'абак', 'абаг', 'кармоо', 'custody', 'detention', 'detained', 'remand'];
const NO_MARK = new Set(['', '-', '—', '–', 'нет', 'жок', 'no', 'none']);

/** Reads a marks cell ("больница", "СИЗО", "оорукана; камакта", "hospital, custody"). */
export function parseMarks(text: string): { marks: VoterMark[]; unknown: string[] } {
  const marks = new Set<VoterMark>();
  const unknown: string[] = [];
  if (text.trim() === '') return { marks: [], unknown };
  for (const raw of text.split(/[,;/+|]/u)) {
    const part = raw.trim();
    const key = part.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim();
    if (NO_MARK.has(key)) continue;
    const words = key.split(/[\s-]+/u);
    const has = (stems: string[]) => words.some((w) => stems.some((s) => w.startsWith(s)));
    if (has(HOSPITAL_STEMS)) marks.add('hospital');
    else if (has(CUSTODY_STEMS)) marks.add('custody');
    else unknown.push(part);
  }
  return { marks: [...marks].sort(), unknown };
}

function clip(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

/**
 * Validates the rows of `table` under `mapping`. Throws a TypeError when the mapping itself has
 * problems (call `mappingProblems` first; the mapping screen does).
 */
export function validateVoterRows(table: SheetTable, mapping: VoterMapping, options: ValidateOptions): ValidationResult {
  const mp = mappingProblems(mapping, table.header, (page, row) => restartsOnEachPage(table.rows, page, row));
  if (mp.length > 0) throw new TypeError(`validateVoterRows: the mapping has problems (${mp.map((p) => `${p.code}:${p.field}`).join(', ')})`);
  if (!isIsoDate(options.votingDay)) throw new RangeError(`validateVoterRows: votingDay is not a date: ${options.votingDay}`);
  const minAge = options.minAge ?? 18;
  const votingYear = Number(options.votingDay.slice(0, 4));
  const width = table.header.length;
  let named = width;
  while (named > 0 && (table.header[named - 1] ?? '').trim() === '') named -= 1;

  const problems: RowProblem[] = [];
  const candidates: { record: VoterRecord; rowNumber: number }[] = [];
  const blankRows: number[] = [];
  const bad = new Set<number>();
  // Duplicate finders: the first row per key, and the full group only for keys seen twice (few),
  // so 100,000 rows do not allocate 400,000 little arrays.
  const dupFinder = <K>() => {
    const first = new Map<K, number>();
    const groups = new Map<K, number[]>();
    return {
      groups,
      add(key: K, row: number) {
        const f = first.get(key);
        if (f === undefined) first.set(key, row);
        else {
          const g = groups.get(key);
          if (g) g.push(row);
          else groups.set(key, [f, row]);
        }
      },
    };
  };
  const byPin = dupFinder<string>();
  const byDoc = dupFinder<string>();
  const byPageRow = dupFinder<number>();
  // Name + birth keyed by a hash of its text first (issue 19, memory: the 100,000 key strings were
  // the check's largest part), the few rows sharing a hash then grouped by the text itself.
  const byNameBirthHash = dupFinder<number>();
  const byNameBirth = { groups: new Map<string, number[]>() };
  const col = (row: readonly string[], field: VoterField) => {
    const c = mapping[field];
    return c === null || c === undefined ? '' : excelText(cleanText(row[c]));
  };
  let rowsChecked = 0;
  const formulaCells: ValidationResult['formulaCells'] = [];
  let formulaCount = 0;
  const doubtfulNames: ValidationResult['doubtfulNames'] = [];
  const records = new Map<number, VoterRecord>();
  const mappedFields = VOTER_FIELDS.filter((f) => mapping[f] !== null && mapping[f] !== undefined);

  const { release } = options;
  table.rows.forEach((cells, index) => {
    if (release) table.rows[index] = RELEASED_ROW as string[];
    if (options.onRows && (index + 1) % 2000 === 0) options.onRows(index + 1);
    const rowNumber = rowNumberOf(table, index);
    if (isBlankRow(cells)) {
      blankRows.push(rowNumber);
      return;
    }
    rowsChecked += 1;
    const report = (field: VoterField | null, code: RowProblemCode, value?: string, params?: Record<string, string | number>) => {
      const p: RowProblem = { row: rowNumber, field, code };
      if (value !== undefined) p.value = clip(value);
      if (params) p.params = params;
      problems.push(p);
      bad.add(rowNumber);
    };

    let found = cells.length;
    if (cells.length > width) {
      let last = cells.length - 1;
      while (last >= width && (cells[last] ?? '').trim() === '') last -= 1;
      found = last + 1;
    }
    if (cells.length < named || found > width) {
      report(null, 'ragged-row', undefined, { expected: cells.length < named ? named : width, found });
    }

    for (const field of mappedFields) {
      const text = col(cells, field);
      const max = FIELD_MAX_LENGTH[field];
      if (max !== undefined && text.length > max) report(field, 'too-long', text, { max, length: text.length });
      const c = text.charCodeAt(0);
      // = + - @ (a lone dash is the usual "none")
      if ((c === 61 || c === 43 || c === 64 || (c === 45 && text.length > 1)) && (formulaCount += 1) <= MAX_LISTED_CELLS) {
        formulaCells.push({ row: rowNumber, field, value: clip(text) });
      }
    }

    const pageText = col(cells, 'page');
    const rowText = col(cells, 'row');
    const page = parseCount(pageText, MAX_PAGE);
    const row = parseCount(rowText, MAX_ROW);
    if (!page.ok) report('page', 'invalid-page', pageText, { reason: page.error.code });
    if (!row.ok) report('row', 'invalid-row', rowText, { reason: row.error.code });
    if (page.ok && row.ok) byPageRow.add(page.value * PAGE_ROW_SPAN + row.value, rowNumber);

    let surname: string;
    let name: string;
    let patronymic: string;
    if (mapping.fullName !== null && mapping.fullName !== undefined) {
      const text = col(cells, 'fullName');
      const split = splitFullName(text);
      ({ surname, name, patronymic } = split);
      // Each part within its own limit too (a 200-character full name may hide a 150-character surname).
      if (text.length <= FIELD_MAX_LENGTH.fullName!) {
        for (const [part, value] of [['surname', surname], ['name', name], ['patronymic', patronymic]] as const) {
          const max = FIELD_MAX_LENGTH[part]!;
          if (value.length > max) report('fullName', 'too-long', value, { max, length: value.length });
        }
      }
      if (surname === '') report('fullName', 'missing-surname');
      else if (name === '') report('fullName', 'missing-name', text);
      else if (split.doubt !== null) doubtfulNames.push({ row: rowNumber, text, split });
    } else {
      surname = col(cells, 'surname');
      name = col(cells, 'name');
      patronymic = col(cells, 'patronymic');
      if (surname === '') report('surname', 'missing-surname');
      if (name === '') report('name', 'missing-name');
    }

    const birthText = col(cells, 'birth');
    const birth = parseBirth(birthText);
    let birthDate: IsoDate | null = null;
    let birthYear = 0;
    if (!birth.ok) {
      // 29221: a spreadsheet's number for a date (days since 1900), from a cell not formatted as a
      // date. Never turned into a date here: the paper list printed from that sheet shows the number.
      if (birth.error.code === 'format' && /^\d{5}$/u.test(birthText) && Number(birthText) <= 73_050) report('birth', 'birth-is-date-number', birthText);
      else report('birth', 'invalid-birth', birthText, { reason: birth.error.code });
    } else {
      birthDate = birth.value.date;
      birthYear = birth.value.year;
      // The age on voting day (a year alone: the least the person can be), read once a row.
      const age = birthDate !== null ? ageOn(birthDate, options.votingDay) : votingYear - birthYear - 1;
      if (birthDate !== null) {
        if (birthDate > options.votingDay) report('birth', 'birth-in-future', birthText); // ISO strings compare as dates
        else if (age < minAge) report('birth', 'under-18-on-voting-day', birthText, { age });
      } else if (birthYear > votingYear) report('birth', 'birth-in-future', birthText);
      else if (votingYear - birthYear < minAge) report('birth', 'under-18-on-voting-day', birthText, { age: votingYear - birthYear });
      else if (votingYear - birthYear === minAge) report('birth', 'birth-date-needed', birthText);
      // Older than anyone living.
      if (age > MAX_AGE) report('birth', 'older-than-anyone', birthText, { age });
    }

    const pinText = col(cells, 'pin');
    const pin = pinKey(pinText);
    if (pin !== '' && !isValidPin(pin)) {
      if (/^\d+([.,]\d+)?e\+?\d+$/iu.test(pin)) report('pin', 'invalid-pin', pinText, { reason: 'scientific-notation' });
      else if (!/^\d+$/u.test(pin)) report('pin', 'invalid-pin', pinText, { reason: 'not-digits' });
      else if (pin.length !== 14) report('pin', 'invalid-pin', pinText, { reason: 'length', length: pin.length });
      else report('pin', 'invalid-pin', pinText, { reason: 'first-digit' });
    } else if (pin !== '') byPin.add(pin, rowNumber);

    const document = col(cells, 'document');
    const docKey = documentKey(document);
    if (docKey !== '') byDoc.add(docKey, rowNumber);

    const marksText = col(cells, 'marks');
    const { marks, unknown } = parseMarks(marksText);
    for (const u of unknown) report('marks', 'unknown-mark', u);

    const address = col(cells, 'address');
    const record: VoterRecord = {
      id: '',
      page: page.ok ? page.value : 0,
      row: row.ok ? row.value : 0,
      surname,
      name,
      patronymic,
      birthDate,
      birthYear,
      address,
      document,
      pin: isValidPin(pin) ? pin : '',
      marks,
    };
    record.id = voterIdentity(record);
    candidates.push({ record, rowNumber });
  });

  // Same name and birth: the same person unless their ПИН or documents say otherwise, so a copy that
  // lacks the document is caught too. Rows whose ПИН or documents differ are namesakes born the same
  // day: both stay by default, but the pair is shown (a mistyped document would otherwise hide a
  // copy) and the secretary may keep one.
  const ids = new Map<number, { pin: string; doc: string; address: string; pageRow: number; nb: boolean }>();
  const namesakeGroups: number[][] = [];
  for (const { record, rowNumber } of candidates) {
    // A row without a surname, a name or a birth read (a totals or signature line below the list) is
    // nobody: named for what it lacks, never "the same person" as another such line.
    if (record.surname === '' || record.name === '' || record.birthYear === 0) continue;
    // (the cells are already cleaned: NFC, single spaces, trimmed)
    byNameBirthHash.add(textHash(nameBirthKey(record)), rowNumber);
  }
  if (byNameBirthHash.groups.size > 0) {
    const sharing = new Set<number>([...byNameBirthHash.groups.values()].flat());
    const keyOf = new Map<number, string>();
    for (const { record, rowNumber } of candidates) if (sharing.has(rowNumber)) keyOf.set(rowNumber, nameBirthKey(record));
    for (const rows of byNameBirthHash.groups.values()) {
      const exact = new Map<string, number[]>();
      for (const row of rows) {
        const key = keyOf.get(row)!;
        const group = exact.get(key);
        if (group) group.push(row);
        else exact.set(key, [row]);
      }
      for (const [key, group] of exact) if (group.length > 1) byNameBirth.groups.set(key, group);
    }
  }
  // Records and keys of the rows in some group only (few; a list has 100,000 rows).
  const grouped = new Set<number>([...byPin.groups.values(), ...byDoc.groups.values(), ...byNameBirth.groups.values()].flat());
  if (grouped.size > 0) {
    for (const { record, rowNumber } of candidates) {
      if (!grouped.has(rowNumber)) continue;
      records.set(rowNumber, record);
      const doc = documentKey(record.document);
      ids.set(rowNumber, {
        pin: record.pin,
        doc,
        address: record.address.toLowerCase(),
        pageRow: record.page * PAGE_ROW_SPAN + record.row,
        nb: record.pin === '' && doc === '',
      });
    }
  }
  if (byNameBirth.groups.size > 0) {
    const idLinked = new Set<number>([...byPin.groups.values(), ...byDoc.groups.values()].flat());
    for (const [key, rows] of [...byNameBirth.groups]) {
      const of = rows.map((r) => ids.get(r)!);
      const pins = new Set(of.map((x) => x.pin).filter((x) => x !== ''));
      const docs = new Set(of.map((x) => x.doc).filter((x) => x !== ''));
      // The same ПИН and document on every row: already one group by those keys, said once.
      const sameIds = of.every((x) => x.pin !== '' || x.doc !== '') && new Set(of.map((x) => `${x.pin}|${x.doc}`)).size === 1;
      if (pins.size > 1 || docs.size > 1 || sameIds) {
        byNameBirth.groups.delete(key);
        // Namesakes: shown as a pair unless some of them are already a same-document group.
        // Two people on one page/row stay that error alone (the list must say where each one is).
        const lines = new Set(of.map((x) => x.pageRow));
        if (!sameIds && !rows.some((r) => idLinked.has(r)) && lines.size === rows.length) namesakeGroups.push(rows);
      }
    }
  }

  // Rows bad for reasons other than a duplicate: such a row cannot be the one kept.
  const badBeforeDuplicates = new Set(bad);
  // Same-person groups: rows linked by ПИН, document or name + birth (union–find over row numbers).
  const parent = new Map<number, number>();
  const find = (r: number): number => {
    let x = r;
    while (parent.get(x) !== undefined && parent.get(x) !== x) x = parent.get(x)!;
    parent.set(r, x);
    return x;
  };
  const linkCodes = new Map<number, Set<DuplicateGroup['codes'][number]>>();
  const link = (rows: number[], code: DuplicateGroup['codes'][number]) => {
    for (const r of rows) if (!parent.has(r)) parent.set(r, r);
    const root = find(rows[0]!);
    for (const r of rows.slice(1)) {
      const other = find(r);
      if (other !== root) {
        parent.set(other, root);
        const moved = linkCodes.get(other);
        if (moved) {
          const into = linkCodes.get(root) ?? new Set();
          for (const c of moved) into.add(c);
          linkCodes.set(root, into);
          linkCodes.delete(other);
        }
      }
    }
    const codes = linkCodes.get(root) ?? new Set();
    codes.add(code);
    linkCodes.set(root, codes);
  };
  for (const rows of byPin.groups.values()) link(rows, 'duplicate-pin');
  for (const rows of byDoc.groups.values()) link(rows, 'duplicate-document');
  for (const rows of byNameBirth.groups.values()) link(rows, 'duplicate-person');
  // A page/row pair held only by rows of one same-person group is that person's line copied.
  for (const [key, rows] of [...byPageRow.groups]) {
    if (rows.every((r) => parent.has(r)) && new Set(rows.map(find)).size === 1) byPageRow.groups.delete(key);
  }

  const flagGroups = <K>(map: Map<K, number[]>, field: VoterField | null, code: RowProblemCode, valueOf: (key: K) => string) => {
    for (const [key, rows] of map) {
      const value = clip(valueOf(key));
      const head = rows.slice(0, MAX_LISTED_ROWS + 1);
      for (const r of rows) {
        // At most MAX_LISTED_ROWS other rows are named (a wrongly mapped column can make one group of
        // 100,000 rows); `count` says how many there are.
        const others = head.filter((x) => x !== r).slice(0, MAX_LISTED_ROWS);
        const listed = others.join(', ') + (rows.length - 1 > others.length ? ', …' : '');
        problems.push({ row: r, field, code, value, params: { rows: listed, count: rows.length - 1 } });
        bad.add(r);
      }
    }
  };
  flagGroups(byPin.groups, 'pin', 'duplicate-pin', (k) => k);
  flagGroups(byDoc.groups, 'document', 'duplicate-document', (k) => k);
  flagGroups(byPageRow.groups, null, 'duplicate-page-row', (k) => `${Math.floor(k / PAGE_ROW_SPAN)}/${k % PAGE_ROW_SPAN}`);
  flagGroups(byNameBirth.groups, null, 'duplicate-person', () => '');
  for (const p of problems) if (p.value === '') delete p.value;

  const fieldOrder = (f: VoterField | null) => (f === null ? -1 : VOTER_FIELDS.indexOf(f));
  problems.sort((a, b) => a.row - b.row || fieldOrder(a.field) - fieldOrder(b.field));

  const voters: VoterRecord[] = [];
  const sourceRows: number[] = [];
  for (const c of candidates) {
    if (bad.has(c.rowNumber)) continue;
    voters.push(c.record);
    sourceRows.push(c.rowNumber);
  }
  const groupRows = new Map<number, number[]>();
  for (const r of [...parent.keys()].sort((a, b) => a - b)) {
    const root = find(r);
    const list = groupRows.get(root);
    if (list) list.push(r);
    else groupRows.set(root, [r]);
  }
  const groupOf = (rows: number[], codes: DuplicateGroup['codes']): DuplicateGroup => {
    const records_ = rows.map((r) => (badBeforeDuplicates.has(r) ? null : (records.get(r) ?? null)));
    const of = rows.map((r) => ids.get(r));
    const differ: DuplicateGroup['differ'] = [];
    const distinct = (pick: (x: NonNullable<(typeof of)[number]>) => string) => new Set(of.map((x) => (x ? pick(x) : '')).filter((v) => v !== '')).size > 1;
    if (distinct((x) => x.pin)) differ.push('pin');
    if (distinct((x) => x.doc)) differ.push('document');
    if (distinct((x) => x.address)) differ.push('address');
    const recs = rows.map((r) => records.get(r));
    const persons = new Set(recs.map((r) => (r ? nameBirthKey(r) : '')));
    if (persons.size > 1) differ.push('person');
    let keepAll: DuplicateGroup['keepAll'] = 'no';
    // One ПИН or document on rows of different people (names or births differ, each on a line of its
    // own): a registry error, never one person. Every row stays by default, each with an id that leaves
    // out the number it shares (identity.ts), so no voter of the printed list is lost from the desk.
    if (!codes.includes('duplicate-person') && recs.every((r) => r !== undefined) && persons.size === rows.length && new Set(of.map((x) => x?.pageRow)).size === rows.length) {
      keepAll = 'default';
      const shared = (pick: (r: VoterRecord) => string) => {
        const seen = new Map<string, number>();
        for (const r of recs as VoterRecord[]) if (pick(r) !== '') seen.set(pick(r), (seen.get(pick(r)) ?? 0) + 1);
        return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
      };
      const sharedPins = shared((r) => r.pin);
      const sharedDocs = shared((r) => documentKey(r.document));
      for (const rec of recs as VoterRecord[]) {
        rec.id = voterIdentity({ ...rec, pin: sharedPins.has(rec.pin) ? '' : rec.pin, document: sharedDocs.has(documentKey(rec.document)) ? '' : rec.document });
      }
      return { rows, codes, records: records_, keepAll, differ };
    }
    // Keeping every row is possible only for rows linked by name + birth alone (a shared ПИН or
    // document is one person), on different lines of the list, and each with an id of its own.
    if (codes.length === 1 && codes[0] === 'duplicate-person' && of.every((x) => x !== undefined)) {
      const kept = of as NonNullable<(typeof of)[number]>[];
      const nbRows = kept.filter((x) => x.nb);
      const ownIds = nbRows.length < 2 || new Set(nbRows.map((x) => x.address)).size === nbRows.length;
      const ownLines = new Set(kept.map((x) => x.pageRow)).size === kept.length;
      if (ownIds && ownLines) {
        keepAll = differ.length > 0 ? 'default' : 'allowed';
        // Two namesakes without ПИН or document: the address tells their ids apart (identity.ts).
        if (nbRows.length >= 2) {
          rows.forEach((r) => {
            const rec = records.get(r);
            if (rec && ids.get(r)!.nb) rec.id = namesakeIdentity(rec);
          });
        }
      }
    }
    return { rows, codes, records: records_, keepAll, differ };
  };
  const duplicates: DuplicateGroup[] = [
    ...[...groupRows].map(([root, rows]) => groupOf(rows, [...(linkCodes.get(root) ?? [])].sort())),
    ...namesakeGroups.map((rows) => groupOf(rows, ['duplicate-person'])),
  ];
  duplicates.sort((a, b) => a.rows[0]! - b.rows[0]!);
  return { voters, sourceRows, problems, rowsChecked, blankRows, duplicates, formulaCells, formulaCount, doubtfulNames };
}

const DUPLICATE_CODES = new Set(['duplicate-pin', 'duplicate-document', 'duplicate-person']);

/** In a `keepDuplicates` choice: keep every row of the group (namesakes; only where `keepAll` is not 'no'). */
/** Who a row is by name and birth, the same text for the same person written in another case. */
function nameBirthKey(r: VoterRecord): string {
  return `${r.surname}|${r.name}|${r.patronymic}|${r.birthDate ?? r.birthYear}`.toLowerCase();
}

/** A 30-bit hash of a text (FNV-1a over its UTF-16 code units): a small integer, held without a string. */
function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

export const KEEP_ALL_ROWS = 0;

/**
 * The secretary's decision on the same-person groups: for each group (by index in
 * `result.duplicates`) the row to keep, or `KEEP_ALL_ROWS`. Not given: every row when the group's
 * `keepAll` is 'default' (their ПИН, documents or addresses differ), else the group's first keepable
 * row. Kept rows join the voters (in file order) and lose their duplicate problems; the other rows of
 * the group are left out and named in `decisions`, and groups kept whole are named in `keptAll` (both
 * for the VoterListActivated event). A group none of whose rows can be kept (each has other problems)
 * stays as it is.
 */
export function keepDuplicates(
  result: ValidationResult,
  choice: ReadonlyMap<number, number> = new Map(),
): { result: ValidationResult; decisions: { kept: number; dropped: number[] }[]; keptAll: number[][] } {
  const decisions: { kept: number; dropped: number[] }[] = [];
  const keptAll: number[][] = [];
  const added: { record: VoterRecord; row: number }[] = [];
  const resolvedRows = new Set<number>();
  result.duplicates.forEach((group, gi) => {
    const keepable = group.rows.filter((_, i) => group.records[i] !== null);
    if (keepable.length === 0) return;
    const wanted = choice.get(gi);
    const all = group.keepAll !== 'no' && (wanted === KEEP_ALL_ROWS || (wanted === undefined && group.keepAll === 'default'));
    const kept = all ? keepable : [wanted !== undefined && keepable.includes(wanted) ? wanted : keepable[0]!];
    const dropped = all ? [] : group.rows.filter((r) => r !== kept[0]);
    if (all) {
      if (kept.length > 1) keptAll.push(kept);
    } else decisions.push({ kept: kept[0]!, dropped });
    for (const r of kept) added.push({ record: group.records[group.rows.indexOf(r)]!, row: r });
    for (const r of group.rows) resolvedRows.add(r);
  });
  if (resolvedRows.size === 0) return { result, decisions, keptAll };
  const droppedRows = new Set(decisions.flatMap((d) => d.dropped));
  // Duplicate problems of a resolved group go; the dropped rows are left out by the decision itself.
  const problems = result.problems.filter((p) => !(resolvedRows.has(p.row) && (DUPLICATE_CODES.has(p.code) || droppedRows.has(p.row))));
  // Namesakes are among the voters already: every row of a resolved group is taken out, then the kept ones go back.
  const merged: { record: VoterRecord; row: number }[] = [];
  result.voters.forEach((record, i) => {
    const row = result.sourceRows[i]!;
    if (!resolvedRows.has(row)) merged.push({ record, row });
  });
  // Another problem of a kept row (e.g. a page/row shared with a different person) keeps it out.
  const stillBad = new Set(problems.map((p) => p.row));
  for (const a of added) if (!stillBad.has(a.row)) merged.push(a);
  merged.sort((a, b) => a.row - b.row);
  return {
    result: { ...result, problems, voters: merged.map((m) => m.record), sourceRows: merged.map((m) => m.row) },
    decisions,
    keptAll,
  };
}

/**
 * The voters to import when the rows `rowNumbers` are left out, and the record of what was left out
 * (for the VoterListActivated event). `unresolved` lists rows that still have problems and were not
 * left out: activation must refuse unless it is empty. Excluding a good row is allowed (its codes are []).
 */
export function excludeRows(
  result: Pick<ValidationResult, 'voters' | 'sourceRows' | 'problems'>,
  rowNumbers: Iterable<number>,
): { voters: VoterRecord[]; excluded: Exclusion[]; unresolved: number[] } {
  const out = new Set(rowNumbers);
  const codesByRow = new Map<number, string[]>();
  for (const p of result.problems) {
    const list = codesByRow.get(p.row);
    if (!list) codesByRow.set(p.row, [p.code]);
    else if (!list.includes(p.code)) list.push(p.code);
  }
  const voters = result.voters.filter((_, i) => !out.has(result.sourceRows[i]!));
  const excluded = [...out].sort((a, b) => a - b).map((row) => ({ row, codes: (codesByRow.get(row) ?? []).slice(0, 20) }));
  const unresolved = [...codesByRow.keys()].filter((r) => !out.has(r)).sort((a, b) => a - b);
  return { voters, excluded, unresolved };
}
