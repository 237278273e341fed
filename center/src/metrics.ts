/**
 * The center's Prometheus metrics (`GET /metrics`, behind the admin token), in the text exposition
 * format 0.0.4, written by hand: a few counters, one histogram and the database pool's gauges.
 * Each serving process counts on its own, its samples labelled with its `pid`; with `--processes N`
 * the process a scrape reaches gathers every process's samples through the primary
 * (processes.ts `gatherMetrics`), so each scrape shows them all (docs/OPERATIONS.md).
 */
import type { SyncErrorCode } from '../../shared/sync/errors';

/** Upper bounds (seconds) of the push latency histogram's buckets. */
export const PUSH_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** One metric family: its HELP and TYPE, and its sample lines (already labelled). */
export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  samples: string[];
}

/**
 * Several processes' families as one exposition: each family's HELP and TYPE once (the format
 * allows no second), followed by every process's samples of it (told apart by their `pid` label).
 */
export function renderFamilies(parts: readonly (readonly MetricFamily[])[]): string {
  const merged = new Map<string, MetricFamily>();
  for (const part of parts) {
    for (const f of part) {
      const known = merged.get(f.name);
      if (known) known.samples.push(...f.samples);
      else merged.set(f.name, { ...f, samples: [...f.samples] });
    }
  }
  const lines: string[] = [];
  for (const f of merged.values()) lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.samples);
  return `${lines.join('\n')}\n`;
}

export interface PoolStats {
  /** Connections open (idle and in use). */
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

/** A label value escaped as the format asks (backslash, double quote, newline). */
const label = (value: string): string => value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"').replace(/\n/gu, '\\n');

/** A sample's value as the format writes it (`+Inf`, `-Inf`, `NaN` for the non-finite). */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

export class CenterMetrics {
  private pushesAccepted = 0;
  private pushesRefused = 0;
  private eventsStored = 0;
  private readonly refusals = new Map<SyncErrorCode, number>();
  private readonly pushBuckets: number[] = PUSH_SECONDS_BUCKETS.map(() => 0);
  private pushCount = 0;
  private pushSum = 0;
  private readonly startedAt = Date.now();

  /** A push (or a USB batch) answered: how long it took, and what it stored or why it was refused. */
  push(seconds: number, outcome: { stored: number } | { refused: SyncErrorCode }): void {
    this.pushCount += 1;
    this.pushSum += seconds;
    PUSH_SECONDS_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.pushBuckets[i] = (this.pushBuckets[i] ?? 0) + 1;
    });
    if ('stored' in outcome) {
      this.pushesAccepted += 1;
      this.eventsStored += outcome.stored;
    } else this.pushesRefused += 1;
  }

  /** Events stored by a USB import (counted besides pushes). */
  stored(events: number): void {
    this.eventsStored += events;
  }

  /** Any refusal the center answered, by its code. */
  refusal(code: SyncErrorCode): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  /** The exposition text of this process alone; `pool` is the database pool's state when the driver has one. */
  render(pool: PoolStats | null, storage: string): string {
    return renderFamilies([this.families(pool, storage)]);
  }

  /** This process's metric families, each sample labelled with its pid. */
  families(pool: PoolStats | null, storage: string): MetricFamily[] {
    const pid = `pid="${process.pid}"`;
    const families: MetricFamily[] = [];
    /** Sample lines of the family named last. */
    const sample = (...lines: string[]): void => {
      families.at(-1)?.samples.push(...lines);
    };
    const metric = (name: string, type: MetricFamily['type'], help: string): void => {
      families.push({ name, type, help, samples: [] });
    };
    metric('precinct_center_info', 'gauge', 'The serving process (always 1), with its storage kind.');
    sample(`precinct_center_info{${pid},storage="${label(storage)}"} 1`);
    metric('precinct_center_start_time_seconds', 'gauge', 'When this process started (Unix time).');
    sample(`precinct_center_start_time_seconds{${pid}} ${num(this.startedAt / 1000)}`);
    metric('precinct_center_pushes_total', 'counter', 'Pushed batches answered, by result.');
    sample(`precinct_center_pushes_total{${pid},result="stored"} ${num(this.pushesAccepted)}`);
    sample(`precinct_center_pushes_total{${pid},result="refused"} ${num(this.pushesRefused)}`);
    metric('precinct_center_events_stored_total', 'counter', 'Events stored (pushes and USB imports).');
    sample(`precinct_center_events_stored_total{${pid}} ${num(this.eventsStored)}`);
    metric('precinct_center_refusals_total', 'counter', 'Requests refused, by the refusal code of shared/sync/errors.');
    for (const [code, n] of [...this.refusals].sort(([a], [b]) => a.localeCompare(b))) sample(`precinct_center_refusals_total{${pid},code="${label(code)}"} ${num(n)}`);
    metric('precinct_center_push_duration_seconds', 'histogram', 'Time to answer a push, stored or refused.');
    PUSH_SECONDS_BUCKETS.forEach((bound, i) => sample(`precinct_center_push_duration_seconds_bucket{${pid},le="${bound}"} ${num(this.pushBuckets[i] ?? 0)}`));
    sample(`precinct_center_push_duration_seconds_bucket{${pid},le="+Inf"} ${num(this.pushCount)}`);
    sample(`precinct_center_push_duration_seconds_sum{${pid}} ${num(this.pushSum)}`);
    sample(`precinct_center_push_duration_seconds_count{${pid}} ${num(this.pushCount)}`);
    if (pool) {
      metric('precinct_center_db_pool_connections', 'gauge', 'PostgreSQL pool connections of this process, by state.');
      sample(`precinct_center_db_pool_connections{${pid},state="total"} ${num(pool.total)}`);
      sample(`precinct_center_db_pool_connections{${pid},state="idle"} ${num(pool.idle)}`);
      metric('precinct_center_db_pool_waiting', 'gauge', 'Requests of this process waiting for a PostgreSQL connection.');
      sample(`precinct_center_db_pool_waiting{${pid}} ${num(pool.waiting)}`);
    }
    return families;
  }
}
