/**
 * ECDSA P-256 keys through WebCrypto (browsers, Electron and Node 20 `globalThis.crypto.subtle`).
 * A device's public key travels as a JWK `{kty:'EC', crv:'P-256', x, y}` or as the raw uncompressed
 * point in base64url (65 bytes); the center stores the JWK form.
 */
import { z } from 'zod';
import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/sha256';
import { BASE64URL_PATTERN, fromBase64Url, toBase64Url, utf8 } from './base64url';

export const ECDSA_IMPORT = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

const coordinate = z.string().length(43).regex(BASE64URL_PATTERN);

export const publicJwkSchema = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: coordinate, y: coordinate })
  // Extra JWK members (ext, key_ops, kid …) are dropped, not refused.
  .strip();
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** A public key on the wire: JWK, or the raw uncompressed point (0x04 ‖ x ‖ y) in base64url. */
export const publicKeySchema = z.union([publicJwkSchema, z.string().length(87).regex(BASE64URL_PATTERN)]);
export type PublicKeyInput = z.infer<typeof publicKeySchema>;

/** A fresh device key pair. Keep the private key non-extractable where it is stored as a CryptoKey. */
export async function generateSigningKeyPair(extractable = false): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA_IMPORT, extractable, ['sign', 'verify']);
}

/** The JWK form of a public key given as JWK or raw base64url; null when it is not a P-256 point. */
export function normalizePublicKey(input: PublicKeyInput): PublicJwk | null {
  if (typeof input !== 'string') return { kty: 'EC', crv: 'P-256', x: input.x, y: input.y };
  const raw = fromBase64Url(input);
  if (!raw || raw.length !== 65 || raw[0] !== 4) return null;
  return { kty: 'EC', crv: 'P-256', x: toBase64Url(raw.slice(1, 33)), y: toBase64Url(raw.slice(33, 65)) };
}

/** Imports a public key for verification; null when it is not a valid P-256 key. */
export async function importPublicKey(input: PublicKeyInput): Promise<CryptoKey | null> {
  const jwk = normalizePublicKey(input);
  if (!jwk) return null;
  try {
    return await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ECDSA_IMPORT, true, ['verify']);
  } catch {
    return null;
  }
}

export async function exportPublicJwk(key: CryptoKey): Promise<PublicJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  return publicJwkSchema.parse(jwk);
}

export async function exportPublicRaw(key: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/** A stable id of a public key: SHA-256 (hex) of its canonical JWK. */
export async function keyId(jwk: PublicJwk): Promise<string> {
  return sha256Hex(canonicalJson({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }));
}

/** Private key as JWK (the center keeps its bundle-signing key this way). */
export async function exportPrivateJwk(key: CryptoKey): Promise<JsonWebKey> {
  return crypto.subtle.exportKey('jwk', key);
}

export async function importPrivateJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  const { key_ops: _ops, ...rest } = jwk;
  return crypto.subtle.importKey('jwk', rest, ECDSA_IMPORT, false, ['sign']);
}

/** Signs the canonical JSON of `value`; the signature is IEEE P1363 (r ‖ s, 64 bytes) in base64url. */
export async function signCanonical(value: unknown, privateKey: CryptoKey): Promise<string> {
  const sig = await crypto.subtle.sign(ECDSA_SIGN, privateKey, utf8(canonicalJson(value)) as BufferSource);
  return toBase64Url(new Uint8Array(sig));
}

/** Verifies a signature made by `signCanonical`; false for any malformed input, never throws. */
export async function verifyCanonical(value: unknown, signature: string, publicKey: CryptoKey): Promise<boolean> {
  let text: string;
  try {
    text = canonicalJson(value);
  } catch {
    return false;
  }
  return verifyText(text, signature, publicKey);
}

/** Verifies a signature made by `signCanonical` over a canonical text the caller already has. */
export async function verifyText(text: string, signature: string, publicKey: CryptoKey): Promise<boolean> {
  const sig = fromBase64Url(signature);
  if (!sig || sig.length !== 64) return false;
  try {
    return await crypto.subtle.verify(ECDSA_SIGN, publicKey, sig as BufferSource, utf8(text) as BufferSource);
  } catch {
    return false;
  }
}
