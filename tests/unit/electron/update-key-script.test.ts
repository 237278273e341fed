// The release manager's commands (scripts/update-key.mjs, docs/UPDATES.md) run for real and the
// laptop's verifier (update-package.ts) reads what they made: a key, a USB package folder, a signature.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodePackageFiles, parseLatestYml, releaseKey, verifyUpdatePackage } from '../../../electron/main/update-package';

const SCRIPT = join(import.meta.dirname, '../../../scripts/update-key.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'update-key-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function keyAndInstaller(name = 'Precinct Desk Setup 0.2.0.exe') {
  execFileSync(process.execPath, [SCRIPT, 'new', join(root, 'keys')]);
  const installer = join(root, 'dist', name);
  await mkdir(join(root, 'dist'));
  await writeFile(installer, Buffer.from('MZ an installer '.repeat(4000)));
  return { installer, key: join(root, 'keys', 'update-release.key'), pub: join(root, 'keys', 'update-release.pub') };
}

describe('scripts/update-key.mjs', () => {
  it('makes a package folder the laptop accepts, and refuses once it is changed', async () => {
    const { installer, key, pub } = await keyAndInstaller();
    const usb = join(root, 'usb');
    const made = run('package', installer, usb, key, '--version', '0.2.0');
    expect(made.status, made.stderr).toBe(0);
    expect((await readdir(usb)).sort()).toEqual(['Precinct Desk Setup 0.2.0.exe', 'latest.yml', 'latest.yml.sig']);
    const manifest = parseLatestYml(await readFile(join(usb, 'latest.yml'), 'utf8'));
    expect(manifest.ok && manifest.value.version).toBe('0.2.0');

    const publicKey = releaseKey(await readFile(pub, 'utf8'));
    const verify = (runningVersion: string) => verifyUpdatePackage(usb, { publicKey, runningVersion, files: nodePackageFiles(join(root, 'staging')) });
    const accepted = await verify('0.1.0');
    expect(accepted.ok && accepted.value.version).toBe('0.2.0');
    expect(await verify('0.2.0')).toEqual({ ok: false, error: 'not-newer' });

    await appendFile(join(usb, 'Precinct Desk Setup 0.2.0.exe'), 'x');
    expect(await verify('0.1.0')).toEqual({ ok: false, error: 'size-mismatch' });
  });

  it('signs a latest.yml again after it was edited (sign), and a signature by another key is refused', async () => {
    const { installer, key, pub } = await keyAndInstaller();
    const usb = join(root, 'usb');
    expect(run('package', installer, usb, key, '--version', '0.2.0').status).toBe(0);
    const publicKey = releaseKey(await readFile(pub, 'utf8'));
    const verify = () => verifyUpdatePackage(usb, { publicKey, runningVersion: '0.1.0', files: nodePackageFiles(join(root, 'staging')) });

    const yml = join(usb, 'latest.yml');
    await writeFile(yml, (await readFile(yml, 'utf8')).replace(/releaseDate: .*/u, "releaseDate: '2027-01-01T00:00:00.000Z'"));
    expect(await verify()).toEqual({ ok: false, error: 'bad-signature' });
    expect(run('sign', usb, key).status).toBe(0);
    expect((await verify()).ok).toBe(true);

    expect(run('new', join(root, 'other')).status).toBe(0);
    expect(run('sign', usb, join(root, 'other', 'update-release.key')).status).toBe(0);
    expect(await verify()).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('refuses a version the installer name does not carry, a non-empty folder and an existing key', async () => {
    const { installer, key } = await keyAndInstaller();
    const wrong = run('package', installer, join(root, 'usb'), key, '--version', '0.3.0');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/does not carry version 0\.3\.0/u);
    await mkdir(join(root, 'full'));
    await writeFile(join(root, 'full', 'old.txt'), 'x');
    expect(run('package', installer, join(root, 'full'), key, '--version', '0.2.0').status).toBe(1);
    expect(run('new', join(root, 'keys')).status).toBe(1);
  });
});
