/**
 * Figures rows a migration emptied (012) are recomputed at the start in batches
 * (`recomputeStaleAggregates`, called by `center serve` after it listens), not by the first
 * dashboard read; once done the read recomputes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { readAggregates, recomputeStaleAggregates } from '../../../center/src/aggregates';
import { adminHeaders, BACKENDS, ELECTION, server, testBundle } from './harness';

describe.each(BACKENDS)('stale figures rows recomputed at the start on $name', (backend) => {
  let center: Center;
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    center = opened.center;
    cleanup = opened.cleanup;
    app = server(center);
    expect((await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: await testBundle() })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('recomputes every row the migration emptied, in batches; again, nothing; the dashboard then reads the rows as they are', async () => {
    const precincts = Number((await center.db.query<{ n: string }>('select count(*)::text as n from precincts where election_id = $1', [ELECTION]))[0]?.n);
    expect(precincts).toBeGreaterThan(0);
    await center.db.query('delete from precinct_aggregates');
    expect(await recomputeStaleAggregates(center.db)).toBe(precincts);
    const rows = await readAggregates(center.db, ELECTION);
    expect(rows.size).toBe(precincts);
    expect(await recomputeStaleAggregates(center.db)).toBe(0);
    const before = await center.db.query<{ precinct: number; ctid: string }>('select precinct, ctid::text as ctid from precinct_aggregates order by precinct');
    expect((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).statusCode).toBe(200);
    // No row was written again by the read.
    expect(await center.db.query<{ precinct: number; ctid: string }>('select precinct, ctid::text as ctid from precinct_aggregates order by precinct')).toEqual(before);
  });
});
