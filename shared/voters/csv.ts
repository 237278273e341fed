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

  /** `shared` false: each cell its own copy, none remembered (rows read, used and let go one at a time). */
  constructor(private readonly shared = true) {}

  cell(value: string): string {
    if (!this.shared) return value.length >= 13 ? ` ${value}`.slice(1) : value;
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
  const rows: string[][] = [];
  const lines: number[] = [];
  const reader = new CsvReader((cells, line) => {
    rows.push(cells);
    lines.push(line);
  }, options);
  reader.push(input);
  const end = reader.end();
  if (!end.ok) return end;
  return ok({ rows, lines, delimiter: end.value.delimiter, detected: end.value.detected });
}

/** Enough text to decide the delimiter as on the whole text (`detectDelimiter` reads at most this much). */
const DETECT_CHARS = 256 * 1024;

/**
 * `parseCsv` fed piece by piece (issue 19, memory: the file's text is never whole, and the rows go to
 * `onRow` as they end, so a caller may check each and let it go). The rows, their lines, problems and
 * the delimiter are exactly `parseCsv`'s on the whole text, wherever the pieces are cut (a quote, a
 * doubled quote, CR LF split between two pieces): a row is parsed only once its end is in hand, the
 * unfinished rest kept for the next piece. Trailing blank rows are held back, and dropped at `end`.
 * Rows given to `onRow` before `end` answers problems are not a table: the file is refused.
 * `sharedCells: false` for rows used and let go one at a time: equal cells are then not made one
 * string (the pool would hold every distinct cell of the file to the end).
 */
export class CsvReader {
  private buf = '';
  private started = false;
  private ended = false;
  private delimiter: CsvDelimiter | undefined;
  private detected = false;
  private D = 0;
  /** Physical line of the next row, and where that line starts (absolute, in the text after any `sep=` line). */
  private line = 1;
  private lineStart = 0;
  /** Absolute position of `buf`'s first character. */
  private base = 0;
  private readonly problems: CsvProblem[] = [];
  private readonly pool: CellPool;
  private parsed = 0;
  /** Blank rows not yet known not to be trailing. */
  private blanks: { cells: string[]; line: number }[] = [];
  private failed = false;

  constructor(
    private readonly onRow: (cells: string[], line: number) => void,
    private readonly options: { delimiter?: CsvDelimiter; onRows?: (rows: number) => void; sharedCells?: boolean } = {},
  ) {
    this.delimiter = options.delimiter;
    this.pool = new CellPool(options.sharedCells ?? true);
  }

  push(chunk: string): void {
    if (this.ended) throw new Error('CsvReader: push after end');
    if (chunk.length === 0 || this.failed) return;
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    if (!this.started && !this.start(false)) return;
    this.parse();
  }

  end(): Result<{ delimiter: CsvDelimiter; detected: boolean; rows: number }, CsvProblem[]> {
    this.ended = true;
    if (!this.failed) {
      if (!this.started) this.start(true);
      this.parse();
    }
    this.buf = '';
    this.blanks = [];
    if (this.problems.length > 0) return err(this.problems);
    return ok({ delimiter: this.delimiter ?? ';', detected: this.detected, rows: this.parsed });
  }

  /** The BOM, a `sep=` line and the delimiter, once enough text is in hand (or all of it). */
  private start(last: boolean): boolean {
    let text = this.buf;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // A `sep=` line is known once its line end is (a CR: and what follows it), or the text ended;
    // the delimiter once 256 KB after it are in hand.
    const sepPending = text.length <= 4 ? 'sep='.startsWith(text.toLowerCase()) : /^sep=.[ \t]*\r?$/iu.test(text);
    if (!last && sepPending) return false;
    const sep = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/iu.exec(text);
    const after = sep ? text.length - sep[0].length : text.length;
    if (!last && !this.delimiter && after < DETECT_CHARS) return false;
    if (sep) {
      const d = sep[1] as CsvDelimiter;
      if (!this.delimiter && (CANDIDATES as readonly string[]).includes(d)) this.delimiter = d;
      text = text.slice(sep[0].length);
      this.line = 2;
    }
    if (!this.delimiter) {
      this.delimiter = detectDelimiter(text);
      this.detected = true;
    }
    this.D = this.delimiter.charCodeAt(0);
    this.buf = text;
    this.started = true;
    return true;
  }

