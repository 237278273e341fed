/**
 * The center's signing key sealed at rest (CENTER_KEY_PASSPHRASE), on PGlite and PostgreSQL: the
 * `center_keys` row alone does not reveal the key (no private scalar in it, in clear or base64url);
 * the center reopens with the passphrase and signs with the same key; without it, or with another,
 * it refuses to start; a row an older center kept in clear is sealed in place at the first start
 * with a passphrase (same key id, so enrolled laptops notice nothing); `key-export` writes the
 * opened JWK; a sealed row moved under another key id, or with a flipped byte, does not open.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredKeyPassphrase, exportCenterKey, isSealedKey, openSealedKey, sealPrivateJwk } from '../../../center/src/center-key';
import { openCenter } from '../../../center/src/open-center';
import { freshPgDatabase, PG_AVAILABLE } from './harness';

const PASS = 'correct horse battery staple';

type Opened = { url: string | null; dir: string | null; drop: () => Promise<void> };
const stores: { name: string; make: () => Promise<Opened> }[] = [
  {
    name: 'pglite',
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pd-sealed-'));
      return { url: null, dir: join(dir, 'data'), drop: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  ...(PG_AVAILABLE ? [{ name: 'postgres', make: async () => { const f = await freshPgDatabase(); return { url: f.url, dir: null, drop: f.drop }; } }] : []),
];

describe.each(stores)('the signing key sealed at rest on $name', (store) => {
  it('the row alone reveals nothing; the passphrase opens it; a key kept in clear is sealed in place', async () => {
    const where = await store.make();
    const open = (keyPassphrase: string | null) => openCenter({ databaseUrl: where.url, dataDir: where.dir, keyPassphrase });
    const rowOf = async (c: Awaited<ReturnType<typeof open>>) => (await c.db.query<{ key_id: string; private_jwk: string }>('select key_id, private_jwk from center_keys'))[0];
    try {
      // An older center: the key kept in clear.
      const old = await open(null);
      const clear = await rowOf(old);
      const d = (JSON.parse(clear?.private_jwk ?? '{}') as { d?: string }).d ?? '';
      expect(d.length).toBeGreaterThan(40);
      const keyId = old.signingKey.keyId;
      await old.db.close();

      // First start with a passphrase: sealed in place, same key.
      const a = await open(PASS);
      expect(a.signingKey.keyId).toBe(keyId);
      const sealed = await rowOf(a);
      expect(sealed?.key_id).toBe(keyId);
      expect(isSealedKey(sealed?.private_jwk ?? '')).toBe(true);
      // Nothing of the private scalar in the row, in clear or as its bytes in base64.
      expect(sealed?.private_jwk).not.toContain(d);
      expect(sealed?.private_jwk).not.toContain(Buffer.from(d, 'base64url').toString('base64').slice(0, 20));
      expect(sealed?.private_jwk).not.toMatch(/"d"/u);
      const dir = await mkdtemp(join(tmpdir(), 'pd-sealed-export-'));
      try {
        await exportCenterKey(a.db, a.signingKey, join(dir, 'k.jwk'), PASS);
        expect((JSON.parse(await readFile(join(dir, 'k.jwk'), 'utf8')) as { d: string }).d).toBe(d);
        await expect(exportCenterKey(a.db, a.signingKey, join(dir, 'k2.jwk'), null)).rejects.toThrow(/sealed/u);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      await a.db.close();

      // Without the passphrase, or with another one: the start stops, and says why.
      await expect(open(null)).rejects.toThrow(/sealed: set CENTER_KEY_PASSPHRASE/u);
      await expect(open('another passphrase!')).rejects.toThrow(/does not open/u);
      // Again with it: the same key, the row unchanged.
      const b = await open(PASS);
      expect(b.signingKey.keyId).toBe(keyId);
      expect((await rowOf(b))?.private_jwk).toBe(sealed?.private_jwk);
      await b.db.close();
    } finally {
      await where.drop();
    }
  }, 120_000);
});

describe('sealing', () => {
  it('binds the sealed key to its key id and its bytes; reads the passphrase from the environment or a file', async () => {
    const jwk = '{"kty":"EC","crv":"P-256","x":"x","y":"y","d":"secret"}';
    const sealed = await sealPrivateJwk(jwk, PASS, 'key-1');
    expect(await openSealedKey(sealed, PASS, 'key-1')).toBe(jwk);
    await expect(openSealedKey(sealed, PASS, 'key-2')).rejects.toThrow(/does not open/u);
    const parsed = JSON.parse(sealed) as { data: string };
    const bytes = Buffer.from(parsed.data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(openSealedKey(JSON.stringify({ ...parsed, data: bytes.toString('base64') }), PASS, 'key-1')).rejects.toThrow(/does not open/u);
    expect(isSealedKey(jwk)).toBe(false);
    expect(isSealedKey('not json')).toBe(false);

    expect(await configuredKeyPassphrase({})).toBeNull();
    expect(await configuredKeyPassphrase({ CENTER_KEY_PASSPHRASE: PASS })).toBe(PASS);
    await expect(configuredKeyPassphrase({ CENTER_KEY_PASSPHRASE: 'short' })).rejects.toThrow(/at least 12/u);
    const dir = await mkdtemp(join(tmpdir(), 'pd-pass-'));
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'pass'), `${PASS}\n`);
      expect(await configuredKeyPassphrase({ CENTER_KEY_PASSPHRASE_FILE: join(dir, 'pass'), CENTER_KEY_PASSPHRASE: 'ignored, the file wins' })).toBe(PASS);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
