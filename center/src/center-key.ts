/**
 * The center's bundle-signing key (ECDSA P-256). Every center process on one database must sign
 * with the same key, so the key lives in the database (`center_keys`); the first process to start
 * creates it and the others read it. `CENTER_SIGNING_KEY_FILE` (a file or secret holding the private
 * JWK, see `exportCenterKey`) or `CENTER_SIGNING_KEY` (the JWK itself) overrides it, so a center
 * restored without its database (or a new one) keeps the key every enrolled laptop pinned.
 *
 * At rest: with `CENTER_KEY_PASSPHRASE` (or `CENTER_KEY_PASSPHRASE_FILE`) the key kept in the
 * database is sealed — AES-256-GCM under a key derived from the passphrase by scrypt, its key id as
 * associated data — so the database (or a dump of it) alone does not reveal it. A row kept in clear
 * by an older center is sealed in place at the first start with a passphrase (the same key: laptops
 * notice nothing). A sealed row without the passphrase, or with a wrong one, stops the start.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
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
import { endorseKey, keyChainSchema, keyEndorsementSchema, MAX_KEY_CHAIN, type KeyEndorsement } from '../../shared/sync/key-chain';
import { importPublicKey, verifyCanonical } from '../../shared/sync/keys';
import type { Database } from './db/types';

export interface CenterSigningKey {
  keyId: string;
  publicJwk: PublicJwk;
  privateKey: CryptoKey;
}

/** The key the center signs with now, and the endorsements leading to it from the keys before it (oldest first). */
export interface ActiveCenterKey extends CenterSigningKey {
  chain: KeyEndorsement[];
}

const privateJwkSchema = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() })
  .passthrough();

export async function centerKeyFromJwk(jwkText: string): Promise<CenterSigningKey> {
  const jwk = privateJwkSchema.parse(JSON.parse(jwkText));
  const publicJwk = publicJwkSchema.parse(jwk);
  return { keyId: await keyId(publicJwk), publicJwk, privateKey: await importPrivateJwk(jwk) };
}

// ——— the key sealed at rest ———

export const SEALED_KEY_FORMAT = 'precinct-desk/sealed-key';
/** scrypt cost: 2^15 × 8 (32 MiB, about 0.1 s once a start); stored with each sealed key. */
const SCRYPT = { N: 32_768, r: 8, p: 1 } as const;

const sealedKeySchema = z
  .object({
    format: z.literal(SEALED_KEY_FORMAT),
    v: z.literal(1),
    kdf: z.literal('scrypt'),
    N: z.number().int().min(1024).max(1_048_576),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().min(1).max(100),
    iv: z.string().min(1).max(100),
    tag: z.string().min(1).max(100),
    data: z.string().min(1).max(10_000),
  })
  .strict();

function scrypt(passphrase: BinaryLike, salt: BinaryLike, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(passphrase, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));
}

const kdfOptions = (c: { N: number; r: number; p: number }): ScryptOptions => ({ N: c.N, r: c.r, p: c.p, maxmem: 256 * c.N * c.r });

/** True when a `center_keys.private_jwk` text is a sealed key (not a JWK kept in clear). */
export function isSealedKey(text: string): boolean {
  return sealedKeySchema.safeParse(safeJson(text)).success;
}

/** The private JWK text sealed with the passphrase, bound to the key id (a row moved to another id does not open). */
export async function sealPrivateJwk(jwkText: string, passphrase: string, id: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await scrypt(passphrase.normalize('NFC'), salt, 32, kdfOptions(SCRYPT));
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${SEALED_KEY_FORMAT}:${id}`, 'utf8'));
  const data = Buffer.concat([cipher.update(jwkText, 'utf8'), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64');
  return JSON.stringify({ format: SEALED_KEY_FORMAT, v: 1, kdf: 'scrypt', ...SCRYPT, salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) });
}

/** The private JWK text of a sealed key; throws when the passphrase (or the key id) is not the one it was sealed with. */
export async function openSealedKey(text: string, passphrase: string, id: string): Promise<string> {
  const sealed = sealedKeySchema.parse(safeJson(text));
  const key = await scrypt(passphrase.normalize('NFC'), Buffer.from(sealed.salt, 'base64'), 32, kdfOptions(sealed));
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(`${SEALED_KEY_FORMAT}:${id}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the signing key in the database does not open with CENTER_KEY_PASSPHRASE: is it the passphrase it was sealed with?');
  }
}