  private emit(cells: string[], line: number): void {
    this.parsed += 1;
    if (isBlankRow(cells)) this.blanks.push({ cells, line });
    else {
      for (const b of this.blanks) this.onRow(b.cells, b.line);
      this.blanks = [];
      this.onRow(cells, line);
    }
    // Progress for the import screen, every 2,000 rows.
    if (this.options.onRows && this.parsed % 2000 === 0) this.options.onRows(this.parsed);
  }

  /**
   * Every row whose end is in `buf` (all of it once ended); the unfinished row stays in `buf`. The
   * loop is `parseCsv`'s: wherever it would look past the text's end before the text has ended, it
   * stops and the row is parsed again with the next piece.
   */
  private parse(): void {
    const text = this.buf;
    const n = text.length;
    const last = this.ended;
    const D = this.D;
    const pool = this.pool;
    const problems = this.problems;
    let i = 0;
    let line = this.line;
    let lineStart = this.lineStart - this.base;
    // Where the row being parsed started, and the state to go back to.
    let rowStart = 0;
    let rowLine = line;
    let row: string[] = [];
    if (n === 0) return;
    const more = () => !last;
    // Problems found in the row being parsed are dropped with it when it is parsed again.
    let kept = problems.length;
    const rollback = () => {
      problems.length = kept;
      i = rowStart;
      line = rowLine;
      lineStart = rowStart;
    };
    const rowEnded = () => {
      this.emit(row, rowLine);
      row = [];
      rowStart = i;
      kept = problems.length;
    };
    outer: for (;;) {
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
            if (i + 1 >= n && more()) break;
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
          if (c === CR && i + 1 >= n && more()) break;
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
            line += 1;
            lineStart = i + 1;
          }
          i += 1;
        }
        if (!closed) {
          if (more()) {
            rollback();
            break outer;
          }
          problems.push({ code: 'unterminated-quote', line: openLine });
          this.failed = true;
          return;
        }
        // After the closing quote: spaces are tolerated, anything else is a problem.
        let j = i;
        while (j < n && (text.charCodeAt(j) === 0x20 || (text.charCodeAt(j) === 0x09 && D !== 0x09))) j += 1;
        if (j >= n && more()) {
          rollback();
          break outer;
        }
        const after = text.charCodeAt(j);
        if (j < n && after !== D && after !== CR && after !== LF) {
          if (problems.length < MAX_PROBLEMS) problems.push({ code: 'text-after-quote', line, column: j - lineStart + 1 });
          let k = j;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === D || c === CR || c === LF) break;
            k += 1;
          }
          if (k >= n && more()) {
            rollback();
            break outer;
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
        if (i >= n && more()) {
          rollback();
          break outer;
        }
        row.push(pool.cell(text.slice(start, i)));
      }
      // After a field: delimiter, line end or end of text.
      if (i >= n) {
        rowEnded();
        break;
      }
      const c = text.charCodeAt(i);
      if (c === D) {
        i += 1;
        if (i >= n) {
          if (more()) {
            rollback();
            break outer;
          }
          row.push('');
          rowEnded();
          break;
        }
        continue;
      }
      // A line end (CRLF, LF or CR).
      if (c === CR) {
        if (i + 1 >= n && more()) {
          rollback();
          break outer;
        }
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i += 1;
      line += 1;
      lineStart = i;
      rowEnded();
      rowLine = line;
      if (i >= n) break;
    }
    // What is left (an unfinished row) waits for the next piece.
    this.buf = rowStart >= n ? '' : text.slice(rowStart);
    this.base += rowStart;
    this.line = line;
    this.lineStart = this.base + (lineStart - rowStart);
  }
}
