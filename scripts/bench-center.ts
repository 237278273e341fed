/**
 * `center.ingest.election_night` and `center.push.p95`: every precinct (2,375 at home and the 37
 * abroad by default) pushes about 2,000 events — ballots issued and its signed protocol — in signed
 * batches of 500 over HTTP to the center on PostgreSQL (a scratch database, dropped afterwards),
 * `BENCH_CENTER_CONCURRENCY` precincts at once, as on election night. The center runs as an
 * operator starts it on election night (`center serve --processes <cores>`, its log at info level),
 * so the bench's clients do not share its threads. Every tenth precinct has two laptops sharing the
 * issues, so the center's double-issue check runs against another laptop's events.
 *
 * The baseline is the same rows inserted straight into PostgreSQL (a table defined as the events
 * table is, with its indexes and foreign key; one multi-row INSERT a batch shaped as the center's;
 * as many connections as pushes at once) in the same run. Precincts go in rounds: a round's events
 * are generated and signed outside the timed sections, then pushed to the center, then inserted
 * raw; the wall-clock times are summed, so both sides see the same machine at about the same
 * moment. `center.ingest.cpu` splits the processor time of both sides between the bench's clients,
 * the center's processes and PostgreSQL's.
 *
 * Scale: BENCH_CENTER_PRECINCTS (default 2412), BENCH_CENTER_EVENTS (default 2000 a precinct),
 * BENCH_CENTER_CONCURRENCY (default 8), BENCH_CENTER_PROCESSES (default: the machine's cores);
 * BENCH_CENTER_PROFILE=<dir> writes the center processes' CPU profiles there. Prints one JSON line
 * per measurement, like scripts/bench.mjs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sealBundle, type ElectionBundleInput } from '../shared/election/bundle';
import { demoBundle } from '../shared/election/demo';
import type { Candidate } from '../shared/election/model';
import type { StoredEvent } from '../shared/events/envelope';
import { KG_2017_PRESIDENTIAL_FORM } from '../shared/protocol/builtin';
import { expandForm } from '../shared/protocol/form';
import { evaluate } from '../shared/protocol/relations';
import { emptyProtocolState, signProtocol } from '../shared/protocol/signing';
import { canonicalJson } from '../shared/util/canonical-json';
import { freePort, freshPgDatabase, TestDevice } from '../tests/integration/center/harness';
import { openCenter } from '../center/src/open-center';

const PRECINCTS = Number(process.env.BENCH_CENTER_PRECINCTS ?? 2412);
const EVENTS = Number(process.env.BENCH_CENTER_EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CENTER_CONCURRENCY ?? 8);
/** The center's serving processes: one a core, as an operator runs it on election night. */
const PROCESSES = Number(process.env.BENCH_CENTER_PROCESSES ?? availableParallelism());
const ROUND = Math.max(CONCURRENCY, 48);
const BATCH = 500;
const LIST_HASH = 'b'.repeat(64);
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

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

/** One laptop's pushes: its batches as the JSON text it sends, and the rows for the baseline. */
interface Laptop {
  bodies: string[];
  batches: StoredEvent[][];
}

/** A laptop enrolled for `precinct` straight on the database (admin work, outside the timed part). */
async function enrolled(center: Awaited<ReturnType<typeof openCenter>>, precinct: number): Promise<TestDevice> {
  const device = await TestDevice.create(precinct, 'bench');
  const { code } = await center.issueCode({ precinct });
  await center.enrol(await device.enrolRequest(code));
  device.syncSha256 = sha256;
  return device;
}

/** `center serve` on the scratch database, as an operator starts it; resolves once it listens. */
async function startCenter(databaseUrl: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const profile = process.env.BENCH_CENTER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CENTER_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'center/src/cli.ts', 'serve', '--port', String(port), '--processes', String(PROCESSES)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CENTER_ADMIN_TOKEN: '', CENTER_RATE_PER_IP: '1000000', CENTER_RATE_PER_DEVICE: '1000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`center exited (${code}): ${out.slice(-500)}`)));
  });
  child.stdout.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

