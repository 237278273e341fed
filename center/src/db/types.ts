/**
 * The one storage interface of the center. Two implementations run the SAME SQL: node-postgres
 * (`DATABASE_URL`) and embedded PGlite (a data folder, or memory for tests). Rows come back as
 * plain objects; queries cast bigint columns to text so both drivers return the same types.
 */
export type SqlParam = string | number | boolean | null | Date;

export interface Queryable {
  query<R extends object>(sql: string, params?: readonly SqlParam[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
