/** Reads a chosen file into a table of text: CSV through decoding and parsing, XLSX through our streaming reader (read-xlsx.ts). */
import { readBundle } from '../../../../shared/election/bundle';
import { checkTable, combineSheets, CsvReader, decodeVoterFileInPieces, repeatsHeader, TEXT_PIECE_BYTES, tableFromFieldColumns, tableFromRows, type SheetPart, type VoterMapping } from '../../../../shared/voters';
import { Sha256Stream } from '../../../../shared/util/sha256-sync';
import { err, ok, type Result } from '../../../../shared/util/result';
import { readXlsx, type SheetTable } from './read-xlsx';

export type EncodingChoice = 'auto' | 'utf-8' | 'windows-1251';

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
 * A CSV file's rows, each handed to `onRow` as it is read: the bytes decoded a piece at a time into
 * the parser, so the file's text is never whole (issue 19, memory). The decoder's problem (empty,
 * binary, markup, broken UTF-8) comes before the parser's; on either, what was handed over is not a list.
 */
function readCsvRows(
  bytes: Uint8Array,
  encoding: EncodingChoice,
  onRow: (cells: string[]) => void,
  onRows?: (rows: number) => void,
): Result<{ encoding: string; warnings: FileProblem[] }, FileProblem[]> {
  const reader = new CsvReader(onRow, onRows ? { onRows } : {});
  const decoded = decodeVoterFileInPieces(bytes, encoding === 'auto' ? undefined : encoding, (piece) => reader.push(piece));
  const parsed = reader.end();
  // The parameters (line of the broken byte, binary format, encoding) go into the message.
  if (!decoded.ok) return err([{ code: decoded.error.code, params: decoded.error.params ?? {} }]);
  if (!parsed.ok) return err(parsed.error.map((p) => ({ code: p.code, params: { line: p.line } })));
  return ok({ encoding: decoded.value.encoding, warnings: decoded.value.warningDetails.map((w) => ({ code: w.code, params: w.params ?? {} })) });
}

/** The bytes of a file read a slice at a time in `eachCsvDataRow`. */
const SLICE_BYTES = 1 << 20;

/**
 * The data rows of a CSV file read before (its table: `header` at file row `headerRow`; the
 * encoding the read decided), read from the file again and handed to `onRow` one at a time as
 * `tableAt` gave them (a row repeating the header blank; `index` 0-based, file row
 * `headerRow + 1 + index`), none of them held, the file read a slice at a time (issue 19, memory:
 * the check and the row-run question go through the file instead of keeping its rows). Refused when
 * the file is not the one read (its hash, taken as it is read, differs): the rows handed over are then
 * not the table's.
 */
export async function eachCsvDataRow(
  file: Pick<Blob, 'size' | 'slice'>,
  encoding: string,
  table: { header: readonly string[]; headerRow: number },
  fileHash: string,
  onRow: (cells: readonly string[], index: number) => void,
): Promise<Result<void, 'changed'>> {
  const repeats = repeatsHeader(table.header);
  let fileRow = 0;
  const reader = new CsvReader(
    (cells) => {
      fileRow += 1;
      if (fileRow <= table.headerRow) return;
      onRow(repeats?.(cells) ? cells.map(() => '') : cells, fileRow - table.headerRow - 1);
    },
    { sharedCells: false },
  );
  // The decoder the read chose (a byte-order mark skipped as it did).
  const bom = encoding === 'utf-8-bom' ? 3 : encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 0;
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { ignoreBOM: true });
  const hash = new Sha256Stream();
  for (let at = 0; at < file.size; at += SLICE_BYTES) {
    const bytes = new Uint8Array(await file.slice(at, at + SLICE_BYTES).arrayBuffer());
    hash.bytes(bytes);
    // Decoded in small pieces: each dies young (see TEXT_PIECE_BYTES).
    for (let from = at === 0 ? bom : 0; from < bytes.length; from += TEXT_PIECE_BYTES) {
      reader.push(decoder.decode(bytes.subarray(from, from + TEXT_PIECE_BYTES), { stream: true }));
    }
  }
  reader.push(decoder.decode());
  const parsed = reader.end();
  if (hash.hex() !== fileHash) return err('changed');
  // The same bytes read the same way: read once, they are read again.
  if (!parsed.ok) throw new Error(`the file could not be read again (${parsed.error[0]?.code ?? ''})`);
  return ok(undefined);
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
  // Hashed here, a block at a time (WebCrypto would take a copy of the file's bytes).
  const fileHash = new Sha256Stream().bytes(held.bytes).hex();
  const isXlsx = XLSX_MAGIC.every((b, i) => held.bytes[i] === b);
  let all: string[][];
  let merges: { header: boolean; ref: string }[] = [];
  let used: string | null = null;
  let sheets: ReadTable['sheets'];
  const warnings: FileProblem[] = [];
  if (isXlsx) {
    const x = await readXlsx(held.bytes, onRows ? { onRows } : {});
    if (!x.ok) return err([{ code: x.error.code, ...('params' in x.error ? { params: x.error.params } : {}) }]);
    const several = x.value.sheets.length > 0 ? combineSheets(x.value.sheets) : null;
    if (several && combine) {
      // The sheets taken as one list: the header row is each sheet's own (no other can be picked).
      const sound = checkTable(several.table);
      if (!sound.ok) return err(sound.error.map((p) => ({ code: p.code, params: p.params ?? {} })));
      const left = several.left;
      if (left.length > 0) warnings.push({ code: 'sheets-left-out', params: { others: left.slice(0, 10).join(', ') + (left.length > 10 ? ', …' : ''), count: left.length } });
      const table = { ...several.table, merges: [] };
      const sheets = { combined: true, parts: several.parts, left };
      return ok({ kind: 'xlsx', table, encoding: null, fileName: file.name, fileHash, warnings, all: [], merges: [], sheets });
    }
    all = x.value.all;
    merges = x.value.merges;
    if (several) sheets = { combined: false, parts: several.parts, left: several.left };
    const others = x.value.otherLists;
    if (others.length > 0) warnings.push({ code: 'other-sheets', params: { sheet: x.value.sheet, others: others.slice(0, 10).join(', ') + (others.length > 10 ? ', …' : ''), count: others.length } });
  } else {
    const rows: string[][] = [];
    const bytes = held.bytes;
    // The bytes are let go once read (the caller holds them only through `held`).
    held.bytes = new Uint8Array(0);
    const read = readCsvRows(bytes, encoding, (cells) => rows.push(cells), onRows);
    if (!read.ok) return read;
    used = read.value.encoding;
    warnings.push(...read.value.warnings);
    all = rows;
  }
  const t = tableAt(all, merges, headerRowFor(all));
  if (!t.ok) return t;
  return ok({ kind: isXlsx ? 'xlsx' : 'csv', table: t.value, encoding: used, fileName: file.name, fileHash, warnings, all, merges, ...(sheets ? { sheets } : {}) });
}
