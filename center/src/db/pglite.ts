import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockFolder } from './folder-lock';
import type { Database, Queryable, SqlParam } from './types';

function wrap(db: PGlite | Transaction): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly SqlParam[] = []): Promise<R[]> {
      const result = await db.query<R>(sql, params as SqlParam[]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

/**
 * Embedded PostgreSQL (WASM). `dataDir` null keeps everything in memory (tests). One process owns a
 * data folder (its lock file, `folder-lock.ts`; a second opener is refused); PGlite runs one
 * transaction at a time, other queries wait for it.
 */
export async function openPglite(dataDir: string | null): Promise<Database> {
  const folderLock = dataDir ? lockFolder(dataDir) : null;
  let db: PGlite;
  try {
    db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  } catch (e) {
    folderLock?.release();
    throw e;
  }
  const base = wrap(db);
  return {
    kind: 'pglite',
    folderLock,
    query: base.query,
    exec: base.exec,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async close(): Promise<void> {
      try {
        await db.close();
      } finally {
        folderLock?.release();
      }
    },
  };
}
