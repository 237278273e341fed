/** The CSV parser as it was before it read pieces (main at 6484d4e), verbatim: the reference the piecewise reader is compared with. */
import { err, ok } from '../../../../shared/util/result';
import { CellPool, detectDelimiter, type CsvDelimiter, type CsvProblem, type CsvResult } from '../../../../shared/voters/csv';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const MAX_PROBLEMS = 100;
const CANDIDATES: readonly CsvDelimiter[] = [';', '\t', ','];

function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/** Parses CSV text (see the module comment). A leading U+FEFF is ignored. */
export function referenceParseCsv(input: string, options: { delimiter?: CsvDelimiter; onRows?: (rows: number) => void } = {}): CsvResult {
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
