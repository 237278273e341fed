import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_MANIFEST_BYTES,
  compareVersions,
  nodePackageFiles,
  parseLatestYml,
  releaseKey,
  verifyUpdatePackage,
  type PackageFiles,
} from '../../../electron/main/update-package';

const releasePair = generateKeyPairSync('ed25519');
const otherPair = generateKeyPairSync('ed25519');
const publicPem = releasePair.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const INSTALLER = 'Precinct-Desk-Setup-0.2.0.exe';
const installerBytes = Buffer.from('MZ the installer of 0.2.0 '.repeat(1000));
const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('base64');

function manifest(over: { version?: string; name?: string; size?: number; hash?: string } = {}): string {
  const name = over.name ?? INSTALLER;
  const hash = over.hash ?? sha512(installerBytes);
  return [
    `version: ${over.version ?? '0.2.0'}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${hash}`,
    `    size: ${over.size ?? installerBytes.length}`,
    '    isAdminRightsRequired: false',
    `path: ${name}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}
const signature = (text: string | Buffer, key: KeyObject = releasePair.privateKey) => sign(null, Buffer.from(text), key).toString('base64');

let folder: string;
let staging: string;

async function writePackage(yml = manifest(), sig: string | null = signature(yml), installer: Buffer | null = installerBytes, name = INSTALLER) {
  await writeFile(join(folder, 'latest.yml'), yml);
  if (sig !== null) await writeFile(join(folder, 'latest.yml.sig'), `${sig}\n`);
  if (installer) await writeFile(join(folder, name), installer);
}

const options = (files: PackageFiles = nodePackageFiles(staging), runningVersion = '0.1.0') => ({ publicKey: releaseKey(publicPem), runningVersion, files });

beforeEach(async () => {
  const root = await mkdtemp(join(tmpdir(), 'update-package-'));
  folder = join(root, 'usb');
  staging = join(root, 'update-staging');
  await import('node:fs/promises').then((fs) => fs.mkdir(folder));
});
afterEach(async () => {
  await rm(join(folder, '..'), { recursive: true, force: true });
});

describe('verifyUpdatePackage', () => {
  it('accepts a signed, newer package and hands back the staged copy', async () => {
    await writePackage();
    const result = await verifyUpdatePackage(folder, options());
    expect(result).toEqual({ ok: true, value: { version: '0.2.0', installerName: INSTALLER, stagedPath: join(staging, INSTALLER) } });
    expect(await readFile(join(staging, INSTALLER))).toEqual(installerBytes);
  });

  it('refuses a latest.yml changed after signing', async () => {
    const yml = manifest();
    await writePackage(manifest({ version: '0.3.0' }), signature(yml));
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('refuses a changed or resized installer (both files of the stick changed but the signature)', async () => {
    const tampered = Buffer.from(installerBytes);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    await writePackage(manifest(), undefined, tampered);
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'hash-mismatch' });
    await writePackage(manifest(), undefined, Buffer.concat([installerBytes, Buffer.from('x')]));
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'size-mismatch' });
  });

  it('checks the staged copy: a file swapped on the stick after staging is never run, one swapped before is refused', async () => {
    await writePackage();
    const real = nodePackageFiles(staging);
    const evil = Buffer.from(installerBytes);
    evil[0] = 0;
    const swapAfter: PackageFiles = {
      ...real,
      stage: async (f, n) => {
        const staged = await real.stage(f, n);
        await writeFile(join(f, n), evil);
        return staged;
      },
    };
    const after = await verifyUpdatePackage(folder, options(swapAfter));
    expect(after.ok).toBe(true);
    expect(await readFile(join(staging, INSTALLER))).toEqual(installerBytes);

    await writePackage();
    const swapBefore: PackageFiles = {
      ...real,
      stage: async (f, n) => {
        await writeFile(join(f, n), evil);
        return real.stage(f, n);
      },
    };
    expect(await verifyUpdatePackage(folder, options(swapBefore))).toEqual({ ok: false, error: 'hash-mismatch' });
  });

  it('refuses the same version and a downgrade', async () => {
    await writePackage();
    expect(await verifyUpdatePackage(folder, options(undefined, '0.2.0'))).toEqual({ ok: false, error: 'not-newer' });
    expect(await verifyUpdatePackage(folder, options(undefined, '0.10.0'))).toEqual({ ok: false, error: 'not-newer' });
    expect(await verifyUpdatePackage(folder, options(undefined, '0.2.0-beta.1'))).toMatchObject({ ok: true });
  });

  it('refuses an installer name that leaves the folder, even when signed', async () => {
    for (const name of ['../evil.exe', '..\\evil.exe', '/tmp/evil.exe', 'C:\\evil.exe', 'sub/evil.exe', '.hidden.exe', 'evil.bat']) {
      const yml = manifest({ name });
      await writePackage(yml, signature(yml), null);
      expect(await verifyUpdatePackage(folder, options()), name).toEqual({ ok: false, error: 'unsafe-name' });
    }
  });

  it('refuses a missing or oversized signature or manifest', async () => {
    await writePackage(manifest(), null);
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'no-signature' });
    await writePackage(manifest(), 'A'.repeat(1000));
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'signature-too-large' });
    const big = `${manifest()}${'#'.repeat(MAX_MANIFEST_BYTES)}`;
    await writePackage(big, signature(big));
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'manifest-too-large' });
    await rm(join(folder, 'latest.yml'));
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'no-manifest' });
  });

  it('refuses a signature by another key, and a missing installer', async () => {
    const yml = manifest();
    await writePackage(yml, signature(yml, otherPair.privateKey));
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'bad-signature' });
    await rm(join(folder, INSTALLER));
    await writePackage(yml, signature(yml), null);
    expect(await verifyUpdatePackage(folder, options())).toEqual({ ok: false, error: 'no-installer' });
  });

  it('refuses everything when no release key was built in', async () => {
    await writePackage();
    expect(releaseKey('')).toBeNull();
    expect(releaseKey('not a key')).toBeNull();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(releaseKey(rsa)).toBeNull();
    expect(await verifyUpdatePackage(folder, { ...options(), publicKey: releaseKey('') })).toEqual({ ok: false, error: 'no-key' });
  });
});

describe('parseLatestYml', () => {
  it('reads what electron-builder writes', () => {
    expect(parseLatestYml(manifest())).toEqual({
      ok: true,
      value: { version: '0.2.0', installer: { name: INSTALLER, sha512: sha512(installerBytes), size: installerBytes.length }, releaseDate: '2026-12-01T10:00:00.000Z' },
    });
  });

  it.each([
    ['a tab', manifest().replace('files:', 'files:\t')],
    ['an anchor', manifest().replace('version: 0.2.0', 'version: &v 0.2.0')],
    ['a flow list', manifest().replace(/files:[^]*?path:/u, 'files: [a]\npath:')],
    ['no files', 'version: 0.2.0\n'],
    ['a repeated key', `${manifest()}version: 0.3.0\n`],
    ['not a version', manifest({ version: 'latest' })],
    ['a bad hash', manifest({ hash: 'abc' })],
    ['a negative size', manifest({ size: -1 })],
    ['path differing from files', manifest().replace(`path: ${INSTALLER}`, 'path: Other-Setup.exe')],
    ['deep nesting', manifest().replace('    size:', '      size:')],
  ])('refuses %s', (_what, text) => {
    expect(parseLatestYml(text)).toMatchObject({ ok: false, error: { code: 'bad-manifest' } });
  });

  it('refuses unsafe installer names', () => {
    expect(parseLatestYml(manifest({ name: '../x.exe' }))).toEqual({ ok: false, error: { code: 'unsafe-name' } });
  });
});

describe('compareVersions', () => {
  it('orders semantic versions', () => {
    expect(compareVersions('0.2.0', '0.1.9')).toBe(1);
    expect(compareVersions('0.10.0', '0.9.0')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-1')).toBe(1);
    expect(compareVersions('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(compareVersions('1.0', '1.0.0')).toBeNull();
  });
});
