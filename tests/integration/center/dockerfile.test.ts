/**
 * The container image definition (`Dockerfile` at the root), checked without a Docker daemon: its
 * build stage's COPY lines are copied into an empty folder and its build command run there — a
 * source the center's build needs that the stage does not copy fails it, as `docker build` would —
 * then the runtime stage's files (its COPY lines, the built `center/dist` from the build folder) are
 * put in another empty folder and its CMD started with the HEALTHCHECK's address asked.
 * (The packages come from the project's node_modules, linked in: `npm ci` is not run here.)
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort, freshPgDatabase, PG_AVAILABLE } from './harness';

const run = promisify(execFile);
const root = join(__dirname, '../../..');

interface Stage {
  name: string | null;
  copies: { from: string | null; sources: string[]; dest: string }[];
  runs: string[];
  env: Record<string, string>;
  cmd: string[] | null;
  workdir: string;
}

/** The Dockerfile's stages: FROM, WORKDIR, COPY, RUN, ENV and CMD (continuation lines joined). */
function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\n/gu, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/u);
    const args = rest.join(' ');
    const stage = stages.at(-1);
    if (instruction === 'FROM') {
      stages.push({ name: /\sAS\s+(\S+)/iu.exec(args)?.[1] ?? null, copies: [], runs: [], env: {}, cmd: null, workdir: '/' });
      continue;
    }
    if (!stage) throw new Error(`${instruction} before FROM`);
    if (instruction === 'WORKDIR') stage.workdir = args;
    if (instruction === 'RUN') stage.runs.push(args);
    if (instruction === 'CMD') stage.cmd = JSON.parse(args) as string[];
    if (instruction === 'ENV') for (const m of args.matchAll(/(\w+)=(\S+)/gu)) stage.env[m[1]!] = m[2]!;
    if (instruction === 'COPY') {
      const words = rest.filter((w) => !w.startsWith('--') || w.startsWith('--from='));
      const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : null;
      const dest = words.pop();
      if (!dest) throw new Error(`COPY without a destination: ${line}`);
      stage.copies.push({ from, sources: words, dest });
    }
  }
  return stages;
}

/** One COPY into `into` (the stage's WORKDIR): a file into a folder ending in `/`, a folder as that folder. */
async function copyInto(fromRoot: string, into: string, workdir: string, copy: Stage['copies'][number]): Promise<void> {
  for (const source of copy.sources) {
    const src = join(fromRoot, copy.from ? source.replace(new RegExp(`^${workdir}/?`, 'u'), '') : source);
    const target = copy.dest.endsWith('/') ? join(into, copy.dest, source.split('/').pop()!) : join(into, copy.dest);
    await mkdir(dirname(target), { recursive: true });
    await cp(src, target, { recursive: true });
  }
}

describe('the Dockerfile', () => {
  it('builds the center from the files its build stage copies, and the runtime stage serves, ready', async () => {
    const stages = stagesOf(await readFile(join(root, 'Dockerfile'), 'utf8'));
    const [build, runtime] = stages;
    expect(stages).toHaveLength(2);
    if (!build || !runtime) return;
    const dir = await mkdtemp(join(tmpdir(), 'pd-docker-'));
    const buildDir = join(dir, 'build');
    const appDir = join(dir, 'app');
    try {
      // Build stage: only what it copies, the packages linked in place of `npm ci`.
      await mkdir(buildDir);
      for (const copy of build.copies) await copyInto(root, buildDir, build.workdir, copy);
      await symlink(join(root, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
      const buildRuns = build.runs.filter((r) => !/^npm ci\b/u.test(r));
      expect(buildRuns).toEqual(['npm run -w center build']);
      for (const command of buildRuns) await run('sh', ['-c', command], { cwd: buildDir });

      // Runtime stage: its own copies and the build's output, nothing else of the repository.
      await mkdir(appDir);
      for (const copy of runtime.copies) await copyInto(copy.from === build.name ? buildDir : root, appDir, runtime.workdir, copy);
      await symlink(join(root, 'node_modules'), join(appDir, 'node_modules'), 'dir');
      expect(runtime.cmd?.[0]).toBe('node');
      const port = await freePort();
      // PostgreSQL outside the image, as deployed (DATABASE_URL); PGlite in the folder without it.
      const database = PG_AVAILABLE ? await freshPgDatabase() : null;
      const child = spawn(process.execPath, runtime.cmd!.slice(1), {
        cwd: appDir,
        // The image's ENV, on a free port; PGlite in the folder (PostgreSQL is outside the image).
        env: { PATH: process.env.PATH ?? '', HOME: dir, ...runtime.env, CENTER_HOST: '127.0.0.1', CENTER_PORT: String(port), CENTER_DATA_DIR: join(dir, 'data'), CENTER_LOG_LEVEL: 'warn', ...(database ? { DATABASE_URL: database.url } : {}) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', () => /listening on http/u.test(out) && resolve());
          child.once('exit', (code) => reject(new Error(`center exited (${code}): ${out}`)));
        });
        expect(runtime.env.NODE_ENV).toBe('production');
        const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ ready: true, storage: database ? 'pg' : 'pglite' });
        // The dashboard page built in the build stage (center/dist/web) is served, its script too.
        const page = await fetch(`http://127.0.0.1:${port}/dashboard`);
        expect(page.status).toBe(200);
        const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/u.exec(await page.text())?.[1] ?? '';
        expect((await fetch(`http://127.0.0.1:${port}${script}`)).status).toBe(200);
      } finally {
        child.kill('SIGTERM');
        if (child.exitCode === null) await once(child, 'exit');
        await database?.drop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // PGlite's first start (initdb) takes a minute on a busy machine.
  }, 180_000);
});
