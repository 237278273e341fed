/**
 * The machine-readable payload printed as QR codes on the signed protocol (format v1).
 *
 * Payload (ASCII text, fields separated by `|`):
 *
 *   PD1|<electionId>|<precinct>|<formId>|<formVersion>|<protocolVersion>|<mark>|<v1,v2,…,vn>|<hash>|<signature>
 *
 *   electionId, formId   [A-Za-z0-9._:-]{1,80} (the ids of the bundle and the form)
 *   precinct             1–99999
 *   formVersion          ≥ 1; protocolVersion ≥ 1 (n + 1 after a correction)
 *   mark                 O original · R repeated · C corrected
 *   values               every line value in form order (expanded form: candidates in ballot order),
 *                        decimal whole numbers ≥ 0, comma-separated
 *   hash                 the protocol hash, 64 lower-case hex (signing.ts `protocolHash`)
 *   signature            the device signature, opaque base64url ([A-Za-z0-9_-]*, may be empty)
 *
 * Chunks: the payload is cut into pieces, each printed as its own QR code:
 *
 *   PDQ1:<CRC>:<seq>/<total>:<piece>
 *
 *   CRC    CRC-32 (IEEE) of the whole payload, 8 upper-case hex: names the set (a chunk of another
 *          set is "foreign") and checks the reassembled payload
 *   seq    1…total; total ≤ 99
 *
 * Every chunk, including a lone one, is at most `maxChunkLength` characters. Default 600: QR version
 * 20 at error correction M holds 666 bytes in byte mode; the payload is ASCII-only, so 600 characters
 * leave room. Byte mode (not alphanumeric) because the base64url signature and the ids use lower-case
 * letters and `_`, which the 45-character alphanumeric set lacks.
 */
import type { ProtocolMark } from './events';
import type { ExpandedForm } from './form';
import { err, ok, type Result } from '../util/result';

export const QR_PAYLOAD_PREFIX = 'PD1';
export const QR_CHUNK_PREFIX = 'PDQ1';
/** Fits a QR version 20, ECC M, byte mode (capacity 666 bytes). */
export const DEFAULT_MAX_CHUNK_LENGTH = 600;
export const MAX_CHUNKS = 99;

const ID = /^[A-Za-z0-9._:-]{1,80}$/u;
const HASH = /^[0-9a-f]{64}$/u;
const SIGNATURE = /^[A-Za-z0-9_-]{0,4096}$/u;
const MARK_CODES: Record<ProtocolMark, string> = { original: 'O', repeated: 'R', corrected: 'C' };
const MARKS_BY_CODE: Record<string, ProtocolMark> = { O: 'original', R: 'repeated', C: 'corrected' };

