/**
 * Issue 15, faults 2 and 3, with the real center (PGlite and PostgreSQL) over HTTP.
 *
 * Fault 2: an enrolment whose answer is lost (the center committed it) does not strand the
 * laptop: its key pair was kept before the first attempt, so the retry is the same request and the
 * center answers it as the enrolment it holds; pushes then work.
 *
 * Fault 3, with the real center (PGlite and PostgreSQL) over HTTP: a laptop takes only
 * events that a rostered laptop of its election and precinct signed, continuing its chain. A
 * BallotIssued of a never-enrolled laptop of another election (seq 7, prevHash ff…), whether
 * planted in the center's database or injected on the network, is refused whole: the voter is not
 * marked as having voted, and the refusal names the laptop. (The laptop's IndexedDB is
 * fake-indexeddb in Node; the center, its database and HTTP are real.)
 */
import 'fake-indexeddb/auto';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import { PrecinctDatabase } from '../../../renderer/db/schema';
import { enrol, pullOthers, pushWaiting, type SyncState } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { computeEventHash, type StoredEvent, type UnhashedEvent } from '../../../shared/events/envelope';
import { encodeHlc } from '../../../shared/events/hlc';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { generateSigningKeyPair, signBatch, type SignedBatch } from '../../../shared/sync';
import { syncErrorSchema } from '../../../shared/sync/errors';
import { BACKENDS, ELECTION, enrolledDevice, issueCode } from './harness';
import { listeningCenter, type ListeningCenter } from './laptops';

const PRECINCT = 9041;
/** The enrolment test's own precinct (its laptop pushes: kept out of the pull tests' pages). */
const ENROL_PRECINCT = 9042;
const LIST = 'a'.repeat(64);

/** A BallotIssued of a laptop never enrolled, of another election, seq 7 after `ff…`. */
async function forgedBallot(deviceId: string, voterId: string): Promise<StoredEvent> {
  const at = Date.UTC(2017, 9, 15, 5, 0, 0);
  const unhashed = {
    id: randomUUID(), deviceId, seq: 7, hlc: encodeHlc({ wallMs: at, counter: 0, deviceId }), recordedAt: new Date(at).toISOString(),
    electionId: 'another-election', bundleHash: null, precinct: PRECINCT, actor: 'm1',
    type: 'BallotIssued', payload: { voterId, page: 1, row: 1, listHash: LIST }, prevHash: 'f'.repeat(64),
  } as UnhashedEvent;
  return { ...unhashed, hash: await computeEventHash(unhashed) } as StoredEvent;
}

/** A proxy between the laptop and the center; `rewrite` may change pull answers (an attacker on the network). */
interface Rewrite {
  pull: ((body: Record<string, unknown>, url: URL) => void) | null;
  /** How many pull requests went through. */
  pulls: number;
  /** How many enrolment answers to lose (after the center answered). */
  loseEnrolAnswers: number;
}
async function proxy(target: string): Promise<{ url: string; rewrite: Rewrite; close: () => Promise<void> }> {
  const rewrite: Rewrite = { pull: null, pulls: 0, loseEnrolAnswers: 0 };
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
        let text = await answer.text();
        if (req.url === '/api/enrol' && rewrite.loseEnrolAnswers > 0) {
          rewrite.loseEnrolAnswers -= 1;
          req.socket.destroy();
          return;
        }
        if (req.url?.startsWith('/api/pull')) rewrite.pulls += 1;
        if (rewrite.pull && req.url?.startsWith('/api/pull') && answer.ok) {
          const body = JSON.parse(text) as Record<string, unknown>;
          rewrite.pull(body, new URL(req.url, 'http://proxy'));
          text = JSON.stringify(body);
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(text);
      })();
    });
  });
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, rewrite, close: () => new Promise((r) => s.close(() => r())) };
}

