/**
 * The center compiled for production: `npm run -w center build` writes `center/dist/cli.js`, which
 * plain `node` runs (no TypeScript loader), from any working directory, finding its migrations.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from './harness';

const run = promisify(execFile);
const root = join(__dirname, '../../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the compiled center', () => {
  it('builds to center/dist/cli.js and serves on PGlite from a temp folder, ready', async () => {
    await run(npm, ['run', '-w', 'center', 'build'], { cwd: root });
    const cli = join(root, 'center/dist/cli.js');
    expect(existsSync(cli)).toBe(true);
    // JavaScript only: no TypeScript syntax left, the project's sources bundled in.
    const text = await readFile(cli, 'utf8');
    expect(text).not.toMatch(/from ['"]\.\.?\/.*\.ts['"]/u);
    expect(text).toContain('select 1 as ready');

    const dir = await mkdtemp(join(tmpdir(), 'pd-dist-'));
    const port = await freePort();
    // Started in the temp folder (its data folder there), without tsx on the command line.
    const child = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--data-dir', join(dir, 'data')], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: '', NODE_OPTIONS: '', CENTER_ADMIN_TOKEN: 'dist-token', CENTER_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => /listening on http/u.test(out) && resolve();
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`center exited (${code}): ${out}`)));
      });
      const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, storage: 'pglite' });
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      // Migrated from center/migrations: the tables exist (an admin read answers).
      const incidents = await fetch(`http://127.0.0.1:${port}/api/admin/incidents`, { headers: { authorization: 'Bearer dist-token' } });
      expect(incidents.status).toBe(200);
      expect(out).toContain('storage: pglite');
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('installs for production (npm ci --omit=dev, as the image and OPERATIONS.md do) without TypeScript, tsx or esbuild', async () => {
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean }> };
    const production = Object.entries(lock.packages)
      .filter(([path, p]) => path.startsWith('node_modules/') && p.dev !== true && p.link !== true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(production).toContain('fastify');
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vite']) expect(production, tool).not.toContain(tool);
  });
});
