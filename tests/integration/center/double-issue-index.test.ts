/**
 * The double-issue lookup of a push (`DOUBLE_ISSUE_LOOKUP_SQL`) reads one voter's ballots through
 * the partial expression index `events_voter_ballots`, not the precinct's or the table's rows: on
 * PostgreSQL, with 4,000 ballots of one precinct stored and the table analysed, EXPLAIN of the very
 * text the center runs names the index and no sequential scan of `events`. The outside-and-room
 * check's lookup of visit votes (`VOTED_VISITS_SQL`) likewise reads `events_voted_visits`.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DOUBLE_ISSUE_LOOKUP_SQL, VOTED_VISITS_SQL } from '../../../center/src/center';
import { openCenter } from '../../../center/src/open-center';
import { freshPgDatabase, PG_AVAILABLE, testBundle, TestDevice } from './harness';

describe.runIf(PG_AVAILABLE)('double-issue lookup on PostgreSQL', () => {
  it('uses the events_voter_ballots index', async () => {
    const fresh = await freshPgDatabase();
    const center = await openCenter({ databaseUrl: fresh.url });
    const client = new pg.Client({ connectionString: fresh.url });
    try {
      await center.loadBundle(await testBundle());
      const { code } = await center.issueCode({ precinct: 9019 });
      const laptop = await TestDevice.create(9019);
      await center.enrol(await laptop.enrolRequest(code));
      for (let i = 0; i < 4000; i += 1) await laptop.append('BallotIssued', { voterId: `voter-${i}`, page: 1 + Math.floor(i / 20), row: 1 + (i % 20), listHash: 'b'.repeat(64) });
      for (let from = 1; from <= 4000; from += 500) await center.push(await laptop.batch(from, from + 499));
      await client.connect();
      await client.query('analyze events');
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`explain ${DOUBLE_ISSUE_LOOKUP_SQL}`, [laptop.electionId, 9019, JSON.stringify(['voter-17'])])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(/events_voter_ballots/u);
      expect(plan).not.toMatch(/Seq Scan on events/u);
      console.info(`double-issue lookup plan:\n${plan}`);
      // The outside-and-room check reads the voters' visit votes through events_voted_visits.
      const visits = (await client.query<{ 'QUERY PLAN': string }>(`explain ${VOTED_VISITS_SQL}`, [laptop.electionId, 9019, JSON.stringify(['voter-17'])])).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(visits).toMatch(/events_voted_visits/u);
      expect(visits).not.toMatch(/Seq Scan on events/u);
    } finally {
      await client.end().catch(() => undefined);
      await center.db.close();
      await fresh.drop();
    }
  }, 120_000);
});
