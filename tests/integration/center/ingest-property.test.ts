/**
 * Property: whatever is thrown at the ingest — valid slices of a device's chain, slices with a
 * flipped character (re-signed or not), reordered or dropped events, batches signed with another
 * key, replays of earlier batches, a flipped byte in the request body, random JSON — the center
 * answers 200 or a 4xx code from the closed list, stores exactly a prefix of the true chain
 * (nothing invalid stored), and accepts every valid continuation (nothing valid lost).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { SYNC_ERROR_CODES, signBatch, type SignedBatch } from '../../../shared/sync/index';
import type { Center } from '../../../center/src/center';
import { ADMIN_TOKEN, BACKENDS, server, storedEvents, testBundle, TestDevice } from './harness';

/** A slice of the chain, placed relative to what the center acknowledged so far. */
type Slice = { delta: number; len: number };
type Command =
  | { kind: 'valid'; s: Slice }
  | { kind: 'flip'; s: Slice; idx: number; pos: number; ch: string; resign: boolean; inPayload: boolean }
  | { kind: 'reorder'; s: Slice; i: number; j: number }
  | { kind: 'drop'; s: Slice; i: number }
  | { kind: 'wrongKey'; s: Slice }
  | { kind: 'replay'; i: number }
  | { kind: 'rawFlip'; s: Slice; pos: number; ch: string }
  | { kind: 'garbage'; value: unknown };

const CHAIN_MAX = 9;
const slice = fc.record({ delta: fc.oneof(fc.integer({ min: -2, max: 0 }), fc.integer({ min: -CHAIN_MAX, max: CHAIN_MAX })), len: fc.integer({ min: 0, max: 4 }) });
const flipChar = fc.constantFrom('0', '7', 'a', 'Z', '"', '}', ',', ' ', '\\', 'é', 'ң', 'x');
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('valid' as const), s: slice }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), s: slice, idx: fc.nat(), pos: fc.nat(), ch: flipChar, resign: fc.boolean(), inPayload: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reorder' as const), s: slice, i: fc.nat(), j: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), s: slice, i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrongKey' as const), s: slice }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rawFlip' as const), s: slice, pos: fc.nat(), ch: flipChar }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), value: fc.jsonValue({ maxDepth: 3 }) }) },
);
/** Notes of the device's events: any text, with U+0000 and lone surrogates (jsonb cannot hold them). */
const note = fc.oneof(fc.string({ maxLength: 40, unit: 'binary' }), fc.constantFrom('\u0000', 'a\ud800b', '\udc00', 'Үсөн ңөү', ''));

