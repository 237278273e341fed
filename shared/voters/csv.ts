/**
 * An RFC 4180 CSV parser for voter lists, tuned to what spreadsheet programs in the region write.
 *
 * - Delimiter: ';' (Excel with a Russian/Kyrgyz locale), ',' or TAB, detected from the first lines
 *   (counted outside quotes; the delimiter whose count is the same on most lines wins, ties broken
 *   ';' > TAB > ','), unless given. Excel's optional first line `sep=;` is honoured and dropped.
 * - Quoted fields with doubled quotes (`"ООО ""Ала-Тоо"""`), embedded delimiters and newlines.
 * - Line ends CRLF, LF or CR, mixed.
 * - Trailing blank lines (and trailing lines of empty cells only, as Excel writes for formatted but
 *   empty rows) are dropped. Blank lines INSIDE the file are kept as rows of one empty cell so that
 *   row numbers stay those the user sees in Excel; later steps skip blank rows.
 * - A quote inside an unquoted field is taken literally (`Иванов "мл."` → `Иванов "мл."`), as Excel does.
 * - Problems (all with the 1-based physical line in the text, counting a `sep=` line):
 *     'unterminated-quote' – a quoted field never closed; `line` is where it opened.
 *     'text-after-quote'   – text between a closing quote and the next delimiter (`"ул. "Ленина" 5"`);
 *                            `line` and `column` (1-based, in characters) of the offending text.
 *   Any problem refuses the file, `err(problems)` (nothing is imported from a file that cannot be read
 *   unambiguously). At most 100 problems are listed.
 *
 * Returns rows of strings exactly as written (no trimming): validation trims.
 *
 * Memory (issue 19): every cell is a string of its own, never a slice that keeps the whole file's
 * text alive (V8 makes a slice of 13 characters or more a view of its parent), and equal cells are
 * one string (`CellPool`): a 100,000-row list has about a million cells but far fewer distinct ones
 * (surnames, names, patronymics, dates, a family's address, page and row numbers).
 */
import { err, ok, type Result } from '../util/result';

export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvProblem {
  code: 'unterminated-quote' | 'text-after-quote';
  line: number;
  column?: number;
}

export interface CsvTable {
  rows: string[][];
  /** Physical line (1-based) on which each row starts, parallel to `rows`. */
  lines: number[];
  delimiter: CsvDelimiter;
  /** False when the delimiter was given by the caller or by a `sep=` line. */
  detected: boolean;
}

export type CsvResult = Result<CsvTable, CsvProblem[]>;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const MAX_PROBLEMS = 100;
const CANDIDATES: readonly CsvDelimiter[] = [';', '\t', ','];

/** Picks the delimiter from the first (up to 20) non-blank lines, counting outside quotes: the one most lines have equally many of. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: number[][] = [];
  let current = [0, 0, 0];
  let inQuote = false;
  let nonBlank = false;
  const limit = Math.min(text.length, 256 * 1024);
  for (let i = 0; i < limit && counts.length < 20; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inQuote = !inQuote;
      nonBlank = true;
    } else if (!inQuote && (c === LF || c === CR)) {
      if (nonBlank) counts.push(current);
      current = [0, 0, 0];
      nonBlank = false;
    } else if (!inQuote) {
      const k = c === 0x3b ? 0 : c === 0x09 ? 1 : c === 0x2c ? 2 : -1;
      if (k >= 0) current[k]! += 1;
      if (c !== 0x20) nonBlank = true;
    }
  }
  if (nonBlank && counts.length < 20) counts.push(current);
  let best: CsvDelimiter = ';';
  let bestScore = -1;
  // The count most lines share (not the first line's: a title line above the header may hold commas
  // and no delimiter at all), weighed by how many lines share it; then by the count itself.
  CANDIDATES.forEach((d, k) => {
    const tally = new Map<number, number>();
    for (const c of counts) if (c[k]! > 0) tally.set(c[k]!, (tally.get(c[k]!) ?? 0) + 1);
    let mode = 0;
    let same = 0;
    for (const [n, f] of tally) if (f > same || (f === same && n > mode)) [mode, same] = [n, f];
    if (mode === 0) return;
    const score = (same / counts.length) * 1000 + Math.min(mode, 999) / 1000;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  });
  return best;
}

/**
 * Equal cells as one string, each its own copy (not a view into the text it was cut from). The
 * pool is dropped with the parse: only the strings stay, referenced by the rows.
 */
