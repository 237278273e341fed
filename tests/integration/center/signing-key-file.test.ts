/**
 * The center's signing key outside the database (issue 20): `center key-export` writes the key in
 * use to a 0600 file (never over an existing one); a center on ANOTHER (empty) database started with
 * CENTER_SIGNING_KEY_FILE signs with that same key, so a bundle it serves verifies with the key the
 * laptops pinned at enrolment on the first one. A file that is not a private P-256 JWK stops the start.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifySignedBundle } from '../../../shared/sync/sign';
import { importPublicKey } from '../../../shared/sync/keys';
import { signedBundleSchema } from '../../../shared/sync/wire';
import { configuredSigningKey } from '../../../center/src/center-key';
import { openCenter } from '../../../center/src/open-center';
import { freshPgDatabase, PG_AVAILABLE, testBundle, TestDevice } from './harness';

const run = promisify(execFile);
const root = join(__dirname, '../../..');

describe.runIf(PG_AVAILABLE)('signing key in a file', () => {
  it('exported by the CLI, loaded by a center on an empty database: bundles verify with the key laptops pinned', async () => {
    const first = await freshPgDatabase();
    const second = await freshPgDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'pd-key-'));
    try {
      const a = await openCenter({ databaseUrl: first.url });
      await a.loadBundle(await testBundle());
      const { code } = await a.issueCode({ precinct: 9019 });
      const laptop = await TestDevice.create(9019);
      const pinned = (await a.enrol(await laptop.enrolRequest(code))).centerKey;
      await a.db.close();

      const file = join(dir, 'center-key.jwk');
      const cli = async (env: Record<string, string>, ...args: string[]) => (await run('npx', ['tsx', 'center/src/cli.ts', ...args], { cwd: root, env: { ...process.env, ...env } })).stdout;
      expect(JSON.parse(await cli({ DATABASE_URL: first.url }, 'key-export', file))).toEqual({ keyId: pinned.keyId, file });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      // Never over an existing file.
      await expect(cli({ DATABASE_URL: first.url }, 'key-export', file)).rejects.toThrow(/EEXIST/u);

      // The database is lost: a center on an empty one, started with the key file.
      const jwk = await configuredSigningKey({ CENTER_SIGNING_KEY_FILE: file });
      const b = await openCenter({ databaseUrl: second.url, signingKeyJwk: jwk });
      try {
        expect(b.signingKey.keyId).toBe(pinned.keyId);
        await b.loadBundle(await testBundle());
        const served = signedBundleSchema.parse(JSON.parse((await b.signedBundle(laptop.electionId)) ?? 'null'));
        const key = await importPublicKey(pinned.publicKey);
        if (!key) throw new Error('pinned key does not import');
        expect((await verifySignedBundle(served, { keyId: pinned.keyId, key })).ok).toBe(true);
      } finally {
        await b.db.close();
      }
      // Without the file the new database makes a key of its own, which the laptop refuses.
      const c = await openCenter({ databaseUrl: second.url });
      expect(c.signingKey.keyId).not.toBe(pinned.keyId);
      await c.db.close();

      const bad = join(dir, 'bad.jwk');
      await writeFile(bad, JSON.stringify(pinned.publicKey));
      await expect(configuredSigningKey({ CENTER_SIGNING_KEY_FILE: bad })).rejects.toThrow(/does not hold a P-256 private JWK/u);
      await expect(configuredSigningKey({ CENTER_SIGNING_KEY_FILE: join(dir, 'missing') })).rejects.toThrow(/ENOENT/u);
      expect(await configuredSigningKey({})).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await first.drop();
      await second.drop();
    }
  });
});
