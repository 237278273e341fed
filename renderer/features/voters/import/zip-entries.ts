/**
 * The entries of a ZIP file (an XLSX workbook), read without holding the archive's contents: the
 * central directory is found from the end (ZIP64 where the counts or offsets overflow), and one entry
 * at a time is streamed through `DecompressionStream('deflate-raw')` (stored entries as they are),
 * its CRC-32 and length checked at its end. Encrypted, multi-disk, truncated or corrupt archives and
 * compression methods other than stored/deflate are refused (`ZipError` 'unreadable'); an entry that
 * inflates beyond `limits` is refused as 'too-large' (a zip bomb), counted as it inflates, never held.
 */

/** Where the archive's bytes come from: a File/Blob (sliced), or bytes already in memory. */
export interface ZipSource {
  readonly size: number;
  bytes(start: number, end: number): Promise<Uint8Array>;
  stream(start: number, end: number): ReadableStream<Uint8Array>;
}

export class ZipError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  /** The most one entry may inflate to. */
  entryBytes: number;
  /** The most all entries read may inflate to together. */
  totalBytes: number;
}

const CHUNK = 256 * 1024;

export function blobSource(blob: Blob): ZipSource {
  return {
    size: blob.size,
    bytes: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    stream: (start, end) => blob.slice(start, end).stream(),
  };
}

export function bytesSource(data: Uint8Array): ZipSource {
  return {
    size: data.byteLength,
    bytes: (start, end) => Promise.resolve(data.subarray(start, end)),
    stream: (start, end) => {
      let at = start;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= end) {
            controller.close();
            return;
          }
          const next = Math.min(end, at + CHUNK);
          // A copy: the decompressor may keep (or, in some engines, detach) what it is given.
          controller.enqueue(data.slice(at, next));
          at = next;
        },
      });
    },
  };
}

