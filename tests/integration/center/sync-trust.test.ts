/**
 * Issue 15 on the center, on PGlite and PostgreSQL: incidents only from verified requests (one open
 * per device and cause, newest first past 1,000 rows), per-device rate limits only after the
 * signature verified, admin token before the body, limits keyed on the real client address behind
 * a proxy, and "re-key this laptop" keeping its chain.
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import { computeEventHash, type StoredEvent, type UnhashedEvent } from '../../../shared/events/envelope';
import { signBatch } from '../../../shared/sync';
import { syncErrorSchema } from '../../../shared/sync/errors';
import { adminHeaders, BACKENDS, enrolledDevice, server, storedEvents, testBundle, TestDevice } from './harness';

const errorOf = (res: { json: () => unknown }) => syncErrorSchema.parse(res.json()).error;

describe.each(BACKENDS)('sync trust on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await backend.open());
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });
  const incidentsOf = async (deviceId: string) =>
    (await center.listIncidents(1000)).filter((i) => i.deviceId === deviceId);

  it('a stranger naming a laptop neither files incidents against it nor uses up its rate limit', async () => {
    const limited = server(center, { rateLimits: { perDevice: { limit: 5, windowMs: 60_000 } } });
    try {
      const b = await enrolledDevice(app, 9031, 'victim');
      await b.appendMarks(2);
      const attacker = await TestDevice.create(9031, 'attacker');
      // 40 pushes naming B, signed with another key: refused, not counted against B, no incident.
      const forged = await b.batch(1, 2, attacker.keys.privateKey);
      for (let i = 0; i < 40; i += 1) {
        const res = await limited.inject({ method: 'POST', url: '/api/push', payload: forged });
        expect(errorOf(res)).toBe('bad-signature');
      }
      expect(await incidentsOf(b.deviceId)).toEqual([]);
      const own = await limited.inject({ method: 'POST', url: '/api/push', payload: await b.batch(1, 2) });
      expect(own.statusCode, own.body).toBe(200);
      const path = '/api/pull?after=0';
      const pull = await limited.inject({ method: 'GET', url: path, headers: await b.authHeader(path) });
      expect(pull.statusCode, pull.body).toBe(200);
      // B's own signed requests are limited: 5 a minute.
      for (let i = 0; i < 3; i += 1) expect((await limited.inject({ method: 'POST', url: '/api/push', payload: await b.batch(1, 2) })).statusCode).toBe(200);
      const sixth = await limited.inject({ method: 'POST', url: '/api/push', payload: await b.batch(1, 2) });
      expect(errorOf(sixth)).toBe('rate-limited');
    } finally {
      await limited.close();
    }
  });

  it('keeps one open incident per (device, cause) with a counter and the last time seen', async () => {
    const d = await enrolledDevice(app, 9034, 'revoked');
    await d.appendMarks(1);
    expect((await app.inject({ method: 'POST', url: `/api/admin/devices/${d.deviceId}/revoke`, headers: adminHeaders, payload: {} })).statusCode).toBe(200);
    for (let i = 0; i < 6; i += 1) expect(errorOf(await app.inject({ method: 'POST', url: '/api/push', payload: await d.batch(1, 1) }))).toBe('device-revoked');
    for (let i = 0; i < 3; i += 1) {
      const path = '/api/pull?after=0';
      expect(errorOf(await app.inject({ method: 'GET', url: path, headers: await d.authHeader(path) }))).toBe('device-revoked');
    }
    const mine = await incidentsOf(d.deviceId);
    expect(mine.map((i) => [i.kind, i.repeats]).sort()).toEqual([
      ['push:device-revoked', 6],
      ['request:device-revoked', 3],
    ]);
    for (const i of mine) expect(Date.parse(i.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(i.at));
  });

  it('replays and repeated double issues from one laptop open one incident per cause, even sent at once', async () => {
    const a = await enrolledDevice(app, 9037, 'first-desk');
    const b = await enrolledDevice(app, 9037, 'second-desk');
    const listHash = 'c'.repeat(64);
    const issue = (d: TestDevice, voterId: string) => d.append('BallotIssued', { voterId, page: 1, row: 3, listHash });
    await issue(a, 'voter-37');
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await a.batch(1, 1) })).statusCode).toBe(200);
    await b.appendMarks(1);
    await issue(b, 'voter-37');
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await b.batch(1, 2) })).statusCode).toBe(200);
    // The same batch replayed (a lost answer), and the voter issued again on b: still the one incident.
    for (let i = 0; i < 3; i += 1) expect((await app.inject({ method: 'POST', url: '/api/push', payload: await b.batch(1, 2) })).json()).toEqual({ ackSeq: 2, stored: 0 });
    await issue(b, 'voter-37');
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await b.batch(3, 3) })).statusCode).toBe(200);
    // b replays seq 1 with other content (a rewritten log) eight times, four of them at once.
    const rewritten = { ...b.events[0]!, payload: { item: 1, done: false, note: 'rewritten' } } as StoredEvent;
    const { hash: _old, ...unhashed } = rewritten;
    const fork = await signBatch({ deviceId: b.deviceId, precinct: 9037, electionId: b.electionId, fromSeq: 1, events: [{ ...rewritten, hash: await computeEventHash(unhashed as UnhashedEvent) }] }, b.keys.privateKey);
    for (let i = 0; i < 4; i += 1) expect(errorOf(await app.inject({ method: 'POST', url: '/api/push', payload: fork }))).toBe('seq-replayed-different');
    const together = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: '/api/push', payload: fork })));
    for (const res of together) expect(errorOf(res)).toBe('seq-replayed-different');

    const precinctIncidents = (await center.listIncidents(1000)).filter((i) => i.precinct === 9037);
    expect(precinctIncidents.map((i) => [i.kind, i.deviceId, i.repeats]).sort()).toEqual([
      ['double-issue', b.deviceId, 1],
      ['push:seq-replayed-different', b.deviceId, 8],
    ]);
  });

  it('lists incidents newest first past 1,000 rows', async () => {
    await center.db.query(
      `insert into incidents (kind, device_id, detail) select 'push:bad-signature', 'filler-' || g, '{}' from generate_series(1, 1075) g`,
    );
    const d = await enrolledDevice(app, 9035, 'late');
    await d.appendMarks(1);
    await center.recordIncident('push:wrong-precinct', { device_id: d.deviceId, election_id: d.electionId, precinct: 9035 });
    const list = await center.listIncidents(200);
    expect(list[0]?.deviceId).toBe(d.deviceId);
    const ids = list.map((i) => BigInt(i.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
  });

  it('checks the admin token before reading a body; admin bodies are small except the imports', async () => {
    // Not JSON at all and large: without a token it is refused as unauthorised, never parsed.
    const big = `{${'x'.repeat(2 * 1024 * 1024)}`;
    for (const url of ['/api/admin/bundles', '/api/admin/import-batch', '/api/admin/enrolment-codes']) {
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: big });
      expect(errorOf(res), url).toBe('unauthorized');
    }
    const tooBig = await app.inject({ method: 'POST', url: '/api/admin/enrolment-codes', headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: JSON.stringify({ precinct: 9019, pad: 'x'.repeat(100_000) }) });
    expect(errorOf(tooBig)).toBe('body-too-large');
  });

  it('re-keys a laptop: the old key revoked, a code bound to the device, the chain kept', async () => {
    const old = await enrolledDevice(app, 9036, 'lost-key');
    await old.appendMarks(3);
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await old.batch(1, 3) })).json()).toEqual({ ackSeq: 3, stored: 3 });
    const rekey = await app.inject({ method: 'POST', url: `/api/admin/devices/${old.deviceId}/rekey`, headers: adminHeaders, payload: {} });
    expect(rekey.statusCode, rekey.body).toBe(200);
    const { code } = rekey.json() as { code: string };
    await old.appendMarks(2);
    // The old key no longer pushes.
    expect(errorOf(await app.inject({ method: 'POST', url: '/api/push', payload: await old.batch(4, 5) }))).toBe('device-revoked');
    // The code is bound to this laptop: another cannot use it.
    const other = await TestDevice.create(9036, 'thief');
    expect(errorOf(await app.inject({ method: 'POST', url: '/api/enrol', payload: await other.enrolRequest(code) }))).toBe('enrolment-code-invalid');
    const renewed = await old.withNewKeys();
    const enrol = await app.inject({ method: 'POST', url: '/api/enrol', payload: await renewed.enrolRequest(code) });
    expect(enrol.statusCode, enrol.body).toBe(200);
    expect(enrol.json()).toMatchObject({ deviceId: old.deviceId, precinct: 9036, ackSeq: 3 });
    // The answer lost: the same request again gets the same answer.
    const again = await app.inject({ method: 'POST', url: '/api/enrol', payload: await renewed.enrolRequest(code) });
    expect(again.json()).toMatchObject({ deviceId: old.deviceId, ackSeq: 3 });
    // The chain continues with the new key; the old key's batches are refused.
    expect(errorOf(await app.inject({ method: 'POST', url: '/api/push', payload: await old.batch(4, 5) }))).toBe('bad-signature');
    expect((await app.inject({ method: 'POST', url: '/api/push', payload: await renewed.batch(4, 5) })).json()).toEqual({ ackSeq: 5, stored: 2 });
    expect((await storedEvents(center, old.deviceId)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const unknown = await app.inject({ method: 'POST', url: '/api/admin/devices/nobody/rekey', headers: adminHeaders, payload: {} });
    expect(errorOf(unknown)).toBe('not-found');
  });
});

describe('rate limits behind a reverse proxy', () => {
  let center: Center;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await BACKENDS[0]!.open());
  });
  afterAll(async () => cleanup());

  /** The center on a socket, and a test proxy in front of it setting X-Forwarded-For from `x-test-client`. */
  async function behindProxy(trustProxy: boolean | string[]): Promise<{ url: string; close: () => Promise<void> }> {
    const app = server(center, { trustProxy, rateLimits: { perIp: { limit: 3, windowMs: 60_000 } } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const target = app.server.address() as AddressInfo;
    const proxy = http.createServer((req, res) => {
      const headers: http.OutgoingHttpHeaders = { ...req.headers, 'x-forwarded-for': String(req.headers['x-test-client'] ?? '') };
      delete headers['x-test-client'];
      const upstream = http.request({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    return {
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      close: async () => {
        proxy.close();
        await app.close();
      },
    };
  }
  const statuses = async (url: string, client: string, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) out.push((await fetch(`${url}/api/health`, { headers: { 'x-test-client': client } })).status);
    return out;
  };

  it('limits two laptops with different forwarded addresses separately when the proxy is trusted', async () => {
    const p = await behindProxy(['127.0.0.1']);
    try {
      expect(await statuses(p.url, '203.0.113.7', 4)).toEqual([200, 200, 200, 429]);
      expect(await statuses(p.url, '198.51.100.9', 3)).toEqual([200, 200, 200]);
    } finally {
      await p.close();
    }
  });

  it('without trusting the proxy every laptop is the proxy’s one address', async () => {
    const p = await behindProxy(false);
    try {
      expect(await statuses(p.url, '203.0.113.7', 3)).toEqual([200, 200, 200]);
      expect(await statuses(p.url, '198.51.100.9', 1)).toEqual([429]);
    } finally {
      await p.close();
    }
  });
});
