import { Center } from './center';
import { centerKeyFromJwk, loadOrCreateCenterKey } from './center-key';
import { openDatabase } from './db/open';

export interface OpenCenterOptions {
  /** PostgreSQL connection string; without it PGlite in `dataDir`. */
  databaseUrl?: string | null;
  /** PGlite data folder (default `./center-data`), `':memory:'` for a throw-away center. */
  dataDir?: string | null;
  /** A private JWK (text) to sign bundles with instead of the key kept in the database. */
  signingKeyJwk?: string | null;
  /** The passphrase the key kept in the database is sealed with (`CENTER_KEY_PASSPHRASE`). */
  keyPassphrase?: string | null;
  now?: () => number;
}

export async function openCenter(options: OpenCenterOptions): Promise<Center> {
  const db = await openDatabase(options);
  try {
    const signingKey = options.signingKeyJwk ? await centerKeyFromJwk(options.signingKeyJwk) : await loadOrCreateCenterKey(db, options.keyPassphrase ?? null);
    return new Center({ db, signingKey, ...(options.now ? { now: options.now } : {}) });
  } catch (e) {
    await db.close();
    throw e;
  }
}
