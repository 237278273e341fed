/**
 * The offline update package (docs/UPDATES.md), verified before anything runs:
 *
 *   <folder>/latest.yml          electron-builder's manifest: version, installer name, SHA-512, size
 *   <folder>/latest.yml.sig      Ed25519 signature over the exact bytes of latest.yml (base64)
 *   <folder>/<installer>         Precinct-Desk-Setup-<version>.exe (or .AppImage / .dmg)
 *
 * Order: the release public key (compiled in, build-info.ts) → the signature over latest.yml →
 * a strict parse of the manifest (parseLatestYml) → only a newer version than the running one →
 * the installer is copied into the staging folder first, and the size and SHA-512 are checked on
 * the staged copy, so a file swapped on the USB stick after the check is never the one that runs.
 * Any failure refuses the whole package with a code; nothing is run here.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { updateRefusalCodes } from '../../shared/platform/api';
import { err, ok, type Result } from '../../shared/util/result';

export const MANIFEST_NAME = 'latest.yml';
export const SIGNATURE_NAME = 'latest.yml.sig';
/** latest.yml is a few hundred bytes; anything near this is not ours. */
export const MAX_MANIFEST_BYTES = 16 * 1024;
/** A base64 Ed25519 signature is 88 characters. */
export const MAX_SIGNATURE_BYTES = 512;

/** Why a package was refused (the list the page may be told: shared/platform/api.ts). */
export type UpdateRefusal = (typeof updateRefusalCodes)[number];

export interface VerifiedUpdate {
  version: string;
  installerName: string;
  /** The staged copy: the only file that may be run. */
  stagedPath: string;
}

export type ReadResult = { status: 'ok'; bytes: Uint8Array } | { status: 'missing' } | { status: 'too-large' };

/** The file system the verifier reads; nodePackageFiles is the real one, tests use a fake. */
export interface PackageFiles {
  /** A small file of the package folder, at most maxBytes. */
  read(folder: string, name: string, maxBytes: number): Promise<ReadResult>;
  /** Copies <folder>/<name> into the staging folder; the staged path, or null when the source is missing. */
  stage(folder: string, name: string): Promise<string | null>;
  size(path: string): Promise<number>;
  /** SHA-512 of the file, base64 (as latest.yml writes it). */
  sha512(path: string): Promise<string>;
}

// ---------- versions ----------

const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/u;

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Semantic-version order (build metadata ignored, a pre-release before its release); null when either is not a version. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (!ma || !mb) return null;
  for (let i = 1; i <= 3; i += 1) {
    const d = Number(ma[i]) - Number(mb[i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
  const xa = pa.split('.');
  const xb = pb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i += 1) {
    const ia = xa[i];
    const ib = xb[i];
    if (ia === undefined) return -1;
    if (ib === undefined) return 1;
    const na = /^\d+$/u.test(ia);
    const nb = /^\d+$/u.test(ib);
    if (na && nb) {
      const d = Number(ia) - Number(ib);
      if (d !== 0) return d < 0 ? -1 : 1;
    } else if (na !== nb) {
      return na ? -1 : 1;
    } else if (ia !== ib) {
      return ia < ib ? -1 : 1;
    }
  }
  return 0;
}

// ---------- latest.yml ----------

const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/u;
/** A plain file name: no folder, no drive, no parent, no leading dot, a known installer ending. */
const INSTALLER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._()+-]{0,199}\.(?:exe|AppImage|dmg)$/u;

export function isSafeInstallerName(name: string): boolean {
  return INSTALLER_NAME.test(name) && !name.includes('..');
}

const fileEntrySchema = z.object({
  url: z.string().min(1).max(260),
  sha512: z.string().regex(SHA512_BASE64),
  size: z.number().int().positive().max(4 * 1024 ** 3),
});

