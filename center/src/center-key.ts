/**
 * The center's bundle-signing key (ECDSA P-256). Every center process on one database must sign
 * with the same key, so the key lives in the database (`center_keys`); the first process to start
 * creates it and the others read it. `CENTER_SIGNING_KEY_FILE` (a file or secret holding the private
 * JWK, see `exportCenterKey`) or `CENTER_SIGNING_KEY` (the JWK itself) overrides it, so a center
 * restored without its database (or a new one) keeps the key every enrolled laptop pinned.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { canonicalJson } from '../../shared/util/canonical-json';
import {
  exportPrivateJwk,
  exportPublicJwk,
  generateSigningKeyPair,
  importPrivateJwk,
  keyId,
  publicJwkSchema,
  type PublicJwk,
} from '../../shared/sync/keys';
import type { Database } from './db/types';

export interface CenterSigningKey {
  keyId: string;
  publicJwk: PublicJwk;
  privateKey: CryptoKey;
}

const privateJwkSchema = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() })
  .passthrough();

export async function centerKeyFromJwk(jwkText: string): Promise<CenterSigningKey> {
  const jwk = privateJwkSchema.parse(JSON.parse(jwkText));
  const publicJwk = publicJwkSchema.parse(jwk);
  return { keyId: await keyId(publicJwk), publicJwk, privateKey: await importPrivateJwk(jwk) };
}

export async function loadOrCreateCenterKey(db: Database): Promise<CenterSigningKey> {
  const existing = await db.query<{ private_jwk: string }>('select private_jwk from center_keys order by created_at, key_id limit 1');
  if (existing[0]) return centerKeyFromJwk(existing[0].private_jwk);
  const pair = await generateSigningKeyPair(true);
  const publicJwk = await exportPublicJwk(pair.publicKey);
  const id = await keyId(publicJwk);
  await db.transaction(async (tx) => {
    // Two processes starting at once: the lock makes the second one see the first one's key.
    await tx.query('select pg_advisory_xact_lock($1)', [724_613_002]);
    const again = await tx.query<{ key_id: string }>('select key_id from center_keys limit 1');
    if (again.length === 0) {
      await tx.query('insert into center_keys (key_id, public_jwk, private_jwk) values ($1, $2, $3)', [
        id,
        canonicalJson(publicJwk),
        JSON.stringify(await exportPrivateJwk(pair.privateKey)),
      ]);
    }
  });
  const row = await db.query<{ private_jwk: string }>('select private_jwk from center_keys order by created_at, key_id limit 1');
  if (!row[0]) throw new Error('center signing key missing after creation');
  return centerKeyFromJwk(row[0].private_jwk);
}

/**
 * The signing key the operator configured: `CENTER_SIGNING_KEY_FILE` (a file or a mounted secret
 * holding the private JWK, e.g. written by `center key-export`) or `CENTER_SIGNING_KEY` (the JWK
 * itself); null when neither is set (the key kept in the database is used). A file that cannot be
 * read, or holds something other than a P-256 private JWK, stops the start.
 */
export async function configuredSigningKey(env: { CENTER_SIGNING_KEY?: string | undefined; CENTER_SIGNING_KEY_FILE?: string | undefined }): Promise<string | null> {
  if (env.CENTER_SIGNING_KEY_FILE) {
    const text = (await readFile(env.CENTER_SIGNING_KEY_FILE, 'utf8')).trim();
    const parsed = privateJwkSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new Error(`CENTER_SIGNING_KEY_FILE (${env.CENTER_SIGNING_KEY_FILE}) does not hold a P-256 private JWK`);
    return text;
  }
  return env.CENTER_SIGNING_KEY || null;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/**
 * The key kept in the database, as a private JWK file (`center key-export <file>`): written only if
 * the file does not exist yet, readable by its owner alone (0600). Keep it as a secret: whoever
 * holds it can sign bundles and rosters that every enrolled laptop believes. Returns the key's id.
 * (A key configured from a file or the environment is not in the database: it is already outside.)
 */
export async function exportCenterKey(db: Database, key: CenterSigningKey, file: string): Promise<{ keyId: string; file: string }> {
  const row = (await db.query<{ private_jwk: string }>('select private_jwk from center_keys where key_id = $1', [key.keyId]))[0];
  if (!row) throw new Error('the key in use is not kept in the database (it came from CENTER_SIGNING_KEY_FILE or CENTER_SIGNING_KEY): back that up instead');
  const checked = await centerKeyFromJwk(row.private_jwk);
  if (checked.keyId !== key.keyId) throw new Error('the stored key does not match the key in use');
  await writeFile(file, `${row.private_jwk}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  return { keyId: key.keyId, file };
}