const bad = (why: string) => new ZipError('unreadable', why);

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** A 64-bit little-endian size as a number; refused above 2^53 (no archive of ours is that big). */
function u64(d: DataView, at: number): number {
  const lo = d.getUint32(at, true);
  const hi = d.getUint32(at + 4, true);
  if (hi > 0x1fffff) throw bad('a ZIP64 size beyond 2^53');
  return hi * 0x100000000 + lo;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The central directory is read whole: this bounds it (a workbook has some tens of entries). */
const MAX_CENTRAL = 16 * 1024 * 1024;

/** The archive's entries by name, from its central directory. */
export async function zipEntries(source: ZipSource): Promise<Map<string, ZipEntry>> {
  const size = source.size;
  if (size < 22) throw bad('shorter than an end-of-directory record');
  const tailStart = Math.max(0, size - (22 + 0xffff));
  const tail = await source.bytes(tailStart, size);
  const t = view(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    // The record whose comment reaches exactly to the end of the file.
    if (t.getUint32(i, true) === EOCD && i + 22 + t.getUint16(i + 20, true) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw bad('no end-of-directory record (truncated, or not a ZIP)');
  if (t.getUint16(at + 4, true) !== 0 || t.getUint16(at + 6, true) !== 0) throw bad('a multi-disk archive');
  let count = t.getUint16(at + 10, true);
  let centralSize = t.getUint32(at + 12, true);
  let centralOffset = t.getUint32(at + 16, true);
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    const locAt = tailStart + at - 20;
    if (locAt < 0) throw bad('a ZIP64 archive without its locator');
    const loc = view(await source.bytes(locAt, locAt + 20));
    if (loc.getUint32(0, true) !== EOCD64_LOCATOR) throw bad('a ZIP64 archive without its locator');
    const recAt = u64(loc, 8);
    if (recAt + 56 > size) throw bad('the ZIP64 record lies outside the file');
    const rec = view(await source.bytes(recAt, recAt + 56));
    if (rec.getUint32(0, true) !== EOCD64) throw bad('no ZIP64 end-of-directory record');
    count = u64(rec, 32);
    centralSize = u64(rec, 40);
    centralOffset = u64(rec, 48);
  }
  if (centralSize > MAX_CENTRAL || centralOffset + centralSize > size) throw bad('the central directory lies outside the file');
  const dir = await source.bytes(centralOffset, centralOffset + centralSize);
  const d = view(dir);
  const names = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n += 1) {
    if (p + 46 > dir.length || d.getUint32(p, true) !== CENTRAL) throw bad('a broken central directory');
    const flags = d.getUint16(p + 8, true);
    const method = d.getUint16(p + 10, true);
    const crc = d.getUint32(p + 16, true);
    let compressedSize = d.getUint32(p + 20, true);
    let usize = d.getUint32(p + 24, true);
    const nameLength = d.getUint16(p + 28, true);
    const extraLength = d.getUint16(p + 30, true);
    const commentLength = d.getUint16(p + 32, true);
    let localOffset = d.getUint32(p + 42, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > dir.length) throw bad('a broken central directory');
    const name = names.decode(dir.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 sizes and offset, in that order, for the fields that overflowed.
    let x = p + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = d.getUint16(x, true);
      const len = d.getUint16(x + 2, true);
      if (id === 0x0001) {
        let f = x + 4;
        const take = () => {
          if (f + 8 > x + 4 + len) throw bad('a short ZIP64 field');
          const v = u64(d, f);
          f += 8;
          return v;
        };
        if (usize === 0xffffffff) usize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + len;
    }
    // Named as a path from the root: a leading '/' dropped, Windows' '\\' as '/' (some tools write them).
    const path = name.replace(/\\/gu, '/');
    entries.set(path.startsWith('/') ? path.slice(1) : path, { name, method, flags, crc, compressedSize, size: usize, localOffset });
    p = end;
  }
  return entries;
}

/** The running total of inflated bytes over every entry read from one archive. */
export interface InflateBudget {
  used: number;
}

let crcTable: Int32Array | null = null;
function crc32(crc: number, bytes: Uint8Array): number {
  let table = crcTable;
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    crcTable = table;
  }
  let c = crc ^ -1;
  for (let i = 0; i < bytes.length; i += 1) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * The entry's inflated bytes, chunk by chunk. Throws ZipError at a bad local header, an encrypted
 * entry, an unknown method, too many bytes, or (at its end) a length or CRC-32 other than recorded.
 */
export async function* entryChunks(source: ZipSource, entry: ZipEntry, limits: ZipLimits, budget: InflateBudget): AsyncGenerator<Uint8Array> {
  if (entry.flags & 1) throw bad(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw bad(`${entry.name} uses compression method ${entry.method}`);
  if (entry.size > limits.entryBytes || budget.used + entry.size > limits.totalBytes) throw new ZipError('too-large', `${entry.name} inflates to ${entry.size} bytes`);
  if (entry.localOffset + 30 > source.size) throw bad(`${entry.name}'s header lies outside the file`);
  const local = view(await source.bytes(entry.localOffset, entry.localOffset + 30));
  if (local.getUint32(0, true) !== LOCAL) throw bad(`${entry.name} has no local header`);
  const start = entry.localOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  const end = start + entry.compressedSize;
  if (end > source.size) throw bad(`${entry.name} is cut short (truncated file)`);
  let stream = source.stream(start, end);
  if (entry.method === 8) stream = stream.pipeThrough(new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  let crc = 0;
  let length = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw bad(`${entry.name} does not inflate (corrupt data)`);
      }
      if (next.done) break;
      const chunk = next.value;
      length += chunk.length;
      budget.used += chunk.length;
      // Counted as it inflates: a size recorded small does not let a bomb through.
      if (length > limits.entryBytes || budget.used > limits.totalBytes) throw new ZipError('too-large', `${entry.name} inflates beyond the limit`);
      if (length > entry.size) throw bad(`${entry.name} is longer than recorded`);
      crc = crc32(crc, chunk);
      yield chunk;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  if (length !== entry.size) throw bad(`${entry.name} is shorter than recorded`);
  if (crc !== entry.crc) throw bad(`${entry.name} fails its CRC-32 check`);
}
