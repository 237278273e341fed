/**
 * The center's bundle-signing key (ECDSA P-256). Every center process on one database must sign
 * with the same key, so the key lives in the database (`center_keys`); the first process to start
 * creates it and the others read it. `CENTER_SIGNING_KEY` (a private JWK) overrides it.
 */
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
