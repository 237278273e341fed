/**
 * `DATABASE_READ_URL` (issue 20): the dashboard's reads go to a read replica, every write to the
 * primary. The "replica" here is a second database with the same election (as a hot standby that
 * has replayed the primary), reached through a role that can only read (every transaction read
 * only, SELECT granted and nothing else): a write sent there fails. A precinct renamed only in the
 * replica shows on the dashboard under its replica name; a push is stored in the primary alone,
 * and the dashboard (reading the replica, which has not replayed it) does not count it yet.
 * Without DATABASE_READ_URL the reads are the primary's.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../../../center/src/aggregates';
import type { Center } from '../../../center/src/center';
import { openCenter } from '../../../center/src/open-center';
import { dashboardSchema } from '../../../shared/sync/dashboard';
import { adminHeaders, ELECTION, enrolledDevice, freshPgDatabase, PG_AVAILABLE, server, testBundle } from './harness';

const LIST_HASH = 'a'.repeat(64);
const PRECINCT = 9019;

describe.runIf(PG_AVAILABLE)('DATABASE_READ_URL: the dashboard reads from a replica', () => {
  let primary: { url: string; drop: () => Promise<void> };
  let replica: { url: string; drop: () => Promise<void> };
  let readerUrl: string;
  const reader = `pd_reader_${randomUUID().slice(0, 8)}`;

  const admin = async (url: string, sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    primary = await freshPgDatabase();
    replica = await freshPgDatabase();
    // The replica holds the same election (as replayed from the primary), its figures computed.
    const r = await openCenter({ databaseUrl: replica.url });
    await r.loadBundle(await testBundle());
    await rebuildAggregates(r.db, ELECTION);
    await r.db.query(`update precincts set name = 'Replica name' where number = $1`, [PRECINCT]);
    await r.db.close();
    // A role that can only read it, as a standby allows.
    await admin(replica.url, `create role ${reader} login; alter role ${reader} set default_transaction_read_only = on; grant select on all tables in schema public to ${reader}`);
    const u = new URL(replica.url);
    u.username = reader;
    readerUrl = u.toString();
  });

  afterAll(async () => {
    await replica?.drop();
    await primary?.drop();
    await admin(process.env.CENTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', `drop role if exists ${reader}`).catch(() => undefined);
  });

  it('reads the replica, writes the primary', async () => {
    const center: Center = await openCenter({ databaseUrl: primary.url, databaseReadUrl: readerUrl });
    const app = server(center);
    try {
      await center.loadBundle(await testBundle());
      expect(center.readDb).not.toBe(center.db);
      // A write through the read pool is refused by the replica's role.
      await expect(center.readDb.query(`update precincts set name = 'x'`)).rejects.toThrow(/read-only|permission denied/iu);

      const device = await enrolledDevice(app, PRECINCT);
      for (let i = 1; i <= 3; i += 1) await device.append('BallotIssued', { voterId: `v${i}`, page: 1, row: i, listHash: LIST_HASH });
      const push = await app.inject({ method: 'POST', url: '/api/push', payload: await device.batch(1, 3) });
      expect(push.statusCode).toBe(200);

      const count = async (c: Center['db']) => Number((await c.query<{ n: string }>('select count(*)::text as n from events'))[0]?.n);
      expect(await count(center.db)).toBe(3);
      expect(await count(center.readDb)).toBe(0);

      const res = await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders });
      expect(res.statusCode).toBe(200);
      const dashboard = dashboardSchema.parse(res.json());
      const row = dashboard.precincts.find((p) => p.number === PRECINCT);
      // The replica's name and figures: it has not replayed the push (nor the enrolment).
      expect(row?.name).toBe('Replica name');
      expect(row?.ballotsIssued).toBe(0);
      expect(row?.devices).toEqual([]);
      // The primary has them.
      expect((await center.listPrecincts(ELECTION)).find((p) => p.number === PRECINCT)?.devices).toHaveLength(1);
    } finally {
      await app.close();
      await center.db.close();
    }
  });

  it('without it, the dashboard reads the primary', async () => {
    const center = await openCenter({ databaseUrl: primary.url });
    const app = server(center);
    try {
      expect(center.readDb).toBe(center.db);
      const dashboard = dashboardSchema.parse((await app.inject({ method: 'GET', url: '/api/admin/dashboard', headers: adminHeaders })).json());
      const row = dashboard.precincts.find((p) => p.number === PRECINCT);
      expect(row?.name).not.toBe('Replica name');
      expect(row?.ballotsIssued).toBe(3);
      expect(row?.devices).toHaveLength(1);
    } finally {
      await app.close();
      await center.db.close();
    }
  });

  it('needs DATABASE_URL', async () => {
    await expect(openCenter({ dataDir: ':memory:', databaseReadUrl: readerUrl })).rejects.toThrow(/DATABASE_URL/u);
  });
});