/** The private JWK text of a stored row: opened when sealed (the passphrase needed), as is when kept in clear. */
async function storedJwk(row: { key_id: string; private_jwk: string }, passphrase: string | null): Promise<string> {
  if (!isSealedKey(row.private_jwk)) return row.private_jwk;
  if (!passphrase) throw new Error('the signing key in the database is sealed: set CENTER_KEY_PASSPHRASE (or CENTER_KEY_PASSPHRASE_FILE) to the passphrase it was sealed with');
  return openSealedKey(row.private_jwk, passphrase, row.key_id);
}

/**
 * The passphrase the key kept in the database is sealed with: `CENTER_KEY_PASSPHRASE_FILE` (a file
 * or mounted secret, trailing newline dropped) or `CENTER_KEY_PASSPHRASE`; null when neither is set.
 * A passphrase under 12 characters stops the start.
 */
export async function configuredKeyPassphrase(env: { CENTER_KEY_PASSPHRASE?: string | undefined; CENTER_KEY_PASSPHRASE_FILE?: string | undefined }): Promise<string | null> {
  const text = env.CENTER_KEY_PASSPHRASE_FILE ? (await readFile(env.CENTER_KEY_PASSPHRASE_FILE, 'utf8')).replace(/\r?\n$/u, '') : (env.CENTER_KEY_PASSPHRASE ?? '');
  if (text === '') return null;
  if ([...text].length < 12) throw new Error('CENTER_KEY_PASSPHRASE must be at least 12 characters (e.g. openssl rand -base64 24)');
  return text;
}

/**
 * The key kept in the database, made by the first process to start. With a passphrase it is kept
 * sealed, and a row an older center kept in clear is sealed in place (same key).
 */