const latestYmlSchema = z.object({
  version: z.string().refine(isSemver, 'not a semantic version'),
  files: z.array(fileEntrySchema).min(1).max(8),
  path: z.string().min(1).max(260).optional(),
  sha512: z.string().regex(SHA512_BASE64).optional(),
  releaseDate: z.string().max(64).optional(),
});

export interface LatestYml {
  version: string;
  installer: { name: string; sha512: string; size: number };
  releaseDate: string | null;
}

export type ManifestProblem = { code: 'bad-manifest'; reason: string } | { code: 'unsafe-name' };

type Scalar = string | number | boolean;

function scalar(raw: string): Scalar | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^'(?:[^']|'')*'$/u.test(text)) return text.slice(1, -1).replace(/''/gu, "'");
  if (/^"[^"\\]*"$/u.test(text)) return text.slice(1, -1);
  if (/^[-+]?\d+$/u.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  // Plain scalars only: no flow collections, anchors, aliases, tags, block scalars or comments.
  if (/^[[\]{}&*!|>'"%@`#]/u.test(text) || / #/u.test(text)) return undefined;
  return text;
}

const KEY_VALUE = /^([A-Za-z][A-Za-z0-9]*):(?: (.*))?$/u;

/**
 * The subset of YAML electron-builder writes into latest.yml, read strictly: top-level `key: value`
 * lines and one `files:` list of `- key: value` maps indented by two. Unknown keys are ignored;
 * anything else (tabs, nesting, anchors, multi-line values, a second document) refuses the file.
 */
export function parseLatestYml(text: string): Result<LatestYml, ManifestProblem> {
  const bad = (reason: string) => err<ManifestProblem>({ code: 'bad-manifest', reason });
  if (text.includes('\t') || text.includes('\0')) return bad('tab or NUL');
  const top: Record<string, unknown> = {};
  let files: Record<string, unknown>[] | null = null;
  let inFiles = false;
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `line ${index + 1}`;
    if (!line.startsWith(' ')) {
      inFiles = false;
      const m = KEY_VALUE.exec(line);
      if (!m) return bad(where);
      const [, key = '', value] = m;
      if (Object.hasOwn(top, key) || (key === 'files' && files)) return bad(`${where}: repeated key`);
      if (value === undefined || value.trim() === '') {
        if (key !== 'files') return bad(`${where}: nested value`);
        files = [];
        inFiles = true;
        continue;
      }
      const v = scalar(value);
      if (v === undefined) return bad(where);
      top[key] = v;
      continue;
    }
    if (!inFiles || !files) return bad(`${where}: indented`);
    let rest: string;
    if (line.startsWith('  - ')) {
      files.push({});
      rest = line.slice(4);
    } else if (line.startsWith('    ') && !line.startsWith('     ')) {
      rest = line.slice(4);
    } else {
      return bad(`${where}: indentation`);
    }
    const entry = files.at(-1);
    const m = KEY_VALUE.exec(rest);
    if (!entry || !m) return bad(where);
    const [, key = '', value = ''] = m;
    const v = scalar(value);
    if (v === undefined || Object.hasOwn(entry, key)) return bad(where);
    entry[key] = v;
  }
  if (files) top.files = files;
  const parsed = latestYmlSchema.safeParse(top);
  if (!parsed.success) return bad(parsed.error.issues.map((i) => i.path.join('.') || 'manifest').join(', '));
  const { files: [first] = [], path, sha512, version, releaseDate } = parsed.data;
  if (!first) return bad('files');
  if (!isSafeInstallerName(first.url) || (path !== undefined && !isSafeInstallerName(path))) return err({ code: 'unsafe-name' });
  if (path !== undefined && path !== first.url) return bad('path differs from files[0].url');
  if (sha512 !== undefined && sha512 !== first.sha512) return bad('sha512 differs from files[0].sha512');
  return ok({ version, installer: { name: first.url, sha512: first.sha512, size: first.size }, releaseDate: releaseDate ?? null });
}

// ---------- the key and the signature ----------

/** The release public key compiled into this build (Ed25519, PEM), or null when none was built in or it is unusable. */
export function releaseKey(pem: string): KeyObject | null {
  if (pem.trim() === '') return null;
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function signatureValid(manifest: Uint8Array, signatureFile: Uint8Array, key: KeyObject): boolean {
  const text = Buffer.from(signatureFile).toString('ascii').trim();
  if (!/^[A-Za-z0-9+/]{86}==$/u.test(text)) return false;
  const signature = Buffer.from(text, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, manifest, key, signature);
  } catch {
    return false;
  }
}

// ---------- the whole check ----------

export interface VerifyOptions {
  publicKey: KeyObject | null;
  runningVersion: string;
  files: PackageFiles;
}

export async function verifyUpdatePackage(folder: string, { publicKey, runningVersion, files }: VerifyOptions): Promise<Result<VerifiedUpdate, UpdateRefusal>> {
  if (!publicKey) return err('no-key');
  const manifest = await files.read(folder, MANIFEST_NAME, MAX_MANIFEST_BYTES);
  if (manifest.status === 'missing') return err('no-manifest');
  if (manifest.status === 'too-large') return err('manifest-too-large');
  const signature = await files.read(folder, SIGNATURE_NAME, MAX_SIGNATURE_BYTES);
  if (signature.status === 'missing') return err('no-signature');
  if (signature.status === 'too-large') return err('signature-too-large');
  if (!signatureValid(manifest.bytes, signature.bytes, publicKey)) return err('bad-signature');

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(manifest.bytes);
  } catch {
    return err('bad-manifest');
  }
  const parsed = parseLatestYml(text);
  if (!parsed.ok) return err(parsed.error.code);
  const { version, installer } = parsed.value;
  const order = compareVersions(version, runningVersion);
  if (order === null) return err('bad-manifest');
  if (order <= 0) return err('not-newer');

  let staged: string | null;
  try {
    staged = await files.stage(folder, installer.name);
  } catch {
    return err('staging-failed');
  }
  if (staged === null) return err('no-installer');
  try {
    if ((await files.size(staged)) !== installer.size) return err('size-mismatch');
    if ((await files.sha512(staged)) !== installer.sha512) return err('hash-mismatch');
  } catch {
    return err('staging-failed');
  }
  return ok({ version, installerName: installer.name, stagedPath: staged });
}

