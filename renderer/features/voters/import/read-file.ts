/** Reads a chosen file into a table of text: CSV through decoding and parsing, XLSX through exceljs. */
import { checkTable, decodeVoterFile, parseCsv } from '../../../../shared/voters';
import { sha256Hex } from '../../../../shared/util/sha256';
import { readXlsx, type SheetTable } from './read-xlsx';

export type EncodingChoice = 'auto' | 'utf-8' | 'windows-1251';

export interface FileProblem {
  code: string;
  params?: Record<string, string | number>;
}

export type ReadFile =
  | { ok: true; kind: 'csv' | 'xlsx'; table: SheetTable; encoding: string | null; fileName: string; fileHash: string; warnings: FileProblem[] }
  | { ok: false; problems: FileProblem[] };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function readVoterFile(file: File, encoding: EncodingChoice): Promise<ReadFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) return { ok: false, problems: [{ code: 'empty-file' }] };
  const fileHash = await sha256Hex(bytes);
  const isXlsx = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  let table: SheetTable;
  let used: string | null = null;
  const warnings: FileProblem[] = [];
  if (isXlsx) {
    const x = await readXlsx(bytes);
    if (!x.ok) return { ok: false, problems: [{ code: x.code }] };
    table = x.table;
  } else {
    const decoded = decodeVoterFile(bytes, encoding === 'auto' ? undefined : encoding);
    // The parameters (line of the broken byte, binary format, encoding) go into the message.
    if (!decoded.ok) return { ok: false, problems: [{ code: decoded.code, params: decoded.params ?? {} }] };
    used = decoded.encoding;
    warnings.push(...decoded.warningDetails.map((w) => ({ code: w.code, params: w.params ?? {} })));
    const parsed = parseCsv(decoded.text);
    if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ code: p.code, params: { line: p.line } })) };
    const [header = [], ...rows] = parsed.rows;
    table = { header, rows, merges: [] };
  }
  const problems = checkTable(table);
  if (problems.length > 0) return { ok: false, problems: problems.map((p) => ({ code: p.code, params: p.params ?? {} })) };
  return { ok: true, kind: isXlsx ? 'xlsx' : 'csv', table, encoding: used, fileName: file.name, fileHash, warnings };
}