/** A precinct's night: ballots issued on its laptops (voters split between them), then its signed protocol. */
async function precinctNight(devices: TestDevice[], bundle: ElectionBundleInput): Promise<Laptop[]> {
  const issued = EVENTS - 1;
  for (let i = 1; i <= issued; i += 1) {
    const device = devices[i % devices.length]!;
    await device.append('BallotIssued', { voterId: `v${i}`, page: Math.ceil(i / 20), row: ((i - 1) % 20) + 1, listHash: LIST_HASH });
  }
  const form = expandForm(KG_2017_PRESIDENTIAL_FORM, bundle.candidates as Candidate[], bundle.againstAll);
  const values: Record<string, number> = Object.fromEntries(form.lines.map((l) => [l.key, 0]));
  const first = form.lines.find((l) => l.kind === 'candidate')?.key ?? '';
  Object.assign(values, { A: EVENTS * 2, B: EVENTS * 2, C: issued, E: issued, F: EVENTS * 2 - issued, I: issued, K: issued, [first]: issued });
  const chair = devices[0]!;
  const signed = await signProtocol({
    state: emptyProtocolState(), form, electionId: chair.electionId, precinct: chair.precinct, values, findings: evaluate(form, values),
    members: [{ id: 'm1', name: 'Төрага', role: 'chair' }], membersPresent: ['m1'], acknowledged: [], override: null, signedAt: '2017-10-16T01:00:00+06:00',
  });
  if (!signed.ok) throw new Error(JSON.stringify(signed.error));
  await chair.append('ProtocolSigned', signed.value);

  return Promise.all(
    devices.map(async (device) => {
      const laptop: Laptop = { bodies: [], batches: [] };
      for (let from = 1; from <= device.events.length; from += BATCH) {
        const to = Math.min(device.events.length, from + BATCH - 1);
        laptop.bodies.push(canonicalJson(await device.batch(from, to))); // as the laptop sends it
        laptop.batches.push(device.events.slice(from - 1, to));
      }
      return laptop;
    }),
  );
}

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
/**
 * CPU milliseconds (user + system) a process has used, with its exited children's (a backend that
 * PostgreSQL ended, a pool connection closed, counts in its parent's); 0 where there is none.
 */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return 0;
  }
}
/** CPU milliseconds of the center: its first process and the processes it started. */
function centerCpu(pid: number): number {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/u.test(name))
    .map(Number)
    .filter((child) => {
      try {
        return Number(readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    });
  return [pid, ...children].reduce((sum, p) => sum + cpuOf(p), 0);
}
/** CPU milliseconds of every PostgreSQL process now running (its backends and helpers). */
function postgresCpu(): number {
  const pids = execFileSync('ps', ['-u', 'postgres', '-o', 'pid=']).toString().trim().split(/\s+/u).map(Number);
  return pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
}
/** The CPU the bench, the center process and PostgreSQL spend while `run` runs. */
async function cpuSplit(centerPid: number, split: { bench: number; center: number; postgres: number }, run: () => Promise<number>): Promise<number> {
  const before = { bench: process.cpuUsage(), center: centerCpu(centerPid), postgres: postgresCpu() };
  const ms = await run();
  const bench = process.cpuUsage(before.bench);
  split.bench += (bench.user + bench.system) / 1000;
  split.center += centerCpu(centerPid) - before.center;
  split.postgres += postgresCpu() - before.postgres;
  return ms;
}

/** Runs `work` over `items`, `limit` at a time; returns the wall-clock milliseconds. */
async function wallClock<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next]!;
        next += 1;
        await work(item);
      }
    }),
  );
  return performance.now() - t0;
}

/** The baseline's INSERT: the same rows and the same statement shape as the center's (a batch's device, election and precinct sent once). */
function rawInsert(rows: readonly StoredEvent[]): { text: string; params: unknown[] } {
  const first = rows[0]!;
  const params: unknown[] = [first.deviceId, first.electionId, first.precinct];
  const tuples = rows.map((e) => {
    const b = params.length;
    params.push(e.seq, e.id, e.hash, e.prevHash, e.hlc, e.type, JSON.stringify(e.payload), JSON.stringify(e));
    return `($1, $${b + 1}, $2, $3, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb, $${b + 8})`;
  });
  return {
    text: `insert into baseline_events (device_id, seq, election_id, precinct, event_id, hash, prev_hash, hlc, type, payload, body) values ${tuples.join(', ')}`,
    params,
  };
}

