/**
 * Reads the worksheet holding the list (`listSheet`: the first visible one with a voter-list header)
 * into rows of text, streaming (issue 19): the ZIP's entries are inflated one at a time
 * (zip-entries.ts) and their XML tokenized chunk by chunk (xml-tokens.ts); no part of the workbook is
 * held whole except its shared strings, and a sheet becomes rows of text as it is read — never a
 * model of cell objects (exceljs, the reader before, held ≈ 600 MB of them for 100,000 rows).
 *
 * The text of each cell is what the exceljs reader gave (tests/unit/renderer/voters/xlsx-stream.test.ts
 * compares the two cell for cell): strings trimmed, rich text joined as it is, a number under a date
 * format as 'YYYY-MM-DD' (exceljs's serial → Date, the 1900 leap-year bug kept, date1904 from
 * workbookPr), a whole number under a zero-padding format ("0000000") with its leading zeros,
 * formulas as their cached result, booleans 'true'/'false', errors and empty cells as '', a merged
 * range's cells all with its first cell's text. Where exceljs refused a file it could well read (a
 * row or cell without its `r`, positions then implied) or gave nonsense (an ISO date cell `t="d"`),
 * this reader reads it. Merged cells in the header row are reported: a merged header hides which
 * column is which.
 */
import { headerScore } from '../../../../shared/voters/mapping';
import type { WorkbookSheet } from '../../../../shared/voters/workbook';
import { err, ok, type Result } from '../../../../shared/util/result';
import { blobSource, bytesSource, entryChunks, zipEntries, ZipError, type InflateBudget, type ZipEntry, type ZipLimits, type ZipSource } from './zip-entries';
import { decodeText, tokenize, type XmlHandler } from './xml-tokens';

export interface SheetTable {
  header: string[];
  rows: string[][];
  merges: { header: boolean; ref: string }[];
  headerRow?: number;
  /** File rows that repeated the header, blanked in `rows` (see shared/voters/sheet.ts). */
  repeatedHeaders?: number[];
}

/**
 * Every row of the sheet (from row 1, empty rows included) and its merged ranges; the header is found
 * by the caller. `sheet` is the sheet read; `otherLists` the other visible sheets that also hold a
 * voter-list header with rows below it (a list split one sheet per page would otherwise be read as
 * its first sheet alone, in silence).
 */
export type XlsxResult = Result<
  {
    all: string[][];
    merges: { header: boolean; ref: string }[];
    sheet: string;
    otherLists: string[];
    /** Every visible sheet, read as `all` is, when `otherLists` is not empty (the list may be taken from all of them); else []. */
    sheets: (WorkbookSheet & Pick<SheetRead, 'hidden'>)[];
    /** The read sheet's hidden rows and columns that hold text (see SheetRead). */
    hidden: SheetRead['hidden'];
  },
  { code: 'xlsx-unreadable' | 'xlsx-no-sheet' | 'ods-file' | 'docx-file' | 'xlsb-file' } | { code: 'xlsx-too-large'; params: { limit: number } }
>;

/**
 * What the workbook may inflate to: a zip bomb (a small file unpacking to gigabytes) is refused once
 * an entry or the whole passes these, counted as it inflates. A 100,000-row list's sheet is ≈ 60 MB.
 */
export const XLSX_LIMITS: ZipLimits = { entryBytes: 400 * 1024 * 1024, totalBytes: 800 * 1024 * 1024 };

/** Excel's own bounds: a row or column beyond them is a broken file, not a list. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

class Unreadable extends Error {}

/** exceljs's isDateFmt: date characters outside [brackets] and "quotes". */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/u.test(code.replace(/\[[^\]]*\]/gu, '').replace(/"[^"]*"/gu, ''));
}

/** The built-in formats (ECMA-376 18.8.30) that are dates; the rest carry no date and no zero padding that matters. */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/** What a cell's style says about its number: a date, or zero-padded to `pad` digits. */
interface NumberStyle {
  date: boolean;
  pad: number;
}

/**
 * The text as a string of its own: a slice of 13+ characters is a view that keeps its parent (a
 * whole chunk of the part's XML) alive as long as the cell is; built by concatenation and then cut,
 * it is flattened into a copy (as the CSV parser's CellPool does).
 */
