import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { err, ok } from '../../../../shared/util/result';
import {
  exportPublicJwk,
  exportPublicRaw,
  fromBase64Url,
  generateSigningKeyPair,
  importPublicKey,
  keyId,
  normalizePublicKey,
  parseDeviceAuth,
  signBatch,
  signDeviceRequest,
  signedBatchSchema,
  SYNC_ERROR_CODES,
  syncErrorStatus,
  toBase64Url,
  verifyBatch,
  verifyBatchWithTexts,
  verifyDeviceAuth,
} from '../../../../shared/sync/index';
import { canonicalJson } from '../../../../shared/util/canonical-json';

describe('base64url', () => {
  it('round-trips any bytes and matches Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });
  it('round-trips megabytes across its chunks (a backup\'s ciphertext) as Node\'s encoder does', () => {
    for (const length of [3 * 8192 - 1, 3 * 8192, 3 * 8192 + 1, 200_002]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7919 + (i >> 8)) & 255);
      const text = toBase64Url(bytes);
      expect(text === Buffer.from(bytes).toString('base64url')).toBe(true);
      expect(Buffer.from(fromBase64Url(text) ?? []).equals(Buffer.from(bytes))).toBe(true);
    }
  });
  it('refuses text that is not canonical base64url', () => {
    expect(fromBase64Url('AAB')).toBeNull(); // trailing bits of two bytes set
    expect(fromBase64Url('AAE')).toEqual(new Uint8Array([0, 1]));
    expect(fromBase64Url('AAAA\u00e9AAA')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
    expect(fromBase64Url('ab+/')).toBeNull();
    expect(fromBase64Url('AB')).toBeNull(); // trailing bits set: two spellings of one byte
    expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
  });
});

