/**
 * Verified pulls on the laptop (renderer/sync/client acceptPulledPage, shared/sync/pull-verify):
 * a page is taken only when the roster is signed by the pinned center key and every batch by its
 * rostered laptop, continuing the chains this laptop holds. A page altered in any field is refused
 * whole and leaves the laptop's state exactly as it was.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore } from '../../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../../renderer/db/schema';
import { acceptPulledPage, SyncProblem, type Enrolment } from '../../../../renderer/sync/client';
import { syncStoreOf } from '../../../../renderer/core/sync-store';
import { computeEventHash, type StoredEvent } from '../../../../shared/events/envelope';
import {
  exportPublicJwk,
  generateSigningKeyPair,
  keyId,
  pullResponseSchema,
  ROSTER_FORMAT,
  signBatch,
  signCanonical,
  type PublicJwk,
  type PullResponse,
  type RosterStatement,
  type SignedBatch,
} from '../../../../shared/sync';

const ELECTION = 'kg-test-2026';
const PRECINCT = 9001;
const LIST = 'a'.repeat(64);

interface Device {
  id: string;
  pair: CryptoKeyPair;
  jwk: PublicJwk;
  events: StoredEvent[];
}

let center: { pair: CryptoKeyPair; jwk: PublicJwk; keyId: string };
let a: Device;
let b: Device;
let attacker: Device;
const dbs: PrecinctDatabase[] = [];

async function device(name: string, voters: string[], election = ELECTION): Promise<Device> {
  const db = new PrecinctDatabase(`pull-src-${name}-${Math.random()}`);
  dbs.push(db);
  let n = 0;
  const store = new EventStore(db, { newId: () => (n++ === 0 ? `laptop-${name}` : crypto.randomUUID()) });
  for (const [i, voterId] of voters.entries()) {
    await store.append('BallotIssued', { voterId, page: 1, row: i + 1, listHash: LIST }, { electionId: election, bundleHash: null, precinct: PRECINCT, actor: 'm1' });
  }
  const pair = await generateSigningKeyPair(false);
  return { id: await store.deviceId(), pair, jwk: await exportPublicJwk(pair.publicKey), events: await db.events.toArray() };
}

async function roster(devices: Device[], key = center.pair.privateKey): Promise<PullResponse['roster']> {
  const statement: RosterStatement = {
    format: ROSTER_FORMAT,
    electionId: ELECTION,
    precinct: PRECINCT,
    devices: devices.map((d) => ({ deviceId: d.id, publicKey: d.jwk, retiredKeys: [] })),
    signedAt: '2026-12-05T12:00:00.000Z',
  };
  return { statement, keyId: center.keyId, signature: await signCanonical(statement, key) };
}

const batchOf = (d: Device, from: number, to: number, key = d.pair.privateKey): Promise<SignedBatch> =>
  signBatch({ deviceId: d.id, electionId: ELECTION, precinct: PRECINCT, fromSeq: from, events: d.events.slice(from - 1, to) }, key);

async function page(batches: SignedBatch[], cursor: string, devices = [a, b]): Promise<PullResponse> {
  return pullResponseSchema.parse(JSON.parse(JSON.stringify({ batches, roster: await roster(devices), cursor, hasMore: false })));
}

async function laptop(): Promise<{ store: EventStore; db: PrecinctDatabase; enrolment: Enrolment }> {
  const db = new PrecinctDatabase(`pull-laptop-${Math.random()}`);
  dbs.push(db);
  const store = new EventStore(db);
  const enrolment: Enrolment = {
    key: 'enrolment', centerUrl: 'http://center.invalid', deviceId: await store.deviceId(), precinct: PRECINCT, electionId: ELECTION,
    centerKey: { keyId: center.keyId, publicKey: center.jwk }, enrolledAt: '2026-12-05T08:00:00.000Z',
  };
  await db.sync.bulkPut([enrolment, { key: 'state', ackSeq: 0, lastSuccessAt: null, lastAttemptAt: null, lastError: null, pullCursor: '0' }]);
  return { store, db, enrolment };
}

/** Everything a pull may change on the laptop (the refusal list aside, which is where a refusal shows). */
async function snapshot(db: PrecinctDatabase): Promise<unknown> {
  const state = await db.sync.get('state');
  const { refusedPulls: _r, ...rest } = (state ?? {}) as Record<string, unknown>;
  return { events: await db.events.toArray(), voters: await db.voterStatus.toArray(), projections: await db.projections.toArray(), state: rest };
}

