/**
 * `center.dashboard.refresh`: one dashboard refresh (`GET /api/admin/dashboard?compact=1`, as the page
 * asks every 60 s; `center.dashboard.refresh_full`: the full JSON other readers ask for) over BENCH_DASHBOARD_BALLOTS ballots (default 2,000,000) issued in BENCH_DASHBOARD_PRECINCTS
 * precincts (default 2,412: the 37 abroad and synthetic home ones), one laptop each, on PostgreSQL
 * (a scratch database, dropped afterwards). The ballots are written straight into the events table
 * by SQL (valid `BallotIssued` payloads and bodies through the voting day, not signed: the
 * dashboard never reads signatures) and the figures kept at ingest are then recomputed from them by
 * the rebuild command's code (`rebuildAggregates`, timed and printed as `center.aggregates.rebuild`).
 *
 * `center.dashboard.first_after_emptied`: the first refresh after the rows were emptied (migration 012),
 * which recomputes every precinct; `center.aggregates.recompute_at_start` the same recompute as
 * `center serve` does it after it listens (`recomputeStaleAggregates`), and
 * `center.dashboard.first_after_start` the first refresh after it (each one run).
 *
 * Baseline, same run: a SELECT of one row per precinct from the same 2,000,000-row events table
 * (each precinct's first event through its index). Both are the median of BENCH_DASHBOARD_RUNS
 * (default 7) after one warm-up. Runnable alone: `npx tsx scripts/bench-dashboard.ts`.
 */
import { performance } from 'node:perf_hooks';
import { sealBundle, type ElectionBundleInput } from '../shared/election/bundle';
import { demoBundle } from '../shared/election/demo';
import { dashboardSchema } from '../shared/sync/dashboard';
import { expandDashboard, type CompactDashboard } from '../shared/sync/dashboard-compact';
import { rebuildAggregates, recomputeStaleAggregates } from '../center/src/aggregates';
import { openCenter } from '../center/src/open-center';
import { buildServer } from '../center/src/server';
import { freshPgDatabase } from '../tests/integration/center/harness';

const PRECINCTS = Number(process.env.BENCH_DASHBOARD_PRECINCTS ?? 2412);
const BALLOTS = Number(process.env.BENCH_DASHBOARD_BALLOTS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 7);
const TOKEN = 'bench-admin-token';

