/**
 * The center's signing key rotated (issue 20), with the real center (PGlite and PostgreSQL) over
 * HTTP and the laptop's own sync client (its IndexedDB is fake-indexeddb in Node). A laptop enrolled
 * under key A; the center rotates twice, A→B through the console's admin API and B→C through
 * `center key rotate` (on PostgreSQL the compiled CLI, a process of its own, which the serving
 * center follows); the laptop's verified bundle check and verified pull take what C signed through
 * the chain A→B→C the center sends beside it. A chain with a forged link (someone's own key in the
 * place of C, "endorsed" by a signature B never made) is refused whole; a laptop enrolled after the
 * rotations pins C. A laptop that verified the chain pins C from then on: the retired key A, stolen,
 * endorsing an attacker's key D is refused by it (and after a restart), while a laptop still on A
 * would take D. Both rotations are in the audit log.
 */
import 'fake-indexeddb/auto';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_RECHECK_MS, type Center } from '../../../center/src/center';
import { EventStore } from '../../../renderer/db/event-store';
import { PrecinctDatabase } from '../../../renderer/db/schema';
import { fetchCenterBundle, pullOthers, type Enrolment, type SyncState } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { endorseKey, exportPublicJwk, generateSigningKeyPair, keyEndorsementSchema, keyId, signCanonical, type KeyEndorsement } from '../../../shared/sync';
import { adminHeaders, BACKENDS, builtCli, cliEnv, enrolledDevice } from './harness';
import { listeningCenter, type ListeningCenter } from './laptops';

const run = promisify(execFile);
const PRECINCT = 9043;
const LIST = 'a'.repeat(64);

