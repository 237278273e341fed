/**
 * The chain of key endorsements outside the database (issue 20). A laptop pins key A; the center
 * rotates to B in its database and the operator exports B (`center key-export`: the key file and,
 * beside it, `<file>.chain.json`). The database is lost: a center on an empty one started with the
 * key file and its chain signs bundles that the laptop pinned to A takes through A→B. Rotated again
 * while B comes from the file (`key rotate --new-key-file`): the new file and its chain lead A to C.
 * Without the chain file the laptop refuses (wrong key); a chain file that does not lead to the key,
 * or whose link was not signed by the key before it, stops the start.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySignedBundle } from '../../../shared/sync/sign';
import { importPublicKey } from '../../../shared/sync/keys';
import { keyChainSchema } from '../../../shared/sync/key-chain';
import { signedBundleSchema } from '../../../shared/sync/wire';
import { chainFileOf, configuredKeyChain, configuredSigningKey, exportCenterKey } from '../../../center/src/center-key';
import { openCenter } from '../../../center/src/open-center';
import type { Center } from '../../../center/src/center';
import { freshPgDatabase, PG_AVAILABLE, testBundle, TestDevice } from './harness';

describe.runIf(PG_AVAILABLE)('key chain beside the key file', () => {
  it('restores the way from the pinned key to the key in use on an empty database; refuses a chain that does not lead there', async () => {
    const dbs = await Promise.all([freshPgDatabase(), freshPgDatabase(), freshPgDatabase(), freshPgDatabase()]);
    const [first, second, third, fourth] = dbs as [(typeof dbs)[0], (typeof dbs)[0], (typeof dbs)[0], (typeof dbs)[0]];
    const dir = await mkdtemp(join(tmpdir(), 'pd-chain-'));
    const open: Center[] = [];
    const fromFile = async (url: string, file: string) => {
      const env = { CENTER_SIGNING_KEY_FILE: file };
      const c = await openCenter({ databaseUrl: url, signingKeyJwk: await configuredSigningKey(env), signingKeyChain: await configuredKeyChain(env) });
      open.push(c);
      return c;
    };
    try {
      const a = await openCenter({ databaseUrl: first.url });
      open.push(a);
      await a.loadBundle(await testBundle());
      const { code } = await a.issueCode({ precinct: 9019 });
      const laptop = await TestDevice.create(9019);
      const pinned = (await a.enrol(await laptop.enrolRequest(code))).centerKey;
      const key = await importPublicKey(pinned.publicKey);
      if (!key) throw new Error('pinned key does not import');
      const laptopTakes = async (c: Center) => {
        await c.loadBundle(await testBundle());
        const served = signedBundleSchema.parse(JSON.parse((await c.signedBundle(laptop.electionId)) ?? 'null'));
        return verifySignedBundle(served, { keyId: pinned.keyId, key });
      };

      // A→B in the database, then B exported with its chain.
      const ab = await a.rotateKey();
      const keyB = join(dir, 'key-b.jwk');
      expect(await exportCenterKey(a.db, a.signingKey, keyB)).toEqual({ keyId: ab.toKeyId, file: keyB, chainFile: chainFileOf(keyB) });
      expect(keyChainSchema.parse(JSON.parse(await readFile(chainFileOf(keyB), 'utf8'))).map((e) => e.statement.toKeyId)).toEqual([ab.toKeyId]);

      // The database is lost: the key file and its chain on an empty one.
      const b = await fromFile(second.url, keyB);
      expect(b.signingKey.keyId).toBe(ab.toKeyId);
      expect((await laptopTakes(b)).ok).toBe(true);

      // B (from the file) → C into a new file, with its chain.
      const keyC = join(dir, 'key-c.jwk');
      const bc = await b.rotateKey({ newKeyFile: keyC });
      expect(bc).toMatchObject({ fromKeyId: ab.toKeyId, chainLength: 2, newKeyFile: keyC });
      expect((await stat(keyC)).mode & 0o777).toBe(0o600);
      const c = await fromFile(third.url, keyC);
      expect(c.signingKey.keyId).toBe(bc.toKeyId);
      expect((await laptopTakes(c)).ok).toBe(true);

      // Without the chain beside the file: the laptop refuses the new key.
      const bare = join(dir, 'bare.jwk');
      await writeFile(bare, await readFile(keyC, 'utf8'));
      const lost = await fromFile(fourth.url, bare);
      expect(await laptopTakes(lost)).toMatchObject({ ok: false, error: { code: 'wrong-key' } });

      // A chain file that leads elsewhere, or a link not signed by the key before it: no start.
      const chainC = keyChainSchema.parse(JSON.parse(await readFile(chainFileOf(keyC), 'utf8')));
      await writeFile(chainFileOf(bare), JSON.stringify(chainC.slice(0, 1)));
      await expect(fromFile(fourth.url, bare)).rejects.toThrow(/does not lead to the signing key in use/u);
      const [linkAB, linkBC] = chainC as [(typeof chainC)[0], (typeof chainC)[0]];
      await writeFile(chainFileOf(bare), JSON.stringify([linkAB, { ...linkBC, signature: linkAB.signature }]));
      await expect(fromFile(fourth.url, bare)).rejects.toThrow(/not signed by the key before it/u);
    } finally {
      for (const c of open) await c.db.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      for (const d of dbs) await d.drop();
    }
  });

  it('a key kept in the database and used from its exported file (docs/OPERATIONS.md) rotates into a new file and in the database', async () => {
    const db = await freshPgDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'pd-chain-'));
    const open: Center[] = [];
    const opened = async (keyFile: string | null) => {
      const env = keyFile ? { CENTER_SIGNING_KEY_FILE: keyFile } : {};
      const c = await openCenter({ databaseUrl: db.url, signingKeyJwk: await configuredSigningKey(env), signingKeyChain: await configuredKeyChain(env) });
      open.push(c);
      return c;
    };
    try {
      // The first start makes the key in the database; a laptop pins it; the operator exports it.
      const first = await opened(null);
      await first.loadBundle(await testBundle());
      const { code } = await first.issueCode({ precinct: 9019 });
      const laptop = await TestDevice.create(9019);
      const pinned = (await first.enrol(await laptop.enrolRequest(code))).centerKey;
      const key = await importPublicKey(pinned.publicKey);
      if (!key) throw new Error('pinned key does not import');
      const keyA = join(dir, 'signing-key.jwk');
      await exportCenterKey(first.db, first.signingKey, keyA);

      // The service runs with CENTER_SIGNING_KEY_FILE: the same key, kept in the database too.
      const service = await opened(keyA);
      expect(service.signingKey.keyId).toBe(pinned.keyId);
      // Into the database alone the service would go on signing with the old file: refused.
      await expect(service.rotateKey()).rejects.toThrow(/give a file for the new key/u);
      const keyB = join(dir, 'signing-key-2.jwk');
      const rotation = await service.rotateKey({ newKeyFile: keyB });
      expect(rotation).toMatchObject({ fromKeyId: pinned.keyId, chainLength: 1, newKeyFile: keyB });

      // Restarted with the new file, or started without a file: both sign with the new key, and the
      // laptop pinned to the old one takes their bundles through the endorsement.
      const restarted = await opened(keyB);
      const plain = await opened(null);
      for (const c of [restarted, plain]) {
        expect(c.signingKey.keyId).toBe(rotation.toKeyId);
        const served = signedBundleSchema.parse(JSON.parse((await c.signedBundle(laptop.electionId)) ?? 'null'));
        expect((await verifySignedBundle(served, { keyId: pinned.keyId, key })).ok).toBe(true);
      }
      expect((await plain.listKeys()).stored.find((k) => k.keyId === pinned.keyId)?.retiredAt).not.toBeNull();
    } finally {
      for (const c of open) await c.db.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
