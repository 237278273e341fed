/**
 * What the ingest derives from each pushed event, once: its canonical text (what the batch's
 * signature covers and what is stored and served to other laptops), the same text without `hash`
 * (what the event's hash is over) and its payload's text (the queryable jsonb column). Also the
 * center's synchronous SHA-256 and its ECDSA check, through Node's own crypto.
 */
import * as nodeCrypto from 'node:crypto';
import { canonicalJson, canonicalMembers, isCanonicalOrder, joinMembers } from '../../shared/util/canonical-json';
import { fromBase64Url } from '../../shared/sync/base64url';

export interface EventTexts {
  full: string;
  unhashed: string;
  payload: string;
}

/** The envelope's keys in canonical order (shared/events/envelope). */
const ENVELOPE_KEYS = ['actor', 'bundleHash', 'deviceId', 'electionId', 'hash', 'hlc', 'id', 'payload', 'precinct', 'prevHash', 'recordedAt', 'seq', 'type'] as const;

const isPrimitive = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * True when `raw` has exactly the envelope's keys in canonical order and every member but
 * `payload` is a primitive. Then no string in the engine's encoding holds an unescaped quote, so
 * the first `,"hash":` is the envelope's own member (every member before it is a primitive), and so
 * is the first `,"payload":` and the last `,"precinct":` (every member after `payload` is one too).
 */
function hasEnvelopeShape(raw: Record<string, unknown>): boolean {
  const keys = Object.keys(raw);
  if (keys.length !== ENVELOPE_KEYS.length) return false;
  for (const [i, key] of ENVELOPE_KEYS.entries()) {
    if (keys[i] !== key) return false;
    if (key !== 'payload' && !isPrimitive(raw[key])) return false;
  }
  return true;
}

/** The three texts of a pushed event, as `canonicalJson` gives them; any value JSON can carry. */
export function eventTexts(raw: unknown): EventTexts {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      const full = canonicalJson(raw);
      return { full, unhashed: full, payload: 'null' };
    }
    const record = raw as Record<string, unknown>;
    if (isCanonicalOrder(raw)) {
      // The laptop sends canonical JSON: parsed, its keys stand in order and the engine's own
      // encoder gives the canonical text; the other two are cut out of it.
      const full = JSON.stringify(raw);
      if (hasEnvelopeShape(record)) {
        const hashMember = `,"hash":${JSON.stringify(record.hash)}`;
        const at = full.indexOf(hashMember);
        const payloadAt = full.indexOf(',"payload":');
        const precinctAt = full.lastIndexOf(',"precinct":');
        if (at > 0 && payloadAt > at && precinctAt > payloadAt) {
          return {
            full,
            unhashed: full.slice(0, at) + full.slice(at + hashMember.length),
            payload: full.slice(payloadAt + ',"payload":'.length, precinctAt),
          };
        }
      }
      const { hash: _hash, ...unhashed } = record;
      return { full, unhashed: JSON.stringify(unhashed), payload: record.payload === undefined ? 'null' : JSON.stringify(record.payload) };
    }
    const members = canonicalMembers(record);
    return { full: joinMembers(members), unhashed: joinMembers(members, 'hash'), payload: members.find(([k]) => k === 'payload')?.[1] ?? 'null' };
  } catch {
    // Not encodable (cannot come from JSON): the signature cannot match it.
    return { full: '', unhashed: '', payload: 'null' };
  }
}

/** SHA-256 of the text's UTF-8, lowercase hex: the same as shared/util/sha256, synchronous. */
export const sha256Hex: (text: string) => string =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'hex')
    : (text) => nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The same check as shared/sync/keys `verifyText` (ECDSA P-256 with SHA-256, the signature as
 * base64url of r‖s), through Node's crypto: synchronous, and without WebCrypto's copies.
 */
export function verifyTextNode(text: string, signature: string, key: nodeCrypto.KeyObject): boolean {
  const sig = fromBase64Url(signature);
  if (!sig || sig.length !== 64) return false;
  try {
    return nodeCrypto.verify('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

/** Node's handle on a WebCrypto public key. */
export function keyObjectOf(key: CryptoKey): nodeCrypto.KeyObject {
  return nodeCrypto.KeyObject.from(key);
}