describe('keys and batch signatures', () => {
  it('signs a batch that verifies with the JWK or the raw public key, and not after any change', async () => {
    const pair = await generateSigningKeyPair();
    const jwk = await exportPublicJwk(pair.publicKey);
    const raw = await exportPublicRaw(pair.publicKey);
    expect(normalizePublicKey(raw)).toEqual(jwk);
    expect(await keyId(jwk)).toMatch(/^[0-9a-f]{64}$/u);
    const batch = await signBatch({ deviceId: 'dev-1', precinct: 9019, electionId: 'e1', fromSeq: 1, events: [{ a: 1, b: 'ң' }] }, pair.privateKey);
    expect(signedBatchSchema.safeParse(batch).success).toBe(true);
    for (const input of [jwk, raw]) {
      const key = await importPublicKey(input);
      if (!key) throw new Error('no key');
      expect(await verifyBatch(batch, key)).toBe(true);
      expect(await verifyBatch({ ...batch, fromSeq: 2 }, key)).toBe(false);
      expect(await verifyBatch({ ...batch, events: [{ a: 2, b: 'ң' }] }, key)).toBe(false);
      expect(await verifyBatch({ ...batch, signature: 'A'.repeat(86) }, key)).toBe(false);
      expect(await verifyBatch({ ...batch, signature: 'short' }, key)).toBe(false);
    }
    const other = await generateSigningKeyPair();
    expect(await verifyBatch(batch, other.publicKey)).toBe(false);
    expect(await importPublicKey({ kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) })).toBeNull();
  });

  it('verifies from the events’ canonical texts exactly as from the batch (the center canonicalises once)', async () => {
    const pair = await generateSigningKeyPair();
    const events = [{ seq: 1, payload: { voterId: 'v1', note: 'Өмүрбек' } }, { seq: 2, payload: { '10': 1, '2': [null, true] } }];
    const batch = await signBatch({ deviceId: 'dev-1', precinct: 9019, electionId: 'e1', fromSeq: 1, events }, pair.privateKey);
    const texts = (b: { events: unknown[] }) => b.events.map((e) => canonicalJson(e));
    expect(await verifyBatchWithTexts(batch, texts(batch), pair.publicKey)).toBe(true);
    // Any change to the batch or to a text fails, as with verifyBatch.
    const changed = [
      { ...batch, fromSeq: 2 },
      { ...batch, precinct: 9020 },
      { ...batch, deviceId: 'dev-2' },
      { ...batch, electionId: 'e2' },
      { ...batch, events: [events[0], { ...events[1], seq: 3 }] },
      { ...batch, events: [events[1], events[0]] },
      { ...batch, events: [events[0]] },
    ];
    for (const c of changed) {
      expect(await verifyBatch(c, pair.publicKey)).toBe(false);
      expect(await verifyBatchWithTexts(c, texts(c), pair.publicKey)).toBe(false);
    }
    expect(await verifyBatchWithTexts(batch, [texts(batch)[0] ?? ''], pair.publicKey)).toBe(false);
    expect(await verifyBatchWithTexts(batch, texts(batch).map((t) => ` ${t}`), pair.publicKey)).toBe(false);
  });

  it('binds a device request header to its method, path and time', async () => {
    const pair = await generateSigningKeyPair();
    const now = 1_700_000_000_000;
    const header = await signDeviceRequest({ deviceId: 'dev-1', method: 'GET', path: '/api/pull?after=3', time: now }, pair.privateKey);
    const parsed = parseDeviceAuth(header);
    if (!parsed) throw new Error('not parsed');
    expect(await verifyDeviceAuth(parsed, { method: 'GET', path: '/api/pull?after=3', nowMs: now + 1000 }, pair.publicKey)).toEqual(ok(undefined));
    expect(await verifyDeviceAuth(parsed, { method: 'GET', path: '/api/pull?after=0', nowMs: now }, pair.publicKey)).toEqual(err({ code: 'bad-signature' }));
    expect(await verifyDeviceAuth(parsed, { method: 'GET', path: '/api/pull?after=3', nowMs: now + 3_600_000 }, pair.publicKey)).toEqual(err({ code: 'auth-expired' }));
    expect(parseDeviceAuth('x.y.z')).toBeNull();
    expect(parseDeviceAuth('garbage')).toBeNull();
  });

  it('signs the request counter: it cannot be changed, and only whole numbers from 1 up to 2^53-1 are read', async () => {
    const pair = await generateSigningKeyPair();
    const now = 1_700_000_000_000;
    const header = await signDeviceRequest({ deviceId: 'dev-1', method: 'GET', path: '/api/bundle', time: now, counter: 41 }, pair.privateKey);
    const parsed = parseDeviceAuth(header);
    expect(parsed?.claims.counter).toBe(41);
    if (!parsed) throw new Error('not parsed');
    expect(await verifyDeviceAuth(parsed, { method: 'GET', path: '/api/bundle', nowMs: now }, pair.publicKey)).toEqual(ok(undefined));
    // The same signature over a raised counter (an attacker moving a captured header forward).
    const raised = { ...parsed, claims: { ...parsed.claims, counter: 42 } };
    expect(await verifyDeviceAuth(raised, { method: 'GET', path: '/api/bundle', nowMs: now }, pair.publicKey)).toEqual(err({ code: 'bad-signature' }));
    const dropped = { ...parsed, claims: { deviceId: 'dev-1', method: 'GET' as const, path: '/api/bundle', time: now } };
    expect(await verifyDeviceAuth(dropped, { method: 'GET', path: '/api/bundle', nowMs: now }, pair.publicKey)).toEqual(err({ code: 'bad-signature' }));
    for (const counter of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(parseDeviceAuth(await signDeviceRequest({ deviceId: 'dev-1', method: 'GET', path: '/api/bundle', time: now, counter }, pair.privateKey))).toBeNull();
    }
  });
});

describe('error codes', () => {
  it('is a closed list of 4xx codes plus internal', () => {
    for (const code of SYNC_ERROR_CODES) {
      const status = syncErrorStatus(code);
      expect(code === 'internal' ? status === 500 : status >= 400 && status < 500).toBe(true);
    }
    expect(SYNC_ERROR_CODES).toEqual(expect.arrayContaining([
      'unknown-device', 'device-revoked', 'wrong-precinct', 'bad-signature', 'seq-gap', 'seq-replayed-different', 'broken-chain',
      'hash-mismatch', 'invalid-event', 'body-too-large', 'malformed', 'rate-limited', 'enrolment-code-invalid', 'enrolment-code-used',
    ]));
  });
});
