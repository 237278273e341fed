import pg from 'pg';
import { SyncFailure } from '../failure';
import type { Database, Queryable, SqlParam } from './types';

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
      const result = await client.query<R>(sql, params as SqlParam[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/**
 * A lost connection (the server ended it: restart, failover, `pg_terminate_backend`, network): the
 * request fails with a retryable `internal` refusal (nothing was stored: its transaction did not
 * commit), the process stays up, and the next request gets a fresh connection from the pool.
 */
const CONNECTION_LOST = /terminat|connection|ECONNRESET|EPIPE|ECONNREFUSED|Client has encountered a connection error|not queryable/iu;
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);

export function isConnectionLoss(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_SQLSTATES.has(code)) return true;
  return !(typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code)) && CONNECTION_LOST.test(e.message);
}

function retryable(e: unknown): unknown {
  return isConnectionLoss(e) ? new SyncFailure('internal', { detail: 'database connection lost; nothing stored, retry' }) : e;
}

/** PostgreSQL through node-postgres; several center processes may share the database. */
export function openPg(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (e) => console.error('center: idle PostgreSQL client error:', e.message));
  // Every client keeps one listener of its own for its whole life. The pool's listeners come and go
  // (idle: the pool's; checked out: `pool.query`'s one-shot listener or the transaction's below), and
  // a connection ended between two of them — seen in the chaos test: a second 'error' after the
  // one-shot listener fired — was an unhandled 'error' event that ended the process. Queries still
  // get their own errors; this listener only keeps the process up.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const base = wrap(pool);
  return {
    kind: 'pg',
    async query<R extends object>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
      try {
        return await base.query<R>(sql, params);
      } catch (e) {
        throw retryable(e);
      }
    },
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw retryable(e);
      }
      // A checked-out client has no listener of the pool's: without this one, the connection
      // ending mid-transaction is an unhandled 'error' event and the process exits.
      let lost: Error | null = null;
      const onError = (e: Error): void => {
        lost = e;
        console.error('center: PostgreSQL connection lost during a request:', e.message);
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        if (!lost && isConnectionLoss(e)) lost = e as Error;
        if (!lost) await client.query('rollback').catch(() => undefined);
        throw retryable(lost && !(e instanceof SyncFailure) ? lost : e);
      } finally {
        client.off('error', onError);
        // A broken connection is destroyed, not returned to the pool.
        client.release(lost ?? undefined);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
