/** Reads a chosen file into a table of text: CSV through decoding and parsing, XLSX through exceljs. */
import { readBundle } from '../../../../shared/election/bundle';
import { checkTable, decodeVoterFile, parseCsv, tableFromFieldColumns, tableFromRows, type VoterMapping } from '../../../../shared/voters';
import { sha256Hex } from '../../../../shared/util/sha256';
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
 * `headerRowFor(all)` may name the header row (1-based) – the one remembered for this layout; else
 * it is found below title rows.
 */
export async function readVoterFile(
  file: Pick<File, 'name' | 'arrayBuffer'>,
  encoding: EncodingChoice,
  precinct: number,
  headerRowFor: (all: readonly string[][]) => number | undefined = () => undefined,
  /** Told the rows parsed so far (CSV), for the import screen's progress. */
  onRows?: (rows: number) => void,
): Promise<ReadFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) return err([{ code: 'empty-file' }]);
  if (looksLikeBundle(bytes)) return readBundleList(bytes, file.name, precinct);
  const fileHash = await sha256Hex(bytes);
  const isXlsx = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  let all: string[][];
  let merges: { header: boolean; ref: string }[] = [];
  let used: string | null = null;
  const warnings: FileProblem[] = [];
  if (isXlsx) {
    const x = await readXlsx(bytes);
    if (!x.ok) return err([{ code: x.error.code }]);
    all = x.value.all;
    merges = x.value.merges;
  } else {
    const decoded = decodeVoterFile(bytes, encoding === 'auto' ? undefined : encoding);
    // The parameters (line of the broken byte, binary format, encoding) go into the message.
    if (!decoded.ok) return err([{ code: decoded.error.code, params: decoded.error.params ?? {} }]);
    used = decoded.value.encoding;
    warnings.push(...decoded.value.warningDetails.map((w) => ({ code: w.code, params: w.params ?? {} })));
    const parsed = parseCsv(decoded.value.text, onRows ? { onRows } : {});
    if (!parsed.ok) return err(parsed.error.map((p) => ({ code: p.code, params: { line: p.line } })));
    all = parsed.value.rows;
  }
  const t = tableAt(all, merges, headerRowFor(all));
  if (!t.ok) return t;
  return ok({ kind: isXlsx ? 'xlsx' : 'csv', table: t.value, encoding: used, fileName: file.name, fileHash, warnings, all, merges });
}