beforeAll(async () => {
  const pair = await generateSigningKeyPair(false);
  const jwk = await exportPublicJwk(pair.publicKey);
  center = { pair, jwk, keyId: await keyId(jwk) };
  a = await device('a', ['va1', 'va2', 'va3', 'va4']);
  b = await device('b', ['vb1', 'vb2']);
  attacker = await device('x', ['vx1'], 'another-election');
});
afterAll(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('a laptop taking pulled pages', () => {
  it('takes a page signed by rostered laptops, continuing their chains; a page repeating held events adds nothing', async () => {
    const { store, db, enrolment } = await laptop();
    expect(await acceptPulledPage(syncStoreOf(store), enrolment, await page([await batchOf(a, 1, 2)], '2'))).toBe(2);
    expect(await acceptPulledPage(syncStoreOf(store), enrolment, await page([await batchOf(a, 1, 4), await batchOf(b, 1, 2)], '6'))).toBe(4);
    expect(await db.events.count()).toBe(6);
    expect((await db.voterStatus.get('va4'))?.issued).toBeTruthy();
    expect((await db.sync.get('state')) as { pullCursor: string }).toMatchObject({ pullCursor: '6' });
    expect(await acceptPulledPage(syncStoreOf(store), enrolment, await page([await batchOf(b, 1, 2)], '7'))).toBe(0);
  });

  it('refuses a BallotIssued of a never-enrolled laptop of another election: the voter is not marked, the refusal names the laptop', async () => {
    const { store, db, enrolment } = await laptop();
    const forged = await signBatch({ deviceId: attacker.id, electionId: ELECTION, precinct: PRECINCT, fromSeq: 1, events: attacker.events }, attacker.pair.privateKey);
    await expect(acceptPulledPage(syncStoreOf(store), enrolment, await page([forged], '1'))).rejects.toMatchObject({ code: 'pull-refused' });
    expect(await db.voterStatus.get('vx1')).toBeUndefined();
    expect(await db.events.count()).toBe(0);
    const state = (await db.sync.get('state')) as { refusedPulls?: unknown[]; pullCursor: string };
    expect(state.refusedPulls).toEqual([expect.objectContaining({ code: 'not-rostered', deviceId: attacker.id })]);
    expect(state.pullCursor).toBe('0');
    // Even rostered (a center that lies about its roster is caught by the roster signature) it is of another election.
    const lying = await page([forged], '1', [a, b, attacker]);
    lying.roster.statement.devices.push({ deviceId: 'laptop-z', publicKey: attacker.jwk, retiredKeys: [] });
    await expect(acceptPulledPage(syncStoreOf(store), enrolment, lying)).rejects.toBeInstanceOf(SyncProblem);
    const honestlyRostered = await page([forged], '1', [a, b, attacker]);
    await expect(acceptPulledPage(syncStoreOf(store), enrolment, honestlyRostered)).rejects.toMatchObject({ code: 'pull-refused' });
    expect(((await db.sync.get('state')) as { refusedPulls: { code: string }[] }).refusedPulls[0]?.code).toBe('wrong-election');
    expect(await db.events.count()).toBe(0);
  });

  it('refuses a chain that does not continue what the laptop holds (gap, other fork) and a retired key past its last seq', async () => {
    const { store, db, enrolment } = await laptop();
    await expect(acceptPulledPage(syncStoreOf(store), enrolment, await page([await batchOf(a, 3, 4)], '2'))).rejects.toMatchObject({ code: 'pull-refused' });
    expect(((await db.sync.get('state')) as { refusedPulls: { code: string }[] }).refusedPulls[0]).toMatchObject({ code: 'seq-gap', deviceId: a.id });
    await acceptPulledPage(syncStoreOf(store), enrolment, await page([await batchOf(a, 1, 2)], '2'));
    // A re-keyed laptop: the old key signs only up to seq 2 (its head when it was retired).
    const fresh = await generateSigningKeyPair(false);
    const rekeyed = async (batches: SignedBatch[]) => {
      const p = await page(batches, '4');
      const statement: RosterStatement = {
        ...p.roster.statement,
        devices: [{ deviceId: a.id, publicKey: await exportPublicJwk(fresh.publicKey), retiredKeys: [{ publicKey: a.jwk, untilSeq: 2 }] }],
      };
      return { ...p, roster: { ...p.roster, statement, signature: await signCanonical(statement, center.pair.privateKey) } };
    };
    await expect(acceptPulledPage(syncStoreOf(store), enrolment, await rekeyed([await batchOf(a, 3, 4)]))).rejects.toMatchObject({ code: 'pull-refused' });
    expect(((await db.sync.get('state')) as { refusedPulls: { code: string }[] }).refusedPulls[0]).toMatchObject({ code: 'bad-signature', deviceId: a.id });
    expect(await acceptPulledPage(syncStoreOf(store), enrolment, await rekeyed([await batchOf(a, 1, 2), await batchOf(a, 3, 4, fresh.privateKey)]))).toBe(2);
  });

  it('refuses whole, leaving the laptop unchanged, a page altered in any field', async () => {
    // The laptop already holds A's first batch; the page brings A's second batch and B's first.
    const { store, db, enrolment } = await laptop();
    await acceptPulledPage(syncStoreOf(store), enrolment, await page([await batchOf(a, 1, 2)], '2'));
    const valid = await page([await batchOf(a, 3, 4), await batchOf(b, 1, 2)], '6');
    const otherSignature = (await batchOf(b, 2, 2)).signature ?? '';
    const before = await snapshot(db);

    type Page = PullResponse;
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/u);
    const event = (p: Page, bi: number, ei: number): StoredEvent => {
      const batch = p.batches[bi % p.batches.length];
      if (!batch) throw new Error('no batch');
      return batch.events[ei % batch.events.length] as StoredEvent;
    };
    const mutation = fc.oneof(
      fc.record({ field: fc.constant('batch.deviceId'), bi: fc.nat(), value: fc.constantFrom(b.id, a.id, enrolment.deviceId, attacker.id, 'laptop-q') }),
      fc.record({ field: fc.constant('batch.electionId'), bi: fc.nat(), value: fc.string({ minLength: 1, maxLength: 80 }) }),
      fc.record({ field: fc.constant('batch.precinct'), bi: fc.nat(), value: fc.integer({ min: 1, max: 99999 }) }),
      fc.record({ field: fc.constant('batch.fromSeq'), bi: fc.nat(), value: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ field: fc.constant('batch.signature'), bi: fc.nat(), value: fc.constantFrom(otherSignature, 'A'.repeat(86)) }),
      fc.record({ field: fc.constantFrom('event.deviceId', 'event.electionId', 'event.actor', 'event.hlc'), bi: fc.nat(), ei: fc.nat(), rehash: fc.boolean(), value: fc.string({ minLength: 1, maxLength: 40 }) }),
      fc.record({ field: fc.constantFrom('event.seq', 'event.precinct'), bi: fc.nat(), ei: fc.nat(), rehash: fc.boolean(), value: fc.integer({ min: 1, max: 99999 }) }),
      fc.record({ field: fc.constantFrom('event.prevHash', 'event.hash'), bi: fc.nat(), ei: fc.nat(), rehash: fc.constant(false), value: hex }),
      fc.record({ field: fc.constant('event.payload'), bi: fc.nat(), ei: fc.nat(), rehash: fc.boolean(), value: fc.string({ minLength: 1, maxLength: 20 }) }),
      fc.record({ field: fc.constant('event.drop'), bi: fc.nat(), ei: fc.nat(), value: fc.constant(0) }),
      fc.record({ field: fc.constantFrom('roster.deviceId', 'roster.publicKey', 'roster.drop', 'roster.add'), ri: fc.nat(), value: fc.constant(0) }),
      fc.record({ field: fc.constant('roster.electionId'), value: fc.string({ minLength: 1, maxLength: 80 }) }),
      fc.record({ field: fc.constant('roster.precinct'), value: fc.integer({ min: 1, max: 99999 }) }),
      fc.record({ field: fc.constantFrom('roster.signature', 'roster.keyId', 'roster.resign-by-other-key'), value: fc.constant(0) }),
    );

    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const p = structuredClone(valid);
        const bi = 'bi' in m ? m.bi : 0;
        const batch = p.batches[bi % p.batches.length];
        if (!batch) throw new Error('no batch');
        const set = (target: object, key: string, value: unknown): void => {
          fc.pre((target as Record<string, unknown>)[key] !== value);
          (target as Record<string, unknown>)[key] = value;
        };
        const entry = p.roster.statement.devices[('ri' in m ? m.ri : 0) % p.roster.statement.devices.length];
        switch (m.field) {
          case 'batch.deviceId': set(batch, 'deviceId', m.value); break;
          case 'batch.electionId': set(batch, 'electionId', m.value); break;
          case 'batch.precinct': set(batch, 'precinct', m.value); break;
          case 'batch.fromSeq': set(batch, 'fromSeq', m.value); break;
          case 'batch.signature': set(batch, 'signature', m.value); break;
          case 'event.drop': batch.events.splice(('ei' in m ? m.ei : 0) % batch.events.length, 1); break;
          case 'roster.deviceId': if (entry) entry.deviceId = `${entry.deviceId}-x`; break;
          case 'roster.publicKey': if (entry) entry.publicKey = attacker.jwk; break;
          case 'roster.drop': p.roster.statement.devices.splice(('ri' in m ? m.ri : 0) % p.roster.statement.devices.length, 1); break;
          case 'roster.add': p.roster.statement.devices.push({ deviceId: attacker.id, publicKey: attacker.jwk, retiredKeys: [] }); break;
          case 'roster.electionId': set(p.roster.statement, 'electionId', m.value); break;
          case 'roster.precinct': set(p.roster.statement, 'precinct', m.value); break;
          case 'roster.signature': p.roster.signature = (await roster([a, b, attacker])).signature; break;
          case 'roster.keyId': p.roster.keyId = await keyId(attacker.jwk); break;
          case 'roster.resign-by-other-key': p.roster.signature = await signCanonical(p.roster.statement, attacker.pair.privateKey); break;
          default: {
            const e = event(p, bi, 'ei' in m ? m.ei : 0);
            const key = m.field.slice('event.'.length);
            if (key === 'payload') set(e.payload, 'voterId', m.value);
            else set(e, key, m.value);
            // An attacker who also recomputes the hash is caught by the laptop's signature.
            if ('rehash' in m && m.rehash) e.hash = await computeEventHash(e);
          }
        }
        // What the wire schema refuses never reaches the laptop's checks: refused as well.
        const parsed = pullResponseSchema.safeParse(JSON.parse(JSON.stringify(p)));
        if (parsed.success) {
          const outcome = await acceptPulledPage(syncStoreOf(store), enrolment, parsed.data).then(
            () => 'taken',
            (e: unknown) => (e instanceof SyncProblem ? e.code : String(e)),
          );
          expect(outcome, JSON.stringify(m)).toBe('pull-refused');
        }
        expect(await snapshot(db)).toEqual(before);
      }),
      { numRuns: 150 },
    );
    // And the unaltered page is taken.
    expect(await acceptPulledPage(syncStoreOf(store), enrolment, valid)).toBe(4);
  });
});
