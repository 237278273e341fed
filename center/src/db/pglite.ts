import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockFolder } from './folder-lock';
import type { Database, Queryable, SqlParam } from './types';

const dumps = new WeakMap<Database, PGlite>();

/** An in-memory PGlite database's data folder as a tar (uncompressed), for `openPglite(null, from)`. */
export async function dumpPglite(database: Database): Promise<Blob> {
  const db = dumps.get(database);
  if (!db) throw new Error('dumpPglite: not a PGlite database');
  return db.dumpDataDir('none');
}

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
 * transaction at a time, other queries wait for it. `from` (memory only): start from a data folder
 * dumped by `dumpPglite` instead of running initdb — the integration tests open every in-memory
 * center from one migrated template, which is several times faster than a fresh initdb.
 */
export async function openPglite(dataDir: string | null, from?: Blob): Promise<Database> {
  if (dataDir && from) throw new Error('openPglite: a template is for an in-memory database only');
  const folderLock = dataDir ? lockFolder(dataDir) : null;
  let db: PGlite;
  try {
    db = dataDir ? await PGlite.create(dataDir) : await PGlite.create(from ? { loadDataDir: from } : {});
  } catch (e) {
    folderLock?.release();
    throw e;
  }
  const base = wrap(db);
  const database: Database = {
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
  dumps.set(database, db);
  return database;
}
