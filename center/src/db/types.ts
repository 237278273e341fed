/**
 * The one storage interface of the center. Two implementations run the SAME SQL: node-postgres
 * (`DATABASE_URL`) and embedded PGlite (a data folder, or memory for tests). Rows come back as
 * plain objects; queries cast bigint columns to text so both drivers return the same types.
 */
import type { FolderLock } from './folder-lock';
import type { PoolStats } from '../metrics';

export type SqlParam = string | number | boolean | null | Date;

export interface Queryable {
  query<R extends object>(sql: string, params?: readonly SqlParam[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** PGlite on a folder: the lock this process holds on it (null in memory and on PostgreSQL). */
  readonly folderLock?: FolderLock | null;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PostgreSQL: the connection pool's state now (for /metrics); absent on PGlite (one connection). */
  poolStats?(): PoolStats;
}
