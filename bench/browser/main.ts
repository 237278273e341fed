/**
 * Benchmarks in real Chromium. Each figure is paired with a baseline measured in the same run on
 * the same browser: raw IndexedDB doing the least work that could store the same fact.
 */
import { CommandBus, fact } from '../../renderer/core/command';
import { EventStore } from '../../renderer/db/event-store';
import { PrecinctDatabase } from '../../renderer/db/schema';
import { checkBundle, setupFromBundle } from '../../shared/election/bundle';
import { demoBundle } from '../../shared/election/demo';
import { issueBallot } from '../../renderer/core/ballot-actions';
import { openRawDb, percentile, rawPut, result, timeEach, timePairs, type BenchResult } from './measure';
import { votersImport, votersSearch } from './voters';
import { readBallotTally } from '../../renderer/core/figures';
import { ballotsIssued, FIGURE_EVENT_TYPES, foldBallotFacts } from '../../shared/figures';
import type { StoredEvent } from '../../shared/events/envelope';

declare global {
  interface Window {
    __benchResults?: BenchResult[];
    __benchError?: string;
  }
}

const ROUNDS = 300;
const WARMUP = 50;

/** A fresh database with the demo election at 9001 set up. */
async function demoStore(name: string) {
  const db = new PrecinctDatabase(`${name}-${Date.now()}`);
  const store = new EventStore(db);
  const checked = await checkBundle(demoBundle());
  if (!checked.ok) throw new Error('demo bundle invalid');
  const setup = setupFromBundle(checked.value, 9001, 'demo', null);
  if (!setup) throw new Error('no precinct');
  const ctx = { electionId: setup.election.id, bundleHash: setup.source.bundleHash, precinct: 9001, actor: 'm9001-3' };
  await store.append('SetupActivated', setup, ctx);
  return { db, store, ctx };
}

/**
 * The generic command path every fact goes through: the core's command bus, one strict transaction.
 * Baseline, timed in turns with it: the very record it stored (the same event, byte for byte) put
 * with raw IndexedDB in a strict transaction of its own into the app's `events` store of a fresh
 * database (the same key path and indexes) — the least work that could store the same fact.
 */
async function eventAppend(): Promise<BenchResult> {
  const { db, store, ctx } = await demoStore('bench-events');
  const bus = new CommandBus(store, () => Date.now());
  const rawDb = new PrecinctDatabase(`bench-raw-${Date.now()}`);
  await rawDb.open();
  const raw = rawDb.backendDB();
  let last: StoredEvent | null = null;
  const mark = async (item: number, done: boolean, note: string) => {
    const r = await bus.execute(fact('CalendarItemMarked', { item, done, note }), ctx);
    if (!r.ok) throw new Error('refused');
    last = r.value.event;
  };
  const put = () => rawPut(raw, 'events', last);
  for (let i = 0; i < WARMUP; i += 1) {
    await mark(1, true, 'warm-up');
    await put();
  }
  const [samples, base] = await timePairs(ROUNDS, (i) => mark(1 + (i % 104), i % 2 === 0, ''), put);
  if ((await rawDb.events.count()) !== WARMUP + ROUNDS) throw new Error('the baseline did not store every record');
  await rawDb.delete();
  await db.delete();
  return result('event.append.p95', percentile(samples, 95), percentile(base, 95));
}

/**
 * Issuing a ballot: the event, the refusal check and the voter's status, in one strict transaction.
 * Baseline, timed in turns with it: a raw strict put of a voter's status row.
 */
async function ballotIssue(): Promise<BenchResult> {
  const { db, store, ctx } = await demoStore('bench-issue');
  const list = 'b'.repeat(64);
  const raw = await openRawDb(`bench-issue-raw-${Date.now()}`, 'status', 'voterId', { page: 'page' });
  for (let i = 0; i < WARMUP; i += 1) {
    await issueBallot(store, { voterId: `warm-${i}`, page: 1, row: 1 }, list, ctx);
    await rawPut(raw, 'status', { voterId: `warm-${i}`, page: 1, issued: null });
  }
  const [samples, base] = await timePairs(
    ROUNDS,
    (i) => issueBallot(store, { voterId: `v-${i}`, page: 1 + Math.floor(i / 20), row: 1 + (i % 20) }, list, ctx),
    (i) => rawPut(raw, 'status', { voterId: `v-${i}`, page: 1, issued: { at: new Date().toISOString(), by: 'm', eventId: String(i) } }),
  );
  raw.close();
  await db.delete();
  return result('ballot.issue.p95', percentile(samples, 95), percentile(base, 95));
}

