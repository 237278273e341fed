/**
 * `center.ingest.election_night` and `center.push.p95`: every precinct (2,375 at home and the 37
 * abroad by default) pushes about 2,000 events — ballots issued and its signed protocol — in signed
 * batches of 500 to the center on PostgreSQL (a scratch database, dropped afterwards). The baseline
 * is the same rows inserted straight into PostgreSQL (a table of the same shape, multi-row INSERTs of
 * the same batches) in the same run. Events are generated per precinct outside the timed sections.
 *
 * Scale: BENCH_CENTER_PRECINCTS (default 2412), BENCH_CENTER_EVENTS (default 2000 a precinct).
 * Prints one JSON line per measurement, like scripts/bench.mjs.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sealBundle, type ElectionBundleInput } from '../shared/election/bundle';
import { demoBundle } from '../shared/election/demo';
import type { Candidate } from '../shared/election/model';
import { KG_2017_PRESIDENTIAL_FORM } from '../shared/protocol/builtin';
import { expandForm } from '../shared/protocol/form';
import { evaluate } from '../shared/protocol/relations';
import { emptyProtocolState, signProtocol } from '../shared/protocol/signing';
import { canonicalJson } from '../shared/util/canonical-json';
import { adminHeaders, enrolledDevice, freshPgDatabase, server, type TestDevice } from '../tests/integration/center/harness';
import { openCenter } from '../center/src/open-center';

const PRECINCTS = Number(process.env.BENCH_CENTER_PRECINCTS ?? 2412);
const EVENTS = Number(process.env.BENCH_CENTER_EVENTS ?? 2000);
const BATCH = 500;
const LIST_HASH = 'b'.repeat(64);

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/** The demo election with the 37 precincts abroad and synthetic home precincts up to `PRECINCTS`. */
async function electionNightBundle(): Promise<ElectionBundleInput> {
  const demo = demoBundle() as ElectionBundleInput;
  const abroad = demo.precincts.slice(0, Math.min(37, PRECINCTS));
  const home = Array.from({ length: Math.max(0, PRECINCTS - abroad.length) }, (_, i) => ({
    ...demo.precincts[0]!, number: 1001 + i, name: `Участок ${1001 + i}`, timeZone: 'Asia/Bishkek', voterCount: 2000, members: demo.precincts[0]!.members,
  }));
  return sealBundle({ ...demo, bundleVersion: 1, precincts: [...abroad, ...home] });
}

async function precinctEvents(device: TestDevice, bundle: ElectionBundleInput): Promise<void> {
  for (let i = 1; i < EVENTS; i += 1) await device.append('BallotIssued', { voterId: `v${i}`, page: Math.ceil(i / 20), row: ((i - 1) % 20) + 1, listHash: LIST_HASH });
  const form = expandForm(KG_2017_PRESIDENTIAL_FORM, bundle.candidates as Candidate[], bundle.againstAll);
  const n = EVENTS - 1;
  const values: Record<string, number> = Object.fromEntries(form.lines.map((l) => [l.key, 0]));
  const first = form.lines.find((l) => l.kind === 'candidate')?.key ?? '';
  Object.assign(values, { A: EVENTS * 2, B: EVENTS * 2, C: n, E: n, F: EVENTS * 2 - n, I: n, K: n, [first]: n });
  const signed = await signProtocol({
    state: emptyProtocolState(), form, electionId: device.electionId, precinct: device.precinct, values, findings: evaluate(form, values),
    members: [{ id: 'm1', name: 'Төрага', role: 'chair' }], membersPresent: ['m1'], acknowledged: [], override: null, signedAt: '2017-10-16T01:00:00+06:00',
  });
  if (!signed.ok) throw new Error(JSON.stringify(signed.error));
  await device.append('ProtocolSigned', signed.value);
}

async function main(): Promise<void> {
  const fresh = await freshPgDatabase();
  const center = await openCenter({ databaseUrl: fresh.url });
  const app = server(center);
  const raw = new pg.Client({ connectionString: fresh.url });
  await raw.connect();
  try {
    // The baseline table: the events table's shape, without the center's checks.
    await raw.query('create table baseline_events (like events including defaults including indexes)');
    const bundle = await electionNightBundle();
    const loaded = await app.inject({ method: 'POST', url: '/api/admin/bundles', headers: adminHeaders, payload: bundle });
    if (loaded.statusCode !== 200) throw new Error(`bundle: ${loaded.body}`);

    let pushMs = 0;
    let baseMs = 0;
    const pushTimes: number[] = [];
    const baseTimes: number[] = [];
    let total = 0;
    for (const p of (bundle.precincts as { number: number }[]).slice(0, PRECINCTS)) {
      const device = await enrolledDevice(app, p.number, 'bench');
      await precinctEvents(device, bundle);
      for (let from = 1; from <= device.events.length; from += BATCH) {
        const to = Math.min(device.events.length, from + BATCH - 1);
        const batch = await device.batch(from, to);
        const t0 = performance.now();
        const res = await app.inject({ method: 'POST', url: '/api/push', payload: batch });
        const t1 = performance.now();
        if (res.statusCode !== 200) throw new Error(`push ${p.number}: ${res.body}`);
        pushTimes.push(t1 - t0);
        pushMs += t1 - t0;

        const rows = device.events.slice(from - 1, to);
        const params: unknown[] = [];
        const tuples = rows.map((e, i) => {
          params.push(e.deviceId, e.seq, e.electionId, e.precinct, e.id, e.hash, e.prevHash, e.hlc, e.type, JSON.stringify(e.payload), canonicalJson(e));
          const b = i * 11;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}::jsonb, $${b + 11})`;
        });
        const b0 = performance.now();
        await raw.query(
          `insert into baseline_events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body) values ${tuples.join(', ')}`,
          params,
        );
        const b1 = performance.now();
        baseTimes.push(b1 - b0);
        baseMs += b1 - b0;
        total += rows.length;
      }
    }
    const round = (x: number) => Math.round(x * 100) / 100;
    process.stdout.write(`${JSON.stringify({ name: 'center.ingest.election_night', value: round(pushMs / 1000), unit: 's', baseline: round(baseMs / 1000), ratio: round(pushMs / baseMs), precincts: PRECINCTS, events: total })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.push.p95', value: round(p95(pushTimes)), unit: 'ms', baseline: round(p95(baseTimes)), ratio: round(p95(pushTimes) / p95(baseTimes)), batch: BATCH })}\n`);
  } finally {
    await raw.end();
    await app.close();
    await center.db.close();
    await fresh.drop();
  }
}

await main();
