/**
 * Conditional dashboard refreshes (center/src/dashboard-etag.ts), on PGlite and PostgreSQL: the
 * JSON answer carries an ETag; sent back in If-None-Match it gets 304 with no body while nothing
 * the answer shows changed, and 200 with the new figures and a new tag once a push, a revocation or
 * a report time reached changed them. The answer's JSON is the same as without a tag.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { dashboardSchema, type Dashboard } from '../../../shared/sync/dashboard';
import { expandDashboard, type CompactDashboard } from '../../../shared/sync/dashboard-compact';
import { adminHeaders, BACKENDS, ELECTION, enrolledDevice, server, testBundle, type TestDevice } from './harness';

const LIST_HASH = 'a'.repeat(64);
/** 2017-10-15: the test devices' events from 03:00 UTC (12:00 in Tokyo). */
const TOKYO = 9019;
const at = (iso: string): number => Date.parse(iso);

describe.each(BACKENDS)('conditional dashboard refresh on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;
  let device: TestDevice;
  // 03:30 UTC: 12:30 in Tokyo (10:00 reached, 13:00 not), 09:30 in Bishkek (10:00 not reached).
  let clock = at('2017-10-15T03:30:00Z');
  let issued = 0;

  const get = async (url: string, tag?: string, on: FastifyInstance = app) =>
    on.inject({ method: 'GET', url, headers: { ...adminHeaders, ...(tag ? { 'if-none-match': tag } : {}) } });
  const dashboardOf = (body: string): Dashboard => dashboardSchema.parse(JSON.parse(body));
  const issue = async (n: number) => {
    for (let i = 0; i < n; i += 1) {
      issued += 1;
      await device.append('BallotIssued', { voterId: `v${issued}`, page: 1, row: issued, listHash: LIST_HASH });
    }
    const from = device.events.length - n + 1;
    const push = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(from, device.events.length) });
    expect(push.statusCode, push.body).toBe(200);
  };

  beforeAll(async () => {
    const opened = await backend.open({ now: () => clock });
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
    device = await enrolledDevice(app, TOKYO, 'tokyo');
    await issue(3);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  const URL = `/api/admin/dashboard?election=${ELECTION}`;

  it('answers with a weak tag; the tag sent back gets 304 with no body, the same JSON without it', async () => {
    const first = await get(URL);
    expect(first.statusCode).toBe(200);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/u);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(dashboardOf(first.body).totals.ballotsIssued).toBe(3);

    const again = await get(URL, tag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(tag);
    // Among other tags, and without the W/ (weak comparison); a tag of something else: 200.
    expect((await get(URL, `"nope", ${tag.slice(2)}`)).statusCode).toBe(304);
    expect((await get(URL, 'W/"nope"')).statusCode).toBe(200);
    // The same figures as a request without a tag (generatedAt aside).
    const plain = dashboardOf((await get(URL)).body);
    expect({ ...plain, generatedAt: '' }).toEqual({ ...dashboardOf(first.body), generatedAt: '' });
  });

  it.runIf(backend.name === 'pglite')('a 304 from the snapshot this process built from reads one snapshot id, not the figures', async () => {
    const tag = String((await get(URL)).headers.etag);
    const reads = vi.spyOn(center.readDb, 'query');
    try {
      expect((await get(URL, tag)).statusCode).toBe(304);
      expect(reads.mock.calls.map(([sql]) => sql)).toEqual(['select pg_current_snapshot()::text as snapshot']);
    } finally {
      reads.mockRestore();
    }
  });

  it('a push makes the tag stale: 200 with the new figures and a new tag, which then gets 304', async () => {
    const before = String((await get(URL)).headers.etag);
    await issue(2);
    const after = await get(URL, before);
    expect(after.statusCode).toBe(200);
    expect(dashboardOf(after.body).precincts.find((p) => p.number === TOKYO)?.ballotsIssued).toBe(5);
    const tag = String(after.headers.etag);
    expect(tag).not.toBe(before);
    expect((await get(URL, tag)).statusCode).toBe(304);
  });

  it('a report time reached, with nothing written, changes the answer and its tag', async () => {
    const before = await get(URL);
    const tag = String(before.headers.etag);
    expect(dashboardOf(before.body).precincts.find((p) => p.number === TOKYO)?.turnout[1]?.reached).toBe(false);
    clock = at('2017-10-15T03:59:59Z');
    expect((await get(URL, tag)).statusCode).toBe(304);
    // 04:00 UTC: 13:00 in Tokyo, 10:00 in Bishkek.
    clock = at('2017-10-15T04:00:00Z');
    const after = await get(URL, tag);
    expect(after.statusCode).toBe(200);
    const shown = dashboardOf(after.body);
    expect(shown.precincts.find((p) => p.number === TOKYO)?.turnout[1]?.reached).toBe(true);
    expect(String(after.headers.etag)).not.toBe(tag);
    expect((await get(URL, String(after.headers.etag))).statusCode).toBe(304);
  });

  it('a revoked laptop (no figure moved) changes the tag', async () => {
    const tag = String((await get(URL)).headers.etag);
    const revoke = await app.inject({ method: 'POST', url: `/api/admin/devices/${device.deviceId}/revoke`, headers: adminHeaders, payload: { reason: 'test' } });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const after = await get(URL, tag);
    expect(after.statusCode).toBe(200);
    expect(dashboardOf(after.body).precincts.find((p) => p.number === TOKYO)?.devices[0]?.revoked).toBe(true);
  });

  it('the compact answer has its own tag; another center process agrees on the tags', async () => {
    const full = await get(URL);
    const compact = await get(`${URL}&compact=1`);
    expect(compact.statusCode).toBe(200);
    expect(compact.headers.etag).not.toBe(full.headers.etag);
    expect((await get(`${URL}&compact=1`, String(full.headers.etag))).statusCode).toBe(200);
    expect(expandDashboard(JSON.parse(compact.body) as CompactDashboard).totals.ballotsIssued).toBe(dashboardOf(full.body).totals.ballotsIssued);
    // A second process (its own memory, nothing built yet) builds the answer and finds the same tag.
    const other = server(center);
    try {
      expect((await get(URL, String(full.headers.etag), other)).statusCode).toBe(304);
      expect((await get(`${URL}&compact=1`, String(compact.headers.etag), other)).statusCode).toBe(304);
    } finally {
      await other.close();
    }
  });

  it('without the admin token the tag gets nothing but the refusal', async () => {
    const tag = String((await get(URL)).headers.etag);
    const res = await app.inject({ method: 'GET', url: URL, headers: { 'if-none-match': tag } });
    expect(res.statusCode).toBe(401);
    expect(res.headers.etag).toBeUndefined();
  });
});