export async function loadOrCreateCenterKey(db: Database, passphrase: string | null = null): Promise<CenterSigningKey> {
  // The key in use: the newest not retired (one row until a rotation, `center key rotate`).
  const first = async () =>
    (await db.query<{ key_id: string; private_jwk: string }>('select key_id, private_jwk from center_keys where retired_at is null order by created_at desc, key_id limit 1'))[0];
  const existing = await first();
  if (existing) {
    const key = await centerKeyFromJwk(await storedJwk(existing, passphrase));
    if (key.keyId !== existing.key_id) throw new Error('the stored signing key does not match its key id');
    if (passphrase) {
      // Kept in clear by an older center (or started once without the passphrase): sealed now, the
      // keys retired by a rotation too. The WHERE makes two processes starting at once seal each once.
      for (const row of await db.query<{ key_id: string; private_jwk: string }>('select key_id, private_jwk from center_keys')) {
        if (isSealedKey(row.private_jwk)) continue;
        const sealed = await sealPrivateJwk(row.private_jwk, passphrase, row.key_id);
        await db.query('update center_keys set private_jwk = $1 where key_id = $2 and private_jwk = $3', [sealed, row.key_id, row.private_jwk]);
      }
    }
    return key;
  }
  const pair = await generateSigningKeyPair(true);
  const publicJwk = await exportPublicJwk(pair.publicKey);
  const id = await keyId(publicJwk);
  const jwkText = JSON.stringify(await exportPrivateJwk(pair.privateKey));
  const stored = passphrase ? await sealPrivateJwk(jwkText, passphrase, id) : jwkText;
  await db.transaction(async (tx) => {
    // Two processes starting at once: the lock makes the second one see the first one's key.
    await tx.query('select pg_advisory_xact_lock($1)', [724_613_002]);
    const again = await tx.query<{ key_id: string }>('select key_id from center_keys limit 1');
    if (again.length === 0) {
      await tx.query('insert into center_keys (key_id, public_jwk, private_jwk) values ($1, $2, $3)', [id, canonicalJson(publicJwk), stored]);
    }
  });
  const row = await first();
  if (!row) throw new Error('center signing key missing after creation');
  return centerKeyFromJwk(await storedJwk(row, passphrase));
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
export async function exportCenterKey(db: Database, key: CenterSigningKey, file: string, passphrase: string | null = null): Promise<{ keyId: string; file: string; chainFile?: string }> {
  const row = (await db.query<{ key_id: string; private_jwk: string }>('select key_id, private_jwk from center_keys where key_id = $1', [key.keyId]))[0];
  if (!row) throw new Error('the key in use is not kept in the database (it came from CENTER_SIGNING_KEY_FILE or CENTER_SIGNING_KEY): back that up instead');
  const jwkText = await storedJwk(row, passphrase);
  const checked = await centerKeyFromJwk(jwkText);
  if (checked.keyId !== key.keyId) throw new Error('the stored key does not match the key in use');
  await writeFile(file, `${jwkText}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  // After rotations: how laptops pinned to the older keys reach this one, beside the key file.
  const chain = await loadKeyChain(db, key.keyId);
  if (chain.length > 0) await writeKeyChainFile(file, chain);
  return { keyId: key.keyId, file, ...(chain.length > 0 ? { chainFile: chainFileOf(file) } : {}) };
}

// ——— rotation (issue 20) ———

/** The id of the key in use among those kept in the database (null when none is kept there). */
export async function activeStoredKeyId(db: Database): Promise<string | null> {
  const rows = await db.query<{ key_id: string }>('select key_id from center_keys where retired_at is null order by created_at desc, key_id limit 1');
  return rows[0]?.key_id ?? null;
}

/**
 * The endorsements leading to `keyId`, oldest first (A→B, B→C for C): what the center sends beside
 * every signature so laptops pinned to A or B reach C. At most the last MAX_KEY_CHAIN rotations.
 */
export async function loadKeyChain(db: Pick<Database, 'query'>, keyId: string): Promise<KeyEndorsement[]> {
  const rows = await db.query<{ endorsement: string }>(
    `with recursive chain (to_key_id, from_key_id, endorsement, depth) as (
       select to_key_id, from_key_id, endorsement, 1 from center_key_endorsements where to_key_id = $1
       union all
       select e.to_key_id, e.from_key_id, e.endorsement, chain.depth + 1 from center_key_endorsements e
         join chain on e.to_key_id = chain.from_key_id where chain.depth < $2
     )
     select endorsement from chain order by depth desc`,
    [keyId, MAX_KEY_CHAIN],
  );
  return rows.map((r) => keyEndorsementSchema.parse(JSON.parse(r.endorsement)));
}

export interface KeyRotation {
  fromKeyId: string;
  toKeyId: string;
  /** Endorsements now sent with every signature (rotations since the first key, at most MAX_KEY_CHAIN). */
  chainLength: number;
  /** Where the new private key was written, for a key configured from a file; null when kept in the database. */
  newKeyFile: string | null;
}

/** Lock shared with the key's creation: one rotation at a time, never during a first start. */
const KEY_LOCK = 724_613_002;

/**
 * A new signing key, endorsed by `current` (the old key signs the new one's id and public JWK).
 * Kept in the database (sealed with the passphrase when there is one) when `current` is: the old
 * row is marked retired and kept. A key configured from a file or the environment (`keyFromFile`)
 * is rotated into a new file: the new private JWK is written to `newKeyFile` (0600, never over an
 * existing file) for the operator to point CENTER_SIGNING_KEY_FILE at, and the endorsement is
 * stored; when that key is also the database's key in use (exported from there with `center
 * key-export`, as docs/OPERATIONS.md does), the new key replaces it there too, so a center started
 * without the file signs with the same key. Refused when another process rotated meanwhile
 * (`current` is then not the key in use).
 */
export async function rotateCenterKey(
  db: Database,
  current: CenterSigningKey,
  options: { passphrase?: string | null; newKeyFile?: string | null; now: Date; keyFromFile?: boolean },
): Promise<KeyRotation> {
  const inDatabase = (await activeStoredKeyId(db)) === current.keyId;
  const fromFile = options.keyFromFile ?? !inDatabase;
  if (!fromFile && options.newKeyFile) throw new Error('the key in use is kept in the database: rotate without a new key file (then `center key-export` the new key for the backup)');
  // A center started with a key file would go on signing with the old file: the new key goes to a file too.
  if (fromFile && !options.newKeyFile) throw new Error('the key in use comes from CENTER_SIGNING_KEY_FILE or CENTER_SIGNING_KEY: give a file for the new key (`center key rotate --new-key-file <file>`)');
  const pair = await generateSigningKeyPair(true);
  const publicJwk = await exportPublicJwk(pair.publicKey);
  const id = await keyId(publicJwk);
  const jwkText = JSON.stringify(await exportPrivateJwk(pair.privateKey));
  const endorsement = await endorseKey(current, publicJwk, options.now.toISOString());
  if (options.newKeyFile) await writeFile(options.newKeyFile, `${jwkText}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  const stored = inDatabase && options.passphrase ? await sealPrivateJwk(jwkText, options.passphrase, id) : jwkText;
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [KEY_LOCK]);
    if (inDatabase) {
      const still = await tx.query<{ key_id: string }>('select key_id from center_keys where retired_at is null order by created_at desc, key_id limit 1');
      if (still[0]?.key_id !== current.keyId) throw new Error('the signing key was rotated meanwhile by another process: nothing done');
      await tx.query('insert into center_keys (key_id, public_jwk, private_jwk) values ($1, $2, $3)', [id, canonicalJson(publicJwk), stored]);
      await tx.query('update center_keys set retired_at = $2 where key_id = $1', [current.keyId, options.now]);
    }
    await tx.query('insert into center_key_endorsements (to_key_id, from_key_id, endorsement, created_at) values ($1, $2, $3, $4)', [
      id,
      current.keyId,
      canonicalJson(endorsement),
      options.now,
    ]);
  });
  const chain = await loadKeyChain(db, id);
  if (options.newKeyFile) await writeKeyChainFile(options.newKeyFile, chain);
  return { fromKeyId: current.keyId, toKeyId: id, chainLength: chain.length, newKeyFile: fromFile ? (options.newKeyFile ?? null) : null };
}

