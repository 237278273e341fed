import { PGlite, type Extension, type Transaction } from '@electric-sql/pglite';
import fs from 'node:fs';
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

/** The part of emscripten's Node file system (NODEFS) a data folder's files go through. */
interface NodeFsModule {
  NODEFS: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } };
}

/**
 * PGlite starts PostgreSQL with fsync off (`-F` in its default start parameters) and its Node file
 * system has no fsync (and a no-op fdatasync): a commit reached the operating system's cache, never
 * the disk, so a power cut after an acknowledged push could lose it. A data folder is opened with
 * fsync on, the WAL synced by fsync() (the call NODEFS can pass on), and NODEFS given an fsync that
 * reaches the disk: a commit returns once its WAL is on disk, and a checkpoint syncs the data files
 * and folders before WAL is recycled — PostgreSQL's own durability, before the ack is sent.
 */
const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync', '-c', 'synchronous_commit=on'];
const diskSync: Extension = {
  name: 'disk-sync',
  setup: async (_pg, emscriptenOpts: { preRun?: ((module: NodeFsModule) => void)[] }) => ({
    emscriptenOpts: {
      ...emscriptenOpts,
      preRun: [
        ...(emscriptenOpts.preRun ?? []),
        (module: NodeFsModule) => {
          // fs.fsyncSync looked up at each call (tests watch it).
          module.NODEFS.stream_ops.fsync = (stream) => {
            if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
            return 0;
          };
        },
      ],
    },
  }),
};

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
    db = dataDir ? await PGlite.create(dataDir, { startParams: DURABLE_START_PARAMS, extensions: { diskSync } }) : await PGlite.create(from ? { loadDataDir: from } : {});
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
