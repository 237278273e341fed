import { openPg } from './pg';
import { openPglite } from './pglite';
import { migrate } from './migrate';
import type { Database } from './types';

export type { Database } from './types';

export const DEFAULT_DATA_DIR = './center-data';

/**
 * PostgreSQL when a connection string is given, otherwise PGlite in `dataDir` (`':memory:'` for a
 * throw-away database). Migrations are applied before the database is handed out.
 */
export async function openDatabase(options: { databaseUrl?: string | null; dataDir?: string | null; pgliteTemplate?: Blob }): Promise<Database> {
  const db = options.databaseUrl
    ? openPg(options.databaseUrl)
    : await openPglite(options.dataDir === ':memory:' ? null : (options.dataDir ?? DEFAULT_DATA_DIR), options.pgliteTemplate);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
