/**
 * The laptop's side of the replay defence, with the real sync client (fake-indexeddb) and the real
 * center over HTTP: each signed GET carries the next request counter; a header captured on the
 * network and sent again is refused; a laptop restored from an older backup (its counter behind)
 * and a laptop whose clock is two hours off both still pull and fetch the bundle: the center's
 * answer (`auth-replayed` with its highest counter, `auth-expired` with its time) is learnt and the
 * request made once more.
 */
import 'fake-indexeddb/auto';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import type { SyncRow } from '../../../renderer/db/schema';
import { fetchCenterBundle, pullOthers } from '../../../renderer/sync/client';
import { syncStoreOf } from '../../../renderer/core/sync-store';
import { syncErrorSchema } from '../../../shared/sync/errors';
import { BACKENDS } from './harness';
import { listeningCenter, type ListeningCenter } from './laptops';

const PRECINCT = 9044;
type Requests = Extract<SyncRow, { key: 'requests' }>;

/**
 * A proxy that keeps every device-auth header it forwards (what an attacker on the network sees);
 * `forge` answers the next signed request itself instead (once), as an attacker in the middle could.
 */
async function recordingProxy(target: string): Promise<{ url: string; seen: { url: string; auth: string; status: number }[]; forge: (status: number, body: unknown) => void; close: () => Promise<void> }> {
  const seen: { url: string; auth: string; status: number }[] = [];
  let forged: { status: number; body: unknown } | null = null;
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (forged && typeof req.headers['x-device-auth'] === 'string') {
          res.writeHead(forged.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(forged.body));
          forged = null;
          return;
        }
        const auth = req.headers['x-device-auth'];
        const headers: Record<string, string> = typeof auth === 'string' ? { 'x-device-auth': auth } : {};
        if (chunks.length) headers['content-type'] = 'application/json';
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
        if (typeof auth === 'string') seen.push({ url: req.url ?? '/', auth, status: answer.status });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      })();
    });
  });
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen, forge: (status, body) => (forged = { status, body }), close: () => new Promise((r) => s.close(() => r())) };
}

describe.each(BACKENDS)('laptop requests and replays on $name', (backend) => {
  let listening: ListeningCenter;
  let center: Center;
  let centerUrl: string;
  beforeAll(async () => {
    listening = await listeningCenter(backend);
    ({ center, url: centerUrl } = listening);
  });
  afterAll(() => listening.close());

  it('counts its requests; a captured header is refused; an older backup and a wrong clock recover by themselves', async () => {
    const net = await recordingProxy(centerUrl);
    try {
      const { store, db } = await listening.laptop(net.url, PRECINCT, 'laptop-replay');
      const requests = async () => (await db.sync.get('requests')) as Requests | undefined;

      await pullOthers(syncStoreOf(store), { training: false });
      expect((await fetchCenterBundle(syncStoreOf(store), { training: false })).ok).toBe(true);
      await pullOthers(syncStoreOf(store), { training: false });
      expect((await requests())?.counter).toBe(3);
      expect(net.seen.map((s) => s.status)).toEqual([200, 200, 200]);

      // The attacker sends a captured header again: refused, and the laptop is not disturbed.
      const captured = net.seen[1];
      if (!captured) throw new Error('no header captured');
      const replay = await fetch(`${centerUrl}${captured.url}`, { headers: { 'x-device-auth': captured.auth } });
      expect(replay.status).toBe(401);
      expect(syncErrorSchema.parse(await replay.json())).toEqual({ error: 'auth-replayed', requestCounter: 3 });

      // Restored from a backup taken before those requests: the first one is refused, the
      // laptop learns the center's counter and goes on past it.
      await db.sync.put({ key: 'requests', counter: 0, clockOffsetMs: 0 });
      net.seen.length = 0;
      await pullOthers(syncStoreOf(store), { training: false });
      expect(net.seen.map((s) => s.status)).toEqual([401, 200]);
      expect((await requests())?.counter).toBe(4);

      // The laptop's idea of the center's clock is two hours off (a laptop abroad with a wrong
      // clock): refused as expired once, the offset corrected from the center's time, taken.
      await db.sync.put({ key: 'requests', counter: 4, clockOffsetMs: -2 * 3_600_000 });
      net.seen.length = 0;
      expect((await fetchCenterBundle(syncStoreOf(store), { training: false })).ok).toBe(true);
      expect(net.seen.map((s) => s.status)).toEqual([401, 200]);
      expect(Math.abs((await requests())?.clockOffsetMs ?? Infinity)).toBeLessThan(60_000);
      // A forged refusal (not signed: anyone in the middle can send one) naming the largest
      // counter would leave the laptop no counter to sign with: it is not believed.
      net.forge(401, { error: 'auth-replayed', requestCounter: Number.MAX_SAFE_INTEGER });
      await expect(pullOthers(syncStoreOf(store), { training: false })).rejects.toMatchObject({ code: 'auth-replayed' });
      expect((await requests())?.counter).toBeLessThan(1_000_000);
      net.seen.length = 0;
      await pullOthers(syncStoreOf(store), { training: false });
      expect(net.seen.map((s) => s.status)).toEqual([200]);

      // Nothing of this filed an incident against the laptop.
      const deviceId = await store.deviceId();
      expect((await center.listIncidents(1000)).filter((i) => i.deviceId === deviceId)).toEqual([]);
    } finally {
      await net.close();
    }
  });
});
