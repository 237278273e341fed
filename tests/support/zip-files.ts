/**
 * ZIP archives for the XLSX reader's tests: a workbook's parts taken out (through the reader's own
 * zip-entries.ts) and written again with some changed, and archives built to be refused (a wrong
 * CRC, garbage data, a size that lies, a bomb). Node's zlib deflates; crc32 is zlib's.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { bytesSource, entryChunks, zipEntries } from '../../renderer/features/voters/import/zip-entries';

export interface ZipPart {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Written into the headers instead of the true values. */
  crc?: number;
  size?: number;
  /** The compressed bytes written instead of the deflated data. */
  raw?: Uint8Array;
  flags?: number;
}

/** A ZIP of the parts, in order (no ZIP64). */
export function zipOf(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const body = Buffer.from(p.raw ?? (method === 8 ? deflateRawSync(p.data) : p.data));
    const name = Buffer.from(p.name, 'utf8');
    const crc = p.crc ?? crc32(p.data);
    const size = p.size ?? p.data.length;
    const flags = (p.flags ?? 0) | 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

/** Every part of an archive, inflated, in the archive's order. */
export async function unzipParts(bytes: Uint8Array): Promise<ZipPart[]> {
  const source = bytesSource(bytes);
  const out: ZipPart[] = [];
  for (const entry of (await zipEntries(source)).values()) {
    const chunks: Uint8Array[] = [];
    for await (const c of entryChunks(source, entry, { entryBytes: 1 << 30, totalBytes: 1 << 30 }, { used: 0 })) chunks.push(c);
    out.push({ name: entry.name, data: new Uint8Array(Buffer.concat(chunks)) });
  }
  return out;
}

/** The workbook with its parts changed by `edit` (name → new text; null removes the part). */
export async function editXlsx(bytes: Uint8Array, edit: Record<string, ((xml: string) => string) | null>): Promise<Uint8Array> {
  const parts = await unzipParts(bytes);
  const out: ZipPart[] = [];
  for (const p of parts) {
    const e = edit[p.name];
    if (e === null) continue;
    out.push(e ? { name: p.name, data: new Uint8Array(Buffer.from(e(Buffer.from(p.data).toString('utf8')), 'utf8')) } : p);
  }
  for (const [name, e] of Object.entries(edit)) if (e && !parts.some((p) => p.name === name)) out.push({ name, data: new Uint8Array(Buffer.from(e(''), 'utf8')) });
  return zipOf(out);
}
