/**
 * The center's Prometheus metrics (`GET /metrics`, behind the admin token), in the text exposition
 * format 0.0.4, written by hand: a few counters, one histogram and the database pool's gauges.
 * Each serving process counts on its own (with `--processes N` a scrape through the shared port
 * reaches one of them; the `pid` label tells which — see docs/OPERATIONS.md).
 */
import type { SyncErrorCode } from '../../shared/sync/errors';

/** Upper bounds (seconds) of the push latency histogram's buckets. */
export const PUSH_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

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

  /** The exposition text; `pool` is the database pool's state when the driver has one. */
  render(pool: PoolStats | null, storage: string): string {
    const pid = `pid="${process.pid}"`;
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    metric('precinct_center_info', 'gauge', 'The serving process (always 1), with its storage kind.');
    lines.push(`precinct_center_info{${pid},storage="${label(storage)}"} 1`);
    metric('precinct_center_start_time_seconds', 'gauge', 'When this process started (Unix time).');
    lines.push(`precinct_center_start_time_seconds{${pid}} ${num(this.startedAt / 1000)}`);
    metric('precinct_center_pushes_total', 'counter', 'Pushed batches answered, by result.');
    lines.push(`precinct_center_pushes_total{${pid},result="stored"} ${num(this.pushesAccepted)}`);
    lines.push(`precinct_center_pushes_total{${pid},result="refused"} ${num(this.pushesRefused)}`);
    metric('precinct_center_events_stored_total', 'counter', 'Events stored (pushes and USB imports).');
    lines.push(`precinct_center_events_stored_total{${pid}} ${num(this.eventsStored)}`);
    metric('precinct_center_refusals_total', 'counter', 'Requests refused, by the refusal code of shared/sync/errors.');
    for (const [code, n] of [...this.refusals].sort(([a], [b]) => a.localeCompare(b))) lines.push(`precinct_center_refusals_total{${pid},code="${label(code)}"} ${num(n)}`);
    metric('precinct_center_push_duration_seconds', 'histogram', 'Time to answer a push, stored or refused.');
    PUSH_SECONDS_BUCKETS.forEach((bound, i) => lines.push(`precinct_center_push_duration_seconds_bucket{${pid},le="${bound}"} ${num(this.pushBuckets[i] ?? 0)}`));
    lines.push(`precinct_center_push_duration_seconds_bucket{${pid},le="+Inf"} ${num(this.pushCount)}`);
    lines.push(`precinct_center_push_duration_seconds_sum{${pid}} ${num(this.pushSum)}`);
    lines.push(`precinct_center_push_duration_seconds_count{${pid}} ${num(this.pushCount)}`);
    if (pool) {
      metric('precinct_center_db_pool_connections', 'gauge', 'PostgreSQL pool connections of this process, by state.');
      lines.push(`precinct_center_db_pool_connections{${pid},state="total"} ${num(pool.total)}`);
      lines.push(`precinct_center_db_pool_connections{${pid},state="idle"} ${num(pool.idle)}`);
      metric('precinct_center_db_pool_waiting', 'gauge', 'Requests of this process waiting for a PostgreSQL connection.');
      lines.push(`precinct_center_db_pool_waiting{${pid}} ${num(pool.waiting)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
