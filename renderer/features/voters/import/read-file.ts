/** Reads a chosen file into a table of text: CSV through decoding and parsing, XLSX through our streaming reader (read-xlsx.ts). */
import { readBundle } from '../../../../shared/election/bundle';
import { checkTable, columnLetter, combineSheets, decodeVoterFile, parseCsv, tableFromFieldColumns, tableFromRows, type SheetPart, type VoterMapping } from '../../../../shared/voters';
import { sha256Hex } from '../../../../shared/util/sha256';
import { err, ok, type Result } from '../../../../shared/util/result';
import { readXlsx, type SheetTable } from './read-xlsx';

export type EncodingChoice = 'auto' | 'utf-8' | 'windows-1251' | 'ibm866';

export interface FileProblem {
  code: string;
  params?: Record<string, string | number>;
}

export interface ReadTable {
  kind: 'csv' | 'xlsx' | 'bundle';
  table: SheetTable;
  encoding: string | null;
  fileName: string;
  /** SHA-256 of the file; for a bundle, its content hash (the one the setup records). */
  fileHash: string;
  warnings: FileProblem[];
  /** Exact mapping when the file names its columns by field (a bundle); else guessed by the screen. */
  mapping?: VoterMapping;
  /** Every row of the file (the header row among them), so the user can pick another header row. */
  all: string[][];
  merges: { header: boolean; ref: string }[];
  /**
   * A workbook whose list goes on over several sheets with the same recognised columns: the sheets
   * (`parts`, with their row counts), whether they were taken as one list (`combined`; else the first
   * is read alone, as before) and the sheets left out (other columns: a summary, notes).
   */
  sheets?: { combined: boolean; parts: SheetPart[]; left: string[] };
}

export type ReadFile = Result<ReadTable, FileProblem[]>;

/**
 * The table with the header at file row `headerRow` (1-based), or found below title rows when not
 * given; refused whole when its structure is wrong.
 */