export interface QrProtocolPayload {
  electionId: string;
  precinct: number;
  formId: string;
  formVersion: number;
  protocolVersion: number;
  mark: ProtocolMark;
  /** Every line value in form order. */
  values: number[];
  hash: string;
  signature: string;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of an ASCII/Latin-1 text (each char code taken as one byte), 8 upper-case hex digits. */
export function crc32Hex(text: string): string {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i += 1) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------
// Encoding

const isWhole = (n: number, min: number, max: number) => Number.isSafeInteger(n) && n >= min && n <= max;

/** The payload text; throws RangeError on a value that cannot be encoded (a caller's bug). */
export function payloadText(p: QrProtocolPayload): string {
  if (!ID.test(p.electionId)) throw new RangeError('qr: electionId');
  if (!ID.test(p.formId)) throw new RangeError('qr: formId');
  if (!isWhole(p.precinct, 1, 99_999)) throw new RangeError('qr: precinct');
  if (!isWhole(p.formVersion, 1, 100_000)) throw new RangeError('qr: formVersion');
  if (!isWhole(p.protocolVersion, 1, 1000)) throw new RangeError('qr: protocolVersion');
  if (!(p.mark in MARK_CODES)) throw new RangeError('qr: mark');
  if (p.values.length === 0 || p.values.some((v) => !isWhole(v, 0, Number.MAX_SAFE_INTEGER))) throw new RangeError('qr: values');
  if (!HASH.test(p.hash)) throw new RangeError('qr: hash');
  if (!SIGNATURE.test(p.signature)) throw new RangeError('qr: signature');
  return [
    QR_PAYLOAD_PREFIX, p.electionId, String(p.precinct), p.formId, String(p.formVersion), String(p.protocolVersion),
    MARK_CODES[p.mark], p.values.join(','), p.hash, p.signature,
  ].join('|');
}

function header(crc: string, seq: number, total: number): string {
  return `${QR_CHUNK_PREFIX}:${crc}:${seq}/${total}:`;
}

/** The chunks to print, in order. Throws RangeError when the payload needs more than 99 chunks. */
export function encodeQrChunks(p: QrProtocolPayload, maxChunkLength: number = DEFAULT_MAX_CHUNK_LENGTH): string[] {
  const text = payloadText(p);
  const crc = crc32Hex(text);
  // The header grows with the digits of the total: find the smallest total that fits.
  for (let total = 1; total <= MAX_CHUNKS; total += 1) {
    const room = maxChunkLength - header(crc, total, total).length;
    if (room <= 0) break;
    if (Math.ceil(text.length / room) <= total) {
      // Even pieces (the longest is ceil(length / total) ≤ room).
      const chunks: string[] = [];
      for (let i = 0; i < total; i += 1) {
        const from = Math.floor((i * text.length) / total);
        const to = Math.floor(((i + 1) * text.length) / total);
        chunks.push(header(crc, i + 1, total) + text.slice(from, to));
      }
      return chunks;
    }
  }
  throw new RangeError(`qr: payload of ${text.length} characters does not fit ${MAX_CHUNKS} chunks of ${maxChunkLength}`);
}

// ---------------------------------------------------------------------------------------------
// Decoding

export type QrProblem =
  | { code: 'no-chunks' }
  | { code: 'not-a-chunk'; index: number }
  | { code: 'unsupported-version'; index: number }
  | { code: 'foreign-chunk'; index: number; set: string; expected: string }
  | { code: 'total-mismatch'; index: number; total: number; expected: number }
  | { code: 'duplicate-chunk'; seq: number }
  | { code: 'missing-chunk'; seq: number; total: number }
  | { code: 'checksum-mismatch'; expected: string; actual: string }
  | { code: 'malformed-payload'; field: string };


export interface QrDecoded {
  payload: QrProtocolPayload;
  total: number;
  /** Sequence numbers scanned more than once with the same content (harmless, ignored). */
  ignoredDuplicates: number[];
}

export type QrDecodeResult = Result<QrDecoded, QrProblem[]>;

const CHUNK = /^PDQ(\d+):([0-9A-F]{8}):(\d{1,2})\/(\d{1,2}):(.*)$/su;

interface ParsedChunk {
  index: number;
  crc: string;
  seq: number;
  total: number;
  data: string;
}

/** Reassembles chunks scanned in any order and checks them; never throws. */
export function decodeQrChunks(chunks: readonly string[]): QrDecodeResult {
  if (chunks.length === 0) return err([{ code: 'no-chunks' }]);
  const problems: QrProblem[] = [];
  const parsed: ParsedChunk[] = [];
  chunks.forEach((raw, index) => {
    const m = CHUNK.exec(raw.trim());
    if (!m) return void problems.push({ code: 'not-a-chunk', index });
    if (m[1] !== '1') return void problems.push({ code: 'unsupported-version', index });
    const seq = Number(m[3]);
    const total = Number(m[4]);
    if (seq < 1 || total < 1 || seq > total) return void problems.push({ code: 'not-a-chunk', index });
    parsed.push({ index, crc: m[2]!, seq, total, data: m[5]! });
  });
  if (parsed.length === 0) return err(problems);

  // The set is the one most chunks belong to (ties: the first scanned); others are foreign.
  const votes = new Map<string, number>();
  for (const c of parsed) votes.set(c.crc, (votes.get(c.crc) ?? 0) + 1);
  let set = parsed[0]!.crc;
  for (const [crc, n] of votes) if (n > (votes.get(set) ?? 0)) set = crc;
  const mine = parsed.filter((c) => {
    if (c.crc === set) return true;
    problems.push({ code: 'foreign-chunk', index: c.index, set: c.crc, expected: set });
    return false;
  });
  const total = mine[0]!.total;
  const bySeq = new Map<number, string>();
  const ignoredDuplicates: number[] = [];
  const conflicting = new Set<number>();
  for (const c of mine) {
    if (c.total !== total) {
      problems.push({ code: 'total-mismatch', index: c.index, total: c.total, expected: total });
      continue;
    }
    const seen = bySeq.get(c.seq);
    if (seen === undefined) bySeq.set(c.seq, c.data);
    else if (seen === c.data) ignoredDuplicates.push(c.seq);
    else conflicting.add(c.seq);
  }
  for (const seq of conflicting) problems.push({ code: 'duplicate-chunk', seq });
  for (let seq = 1; seq <= total; seq += 1) if (!bySeq.has(seq)) problems.push({ code: 'missing-chunk', seq, total });
  if (problems.length > 0) return err(problems);

  let text = '';
  for (let seq = 1; seq <= total; seq += 1) text += bySeq.get(seq)!;
  const actual = crc32Hex(text);
  if (actual !== set) return err([{ code: 'checksum-mismatch', expected: set, actual }]);
  const payload = parsePayloadText(text);
  if (!payload.ok) return payload;
  return ok({ payload: payload.value, total, ignoredDuplicates });
}

/** Parses a payload text (already reassembled). */
export function parsePayloadText(text: string): Result<QrProtocolPayload, QrProblem[]> {
  const bad = (field: string) => err([{ code: 'malformed-payload' as const, field }]);
  const f = text.split('|');
  if (f.length !== 10 || f[0] !== QR_PAYLOAD_PREFIX) return bad('format');
  const [, electionId, precinct, formId, formVersion, protocolVersion, mark, values, hash, signature] = f as [
    string, string, string, string, string, string, string, string, string, string,
  ];
  const whole = (s: string, min: number, max: number): number | null => {
    if (!/^\d{1,16}$/u.test(s)) return null;
    const n = Number(s);
    return isWhole(n, min, max) ? n : null;
  };
  if (!ID.test(electionId)) return bad('electionId');
  const p = whole(precinct, 1, 99_999);
  if (p === null) return bad('precinct');
  if (!ID.test(formId)) return bad('formId');
  const fv = whole(formVersion, 1, 100_000);
  if (fv === null) return bad('formVersion');
  const pv = whole(protocolVersion, 1, 1000);
  if (pv === null) return bad('protocolVersion');
  // Own keys only: 'constructor' or 'toString' typed into a code must not read Object.prototype.
  const m = Object.hasOwn(MARKS_BY_CODE, mark) ? MARKS_BY_CODE[mark] : undefined;
  if (!m) return bad('mark');
  const nums = values.split(',').map((v) => whole(v, 0, Number.MAX_SAFE_INTEGER));
  if (nums.some((n) => n === null)) return bad('values');
  if (!HASH.test(hash)) return bad('hash');
  if (!SIGNATURE.test(signature)) return bad('signature');
  return ok({ electionId, precinct: p, formId, formVersion: fv, protocolVersion: pv, mark: m, values: nums as number[], hash, signature });
}

// ---------------------------------------------------------------------------------------------
// Between the payload and a form

/** Values in form order, for the payload. */
export function valuesInFormOrder(form: ExpandedForm, values: Readonly<Record<string, number>>): number[] {
  return form.lines.map((l) => {
    const v = values[l.key];
    if (v === undefined) throw new RangeError(`qr: no value for line ${l.key}`);
    return v;
  });
}

export type QrFormProblem =
  | { code: 'form-mismatch'; formId: string; formVersion: number }
  | { code: 'line-count-mismatch'; lines: number; values: number };

/** The decoded values keyed by line key, when the payload is of this form. */
export function valuesFromPayload(
  form: ExpandedForm,
  payload: QrProtocolPayload,
): Result<Record<string, number>, QrFormProblem[]> {
  if (payload.formId !== form.id || payload.formVersion !== form.version) {
    return err([{ code: 'form-mismatch', formId: payload.formId, formVersion: payload.formVersion }]);
  }
  if (payload.values.length !== form.lines.length) {
    return err([{ code: 'line-count-mismatch', lines: form.lines.length, values: payload.values.length }]);
  }
  return ok(Object.fromEntries(form.lines.map((l, i) => [l.key, payload.values[i]!])));
}