function own(text: string): string {
  return text.length >= 13 ? ` ${text}`.slice(1) : text;
}

/** `_xHHHH_` escapes (a carriage return stored as `_x000D_`), as exceljs decodes them in shared and rich text. */
function unescapeX(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** exceljs's second decoding of a `t="str"` value (its five named entities only). */
function xmlDecodeAgain(s: string): string {
  return s.includes('&') ? s.replace(/&([a-z]*);/gu, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c) : s;
}

function dateText(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

/** dateText remembered by serial (a list's birth dates repeat: some 25,000 days for 100,000 voters). */
function dateTexts(date1904: boolean): (serial: number) => string {
  const seen = new Map<number, string>();
  return (serial) => {
    let text = seen.get(serial);
    if (text === undefined) {
      text = dateText(serial, date1904);
      if (seen.size < 100_000) seen.set(serial, text);
    }
    return text;
  };
}

/**
 * A number as the sheet shows it where that matters: a whole number under a zero-padding format
 * ("0000000") keeps its leading zeros, as the paper list prints them (a document "0012345" stored as
 * the number 12345 would otherwise never be found by what is written on it).
 */
function numberText(value: number, pad: number): string {
  if (pad > 0 && Number.isInteger(value) && value >= 0) return String(value).padStart(pad, '0');
  return String(value);
}

/** 'AB' → 28; 0 when not letters. */
function columnNumber(ref: string): number {
  let c = 0;
  let i = 0;
  if (ref[0] === '$') i += 1;
  for (; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) c = c * 26 + code - 64;
    else if (code >= 97 && code <= 122) c = c * 26 + code - 96;
    else break;
  }
  return c;
}

function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** 'B3' / '$B$3' → {row: 3, col: 2}; null when not a cell reference. */
function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/u.exec(ref.trim());
  if (!m) return null;
  return { col: columnNumber(m[1]!), row: Number(m[2]) };
}

interface Part {
  read(entry: ZipEntry, h: XmlHandler): Promise<void>;
}

interface WorkbookInfo {
  sheets: { name: string; state: string | undefined; path: string }[];
  date1904: boolean;
  /** The styles' and shared strings' parts, where the workbook's relationships name them. */
  styles: string;
  strings: string;
}