// ——— the chain beside a key file ———

/**
 * The endorsements leading to a key kept in a file are kept beside it, in `<key file>.chain.json`
 * (public: no secret in it), written by `center key-export` and `center key rotate --new-key-file`.
 * A center started with CENTER_SIGNING_KEY_FILE reads it and stores what its database lacks, so a
 * center restored from the key file onto an empty database still shows laptops pinned to the older
 * keys the way to the key in use.
 */
export const chainFileOf = (keyFile: string): string => `${keyFile}.chain.json`;

async function writeKeyChainFile(keyFile: string, chain: readonly KeyEndorsement[]): Promise<void> {
  await writeFile(chainFileOf(keyFile), `${JSON.stringify(chain, null, 1)}\n`, { encoding: 'utf8', mode: 0o644 });
}

/** The chain kept beside CENTER_SIGNING_KEY_FILE (null without one); a file that does not read stops the start. */
export async function configuredKeyChain(env: { CENTER_SIGNING_KEY_FILE?: string | undefined }): Promise<KeyEndorsement[] | null> {
  if (!env.CENTER_SIGNING_KEY_FILE) return null;
  const file = chainFileOf(env.CENTER_SIGNING_KEY_FILE);
  try {
    await access(file);
  } catch {
    return null;
  }
  const parsed = keyChainSchema.safeParse(safeJson(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a chain of key endorsements`);
  return parsed.data;
}

/**
 * Stores a chain read from a file for the key in use: it must end at that key and each link must
 * start where the one before ended, signed by that key (the first link's signer is checked by the
 * laptops, which hold it). Links the database holds already are kept as they are.
 */
export async function storeKeyChain(db: Database, keyIdInUse: string, chain: readonly KeyEndorsement[]): Promise<void> {
  if (chain.length === 0) return;
  if (chain[chain.length - 1]?.statement.toKeyId !== keyIdInUse) throw new Error('the key chain file does not lead to the signing key in use');
  for (let i = 0; i < chain.length; i += 1) {
    const link = chain[i];
    if (!link) continue;
    if ((await keyId(link.statement.toPublicKey)) !== link.statement.toKeyId || link.keyId !== link.statement.fromKeyId) throw new Error(`the key chain file's link ${i + 1} is not what it says`);
    const before = chain[i - 1];
    if (before) {
      const signer = before.statement.toKeyId === link.statement.fromKeyId ? await importPublicKey(before.statement.toPublicKey) : null;
      if (!signer || !(await verifyCanonical(link.statement, link.signature, signer))) throw new Error(`the key chain file's link ${i + 1} is not signed by the key before it`);
    }
  }
  for (const link of chain) {
    await db.query('insert into center_key_endorsements (to_key_id, from_key_id, endorsement) values ($1, $2, $3) on conflict (to_key_id) do nothing', [
      link.statement.toKeyId,
      link.statement.fromKeyId,
      canonicalJson(link),
    ]);
  }
}