export class CellPool {
  private readonly pool = new Map<string, string>();

  cell(value: string): string {
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    // A slice of 13+ characters is a view that keeps its parent (the file's text) alive; a string
    // built by concatenation and then cut is flattened into a copy of its own (a few characters
    // longer at most). Shorter slices are copies already.
    const own = value.length >= 13 ? ` ${value}`.slice(1) : value;
    this.pool.set(own, own);
    return own;
  }
}

function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/** Parses CSV text (see the module comment). A leading U+FEFF is ignored. */
export function parseCsv(input: string, options: { delimiter?: CsvDelimiter; onRows?: (rows: number) => void } = {}): CsvResult {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let line = 1;
  let delimiter: CsvDelimiter | undefined = options.delimiter;
  let detected = false;

  const sep = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/iu.exec(text);
  if (sep) {
    const d = sep[1] as CsvDelimiter;
    if (!delimiter && (CANDIDATES as readonly string[]).includes(d)) delimiter = d;
    text = text.slice(sep[0].length);
    line = 2;
  }
  if (!delimiter) {
    delimiter = detectDelimiter(text);
    detected = true;
  }
  const D = delimiter.charCodeAt(0);

  const rows: string[][] = [];
  const lines: number[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let row: string[] = [];
  let rowLine = line;
  let lineStart = 0; // index in `text` where the current physical line starts (for columns)

  const { onRows } = options;
  const pool = new CellPool();
  const endRow = () => {
    rows.push(row);
    lines.push(rowLine);
    row = [];
    // Progress for the import screen, every 2,000 rows.
    if (onRows && rows.length % 2000 === 0) onRows(rows.length);
  };
  // Consumes a line end at i (CRLF, LF or CR); returns true if one was there.
  const eol = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) {
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === LF) {
      i += 1;
    } else return false;
    line += 1;
    lineStart = i;
    return true;
  };

  if (n === 0) return ok({ rows: [], lines: [], delimiter, detected });

  for (;;) {
    // At the start of a field.
    if (text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      i += 1;
      let value = '';
      let seg = i;
      let closed = false;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(seg, i + 1);
            i += 2;
            seg = i;
            continue;
          }
          value += text.slice(seg, i);
          i += 1;
          closed = true;
          break;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
          line += 1;
          lineStart = i + 1;
        }
        i += 1;
      }
      if (!closed) {
        problems.push({ code: 'unterminated-quote', line: openLine });
        return err(problems);
      }
      // After the closing quote: spaces are tolerated, anything else is a problem.
      let j = i;
      while (j < n && (text.charCodeAt(j) === 0x20 || (text.charCodeAt(j) === 0x09 && D !== 0x09))) j += 1;
      const after = text.charCodeAt(j);
      if (j < n && after !== D && after !== CR && after !== LF) {
        if (problems.length < MAX_PROBLEMS) problems.push({ code: 'text-after-quote', line, column: j - lineStart + 1 });
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === D || c === CR || c === LF) break;
          k += 1;
        }
        value += text.slice(i, k);
        j = k;
      }
      i = j;
      row.push(pool.cell(value));
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === D || c === CR || c === LF) break;
        i += 1;
      }
      row.push(pool.cell(text.slice(start, i)));
    }
    // After a field: delimiter, line end or end of text.
    if (i >= n) {
      endRow();
      break;
    }
    if (text.charCodeAt(i) === D) {
      i += 1;
      if (i >= n) {
        row.push('');
        endRow();
        break;
      }
      continue;
    }
    eol();
    endRow();
    rowLine = line;
    if (i >= n) break;
  }

  if (problems.length > 0) return err(problems);
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1]!)) {
    rows.pop();
    lines.pop();
  }
  return ok({ rows, lines, delimiter, detected });
}