async function rebuild(): Promise<BenchResult> {
  const { db, store, ctx } = await demoStore('bench-rebuild');
  for (let i = 0; i < 1000; i += 1) await store.append('CalendarItemMarked', { item: 1 + (i % 104), done: true, note: '' }, ctx);
  const samples = await timeEach(5, () => store.rebuildProjections());
  // Baseline: read the same events back in index order with raw IndexedDB.
  const base = await timeEach(
    5,
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(db.name);
        req.onsuccess = () => {
          const tx = req.result.transaction('events', 'readonly');
          const all = tx.objectStore('events').index('hlc').getAll();
          all.onsuccess = () => {
            req.result.close();
            resolve();
          };
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );
  await db.delete();
  return result('projections.rebuild.1000', percentile(samples, 50), percentile(base, 50));
}

/**
 * The desk's counter after one more ballot on a busy day (20,000 issued): what the live query does
 * when an issue is appended — the window's incremental tally (`readBallotTally`) — against the
 * full fold every reader did before (read every figure event, parse, count), in the same run.
 */
async function figuresRefresh(): Promise<BenchResult> {
  const DAY = 20_000;
  const { db, store, ctx } = await demoStore('bench-figures');
  const head = await store.head();
  const list = 'c'.repeat(64);
  // The day's issues stored in bulk (the chain's hashes are not what is measured here).
  const day: StoredEvent[] = Array.from({ length: DAY }, (_, i) => ({
    id: crypto.randomUUID(), deviceId: head.deviceId, seq: head.lastSeq + 1 + i, hlc: `${String(1_700_000_000_000 + i).padStart(15, '0')}-${String(i).padStart(4, '0')}`,
    recordedAt: new Date(1_700_000_000_000 + i * 1000).toISOString(), ...ctx, type: 'BallotIssued', payload: { voterId: `d-${i}`, page: 1 + Math.floor(i / 20), row: 1 + (i % 20), listHash: list },
    prevHash: 'p'.repeat(64), hash: `h${i}`.padEnd(64, '0'),
  }) as unknown as StoredEvent);
  await db.events.bulkAdd(day);
  const full = async () => ballotsIssued(foldBallotFacts(await db.events.where('type').anyOf([...FIGURE_EVENT_TYPES]).toArray()));
  await readBallotTally(db);
  const rounds = 60;
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    await issueBallot(store, { voterId: `n-${i}`, page: 9000, row: 1 + i }, list, ctx);
    let t = performance.now();
    const incremental = (await readBallotTally(db)).figures();
    samples.push(performance.now() - t);
    t = performance.now();
    const folded = await full();
    base.push(performance.now() - t);
    if (incremental.room !== folded.room || incremental.room !== DAY + i + 1) throw new Error(`figures differ: ${incremental.room} vs ${folded.room}`);
  }
  await db.delete();
  // The median: on a loaded machine both series have stalls of seconds that say nothing of either.
  return result('figures.refresh.20000', percentile(samples, 50), percentile(base, 50));
}

/** Every line, by the name it prints; `?only=a,b` runs only those. */
const LINES: ReadonlyArray<readonly [string, () => Promise<BenchResult>]> = [
  ['event.append.p95', eventAppend],
  ['ballot.issue.p95', ballotIssue],
  ['projections.rebuild.1000', rebuild],
  ['figures.refresh.20000', figuresRefresh],
  ['voters.import.7000', () => votersImport(7000, 5, demoStore)],
  ['voters.import.100000', () => votersImport(100_000, 1, demoStore)],
  ['voters.search', votersSearch],
];

async function main(): Promise<void> {
  const only = new URLSearchParams(location.search).get('only')?.split(',').filter(Boolean) ?? [];
  const results: BenchResult[] = [];
  for (const [name, run] of LINES) if (only.length === 0 || only.some((o) => name.startsWith(o))) results.push(await run());
  window.__benchResults = results;
  const out = document.getElementById('out');
  if (out) out.textContent = results.map((r) => JSON.stringify(r)).join('\n');
}

main().catch((e: unknown) => {
  window.__benchError = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
});