/** Between the laptop and the center; `rewrite` changes a pull's or the bundle's answer (someone on the network). */
async function proxy(target: string): Promise<{ url: string; rewrite: { pull: ((b: Record<string, unknown>) => Promise<void>) | null; bundle: ((b: Record<string, unknown>) => Promise<void>) | null }; close: () => Promise<void> }> {
  const rewrite: { pull: ((b: Record<string, unknown>) => Promise<void>) | null; bundle: ((b: Record<string, unknown>) => Promise<void>) | null } = { pull: null, bundle: null };
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
        let text = await answer.text();
        const change = req.url?.startsWith('/api/pull') ? rewrite.pull : req.url?.startsWith('/api/bundle') ? rewrite.bundle : null;
        if (change && answer.ok) {
          const body = JSON.parse(text) as Record<string, unknown>;
          await change(body);
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

afterAll(async () => {
  await (await builtCli()).remove();
});

describe.each(BACKENDS)('center key rotation on $name', (backend) => {
  let listening: ListeningCenter;
  let center: Center;
  let app: FastifyInstance;
  let databaseUrl: string | null;
  let centerUrl: string;
  beforeAll(async () => {
    listening = await listeningCenter(backend);
    ({ center, app, databaseUrl, url: centerUrl } = listening);
  });
  afterAll(() => listening.close());

  const laptop = (url: string) => listening.laptop(url, PRECINCT, 'key-rotation');
  const marked = async (db: PrecinctDatabase, voterId: string) => Boolean((await db.voterStatus.get(voterId))?.issued);
  const pinnedKeyId = async (db: PrecinctDatabase) => ((await db.sync.get('enrolment')) as Enrolment | undefined)?.centerKey.keyId;

  it('a laptop pinned to A takes what C signed through A→B→C; a forged link is refused; a laptop enrolled after pins C', async () => {
    const honest = await enrolledDevice(app, PRECINCT, 'honest');
    const net = await proxy(centerUrl);
    try {
      const { store, db } = await laptop(net.url);
      // Enrolled before the rotations too: one that has not synced since (still pinned to A), and
      // one that stays behind (the demonstration of what a stolen A does to a laptop still on A).
      const stale = await laptop(net.url);
      const behind = await laptop(net.url);
      const aKey = center.signingKey;
      const a = aKey.keyId;
      expect(await pinnedKeyId(db)).toBe(a);
      expect((await fetchCenterBundle(syncStoreOf(store), { training: false })).ok).toBe(true);

      // A→B: the console's action (admin API), in the audit log.
      const first = await app.inject({ method: 'POST', url: '/api/admin/keys/rotate', headers: adminHeaders, payload: {} });
      expect(first.statusCode).toBe(200);
      const ab = first.json<{ fromKeyId: string; toKeyId: string; chainLength: number }>();
      expect(ab).toMatchObject({ fromKeyId: a, chainLength: 1 });
      const b = ab.toKeyId;
      expect(center.signingKey.keyId).toBe(b);

      // B→C: `center key rotate`. On PostgreSQL the CLI is a process of its own, straight on the
      // database; the serving center signs with C once it looks again (KEY_RECHECK_MS).
      if (databaseUrl) {
        const cli = await builtCli();
        const out = await run('node', [cli.path, 'key', 'rotate'], { env: cliEnv({ DATABASE_URL: databaseUrl }) });
        expect(JSON.parse(out.stdout)).toMatchObject({ fromKeyId: b, chainLength: 2, newKeyFile: null });
        await new Promise((r) => setTimeout(r, KEY_RECHECK_MS + 200));
      } else {
        expect(await center.rotateKey()).toMatchObject({ fromKeyId: b, chainLength: 2 });
      }

      // The bundle, signed before the rotations, comes signed by C with the chain; the laptop takes it.
      const bundleAnswer = (await app.inject({ method: 'GET', url: '/api/bundle', headers: await honest.authHeader('/api/bundle') })).json<{ keyId: string; keyChain: KeyEndorsement[] }>();
      const c = bundleAnswer.keyId;
      expect(c).not.toBe(a);
      expect(c).not.toBe(b);
      expect(bundleAnswer.keyChain.map((e) => [e.statement.fromKeyId, e.statement.toKeyId])).toEqual([
        [a, b],
        [b, c],
      ]);
      const bundle = await fetchCenterBundle(syncStoreOf(store), { training: false });
      expect(bundle.ok).toBe(true);
      // Verified through A→B→C: the laptop now pins C.
      expect(await pinnedKeyId(db)).toBe(c);

      // A pull: the roster signed by C, taken through the chain.
      await honest.append('BallotIssued', { voterId: 'v-after-rotation', page: 1, row: 1, listHash: LIST });
      expect((await app.inject({ method: 'POST', url: '/api/push', payload: await honest.batch(1, 1) })).statusCode).toBe(200);
      expect(await pullOthers(syncStoreOf(store), { training: false })).toBe(1);
      expect(await marked(db, 'v-after-rotation')).toBe(true);
      expect(await pinnedKeyId(db)).toBe(c);
      expect(await pinnedKeyId(stale.db)).toBe(a);

      // Someone on the network signs the roster with a key of their own (M) and "endorses" M as if
      // by B: the link does not verify with B, and the page is refused whole.
      const m = await generateSigningKeyPair(true);
      const mJwk = await exportPublicJwk(m.publicKey);
      const mId = await keyId(mJwk);
      const chain = bundleAnswer.keyChain.map((e) => keyEndorsementSchema.parse(e));
      const bJwk = chain[0]!.statement.toPublicKey;
      const forgedLink = await endorseKey({ privateKey: m.privateKey, publicJwk: bJwk }, mJwk, new Date().toISOString());
      expect(forgedLink.keyId).toBe(b);
      net.rewrite.pull = async (body) => {
        const roster = body.roster as { statement: unknown; keyId: string; signature: string; keyChain?: unknown };
        roster.keyId = mId;
        roster.signature = await signCanonical(roster.statement, m.privateKey);
        roster.keyChain = [chain[0], forgedLink];
      };
      await honest.append('BallotIssued', { voterId: 'v-forged-chain', page: 1, row: 2, listHash: LIST });
      expect((await app.inject({ method: 'POST', url: '/api/push', payload: await honest.batch(2, 2) })).statusCode).toBe(200);
      await expect(pullOthers(syncStoreOf(stale.store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
      expect(((await stale.db.sync.get('state')) as SyncState).refusedPulls?.[0]).toMatchObject({ code: 'roster-bad-signature' });
      expect(await marked(stale.db, 'v-forged-chain')).toBe(false);
      expect(await pinnedKeyId(stale.db)).toBe(a);
      // The bundle with the link B→C swapped for the forged one: refused.
      net.rewrite.pull = null;
      net.rewrite.bundle = async (body) => {
        body.keyChain = [chain[0], { ...forgedLink, statement: { ...forgedLink.statement, toKeyId: c, toPublicKey: chain[1]!.statement.toPublicKey } }];
      };
      expect(await fetchCenterBundle(syncStoreOf(stale.store), { training: false })).toMatchObject({ ok: false, error: { code: 'bad-signature' } });
      // Without the chain at all: the wrong key.
      net.rewrite.bundle = async (body) => {
        delete body.keyChain;
      };
      expect(await fetchCenterBundle(syncStoreOf(stale.store), { training: false })).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
      expect(await pinnedKeyId(stale.db)).toBe(a);
      net.rewrite.bundle = null;
      expect(await pullOthers(syncStoreOf(stale.store), { training: false })).toBe(2);
      expect(await marked(stale.db, 'v-forged-chain')).toBe(true);
      expect(await pinnedKeyId(stale.db)).toBe(c);
      expect(await pullOthers(syncStoreOf(store), { training: false })).toBe(1);
      expect(await marked(db, 'v-forged-chain')).toBe(true);

      // The retired key A stolen: the thief endorses a key of their own (D) with it and signs a
      // roster and a bundle with D. A laptop still pinned to A would take them (shown on `behind`);
      // a laptop that pinned C refuses them, and so after a restart.
      const d = await generateSigningKeyPair(true);
      const dJwk = await exportPublicJwk(d.publicKey);
      const dId = await keyId(dJwk);
      const stolenLink = await endorseKey(aKey, dJwk, new Date().toISOString());
      const byThief = async (body: Record<string, unknown>) => {
        body.keyId = dId;
        body.signature = await signCanonical(body.statement, d.privateKey);
        body.keyChain = [stolenLink];
      };
      net.rewrite.bundle = byThief;
      expect((await fetchCenterBundle(syncStoreOf(behind.store), { training: false })).ok).toBe(true);
      expect(await pinnedKeyId(behind.db)).toBe(dId);
      expect(await fetchCenterBundle(syncStoreOf(store), { training: false })).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
      net.rewrite.bundle = null;
      net.rewrite.pull = async (body) => byThief(body.roster as Record<string, unknown>);
      await honest.append('BallotIssued', { voterId: 'v-stolen-key', page: 1, row: 3, listHash: LIST });
      expect((await app.inject({ method: 'POST', url: '/api/push', payload: await honest.batch(3, 3) })).statusCode).toBe(200);
      await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
      expect(((await db.sync.get('state')) as SyncState).refusedPulls?.[0]).toMatchObject({ code: 'roster-wrong-key' });
      expect(await marked(db, 'v-stolen-key')).toBe(false);
      expect(await pinnedKeyId(db)).toBe(c);
      // A restart of the laptop (the database closed and opened again) keeps the pin C.
      db.close();
      const reopened = listening.reopen(db);
      const restarted = new EventStore(reopened);
      expect(await pinnedKeyId(reopened)).toBe(c);
      await expect(pullOthers(syncStoreOf(restarted), { training: false })).rejects.toMatchObject({ code: 'pull-refused' });
      expect(await marked(reopened, 'v-stolen-key')).toBe(false);
      net.rewrite.bundle = byThief;
      net.rewrite.pull = null;
      expect(await fetchCenterBundle(syncStoreOf(restarted), { training: false })).toMatchObject({ ok: false, error: { code: 'wrong-key' } });
      net.rewrite.bundle = null;
      expect(await pullOthers(syncStoreOf(restarted), { training: false })).toBe(1);
      expect(await marked(reopened, 'v-stolen-key')).toBe(true);

      // A laptop enrolled now pins C and takes the same bundle and roster.
      const later = await laptop(centerUrl);
      expect(await pinnedKeyId(later.db)).toBe(c);
      expect((await fetchCenterBundle(syncStoreOf(later.store), { training: false })).ok).toBe(true);
      expect(await pullOthers(syncStoreOf(later.store), { training: false })).toBe(3);

      // What the operator sees: three keys kept, two retired, the chain; both rotations audited.
      const keys = (await app.inject({ method: 'GET', url: '/api/admin/keys', headers: adminHeaders })).json<{ activeKeyId: string; stored: { keyId: string; retiredAt: string | null }[]; chain: unknown[] }>();
      expect(keys.activeKeyId).toBe(c);
      expect(keys.stored.map((k) => [k.keyId, k.retiredAt !== null])).toEqual([
        [a, true],
        [b, true],
        [c, false],
      ]);
      expect(keys.chain).toHaveLength(2);
      const audit = (await app.inject({ method: 'GET', url: '/api/admin/audit', headers: adminHeaders })).json<{ entries: { action: string; target: string | null; outcome: string }[] }>().entries;
      expect(audit).toContainEqual(expect.objectContaining({ action: '/api/admin/keys/rotate', target: b, outcome: 'ok' }));
      if (databaseUrl) expect(audit).toContainEqual(expect.objectContaining({ action: 'cli key rotate', target: c, outcome: 'ok' }));
    } finally {
      await net.close();
    }
  });
});