describe.each(BACKENDS)('verified pulls on $name', (backend) => {
  let listening: ListeningCenter;
  let center: Center;
  let app: FastifyInstance;
  let centerUrl: string;
  beforeAll(async () => {
    listening = await listeningCenter(backend);
    ({ center, app, url: centerUrl } = listening);
  });
  afterAll(() => listening.close());

  const laptop = (url: string) => listening.laptop(url, PRECINCT, 'verified-pull');
  const stateOf = async (db: PrecinctDatabase) => (await db.sync.get('state')) as SyncState;
  const marked = async (db: PrecinctDatabase, voterId: string) => Boolean((await db.voterStatus.get(voterId))?.issued);

  it('a lost enrolment answer: the retry with the same code is the same request, succeeds, and pushes work', async () => {
    const net = await proxy(centerUrl);
    try {
      const { store, db } = listening.freshLaptop('enrol-retry');
      const code = await issueCode(app, ENROL_PRECINCT, { electionId: ELECTION });
      net.rewrite.loseEnrolAnswers = 1;
      await expect(enrol(syncStoreOf(store), net.url, code, { training: false })).rejects.toMatchObject({ code: 'offline' });
      // The center committed it.
      const deviceId = await store.deviceId();
      expect((await center.listPrecincts(ELECTION)).flatMap((p) => p.devices).map((d) => d.deviceId)).toContain(deviceId);
      const enrolment = await enrol(syncStoreOf(store), net.url, code, { training: false });
      expect(enrolment).toMatchObject({ deviceId, precinct: ENROL_PRECINCT, electionId: ELECTION });
      await store.append('CalendarItemMarked', { item: 3, done: true, note: '' }, { electionId: ELECTION, bundleHash: null, precinct: ENROL_PRECINCT, actor: 'm1' });
      expect(await pushWaiting(syncStoreOf(store), { training: false })).toBe(1);
      expect((await stateOf(db)).ackSeq).toBe(1);
    } finally {
      await net.close();
    }
  });

  it('refuses a forged BallotIssued planted in the center’s database: the voter is not marked, the laptop is named', async () => {
    const honest = await enrolledDevice(app, PRECINCT, 'honest');
    await honest.append('BallotIssued', { voterId: 'v-honest', page: 1, row: 2, listHash: LIST });
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await honest.batch(1, 1) })).json()).toEqual({ ackSeq: 1, stored: 1 });
    const { store, db } = await laptop(centerUrl);

    // Someone with the database plants a laptop of another election and its ballot, in this precinct.
    const forgerId = `forger-${randomUUID().slice(0, 8)}`;
    const forged = await forgedBallot(forgerId, 'v-forged');
    await center.db.query("insert into elections (id) values ('another-election') on conflict do nothing");
    await center.db.query(
      "insert into precincts (election_id, number, name, territorial_commission, time_zone) values ('another-election', $1, 'x', 'x', 'Asia/Bishkek') on conflict do nothing",
      [PRECINCT],
    );
    await center.db.query("insert into devices (device_id, election_id, precinct, public_key, key_id) values ($1, 'another-election', $2, '{}', 'x')", [forgerId, PRECINCT]);
    await center.db.query(
      'insert into events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body) values ($1, 7, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)',
      [forgerId, ELECTION, PRECINCT, forged.id, forged.hash, forged.prevHash, forged.hlc, forged.type, JSON.stringify(forged.payload), canonicalJson(forged)],
    );

    await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
    expect(await marked(db, 'v-forged')).toBe(false);
    // The page before it (the honest ballot) is taken; the refused page stores nothing, and the cursor stays before it.
    expect(await marked(db, 'v-honest')).toBe(true);
    expect((await db.events.toArray()).map((e) => e.deviceId)).toEqual([honest.deviceId]);
    const state = await stateOf(db);
    const cursor = state.pullCursor;
    expect(state.refusedPulls).toEqual([expect.objectContaining({ code: 'not-rostered', deviceId: forgerId })]);
    expect(state.lastError?.code).toBe('pull-refused');

    // A forged signature row does not help: the laptop is still not on the signed roster.
    await center.db.query("insert into batch_signatures (device_id, from_seq, to_seq, signature) values ($1, 7, 7, $2)", [forgerId, 'A'.repeat(86)]);
    await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
    expect(await marked(db, 'v-forged')).toBe(false);

    expect((await stateOf(db)).pullCursor).toBe(cursor);
    expect(await db.events.count()).toBe(1);

    // The planted rows removed, the pull goes on.
    await center.db.query('delete from batch_signatures where device_id = $1', [forgerId]);
    await center.db.query('delete from events where device_id = $1', [forgerId]);
    await honest.append('BallotIssued', { voterId: 'v-honest-2', page: 1, row: 3, listHash: LIST });
    await app.inject({ method: 'POST', url: '/api/push', payload: await honest.batch(2, 2) });
    expect(await pullOthers(syncStoreOf(store), { training: false })).toBe(1);
    expect(await marked(db, 'v-honest-2')).toBe(true);
    expect(await marked(db, 'v-forged')).toBe(false);
  });

  it('refuses a forged BallotIssued injected on the network, even with the forger added to the roster; the center refuses its push', async () => {
    const forger = await generateSigningKeyPair(false);
    const forgerId = `forger-${randomUUID().slice(0, 8)}`;
    const forged = await forgedBallot(forgerId, 'v-injected');
    const batch: SignedBatch = await signBatch({ deviceId: forgerId, electionId: ELECTION, precinct: PRECINCT, fromSeq: 7, events: [forged] }, forger.privateKey);
    const push = await app.inject({ method: 'POST', url: '/api/push', payload: batch });
    expect(syncErrorSchema.parse(push.json()).error).toBe('unknown-device');

    const net = await proxy(centerUrl);
    try {
      const { store, db } = await laptop(net.url);
      const before = await db.events.count();
      net.rewrite.pull = (body) => {
        (body.batches as unknown[]).push(batch);
      };
      await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
      expect((await stateOf(db)).refusedPulls?.[0]).toMatchObject({ code: 'not-rostered', deviceId: forgerId });
      net.rewrite.pull = (body) => {
        (body.batches as unknown[]).push(batch);
        const roster = body.roster as { statement: { devices: unknown[] } };
        roster.statement.devices.push({ deviceId: forgerId, publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) }, retiredKeys: [] });
      };
      await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
      expect((await stateOf(db)).refusedPulls?.[0]).toMatchObject({ code: 'roster-bad-signature', deviceId: null });
      expect(await marked(db, 'v-injected')).toBe(false);
      expect(await db.events.count()).toBe(before);
      // Without the attacker, the same laptop pulls normally.
      net.rewrite.pull = null;
      await pullOthers(syncStoreOf(store), { training: false });
      expect(await marked(db, 'v-injected')).toBe(false);
    } finally {
      await net.close();
    }
  });

  it('an answer saying "more" without moving the cursor on is refused at once, not asked again a thousand times', async () => {
    const net = await proxy(centerUrl);
    try {
      const { store, db } = await laptop(net.url);
      const cursorBefore = (await stateOf(db)).pullCursor;
      net.rewrite.pull = (body, url) => {
        body.cursor = url.searchParams.get('after');
        body.hasMore = true;
      };
      const pullsBefore = net.rewrite.pulls;
      await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'bad-response' });
      expect(net.rewrite.pulls - pullsBefore).toBe(1);
      expect((await stateOf(db)).pullCursor).toBe(cursorBefore);
      expect((await stateOf(db)).lastError?.code).toBe('bad-response');
      // A cursor moved backwards with "more" is the same loop.
      net.rewrite.pull = (body) => {
        body.cursor = '0';
        body.hasMore = true;
      };
      await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'bad-response' });
      // The honest center, through the same path, is pulled as before.
      net.rewrite.pull = null;
      await expect(pullOthers(syncStoreOf(store), { training: false })).resolves.toBeGreaterThanOrEqual(0);
    } finally {
      await net.close();
    }
  });
});
