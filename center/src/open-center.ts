import { Center } from './center';
import type { KeyEndorsement } from '../../shared/sync/key-chain';
import { centerKeyFromJwk, loadOrCreateCenterKey, storeKeyChain } from './center-key';
import { openDatabase } from './db/open';
import { openPg } from './db/pg';

export interface OpenCenterOptions {
  /** PostgreSQL connection string; without it PGlite in `dataDir`. */
  databaseUrl?: string | null;
  /**
   * PostgreSQL for the dashboard's reads (`DATABASE_READ_URL`: a hot standby streaming from the
   * primary); needs `databaseUrl`. Not migrated (a standby is read-only and replays the primary's
   * schema); closed with the primary (`center.db.close()`).
   */
  databaseReadUrl?: string | null;
  /** PGlite data folder (default `./center-data`), `':memory:'` for a throw-away center. */
  dataDir?: string | null;
  /** A private JWK (text) to sign bundles with instead of the key kept in the database. */
  signingKeyJwk?: string | null;
  /** The endorsements kept beside the key file (`<file>.chain.json`), stored when the database lacks them. */
  signingKeyChain?: KeyEndorsement[] | null;
  /** The passphrase the key kept in the database is sealed with (`CENTER_KEY_PASSPHRASE`). */
  keyPassphrase?: string | null;
  now?: () => number;
  /** In-memory PGlite only: start from this dumped data folder instead of initdb (the integration tests' migrated template). */
  pgliteTemplate?: Blob;
}

export async function openCenter(options: OpenCenterOptions): Promise<Center> {
  if (options.databaseReadUrl && !options.databaseUrl) throw new Error('DATABASE_READ_URL needs DATABASE_URL: the read replica follows a PostgreSQL primary');
  const db = await openDatabase(options);
  try {
    const signingKey = options.signingKeyJwk ? await centerKeyFromJwk(options.signingKeyJwk) : await loadOrCreateCenterKey(db, options.keyPassphrase ?? null);
    if (options.signingKeyJwk && options.signingKeyChain) await storeKeyChain(db, signingKey.keyId, options.signingKeyChain);
    const keyOptions = { signingKey, keyFromDatabase: !options.signingKeyJwk, keyPassphrase: options.keyPassphrase ?? null };
    if (!options.databaseReadUrl) return new Center({ db, ...keyOptions, ...(options.now ? { now: options.now } : {}) });
    const readDb = openPg(options.databaseReadUrl);
    const closePrimary = db.close.bind(db);
    // One close for both pools: every caller closes `center.db`.
    const both = Object.assign(db, {
      close: async () => {
        await Promise.allSettled([readDb.close()]);
        await closePrimary();
      },
    });
    return new Center({ db: both, readDb, ...keyOptions, ...(options.now ? { now: options.now } : {}) });
  } catch (e) {
    await db.close();
    throw e;
  }
}
