/**
 * Replay defence of signed GET requests (pull, bundle), on PGlite and PostgreSQL: a header the
 * center has taken is refused when it comes again (`auth-replayed`, with the highest counter seen),
 * so a captured request cannot be replayed even within the time window; a laptop's next request
 * is taken; a flood of copies of one header is taken once; a laptop made before the counter (no
 * `counter` claim) keeps working, its request time standing in for the counter; and the other
 * attacks at these routes (wrong signature, another laptop's header, wrong path, huge header)
 * neither move the counter nor file incidents.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import { syncErrorSchema } from '../../../shared/sync/errors';
import { adminHeaders, BACKENDS, enrolledDevice, server, testBundle, TestDevice } from './harness';

const errorOf = (res: { json: () => unknown }) => syncErrorSchema.parse(res.json());

describe.each(BACKENDS)('replayed signed requests on $name', (backend) => {
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
  const counterOf = async (deviceId: string) => Number((await center.db.query<{ c: string }>('select request_counter::text as c from devices where device_id = $1', [deviceId]))[0]?.c);
  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

  it('takes a request once: the replay is refused with the highest counter, the next one taken', async () => {
    const d = await enrolledDevice(app, 9041, 'replay');
    for (const path of ['/api/pull?after=0', '/api/bundle']) {
      const header = await d.authHeader(path);
      expect((await get(path, header)).statusCode).toBe(200);
      const replay = await get(path, header);
      expect(replay.statusCode).toBe(401);
      expect(errorOf(replay)).toEqual({ error: 'auth-replayed', requestCounter: d.requestCounter });
      // The laptop's next request is taken.
      expect((await get(path, await d.authHeader(path))).statusCode).toBe(200);
    }
    // A lower counter (requests that crossed, a laptop restored from an older backup): refused,
    // told the highest; a counter above it is taken.
    const behind = await get('/api/pull?after=0', await d.authHeader('/api/pull?after=0', Date.now(), 'GET', 2));
    expect(errorOf(behind)).toEqual({ error: 'auth-replayed', requestCounter: 4 });
    expect((await get('/api/pull?after=0', await d.authHeader('/api/pull?after=0', Date.now(), 'GET', 5))).statusCode).toBe(200);
    expect(await counterOf(d.deviceId)).toBe(5);
    // A replay files no incident (it says nothing about the laptop).
    expect((await center.listIncidents(1000)).filter((i) => i.deviceId === d.deviceId)).toEqual([]);
  });

  it('a flood of copies of one header is taken once', async () => {
    const d = await enrolledDevice(app, 9041, 'flood');
    const path = '/api/pull?after=0';
    const header = await d.authHeader(path);
    const answers = await Promise.all(Array.from({ length: 40 }, () => get(path, header)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 401 && errorOf(a).error === 'auth-replayed')).toHaveLength(39);
    expect(await counterOf(d.deviceId)).toBe(1);
  });

  it('a laptop made before the counter: its time stands in, each header taken once, later ones taken', async () => {
    const d = await enrolledDevice(app, 9042, 'old');
    const path = '/api/pull?after=0';
    const t = Date.now();
    const header = await d.authHeader(path, t, 'GET', null);
    expect((await get(path, header)).statusCode).toBe(200);
    expect(errorOf(await get(path, header))).toEqual({ error: 'auth-replayed', requestCounter: t });
    expect((await get(path, await d.authHeader(path, t + 1, 'GET', null))).statusCode).toBe(200);
    // Updated to a counting version: its first counters are below the times it used; the answer
    // names the highest, and the laptop goes on from there.
    const first = await get(path, await d.authHeader(path, Date.now(), 'GET', 1));
    expect(errorOf(first)).toEqual({ error: 'auth-replayed', requestCounter: t + 1 });
    expect((await get(path, await d.authHeader(path, Date.now(), 'GET', t + 2))).statusCode).toBe(200);
  });

  it('other attacks at the signed routes move no counter and file no incident', async () => {
    const d = await enrolledDevice(app, 9043, 'target');
    const thief = await TestDevice.create(9043, 'thief');
    const path = '/api/pull?after=0';
    const before = await counterOf(d.deviceId);
    const [claims] = (await d.authHeader(path, Date.now(), 'GET', 1000))['x-device-auth']?.split('.') ?? [];
    const [, forged] = (await thief.authHeader(path))['x-device-auth']?.split('.') ?? [];
    const attacks: [string, Record<string, string>, string][] = [
      // Another key's signature over the laptop's claims (a high counter): bad signature.
      [path, { 'x-device-auth': `${claims}.${forged}` }, 'bad-signature'],
      // A header for another path.
      ['/api/pull?after=7', await d.authHeader(path, Date.now(), 'GET', 1001), 'bad-signature'],
      ['/api/bundle', await d.authHeader(path, Date.now(), 'GET', 1002), 'bad-signature'],
      // A stale one (an hour old).
      [path, await d.authHeader(path, Date.now() - 3_600_000, 'GET', 1003), 'auth-expired'],
      // Huge and broken headers.
      [path, { 'x-device-auth': `${'A'.repeat(5000)}.${'B'.repeat(90)}` }, 'malformed'],
      [path, { 'x-device-auth': `${claims}.` }, 'bad-signature'],
      [path, { 'x-device-auth': 'x.y.z' }, 'malformed'],
    ];
    for (const [url, headers, expected] of attacks) {
      const res = await get(url, headers);
      expect(errorOf(res).error, `${url} ${JSON.stringify(headers).slice(0, 80)}`).toBe(expected);
    }
    // A counter above every safe integer is malformed, not taken.
    const { signDeviceRequest } = await import('../../../shared/sync/sign');
    const tooHigh = await signDeviceRequest({ deviceId: d.deviceId, method: 'GET', path, time: Date.now(), counter: Number.MAX_SAFE_INTEGER + 2 }, d.keys.privateKey);
    expect(errorOf(await get(path, { 'x-device-auth': tooHigh })).error).toBe('malformed');
    expect(await counterOf(d.deviceId)).toBe(before);
    expect((await center.listIncidents(1000)).filter((i) => i.deviceId === d.deviceId)).toEqual([]);
    // The laptop itself is unharmed: its next request is taken.
    expect((await get(path, await d.authHeader(path))).statusCode).toBe(200);
  });
});
