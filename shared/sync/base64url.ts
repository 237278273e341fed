/** base64url without padding (RFC 4648 §5), pure: no Buffer, no atob/btoa. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each character code's value in the alphabet, -1 for a code outside it. */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) VALUE[ALPHABET.charCodeAt(i)] = i;
const CODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

export const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/u;

/** Characters made into a string at a time (a backup's ciphertext is tens of megabytes). */
const CHUNK = 3 * 8192;

export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Uint8Array((CHUNK / 3) * 4);
  for (let from = 0; from < bytes.length; from += CHUNK) {
    const to = Math.min(bytes.length, from + CHUNK);
    let o = 0;
    for (let i = from; i < to; i += 3) {
      const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      codes[o++] = CODE[(n >> 18) & 63]!;
      codes[o++] = CODE[(n >> 12) & 63]!;
      if (i + 1 < to) codes[o++] = CODE[(n >> 6) & 63]!;
      if (i + 2 < to) codes[o++] = CODE[n & 63]!;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, o)));
  }
  return parts.join('');
}

/** Decodes base64url; returns null for text that is not canonical base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  const length = text.length;
  if (length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  const value = (i: number): number => {
    const c = text.charCodeAt(i);
    return c < 128 ? VALUE[c]! : -1;
  };
  let o = 0;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    const a = value(i);
    const b = value(i + 1);
    const c = value(i + 2);
    const d = value(i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >> 16) & 255;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = length - whole;
  if (rest > 0) {
    const a = value(whole);
    const b = value(whole + 1);
    const c = rest === 3 ? value(whole + 2) : 0;
    if ((a | b | c) < 0) return null;
    // Non-canonical trailing bits (two encodings of one value) are refused.
    if (rest === 2 ? (b & 15) !== 0 : (c & 3) !== 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o] = (n >> 16) & 255;
    if (rest === 3) out[o + 1] = (n >> 8) & 255;
  }
  return out;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
