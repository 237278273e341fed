/**
 * The stable identity of a voter across versions of the list.
 *
 * Ballots are recorded against `VoterRecord.id` (event `BallotIssued.voterId`, ≤ 80 characters), so
 * the id must name the PERSON, never the place in the list: page and row change between the
 * preliminary, control and final lists whenever somebody is added or struck out, and an id built
 * from them would silently move an issued ballot to whoever takes that row in the next version.
 *
 * Rule, first that applies:
 *   1. `pin:<14 digits>`        – the personal number (ПИН), when it is a valid 14-digit ПИН. It is
 *                                  assigned once by the civil registry and does not change with a
 *                                  new passport.
 *   2. `doc:<document key>`     – the identity document number, normalised by `documentKey`
 *                                  (upper case, Cyrillic series letters folded to Latin, spaces
 *                                  and punctuation removed). Longer than 60 characters: hashed.
 *   3. `nb:<16 hex>`            – a 64-bit hash of surname, name, patronymic and birth date/year
 *                                  (trimmed, lower-cased, NFC; Kyrgyz letters kept as they are).
 *      Namesakes: when the secretary keeps several rows with the same name and birth and none of
 *      them has a ПИН or document (validate.ts, `keepAll`), each one's hash also covers its address
 *      (`namesakeIdentity`), so two people never share an id; rows whose addresses are the same too
 *      cannot be kept as two people.
 *
 * Every failure mode moves in the safe direction: when a person's ПИН is corrected, or the ПИН
 * column is present in one version and absent in the next, the id changes and the person shows as
 * removed + added in the difference – a ballot is never re-attached to somebody else. The
 * difference (`diffVoterLists`) lists such pairs in `reidentified` so the user can see them.
 * One exception: an id that left out a ПИН or document the person's row shared with another
 * person's (validate.ts) is kept by the same person (unambiguous by ПИН, document or name and
 * birth) in the next list, which corrects the number (`carryIdentities`, diff.ts): otherwise their
 * ballot and out-of-premises marks would stay behind with the old id.
 */

/**
 * Cyrillic capitals typed for the Latin letters of a document series (Kyrgyz series are Latin: AN, AC,
 * ID …). Look-alikes map to their twin (А→A, С→C, О→O …); where a clerk on a Cyrillic keyboard types
 * by sound instead, the sound wins: Н→N ("АН" for AN), И→I and Д→D ("ИД" for ID).
 */
const LOOKALIKE_TO_LATIN: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'N', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  И: 'I', Д: 'D', І: 'I', Ј: 'J', Ѕ: 'S', Ү: 'Y',
};

/**
 * The comparable form of a document number: "ан 123-45 67" and "AN1234567" give the same key.
 * Upper case, Cyrillic series letters folded to Latin (table above), everything but letters and
 * digits removed.
 */
export function documentKey(document: string): string {
  // A plain loop: this runs for every row on import and for every voter when the index is built.
  // Already-clean keys (A–Z, 0–9) are returned as they are, without building a new string.
  let clean = true;
  for (let i = 0; i < document.length && clean; i += 1) {
    const c = document.charCodeAt(i);
    clean = (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  }
  if (clean) return document;
  const s = document.toUpperCase();
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      out += s[i];
      continue;
    }
    if (c < 128) continue;
    const ch = s[i]!;
    const folded = LOOKALIKE_TO_LATIN[ch];
    if (folded !== undefined) out += folded;
    else if (c >= 0x0400 && c <= 0x04ff) out += ch;
    else if (/^[\p{L}\p{N}]$/u.test(ch)) out += ch; // other scripts; combining marks are dropped
  }
  return out;
}

/** A ПИН without the spaces and dashes people type into it, nor the apostrophe typed before it to keep it text. */
export function pinKey(pin: string): string {
  if (isAllDigits(pin)) return pin;
  return pin.replace(/^'/u, '').replace(/[\s\u00a0\-‐‑–—.]/gu, '');
}

function isAllDigits(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A valid Kyrgyz ПИН: 14 digits, the first 1 or 2.
 * [UNCONFIRMED] The widely described layout is: digit 1 = sex (1 female, 2 male), digits 2–9 = date
 * of birth DDMMYYYY, digits 10–14 = a serial number. Only the length and the first digit are
 * checked – the date part is NOT compared with the birth column, because a wrong rule there would
 * strike real voters from the list.
 */
export const PIN_FIRST_DIGITS = ['1', '2'] as const;

export function isValidPin(pin: string): boolean {
  return pin.length === 14 && isAllDigits(pin) && (PIN_FIRST_DIGITS as readonly string[]).includes(pin[0]!);
}

/**
 * A fast, synchronous 64-bit non-cryptographic hash (two 32-bit lanes, Math.imul mixing, in the
 * style of cyrb53) as 16 hex characters. Stable across platforms: it only uses UTF-16 code units.
 */
export function hash64Hex(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

export interface IdentityFields {
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string | null;
  birthYear: number;
  document: string;
  pin: string;
}

export type IdentityKind = 'pin' | 'doc' | 'nb';

/** The name-and-birth key used by rule 3 (and by the difference to spot re-identified people). */
export function nameBirthKey(v: Pick<IdentityFields, 'surname' | 'name' | 'patronymic' | 'birthDate' | 'birthYear'>): string {
  const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return [norm(v.surname), norm(v.name), norm(v.patronymic), v.birthDate ?? String(v.birthYear)].join('|');
}

/** The id of a voter by the rule above. */
export function voterIdentity(v: IdentityFields): string {
  const pin = pinKey(v.pin);
  if (isValidPin(pin)) return `pin:${pin}`;
  const doc = documentKey(v.document);
  if (doc !== '') return doc.length <= 60 ? `doc:${doc}` : `doc#${hash64Hex(doc)}`;
  return `nb:${hash64Hex(nameBirthKey(v))}`;
}

/** Rule 3 for one of several namesakes without ПИН or document: name, birth and address. */
export function namesakeIdentity(v: IdentityFields & { address: string }): string {
  const address = v.address.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return `nb:${hash64Hex(`${nameBirthKey(v)}|${address}`)}`;
}

/** Which rule gave an id. */
export function identityKind(id: string): IdentityKind {
  if (id.startsWith('pin:')) return 'pin';
  if (id.startsWith('doc')) return 'doc';
  return 'nb';
}