async function bundleOf(): Promise<ElectionBundleInput> {
  const demo = demoBundle() as ElectionBundleInput;
  const abroad = demo.precincts.slice(0, Math.min(37, PRECINCTS));
  const home = Array.from({ length: Math.max(0, PRECINCTS - abroad.length) }, (_, i) => ({
    ...demo.precincts[0]!, number: 1001 + i, name: `Участок ${1001 + i}`, timeZone: 'Asia/Bishkek', voterCount: 2000, members: demo.precincts[0]!.members,
  }));
  return sealBundle({ ...demo, bundleVersion: 1, precincts: [...abroad, ...home] });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(runs: number, work: () => Promise<void>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main(): Promise<void> {
  const fresh = await freshPgDatabase();
  const center = await openCenter({ databaseUrl: fresh.url });
  const app = buildServer({ center, adminToken: TOKEN });
  try {
    const bundle = await bundleOf();
    const { electionId } = await center.loadBundle(bundle);
    const votingDay = String((bundle.election as { votingDay: string }).votingDay);
    // One laptop a precinct, straight on the database.
    await center.db.query(
      `insert into devices (device_id, election_id, precinct, public_key, key_id, label) select 'bench-' || number, election_id, number, '{}', 'bench', 'bench' from precincts where election_id = $1`,
      [electionId],
    );
    await center.db.query(`insert into device_cursors (device_id, last_push_at) select device_id, now() from devices where election_id = $1`, [electionId]);
    // BALLOTS issues spread over the precincts (the first ones get one more), every 50 s from 08:00 local.
    const per = Math.floor(BALLOTS / PRECINCTS);
    const extra = BALLOTS - per * PRECINCTS;
    const numbers = (await center.db.query<{ number: number }>('select number from precincts where election_id = $1 order by number', [electionId])).map((r) => r.number);
    const t0 = performance.now();
    for (let i = 0; i < numbers.length; i += 100) {
      const chunk = numbers.slice(i, i + 100);
      await center.db.query(
        `insert into events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body)
         select 'bench-' || p.number, s, $1, p.number, md5(p.number || ':' || s), md5('h' || p.number || ':' || s), md5('h' || p.number || ':' || (s - 1)),
                lpad(s::text, 12, '0'), 'BallotIssued', x.payload,
                '{"payload":' || x.payload::text || ',"recordedAt":"' || to_char((($2::date + time '08:00') at time zone 'Asia/Bishkek') + s * interval '50 seconds', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"') || '","seq":' || s || ',"type":"BallotIssued"}'
         from (select number, row_number() over (order by number) as i from precincts where election_id = $1 and number = any($3::int[])) p
         cross join lateral generate_series(1, $4 + case when p.i + $6 <= $5 then 1 else 0 end) s
         cross join lateral (select jsonb_build_object('voterId', 'v' || s, 'page', (s - 1) / 20 + 1, 'row', (s - 1) % 20 + 1, 'listHash', repeat('b', 64)) as payload) x`,
        [electionId, votingDay, `{${chunk.join(',')}}`, per, extra, i],
      );
    }
    const stored = Number((await center.db.query<{ n: string }>('select count(*)::text as n from events'))[0]?.n);
    if (stored !== BALLOTS) throw new Error(`the events table holds ${stored} rows, ${BALLOTS} were meant`);
    await center.db.query('analyze events');
    process.stderr.write(`bench-dashboard: ${stored} ballots written in ${Math.round((performance.now() - t0) / 1000)} s\n`);

    const r0 = performance.now();
    await rebuildAggregates(center.db, electionId);
    const rebuildMs = performance.now() - r0;

    // The first refresh after a migration that empties the rows (012): every precinct recomputed by it.
    await center.db.query('delete from precinct_aggregates where election_id = $1', [electionId]);
    const f0 = performance.now();
    const first = await app.inject({ method: 'GET', url: '/api/admin/dashboard?compact=1', headers: { authorization: `Bearer ${TOKEN}` } });
    if (first.statusCode !== 200) throw new Error(`dashboard: ${first.statusCode} ${first.body}`);
    const firstMs = performance.now() - f0;
    // The same rows emptied again, recomputed as `center serve` does after it listens; then the first read.
    await center.db.query('delete from precinct_aggregates where election_id = $1', [electionId]);
    const s0 = performance.now();
    await recomputeStaleAggregates(center.db);
    const atStartMs = performance.now() - s0;
    const a0 = performance.now();
    const afterStart = await app.inject({ method: 'GET', url: '/api/admin/dashboard?compact=1', headers: { authorization: `Bearer ${TOKEN}` } });
    if (afterStart.statusCode !== 200) throw new Error(`dashboard: ${afterStart.statusCode} ${afterStart.body}`);
    const afterStartMs = performance.now() - a0;

    // The page's request (the compact answer), and the full JSON other readers ask for.
    const refresh = async (url: string): Promise<{ ms: number; body: string }> => {
      let body = '';
      const ms = await timed(RUNS, async () => {
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
        if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body}`);
        body = res.body;
      });
      return { ms, body };
    };
    const compact = await refresh('/api/admin/dashboard?compact=1');
    const full = await refresh('/api/admin/dashboard');
    const refreshMs = compact.ms;
    // Checked outside the timed part: the answer is the browser's to read.
    for (const ballots of [
      dashboardSchema.parse(expandDashboard(JSON.parse(compact.body) as CompactDashboard)).totals.ballotsIssued,
      dashboardSchema.parse(JSON.parse(full.body)).totals.ballotsIssued,
    ]) {
      if (ballots !== BALLOTS) throw new Error(`the dashboard shows ${ballots} ballots, ${BALLOTS} were issued`);
    }
    const baseMs = await timed(RUNS, async () => {
      const rows = await center.db.query(
        `select e.* from precincts p cross join lateral (select * from events e where e.election_id = p.election_id and e.precinct = p.number order by e.ingest_id limit 1) e
         where p.election_id = $1`,
        [electionId],
      );
      if (rows.length !== PRECINCTS) throw new Error(`baseline read ${rows.length} rows`);
    });
    const round = (x: number) => Math.round(x * 100) / 100;
    const meta = { precincts: PRECINCTS, ballots: BALLOTS, runs: RUNS };
    const bytes = { bytes: Buffer.byteLength(compact.body), fullBytes: Buffer.byteLength(full.body) };
    process.stdout.write(`${JSON.stringify({ name: 'center.dashboard.refresh', value: round(refreshMs), unit: 'ms', baseline: round(baseMs), ratio: round(refreshMs / baseMs), ...meta, ...bytes })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.dashboard.refresh_full', value: round(full.ms), unit: 'ms', baseline: round(baseMs), ratio: round(full.ms / baseMs), ...meta })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.dashboard.first_after_emptied', value: round(firstMs / 1000), unit: 's', baseline: null, ratio: null, ...meta })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.aggregates.recompute_at_start', value: round(atStartMs / 1000), unit: 's', baseline: null, ratio: null, ...meta })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.dashboard.first_after_start', value: round(afterStartMs), unit: 'ms', baseline: null, ratio: null, ...meta })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.aggregates.rebuild', value: round(rebuildMs / 1000), unit: 's', baseline: null, ratio: null, ...meta })}\n`);
  } finally {
    await app.close();
    await center.db.close();
    await fresh.drop();
  }
}

await main();