async function main(): Promise<void> {
  const fresh = await freshPgDatabase();
  const center = await openCenter({ databaseUrl: fresh.url });
  const raw = new pg.Pool({ connectionString: fresh.url, max: CONCURRENCY });
  // pg's end() resolves before its sockets close: the scratch database's drop may still reach one.
  raw.on('error', () => undefined);
  let served: Awaited<ReturnType<typeof startCenter>> | null = null;
  try {
    // The baseline's table is the events table as the center's migrations define it: its columns,
    // defaults, constraints and indexes, and its foreign keys (which `like` leaves out).
    await raw.query('create table baseline_events (like events including all)');
    const foreignKeys = await raw.query<{ def: string }>(`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'events'::regclass and contype = 'f'`);
    for (const fk of foreignKeys.rows) await raw.query(`alter table baseline_events add ${fk.def}`);
    const bundle = await electionNightBundle();
    await center.loadBundle(bundle);
    served = await startCenter(fresh.url);
    const base = served.url;
    const centerPid = served.pid;
    const pushCpu = { bench: 0, center: 0, postgres: 0 };
    const baseCpu = { bench: 0, center: 0, postgres: 0 };

    let pushMs = 0;
    let baseMs = 0;
    const pushTimes: number[] = [];
    const baseTimes: number[] = [];
    let total = 0;
    const precincts = (bundle.precincts as { number: number }[]).slice(0, PRECINCTS);
    for (let r = 0; r < precincts.length; r += ROUND) {
      // Generated and signed outside the timed sections.
      const laptops: Laptop[] = [];
      for (const [i, p] of precincts.slice(r, r + ROUND).entries()) {
        const devices = await Promise.all(Array.from({ length: (r + i) % 10 === 9 ? 2 : 1 }, () => enrolled(center, p.number)));
        laptops.push(...(await precinctNight(devices, bundle)));
      }
      // Each laptop pushes its batches in order; CONCURRENCY laptops at once.
      pushMs += await cpuSplit(centerPid, pushCpu, () => wallClock(laptops, CONCURRENCY, async (laptop) => {
        for (const body of laptop.bodies) {
          const t0 = performance.now();
          const res = await fetch(`${base}/api/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const text = await res.text();
          pushTimes.push(performance.now() - t0);
          if (res.status !== 200) throw new Error(`push: ${res.status} ${text}`);
        }
      }));
      // The same rows straight into PostgreSQL, as many at once.
      baseMs += await cpuSplit(centerPid, baseCpu, () => wallClock(laptops, CONCURRENCY, async (laptop) => {
        for (const rows of laptop.batches) {
          const { text, params } = rawInsert(rows);
          const t0 = performance.now();
          await raw.query(text, params);
          baseTimes.push(performance.now() - t0);
          total += rows.length;
        }
      }));
    }
    const stored = Number((await raw.query<{ n: string }>('select count(*)::text as n from events')).rows[0]?.n);
    if (stored !== total) throw new Error(`the center holds ${stored} events, ${total} were pushed`);
    const round = (x: number) => Math.round(x * 100) / 100;
    const meta = { precincts: precincts.length, events: total, concurrency: CONCURRENCY, batch: BATCH, processes: PROCESSES };
    process.stdout.write(`${JSON.stringify({ name: 'center.ingest.election_night', value: round(pushMs / 1000), unit: 's', baseline: round(baseMs / 1000), ratio: round(pushMs / baseMs), ...meta })}\n`);
    process.stdout.write(`${JSON.stringify({ name: 'center.push.p95', value: round(p95(pushTimes)), unit: 'ms', baseline: round(p95(baseTimes)), ratio: round(p95(pushTimes) / p95(baseTimes)), ...meta })}\n`);
    // Where the processor time went (user + system, seconds): the bench's clients, the center process, PostgreSQL.
    const seconds = (split: Record<string, number>) => Object.fromEntries(Object.entries(split).map(([k, v]) => [k, round(v / 1000)]));
    const pushTotal = pushCpu.bench + pushCpu.center + pushCpu.postgres;
    const baseTotal = baseCpu.bench + baseCpu.center + baseCpu.postgres;
    process.stdout.write(`${JSON.stringify({ name: 'center.ingest.cpu', value: round(pushTotal / 1000), unit: 's', baseline: round(baseTotal / 1000), ratio: round(pushTotal / baseTotal), push: seconds(pushCpu), raw: seconds(baseCpu), ...meta })}\n`);
  } finally {
    await served?.stop();
    await raw.end();
    await center.db.close();
    await fresh.drop();
  }
}

await main();