describe.each(BACKENDS)('ingest property on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  let other: TestDevice;

  beforeAll(async () => {
    const opened = await backend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    await center.loadBundle(await testBundle());
    other = await TestDevice.create(9019, 'mallory');
    expect(ADMIN_TOKEN).toBeTruthy();
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('stores exactly a prefix of the true chain and never loses a valid batch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(note, { minLength: 4, maxLength: CHAIN_MAX }), fc.array(command, { minLength: 1, maxLength: 16 }), async (notes, commands) => {
        const device = await TestDevice.create(9019, 'prop');
        const { code } = await center.issueCode({ precinct: 9019 });
        await center.enrol(await device.enrolRequest(code));
        for (const [i, n] of notes.entries()) {
          if (i % 3 === 2) await device.append('BallotIssued', { voterId: `v${i}`, page: 1, row: i + 1, listHash: 'a'.repeat(64) });
          else await device.append('CalendarItemMarked', { item: i + 1, done: i % 2 === 0, note: n });
        }
        const chain = device.events;
        const n = chain.length;
        const clamp = (s: Slice) => {
          const from = Math.max(1, Math.min(acked + 1 + s.delta, n));
          return { from, to: Math.min(n, from + s.len - 1) };
        };
        const sent: string[] = [];
        let acked = 0;

        for (const c of commands) {
          let body: string;
          let valid = false;
          let validTo = 0;
          if (c.kind === 'garbage') {
            body = JSON.stringify(c.value);
          } else if (c.kind === 'replay') {
            if (sent.length === 0) continue;
            body = sent[c.i % sent.length] as string;
            const json = JSON.parse(body) as unknown;
            const parsed = (typeof json === 'object' && json !== null ? json : {}) as Partial<SignedBatch>;
            const evs = Array.isArray(parsed.events) ? parsed.events : [];
            const sameAsChain = evs.every((e, k) => canonicalJson(e) === canonicalJson(chain[(parsed.fromSeq ?? 0) - 1 + k]));
            // Only the pristine batches we recorded as valid count as valid when replayed.
            valid = sameAsChain && validBodies.has(body) && (parsed.fromSeq ?? 0) <= acked + 1;
            validTo = (parsed.fromSeq ?? 0) + evs.length - 1;
          } else {
            const { from, to } = clamp(c.s);
            const events: unknown[] = chain.slice(from - 1, to).map((e) => JSON.parse(canonicalJson(e)) as unknown);
            let key = device.keys.privateKey;
            let keepSignatureOf: SignedBatch | null = null;
            let raw: { pos: number; ch: string } | null = null;
            if (c.kind === 'valid') {
              valid = from <= acked + 1;
              validTo = to;
            } else if (c.kind === 'flip' && events.length > 0) {
              const idx = c.idx % events.length;
              const target = events[idx] as { payload: unknown };
              // Either a character of the payload or of the whole event (ids, hashes, clock …).
              const text = canonicalJson(c.inPayload ? target.payload : target);
              const pos = c.pos % text.length;
              const mutated = text.slice(0, pos) + c.ch + text.slice(pos + 1);
              if (mutated === text) continue;
              try {
                const value = JSON.parse(mutated) as unknown;
                events[idx] = c.inPayload ? { ...target, payload: value } : value;
              } catch {
                if (c.inPayload) continue;
                raw = { pos: 0, ch: '' };
                events[idx] = '__RAW__';
              }
              if (!c.resign) keepSignatureOf = await device.batch(from, to);
              if (raw) {
                const signed = await signBatch({ deviceId: device.deviceId, precinct: 9019, electionId: device.electionId, fromSeq: from, events }, key);
                body = JSON.stringify(signed).replace('"__RAW__"', mutated);
                const res = await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: body });
                expect(res.statusCode).toBe(400);
                await check(device, chain, acked);
                continue;
              }
            } else if (c.kind === 'reorder' && events.length > 1) {
              const i = c.i % events.length;
              const j = c.j % events.length;
              if (i === j) continue;
              [events[i], events[j]] = [events[j], events[i]];
            } else if (c.kind === 'drop' && events.length > 1) {
              const i = c.i % events.length;
              if (i === events.length - 1) continue; // dropping the last one leaves a valid batch
              events.splice(i, 1);
            } else if (c.kind === 'wrongKey') {
              key = other.keys.privateKey;
            } else if (c.kind === 'rawFlip') {
              const signed = await device.batch(from, to);
              const text = JSON.stringify(signed);
              const pos = c.pos % text.length;
              body = text.slice(0, pos) + c.ch + text.slice(pos + 1);
              if (body === text) continue;
              const res = await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: body });
              await expectKnown(res);
              if (res.statusCode === 200) {
                // Only a change the JSON reader does not see (white space) may pass.
                expect(canonicalJson(JSON.parse(body))).toBe(canonicalJson(signed));
                acked = Math.max(acked, (res.json() as { ackSeq: number }).ackSeq);
              }
              await check(device, chain, acked);
              continue;
            } else {
              continue;
            }
            const signed = await signBatch({ deviceId: device.deviceId, precinct: 9019, electionId: device.electionId, fromSeq: from, events }, key);
            if (keepSignatureOf) signed.signature = keepSignatureOf.signature;
            body = JSON.stringify(signed);
            if (valid) validBodies.add(body);
          }
          sent.push(body);
          const res = await app.inject({ method: 'POST', url: '/api/push', headers: { 'content-type': 'application/json' }, payload: body });
          await expectKnown(res);
          if (valid) {
            // Nothing valid is lost: a valid continuation is always accepted.
            expect(res.statusCode, res.body).toBe(200);
          }
          if (res.statusCode === 200) {
            const ack = (res.json() as { ackSeq: number }).ackSeq;
            if (valid) expect(ack).toBe(Math.max(acked, validTo));
            expect(ack).toBeGreaterThanOrEqual(acked);
            acked = ack;
          }
          await check(device, chain, acked);
        }
        // Finally the whole true chain goes through.
        const final = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(1, n) });
        expect(final.statusCode, final.body).toBe(200);
        expect(final.json()).toEqual({ ackSeq: n, stored: n - acked });
        await check(device, chain, n);
      }),
      { numRuns: Number(process.env.CENTER_PROPERTY_RUNS ?? 100) },
    );
  });

  const validBodies = new Set<string>();

  async function expectKnown(res: { statusCode: number; json: () => unknown; body: string }): Promise<void> {
    if (res.statusCode === 200) return;
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    expect(SYNC_ERROR_CODES).toContain((res.json() as { error: string }).error);
  }

  /** The stored events of the device are exactly the first `acked` events of its true chain. */
  async function check(device: TestDevice, chain: readonly unknown[], acked: number): Promise<void> {
    const rows = await storedEvents(center, device.deviceId);
    expect(rows.map((r) => r.body)).toEqual(chain.slice(0, acked).map((e) => canonicalJson(e)));
  }
});
