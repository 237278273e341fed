/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, synchronous. WebCrypto's digest is asynchronous: on the
 * laptop every append awaited a hop out of the transaction's task for a hash of a few hundred
 * bytes. This one runs inline (about 10 µs for an event); large inputs still go to WebCrypto.
 * Tested against WebCrypto on random inputs.
 */
import { canonicalJson } from './canonical-json';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();
const w = new Int32Array(64);
const INITIAL = Int32Array.of(0x6a09e667, 0xbb67ae85 | 0, 0x3c6ef372, 0xa54ff53a | 0, 0x510e527f, 0x9b05688c | 0, 0x1f83d9ab, 0x5be0cd19);

/** One 64-byte block of `view` at `offset` folded into the state `H` (FIPS 180-4 §6.2.2). */
function compress(H: Int32Array, view: DataView, offset: number): void {
  for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(offset + i * 4);
  for (let i = 16; i < 64; i += 1) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = H[0]!;
  let b = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  let e = H[4]!;
  let f = H[5]!;
  let g = H[6]!;
  let h = H[7]!;
  for (let i = 0; i < 64; i += 1) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** The final padding (a 1 bit, zeros, the 64-bit bit length) after the `rest` bytes not yet hashed, folded in; the state as hex. */
function finish(H: Int32Array, rest: Uint8Array, byteLength: number): string {
  const bits = byteLength * 8;
  const tail = new Uint8Array(rest.length + 9 <= 64 ? 64 : 128);
  tail.set(rest);
  tail[rest.length] = 0x80;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 0x1_0000_0000));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let offset = 0; offset < tail.length; offset += 64) compress(H, view, offset);
  let out = '';
  for (const word of H) out += HEX[(word >>> 24) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  return out;
}

/** SHA-256 of the UTF-8 bytes of `input`, as lower-case hex. */
export function sha256HexSync(input: string | Uint8Array): string {
  const data = typeof input === 'string' ? encoder.encode(input) : input;
  const H = INITIAL.slice();
  const whole = data.length - (data.length % 64);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 0; offset < whole; offset += 64) compress(H, view, offset);
  return finish(H, data.subarray(whole), data.length);
}

/**
 * SHA-256 fed in pieces (issue 19): the hash of a text too large to hold twice — a 100,000-voter
 * list's canonical JSON is ~50 MB as a string and ~30 MB as UTF-8 — taken from its parts as they
 * are made. `new Sha256Stream().text(a).text(b).hex()` equals `sha256HexSync(a + b)`.
 */
export class Sha256Stream {
  private readonly h = INITIAL.slice();
  /** Bytes not yet hashed (less than one block after each call), in a buffer reused for encoding. */
  private buffer = new Uint8Array(1 << 16);
  private used = 0;
  private length = 0;

  /** The UTF-8 bytes of `s` appended. */
  text(s: string): this {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    const need = this.used + s.length * 3;
    if (need > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(need, this.buffer.length * 2));
      bigger.set(this.buffer.subarray(0, this.used));
      this.buffer = bigger;
    }
    const { written } = encoder.encodeInto(s, this.buffer.subarray(this.used));
    this.used += written;
    this.length += written;
    this.consume();
    return this;
  }

  /** The hash of everything appended, as lower-case hex (the stream is finished). */
  hex(): string {
    return finish(this.h, this.buffer.subarray(0, this.used), this.length);
  }

  /** Every whole block in the buffer hashed; the rest moved to its start. */
  private consume(): void {
    const whole = this.used - (this.used % 64);
    if (whole === 0) return;
    const view = new DataView(this.buffer.buffer, 0, whole);
    for (let offset = 0; offset < whole; offset += 64) compress(this.h, view, offset);
    this.buffer.copyWithin(0, whole, this.used);
    this.used -= whole;
  }
}

/**
 * SHA-256 of `canonicalJson(items)` for an array, without making that text: `[`, each item's
 * canonical JSON (`undefined` as `null`) joined by `,`, `]`, fed to the hash a few hundred items at a time.
 */
export function canonicalArraySha256(items: readonly unknown[]): string {
  return canonicalListSha256(items.length, (i) => items[i]);
}

/** `canonicalArraySha256` of the `count` items `item(i)` gives, each asked for once, in order (never all held at once). */
export function canonicalListSha256(count: number, item: (i: number) => unknown): string {
  const hash = new Sha256Stream().text('[');
  let chunk = '';
  for (let i = 0; i < count; i += 1) {
    const v = item(i);
    if (i > 0) chunk += ',';
    chunk += v === undefined ? 'null' : canonicalJson(v);
    if (chunk.length > 16_384) {
      hash.text(chunk);
      chunk = '';
    }
  }
  return hash.text(`${chunk}]`).hex();
}