/** A part by its path, its case ignored where no part has it exactly (some writers capitalise). */
function partAt(entries: Map<string, ZipEntry>, path: string): ZipEntry | undefined {
  const exact = entries.get(path);
  if (exact) return exact;
  const lower = path.toLowerCase();
  for (const [name, entry] of entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

/** A relationship's target as a part's path: from the archive's root ('/xl/…') or relative to `dir`. */
function resolve(dir: string, target: string): string {
  const t = target.trim().replace(/\\/gu, '/');
  const parts = t.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const p of t.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** The relationships of a part: id → {type, target as a path}. */
async function relationships(part: Part, entries: Map<string, ZipEntry>, of: string): Promise<Map<string, { type: string; path: string }>> {
  const slash = of.lastIndexOf('/');
  const dir = slash < 0 ? '' : of.slice(0, slash);
  const rels = partAt(entries, `${dir === '' ? '' : `${dir}/`}_rels/${of.slice(slash + 1)}.rels`);
  const out = new Map<string, { type: string; path: string }>();
  if (!rels) return out;
  await part.read(rels, {
    open(name, attrs) {
      if (name === 'Relationship' && attrs.Id !== undefined && attrs.Target !== undefined && attrs.TargetMode !== 'External') out.set(attrs.Id, { type: attrs.Type ?? '', path: resolve(dir, attrs.Target) });
    },
    close() {},
    text() {},
  });
  return out;
}

async function readWorkbook(part: Part, entries: Map<string, ZipEntry>): Promise<WorkbookInfo> {
  // The workbook part named by the package's relationships (xl/workbook.xml as Excel writes it).
  const root = [...(await relationships(part, entries, '')).values()].find((r) => r.type.endsWith('/officeDocument'));
  const bookPath = root && partAt(entries, root.path) ? root.path : 'xl/workbook.xml';
  const book = partAt(entries, bookPath);
  if (!book) throw new Unreadable('no workbook part');
  const listed: { name: string; state: string | undefined; rid: string }[] = [];
  let date1904 = false;
  await part.read(book, {
    open(name, attrs) {
      if (name === 'sheet') {
        const ridKey = Object.keys(attrs).find((k) => k.endsWith(':id'));
        listed.push({ name: attrs.name ?? '', state: attrs.state, rid: ridKey ? attrs[ridKey]! : '' });
      } else if (name === 'workbookPr') date1904 = attrs.date1904 === '1';
    },
    close() {},
    text() {},
  });
  const rels = await relationships(part, entries, bookPath);
  const sheets: WorkbookInfo['sheets'] = [];
  for (const s of listed) {
    const rel = rels.get(s.rid);
    // A chart sheet, or a sheet whose part is missing, is not a worksheet (skipped, as exceljs skipped it).
    if (!rel || !rel.type.endsWith('/worksheet') || !partAt(entries, rel.path)) continue;
    sheets.push({ name: s.name, state: s.state, path: rel.path });
  }
  const typed = (type: string, fallback: string) => [...rels.values()].find((r) => r.type.endsWith(type))?.path ?? fallback;
  return { sheets, date1904, styles: typed('/styles', 'xl/styles.xml'), strings: typed('/sharedStrings', 'xl/sharedStrings.xml') };
}

/** Each cell style's (cellXfs) number format, as a date or a zero padding. */
async function readStyles(part: Part, entry: ZipEntry | undefined): Promise<NumberStyle[]> {
  if (!entry) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await part.read(entry, {
    open(name, attrs, self) {
      if (name === 'numFmt' && attrs.numFmtId !== undefined) custom.set(parseInt(attrs.numFmtId, 10), (attrs.formatCode ?? '').replace(/[\\](.)/gu, '$1'));
      else if (name === 'cellXfs') inCellXfs = !self;
      else if (name === 'xf' && inCellXfs) xfs.push(parseInt(attrs.numFmtId ?? '0', 10));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfs.map((id) => {
    if (!id) return { date: false, pad: 0 };
    const code = custom.get(id) || undefined;
    if (code === undefined) return { date: builtInDate(id), pad: 0 };
    return { date: isDateFormat(code), pad: /^0+$/u.test(code) ? code.length : 0 };
  });
}

/** The shared strings as cells show them: plain text trimmed, rich text's runs joined as they are. */
async function readSharedStrings(part: Part, entry: ZipEntry | undefined): Promise<string[]> {
  if (!entry) return [];
  const out: string[] = [];
  let plain: string | null = null;
  let runs: string[] | null = null;
  let run: string | null = null;
  let text: string[] | null = null;
  let phonetic = 0;
  await part.read(entry, {
    open(name, _attrs, self) {
      if (self && name !== 'si' && name !== 't') return;
      switch (name) {
        case 'si':
          plain = null;
          runs = null;
          run = null;
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 'r':
          if (phonetic === 0) run = '';
          break;
        case 't':
          if (phonetic === 0) text = [];
          break;
      }
    },
    text(raw, cdata) {
      if (text) text.push(cdata ? raw : decodeText(raw));
    },
    close(name) {
      switch (name) {
        case 'rPh':
          phonetic -= 1;
          break;
        case 't':
          if (text) {
            const t = unescapeX(text.join(''));
            if (run !== null) run = t;
            else plain = t;
            text = null;
          }
          break;
        case 'r':
          if (run !== null) (runs ??= []).push(run);
          run = null;
          break;
        case 'si':
          out.push(own(runs ? runs.join('') : plain !== null ? plain.trim() : ''));
          break;
      }
    },
  });
  return out;
}

interface SheetRead {
  all: string[][];
  merges: { header: boolean; ref: string }[];
  /**
   * What Excel hides and the import reads all the same (issue 19's trial: a list saved with a
   * filter on, or with a column of old values hidden): the sheet's rows (1-based) hidden that hold
   * some text, and its columns (1-based) hidden that hold some text.
   */
  hidden: { rows: number[]; columns: number[] };
}

/** An XML flag set ("1" or "true"). */
function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/**
 * One worksheet, streamed: each row's cells become text as the row ends (`rowsRead` told of each),
 * then the merged ranges spread their first cell's text over the rest, as exceljs's merged cells show it.
 */
async function readSheet(part: Part, entry: ZipEntry, strings: readonly string[], styles: readonly NumberStyle[], date1904: boolean, rowRead: () => void): Promise<SheetRead> {
  const rows: (string[] | undefined)[] = [];
  const mergeRefs: string[] = [];
  const date = dateTexts(date1904);
  let rowNumber = 0;
  const hiddenRows: number[] = [];
  const hiddenColumns: [number, number][] = [];
  let cols: number[] = [];
  let texts: string[] = [];
  let inRow = false;
  // The cell being read.
  let inCell = false;
  let col = 0;
  let type = '';
  let style = 0;
  let value: string[] | null = null;
  let capture: 'v' | 'f' | 'run' | null = null;
  let formula = false;
  let runs: string[] | null = null;
  let runText: string[] | null = null;
  let inRun = false;

  const cellText = (): string => {
    const v = value ? value.join('') : undefined;
    const numberStyle = style ? styles[style] : undefined;
    if (formula) {
      if (!v) return '';
      if (type === 'str') return own(xmlDecodeAgain(v).trim());
      if (type === 'b') return String(parseInt(v, 10) !== 0);
      if (type === 'e') return '';
      const n = parseFloat(v);
      return numberStyle?.date ? date(n) : String(n);
    }
    if (runs) return own(runs.join(''));
    if (v === undefined) return '';
    switch (type) {
      case 's':
        return strings[parseInt(v, 10)] ?? '';
      case 'str':
        return own(xmlDecodeAgain(v).trim());
      case 'inlineStr':
        return own(v.trim());
      case 'b':
        return String(parseInt(v, 10) !== 0);
      case 'e':
        return '';
      case 'd': {
        // An ISO 8601 date cell (exceljs read it as a serial number: parseFloat('2024-…') = 2024).
        const m = /^\s*(\d{4}-\d{2}-\d{2})/u.exec(v);
        return m ? m[1]! : own(v.trim());
      }
      default: {
        const n = parseFloat(v);
        if (numberStyle?.date) return date(n);
        return numberText(n, numberStyle?.pad ?? 0);
      }
    }
  };

  await part.read(entry, {
    open(name, attrs, self) {
      switch (name) {
        case 'row': {
          const r = attrs.r !== undefined ? parseInt(attrs.r, 10) : rowNumber + 1;
          rowNumber = r >= 1 ? r : rowNumber + 1;
          if (rowNumber > MAX_ROW) throw new Unreadable('a row beyond 1,048,576');
          if (flag(attrs.hidden)) hiddenRows.push(rowNumber);
          inRow = true;
          cols = [];
          texts = [];
          col = 0;
          if (self) rows[rowNumber - 1] = [];
          return;
        }
        case 'c': {
          if (!inRow) return;
          const at = attrs.r !== undefined ? columnNumber(attrs.r) : 0;
          col = at > 0 ? at : col + 1;
          if (col > MAX_COL) throw new Unreadable('a column beyond XFD');
          type = attrs.t ?? '';
          style = attrs.s !== undefined ? parseInt(attrs.s, 10) || 0 : 0;
          value = null;
          formula = false;
          runs = null;
          inRun = false;
          capture = null;
          inCell = !self;
          if (self) {
            cols.push(col);
            texts.push('');
          }
          return;
        }
        case 'v':
        case 't':
          if (inCell && !self) capture = inRun ? 'run' : 'v';
          if (inRun && !self) runText = [];
          return;
        case 'f':
          if (!inCell) return;
          if (attrs.t !== undefined) formula = true;
          if (!self) capture = 'f';
          return;
        case 'r':
          if (inCell && !self) {
            inRun = true;
            runText = null;
          }
          return;
        case 'mergeCell':
          if (attrs.ref !== undefined) mergeRefs.push(attrs.ref);
          return;
        case 'col': {
          if (inRow || !flag(attrs.hidden)) return;
          const min = parseInt(attrs.min ?? '', 10);
          const max = parseInt(attrs.max ?? attrs.min ?? '', 10);
          if (min >= 1 && max >= min) hiddenColumns.push([min, Math.min(max, MAX_COL)]);
          return;
        }
      }
    },
    text(raw, cdata) {
      if (capture === null) return;
      const t = cdata ? raw : decodeText(raw);
      if (capture === 'v') (value ??= []).push(t);
      else if (capture === 'f') {
        if (t !== '') formula = true;
      } else runText?.push(t);
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
        case 'f':
          capture = null;
          return;
        case 'r':
          if (inRun) {
            (runs ??= []).push(runText ? unescapeX(runText.join('')) : '');
            inRun = false;
            runText = null;
          }
          return;
        case 'c':
          if (!inCell) return;
          inCell = false;
          capture = null;
          cols.push(col);
          texts.push(cellText());
          return;
        case 'row': {
          if (!inRow) return;
          inRow = false;
          // A cell given twice: the later one counts; trailing empty cells are not columns.
          let width = 0;
          for (let i = 0; i < cols.length; i += 1) if (texts[i] !== '' && cols[i]! > width) width = cols[i]!;
          const cells = new Array<string>(width).fill('');
          for (let i = 0; i < cols.length; i += 1) if (cols[i]! <= width) cells[cols[i]! - 1] = texts[i]!;
          while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
          rows[rowNumber - 1] = cells;
          rowRead();
          return;
        }
      }
    },
  });

  // Merged ranges: every cell of one shows its first cell's text; the ranges keyed by that cell,
  // normalised ('C1:A1' → 'A1:C1'), as exceljs lists them.
  const merges = new Map<string, string>();
  for (const ref of mergeRefs) {
    const [a, b] = ref.split(':');
    const p = a !== undefined ? cellRef(a) : null;
    const q = b !== undefined ? cellRef(b) : p;
    if (!p || !q) continue;
    const top = Math.min(p.row, q.row);
    const bottom = Math.max(p.row, q.row);
    const left = Math.min(p.col, q.col);
    const right = Math.max(p.col, q.col);
    if (bottom > MAX_ROW || right > MAX_COL) throw new Unreadable('a merged range beyond the sheet');
    const master = `${columnLetters(left)}${top}`;
    merges.set(master, `${master}:${columnLetters(right)}${bottom}`);
    const text = rows[top - 1]?.[left - 1] ?? '';
    rows[top - 1] ??= [];
    for (let r = top; r <= bottom; r += 1) {
      const cells = (rows[r - 1] ??= []);
      if (text === '') {
        // Empty like its first cell: the range's cells lose what they held.
        for (let c = left; c <= right; c += 1) if ((r > top || c > left) && c <= cells.length) cells[c - 1] = '';
        while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
        continue;
      }
      while (cells.length < right) cells.push('');
      for (let c = left; c <= right; c += 1) if (r > top || c > left) cells[c - 1] = text;
    }
  }
  let width = 0;
  const all: string[][] = [];
  for (let i = 0; i < rows.length; i += 1) {
    const cells = rows[i] ?? [];
    if (cells.length > width) width = cells.length;
    all.push(cells);
  }
  for (const cells of all) while (cells.length < width) cells.push('');
  const holdsText = (cells: readonly string[] | undefined) => cells !== undefined && cells.some((c) => c !== '');
  const hidden = {
    rows: [...new Set(hiddenRows)].filter((r) => holdsText(all[r - 1])).sort((a, b) => a - b),
    columns: hiddenColumnsWithText(hiddenColumns, all, width),
  };
  // Whether a merge touches the header is decided by checkTable once the header row is known.
  return { all, merges: [...merges.values()].map((ref) => ({ ref, header: false })), hidden };
}

/** The hidden columns (ranges from `<col>`) within the sheet's width that hold text in some row. */
function hiddenColumnsWithText(ranges: readonly [number, number][], all: readonly string[][], width: number): number[] {
  const out = new Set<number>();
  for (const [min, max] of ranges) {
    for (let c = min; c <= Math.min(max, width); c += 1) {
      if (!out.has(c) && all.some((cells) => (cells[c - 1] ?? '') !== '')) out.add(c);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * A ZIP package that is another program's document, not a workbook (it has no workbook part): an
 * OpenDocument spreadsheet (LibreOffice's .ods: content.xml beside the mimetype) or a Word document
 * (word/document.xml: a list typed as a table), or Excel's binary workbook (.xlsb). Named, so the secretary is told what to save it as
 * instead of "damaged".
 */
function otherPackage(entries: Map<string, ZipEntry>): 'ods-file' | 'docx-file' | 'xlsb-file' | null {
  if (partAt(entries, 'xl/workbook.xml')) return null;
  if (partAt(entries, 'content.xml') && partAt(entries, 'mimetype')) return 'ods-file';
  if (partAt(entries, 'word/document.xml')) return 'docx-file';
  // Excel's binary workbook (.xlsb): the same package, its parts binary, not XML.
  if (partAt(entries, 'xl/workbook.bin')) return 'xlsb-file';
  return null;
}

interface Sheet extends SheetRead {
  name: string;
  state: string | undefined;
}

function isVisible(s: { state: string | undefined }): boolean {
  return s.state === undefined || s.state === 'visible';
}

/** The row (1-based) among the first 20 that names at least 3 voter fields (its first 100 columns), or null. */
function listHeaderRow(all: readonly string[][]): number | null {
  for (let r = 1; r <= Math.min(all.length, 20); r += 1) if (headerScore((all[r - 1] ?? []).slice(0, 100)) >= 3) return r;
  return null;
}

/** Some text in a row below `header`. */
function rowsBelow(all: readonly string[][], header: number): boolean {
  for (let r = header; r < all.length; r += 1) if (all[r]!.some((c) => c !== '')) return true;
  return false;
}

/**
 * How a workbook is read; `onRows` is told the rows read so far, every 2,000 (sheet rows, the header
 * and titles among them: not told at the end, where the import's own count of data rows follows).
 */
export interface XlsxOptions {
  onRows?: (rows: number) => void;
  limits?: ZipLimits;
}

/**
 * The list's sheet read from a workbook (its bytes, or the File itself: then it is sliced, never read
 * whole). The list's sheet is the first visible one with a header naming at least 3 voter fields in its
 * first 20 rows (a workbook may open with a cover sheet, or keep hidden lookup sheets first); else the
 * first visible one; else the first. Only visible sheets are read (a hidden one when none is visible).
 */
export async function readXlsx(data: Uint8Array | Blob, options: XlsxOptions = {}): Promise<XlsxResult> {
  const source: ZipSource = data instanceof Uint8Array ? bytesSource(data) : blobSource(data);
  const limits = options.limits ?? XLSX_LIMITS;
  const budget: InflateBudget = { used: 0 };
  const part: Part = { read: (entry, h) => tokenize(entryChunks(source, entry, limits, budget), h) };
  let read = 0;
  const onRows = options.onRows;
  const rowRead = () => {
    read += 1;
    if (onRows && read % 2000 === 0) onRows(read);
  };
  try {
    const entries = await zipEntries(source);
    const other = otherPackage(entries);
    if (other) return err({ code: other });
    const book = await readWorkbook(part, entries);
    if (book.sheets.length === 0) return err({ code: 'xlsx-no-sheet' });
    const styles = await readStyles(part, partAt(entries, book.styles));
    const strings = await readSharedStrings(part, partAt(entries, book.strings));
    const visible = book.sheets.filter(isVisible);
    const toRead = visible.length > 0 ? visible : book.sheets.slice(0, 1);
    const sheets: Sheet[] = [];
    for (const s of toRead) {
      const entry = partAt(entries, s.path)!;
      sheets.push({ name: s.name, state: s.state, ...(await readSheet(part, entry, strings, styles, book.date1904, rowRead)) });
    }
    const headers = new Map(sheets.map((s) => [s, listHeaderRow(s.all)]));
    const sheet = visible.length > 0 ? (sheets.find((s) => headers.get(s) !== null) ?? sheets[0]!) : sheets[0]!;
    const otherLists = sheets
      .filter((s) => s !== sheet && isVisible(s))
      .filter((s) => {
        const header = headers.get(s) ?? null;
        return header !== null && rowsBelow(s.all, header);
      })
      .map((s) => s.name);
    const all = otherLists.length > 0 ? sheets.filter(isVisible).map((s) => ({ name: s.name, all: s.all, merges: s.merges, hidden: s.hidden })) : [];
    return ok({ all: sheet.all, merges: sheet.merges, sheet: sheet.name, otherLists, sheets: all, hidden: sheet.hidden });
  } catch (e) {
    if (e instanceof ZipError && e.kind === 'too-large') return err({ code: 'xlsx-too-large', params: { limit: Math.round(limits.entryBytes / (1024 * 1024)) } });
    return err({ code: 'xlsx-unreadable' });
  }
}
