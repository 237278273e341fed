/**
 * Running the center as a service: liveness vs readiness (the database down, the process up) and
 * the Prometheus metrics behind the admin token — on PGlite and on the real PostgreSQL.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { openCenter } from '../../../center/src/open-center';
import { adminHeaders, BACKENDS, enrolledDevice, freshPgDatabase, PG_AVAILABLE, server, testBundle } from './harness';

const PG_ADMIN_URL = process.env.CENTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The samples of an exposition text, keyed `name{labels}` with the `pid` label left out. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/u.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels = (m[2] ?? '')
      .split(/,(?=[a-z_]+=")/u)
      .filter((l) => l !== '' && !l.startsWith('pid='))
      .join(',');
    out.set(labels ? `${m[1]}{${labels}}` : (m[1] ?? ''), Number(m[3]));
  }
  return out;
}

describe('readiness when the database is gone', () => {
  it('PGlite closed: /api/ready answers 503, /api/health still 200', async () => {
    const center = await openCenter({ dataDir: ':memory:' });
    const app = server(center);
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ ready: true, storage: 'pglite' });
      await center.db.close();
      const down = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ ready: false, storage: 'pglite', reason: 'database' });
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ ok: true, storage: 'pglite' });
    } finally {
      await app.close();
    }
  });

  it.runIf(PG_AVAILABLE)('PostgreSQL refusing connections: 503 while it does, 200 again after, the process up throughout', async () => {
    const fresh = await freshPgDatabase();
    const name = new URL(fresh.url).pathname.slice(1);
    const center = await openCenter({ databaseUrl: fresh.url });
    const app = server(center, { readyTimeoutMs: 10_000 });
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      // The database stops taking connections and every connection the center holds is ended.
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      const down = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ ready: false, storage: 'pg', reason: 'database' });
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      await admin.query(`alter database ${name} allow_connections true`);
      expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`).catch(() => undefined);
      await admin.end();
      await app.close();
      await center.db.close();
      await fresh.drop();
    }
  });
});

describe.each(BACKENDS)('metrics on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ center, cleanup } = await backend.open());
    await center.loadBundle(await testBundle());
    app = server(center);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: adminHeaders });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return samples(res.body);
  };

  it('is behind the admin token', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'unauthorized' });
    expect(wrong.body).not.toContain('precinct_center');
  });

  it('a push moves the counters and the histogram; a refusal counts by its code', async () => {
    const device = await enrolledDevice(app, 9019);
    await device.appendMarks(6);
    const before = await scrape();
    const at = (m: Map<string, number>, key: string): number => m.get(key) ?? 0;

    const ok = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(1, 3) });
    expect(ok.statusCode, ok.body).toBe(200);
    const gap = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(5, 6) });
    expect(gap.json()).toMatchObject({ error: 'seq-gap' });
    const after = await scrape();

    expect(at(after, 'precinct_center_pushes_total{result="stored"}') - at(before, 'precinct_center_pushes_total{result="stored"}')).toBe(1);
    expect(at(after, 'precinct_center_pushes_total{result="refused"}') - at(before, 'precinct_center_pushes_total{result="refused"}')).toBe(1);
    expect(at(after, 'precinct_center_events_stored_total') - at(before, 'precinct_center_events_stored_total')).toBe(3);
    expect(at(after, 'precinct_center_refusals_total{code="seq-gap"}') - at(before, 'precinct_center_refusals_total{code="seq-gap"}')).toBe(1);
    // Both pushes are in the histogram: its count, its +Inf bucket, and a sum that grew.
    expect(at(after, 'precinct_center_push_duration_seconds_count') - at(before, 'precinct_center_push_duration_seconds_count')).toBe(2);
    expect(at(after, 'precinct_center_push_duration_seconds_bucket{le="+Inf"}')).toBe(at(after, 'precinct_center_push_duration_seconds_count'));
    expect(at(after, 'precinct_center_push_duration_seconds_sum')).toBeGreaterThan(at(before, 'precinct_center_push_duration_seconds_sum'));
    // Buckets are cumulative: never fewer below a larger bound.
    const buckets = [...after].filter(([k]) => k.startsWith('precinct_center_push_duration_seconds_bucket')).map(([, v]) => v);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    // The unauthorized scrapes of the test before were refusals too.
    expect(at(after, 'precinct_center_refusals_total{code="unauthorized"}')).toBeGreaterThanOrEqual(2);
    expect(after.get('precinct_center_info{storage="' + center.db.kind + '"}')).toBe(1);
  });

  it('shows the database pool where the driver has one (PostgreSQL)', async () => {
    const m = await scrape();
    if (center.db.kind === 'pg') {
      expect(m.get('precinct_center_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(m.has('precinct_center_db_pool_connections{state="idle"}')).toBe(true);
      expect(m.get('precinct_center_db_pool_waiting')).toBe(0);
    } else {
      expect([...m.keys()].some((k) => k.startsWith('precinct_center_db_pool'))).toBe(false);
    }
  });
});