export function tableAt(
  all: readonly string[][],
  merges: { header: boolean; ref: string }[],
  headerRow?: number,
): Result<SheetTable, FileProblem[]> {
  const table = tableFromRows(all, { merges, ...(headerRow !== undefined ? { headerRow } : {}) });
  const checked = checkTable(table);
  if (!checked.ok) return err(checked.error.map((p) => ({ code: p.code, params: p.params ?? {} })));
  return ok({ ...table, merges });
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A JSON object that names the bundle format: `{` first, after an optional BOM and spaces. */
function looksLikeBundle(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i += 1;
  return bytes[i] === 0x7b;
}

/** This precinct's list out of an election bundle, checked like the bundle loader checks it. */
async function readBundleList(bytes: Uint8Array, fileName: string, precinct: number): Promise<ReadFile> {
  const text = new TextDecoder('utf-8').decode(bytes);
  const checked = await readBundle(text);
  if (!checked.ok) return err(checked.error.slice(0, 20).map((p) => ({ code: 'bundle-invalid', params: { problem: p.code, path: p.path } })));
  const list = checked.value.bundle.voterLists?.find((l) => l.precinct === precinct);
  if (!list) return err([{ code: 'bundle-no-list', params: { precinct } }]);
  const { table, mapping } = tableFromFieldColumns(list.columns, list.rows);
  const sound = checkTable(table);
  if (!sound.ok) return err(sound.error.map((p) => ({ code: p.code, params: p.params ?? {} })));
  return ok({
    kind: 'bundle',
    table: { ...table, merges: [] },
    mapping,
    encoding: null,
    fileName,
    fileHash: checked.value.hash,
    warnings: [],
    all: [table.header, ...table.rows],
    merges: [],
  });
}

/**
 * The file's text, handed over once (`take`): the decoder's answer is not held by the caller while
 * the text is parsed, so the text is freed with the parse.
 */
function decodeCsv(
  held: { bytes: Uint8Array },
  encoding: EncodingChoice,
): Result<{ encoding: string; warnings: FileProblem[]; take(): string }, { code: string; params?: Record<string, string | number> }> {
  const decoded = decodeVoterFile(held.bytes, encoding === 'auto' ? undefined : encoding);
  // The bytes are let go once decoded (the caller holds them only through `held`).
  held.bytes = new Uint8Array(0);
  if (!decoded.ok) return decoded;
  let text: string | null = decoded.value.text;
  return ok({
    encoding: decoded.value.encoding,
    warnings: decoded.value.warningDetails.map((w) => ({ code: w.code, params: w.params ?? {} })),
    take() {
      const t = text ?? '';
      text = null;
      return t;
    },
  });
}

/** At most this many rows, columns or sheets are named in a warning; the count says how many there are. */
const LISTED = 10;

function listed(items: readonly string[]): string {
  return items.slice(0, LISTED).join(', ') + (items.length > LISTED ? ', …' : '');
}

/**
 * Warnings for what Excel hides and the import reads all the same: rows hidden below the header
 * (a list saved with a filter on, voters someone meant to leave out) and hidden columns that hold
 * text — the secretary compares the list with what Excel shows, and must know these are in it.
 * Each sheet is given with its header row; a sheet's name is put before its rows when the list
 * comes from several sheets.
 */
function hiddenWarnings(sheets: readonly { name: string | null; headerRow: number; hidden: { rows: number[]; columns: number[] } }[]): FileProblem[] {
  const rows: string[] = [];
  const columns: string[] = [];
  for (const s of sheets) {
    const below = s.hidden.rows.filter((r) => r > s.headerRow);
    const put = (items: string[]) => (s.name !== null && items.length > 0 ? [`«${s.name}» ${items[0]}`, ...items.slice(1)] : items);
    rows.push(...put(below.map(String)));
    columns.push(...put(s.hidden.columns.map((c) => columnLetter(c - 1))));
  }
  const out: FileProblem[] = [];
  if (rows.length > 0) out.push({ code: 'hidden-rows', params: { rows: listed(rows), count: rows.length } });
  if (columns.length > 0) out.push({ code: 'hidden-columns', params: { columns: listed(columns), count: columns.length } });
  return out;
}

/**
 * `headerRowFor(all)` may name the header row (1-based) – the one remembered for this layout; else
 * it is found below title rows.
 */
export async function readVoterFile(
  file: Pick<File, 'name' | 'arrayBuffer'>,
  encoding: EncodingChoice,
  precinct: number,
  headerRowFor: (all: readonly string[][]) => number | undefined = () => undefined,
  /** Told the rows parsed so far (CSV and XLSX), for the import screen's progress. */
  onRows?: (rows: number) => void,
  /** A list over several sheets with the same columns is taken whole (false: its first sheet alone). */
  combine = true,
): Promise<ReadFile> {
  // The bytes held through `held` only, so the CSV path can let them go before parsing.
  const held = { bytes: new Uint8Array(await file.arrayBuffer()) };
  if (held.bytes.length === 0) return err([{ code: 'empty-file' }]);
  if (looksLikeBundle(held.bytes)) return readBundleList(held.bytes, file.name, precinct);
  const fileHash = await sha256Hex(held.bytes);
  const isXlsx = XLSX_MAGIC.every((b, i) => held.bytes[i] === b);
  let all: string[][];
  let merges: { header: boolean; ref: string }[] = [];
  let used: string | null = null;
  let sheets: ReadTable['sheets'];
  let hidden: { rows: number[]; columns: number[] } | null = null;
  const warnings: FileProblem[] = [];
  if (isXlsx) {
    const x = await readXlsx(held.bytes, onRows ? { onRows } : {});
    if (!x.ok) return err([{ code: x.error.code, ...('params' in x.error ? { params: x.error.params } : {}) }]);
    const several = x.value.sheets.length > 0 ? combineSheets(x.value.sheets) : null;
    if (several && combine) {
      // The sheets taken as one list: the header row is each sheet's own (no other can be picked).
      const sound = checkTable(several.table);
      if (!sound.ok) return err(sound.error.map((p) => ({ code: p.code, params: p.params ?? {} })));
      // One sheet a page with no page column: the page is each sheet's name, or the names are named.
      const unnamed = several.sheetsWithoutPage ?? [];
      if (unnamed.length > 0) return err([{ code: 'sheet-names-no-page', params: { sheets: listed(unnamed.map((name) => `«${name}»`)), count: unnamed.length } }]);
      if (several.pagesFromNames) {
        const pages = several.parts.map((p) => `«${p.name}» → ${p.page ?? ''}`);
        warnings.push({ code: 'pages-from-sheet-names', params: { pages: listed(pages), count: pages.length } });
      }
      const left = several.left;
      if (left.length > 0) warnings.push({ code: 'sheets-left-out', params: { others: listed(left), count: left.length } });
      const hiddenOf = new Map(x.value.sheets.map((s) => [s.name, s.hidden]));
      warnings.push(...hiddenWarnings(several.parts.map((p) => ({ name: p.name, headerRow: p.headerRow, hidden: hiddenOf.get(p.name) ?? { rows: [], columns: [] } }))));
      const table = { ...several.table, merges: [] };
      const sheets = { combined: true, parts: several.parts, left };
      return ok({ kind: 'xlsx', table, encoding: null, fileName: file.name, fileHash, warnings, all: [], merges: [], sheets });
    }
    all = x.value.all;
    merges = x.value.merges;
    hidden = x.value.hidden;
    if (several) sheets = { combined: false, parts: several.parts, left: several.left };
    const others = x.value.otherLists;
    if (others.length > 0) warnings.push({ code: 'other-sheets', params: { sheet: x.value.sheet, others: listed(others), count: others.length } });
  } else {
    const text = decodeCsv(held, encoding);
    // The parameters (line of the broken byte, binary format, encoding) go into the message.
    if (!text.ok) return err([{ code: text.error.code, params: text.error.params ?? {} }]);
    used = text.value.encoding;
    warnings.push(...text.value.warnings);
    // The text alone goes to the parser (the bytes and the decoder's answer are not kept while it
    // runs; issue 19: the file's bytes, its text and its rows were held at once).
    const parsed = parseCsv(text.value.take(), onRows ? { onRows } : {});
    if (!parsed.ok) return err(parsed.error.map((p) => ({ code: p.code, params: { line: p.line } })));
    all = parsed.value.rows;
  }
  const t = tableAt(all, merges, headerRowFor(all));
  if (!t.ok) return t;
  if (hidden) warnings.push(...hiddenWarnings([{ name: null, headerRow: t.value.headerRow ?? 1, hidden }]));
  return ok({ kind: isXlsx ? 'xlsx' : 'csv', table: t.value, encoding: used, fileName: file.name, fileHash, warnings, all, merges, ...(sheets ? { sheets } : {}) });
}