// ---------- the real file system ----------

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** Reads the package from disk and stages into `stagingDir` (emptied of earlier stagings first). */
export function nodePackageFiles(stagingDir: string): PackageFiles {
  return {
    async read(folder, name, maxBytes) {
      let handle;
      try {
        handle = await open(join(folder, name), 'r');
      } catch (error) {
        if (isMissing(error)) return { status: 'missing' };
        throw error;
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) return { status: 'missing' };
        if (info.size > maxBytes) return { status: 'too-large' };
        const buffer = Buffer.alloc(maxBytes + 1);
        const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
        if (bytesRead > maxBytes) return { status: 'too-large' };
        return { status: 'ok', bytes: new Uint8Array(buffer.subarray(0, bytesRead)) };
      } finally {
        await handle.close();
      }
    },
    async stage(folder, name) {
      const source = join(folder, name);
      try {
        if (!(await stat(source)).isFile()) return null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      await mkdir(stagingDir, { recursive: true });
      for (const old of await readdir(stagingDir)) await unlink(join(stagingDir, old)).catch(() => undefined);
      const target = join(stagingDir, name);
      await copyFile(source, target);
      return target;
    },
    async size(path) {
      return (await stat(path)).size;
    },
    sha512(path) {
      return new Promise((resolve, reject) => {
        const hash = createHash('sha512');
        createReadStream(path)
          .on('data', (chunk) => hash.update(chunk))
          .on('error', reject)
          .on('end', () => resolve(hash.digest('base64')));
      });
    },
  };
}
