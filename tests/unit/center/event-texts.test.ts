import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventTexts, keyObjectOf, sha256Hex, verifyTextNode } from '../../../center/src/event-texts';
import { generateSigningKeyPair, importPublicKey, exportPublicJwk, signCanonical } from '../../../shared/sync/keys';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { sha256Hex as webSha256Hex } from '../../../shared/util/sha256';

/** The definition: the three texts as canonicalJson gives them. */
function reference(raw: unknown): { full: string; unhashed: string; payload: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const full = canonicalJson(raw);
    return { full, unhashed: full, payload: 'null' };
  }
  const { hash: _hash, ...unhashed } = raw as Record<string, unknown>;
  const payload = (raw as Record<string, unknown>).payload;
  return { full: canonicalJson(raw), unhashed: canonicalJson(unhashed), payload: payload === undefined ? 'null' : canonicalJson(payload) };
}

/** Round trip through JSON text, as the center receives events. */
const received = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
/** As the laptop sends it: parsed from canonical text, keys in order. */
const sent = (value: unknown): unknown => JSON.parse(canonicalJson(value)) as unknown;

// Strings that look like the members the texts are cut at.
const tricky = fc.constantFrom(',"hash":"x"', ',"precinct":1', ',"payload":{}', '"', '\\', 'ң', '\u2028', '{"hash":"y"}');
const text = fc.oneof(fc.string(), tricky);
const json = fc.letrec((tie) => ({
  leaf: fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('hash', 'precinct', 'payload', '1', 'a')), tie('node'), { maxKeys: 4 }),
  ),
})).node;
const member = fc.oneof({ weight: 4, arbitrary: fc.oneof(text, fc.integer(), fc.constant(null)) }, { weight: 1, arbitrary: json });

const members = {
  actor: member, bundleHash: member, deviceId: member, electionId: member, hash: member, hlc: member, id: member,
  payload: json, precinct: member, prevHash: member, recordedAt: member, seq: member, type: member,
};
// Every member (the texts are cut out of the full one), or some of them (they are encoded whole).
const envelope = fc.oneof({ weight: 3, arbitrary: fc.record(members) }, { weight: 1, arbitrary: fc.record(members, { requiredKeys: [] }) });
const withExtra = fc.tuple(envelope, fc.dictionary(fc.string(), json, { maxKeys: 2 })).map(([e, extra]) => ({ ...extra, ...e }));

describe('eventTexts', () => {
  it('gives what canonicalJson gives, sent in canonical order or not, with or without every envelope member', () => {
    fc.assert(
      fc.property(fc.oneof(envelope, withExtra, json), fc.boolean(), (value, canonical) => {
        const raw = canonical ? sent(value) : received(value);
        expect(eventTexts(raw)).toEqual(reference(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts the hash and the payload out of an event whose strings spell other members', () => {
    const raw = sent({
      actor: ',"hash":"0"', bundleHash: null, deviceId: 'd-1', electionId: ',"payload":{"a":1}', hash: 'a'.repeat(64), hlc: '000000000000001-000000-d-1', id: 'x',
      payload: { note: ',"precinct":5,"hash":"b"', nested: { hash: 'c', precinct: 7 } }, precinct: 9001, prevHash: ',"precinct":0', recordedAt: 'r', seq: 1, type: 'BallotIssued',
    });
    expect(eventTexts(raw)).toEqual(reference(raw));
    expect(eventTexts(raw).payload).toBe('{"nested":{"hash":"c","precinct":7},"note":",\\"precinct\\":5,\\"hash\\":\\"b\\""}');
  });
});

describe('the center’s crypto', () => {
  it('hashes as the shared SHA-256 does', async () => {
    for (const t of ['', 'abc', 'ң'.repeat(1000), '\u{1F600}', 'x'.repeat(70_000)]) expect(sha256Hex(t)).toBe(await webSha256Hex(t));
  });

  it('verifies what WebCrypto signed, and nothing altered', async () => {
    const pair = await generateSigningKeyPair();
    const key = keyObjectOf((await importPublicKey(await exportPublicJwk(pair.publicKey)))!);
    const value = { a: 'Бишкек', n: 1 };
    const signature = await signCanonical(value, pair.privateKey);
    expect(verifyTextNode(canonicalJson(value), signature, key)).toBe(true);
    expect(verifyTextNode(canonicalJson({ ...value, n: 2 }), signature, key)).toBe(false);
    expect(verifyTextNode(canonicalJson(value), `${signature.slice(0, -2)}AA`, key)).toBe(false);
    expect(verifyTextNode(canonicalJson(value), signature.slice(1), key)).toBe(false);
    expect(verifyTextNode(canonicalJson(value), '!'.repeat(86), key)).toBe(false);
    const other = keyObjectOf((await generateSigningKeyPair()).publicKey);
    expect(verifyTextNode(canonicalJson(value), signature, other)).toBe(false);
  });
});
