/**
 * A PGlite data folder has one owner: a second `serve` is refused with a clear message, the CLI's
 * admin commands go through the running center's admin API, a lock left by a killed process is
 * taken over, and after kill -9 every acknowledged event is still there (issue 15, fault 1); a serving
 * process killed is started again by `serve` itself, one process or many (fault 5).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { folderOwner, lockFolder, lockPathOf } from '../../../center/src/db/folder-lock';
import { adminHeaders, ADMIN_TOKEN, builtCli, cliEnv, freePort, testBundle, TestDevice } from './harness';

const run = promisify(execFile);
const root = join(__dirname, '../../..');

function serve(cli: string, args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; until: (re: RegExp) => Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd: root, env: cliEnv({ DATABASE_URL: '', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiting: { re: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiting.filter((x) => x.re.test(out))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    until: (re) =>
      re.test(out)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            waiting.push({ re, resolve });
            void exited.then((code) => reject(new Error(`center exited (${code}): ${out.slice(-800)}`)));
          }),
  };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('PGlite data folder lock', () => {
  it('refuses a second opener while the owner lives and takes over a stale lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pd-lock-'));
    const folder = join(dir, 'data');
    try {
      const lock = lockFolder(folder);
      // Another process's opener sees the owner (this process is alive).
      const child = await run(process.execPath, ['--import', 'tsx', '-e', `import('${join(root, 'center/src/db/folder-lock.ts')}').then((m) => { try { m.lockFolder(${JSON.stringify(folder)}); console.log('taken'); } catch (e) { console.log(e.message); } })`], { cwd: root });
      expect(child.stdout).toContain(`in use by process ${process.pid}`);
      lock.release();
      // A lock whose pid is gone (kill -9) is stale.
      await writeFile(lockPathOf(folder), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: new Date().toISOString(), url: null }));
      expect(folderOwner(folder)).toBeNull();
      const again = lockFolder(folder);
      expect(JSON.parse(readFileSync(lockPathOf(folder), 'utf8'))).toMatchObject({ pid: process.pid });
      again.release();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serve on a folder: a second serve refused, the CLI goes through the admin API, kill -9 loses nothing acknowledged', async () => {
    // The CLI compiled once: each start is a plain node start (PGlite's own start still takes seconds).
    const compiled = await builtCli();
    const dir = await mkdtemp(join(tmpdir(), 'pd-lock-'));
    const folder = join(dir, 'center-data');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { CENTER_ADMIN_TOKEN: ADMIN_TOKEN, CENTER_LOG_LEVEL: 'warn' };
    let first = serve(compiled.path, ['--port', String(port), '--data-dir', folder], env);
    try {
      await first.until(/listening on http/u);
      const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      expect((await post('/api/admin/bundles', await testBundle(), adminHeaders)).status).toBe(200);
      const code = ((await (await post('/api/admin/enrolment-codes', { precinct: 9019 }, adminHeaders)).json()) as { code: string }).code;
      const laptop = await TestDevice.create(9019);
      expect((await post('/api/enrol', await laptop.enrolRequest(code))).status).toBe(200);
      await laptop.appendMarks(100);
      expect(await (await post('/api/push', await laptop.batch(1, 100))).json()).toEqual({ ackSeq: 100, stored: 100 });

      // A second serve on the folder is refused, naming the owner.
      const second = serve(compiled.path, ['--port', String(await freePort()), '--data-dir', folder], env);
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/data folder .*center-data is in use by process \d+ .*center serving at http:\/\/127\.0\.0\.1/u);

      // A listing command goes through the admin API (with the token), not the folder.
      const cli = (...args: string[]) => run(process.execPath, [compiled.path, ...args, '--data-dir', folder], { cwd: root, env: cliEnv({ DATABASE_URL: '', ...env }) });
      const precincts = JSON.parse((await cli('precincts')).stdout) as { number: number; devices: { ackSeq: number }[] }[];
      expect(precincts.find((p) => p.number === 9019)?.devices[0]?.ackSeq).toBe(100);
      await expect(run(process.execPath, [compiled.path, 'incidents', '--data-dir', folder], { cwd: root, env: cliEnv({ DATABASE_URL: '', CENTER_ADMIN_TOKEN: '' }) })).rejects.toThrow(/admin token/u);

      // 100 more acknowledged, then kill -9 of the serving process alone: `serve` without
      // --processes restarts it too, and the new one takes over the lock the dead one left.
      await laptop.appendMarks(200);
      for (let from = 101; from <= 200; from += 50) expect(((await (await post('/api/push', await laptop.batch(from, from + 49))).json()) as { ackSeq: number }).ackSeq).toBe(from + 49);
      const crashed = folderOwner(folder);
      expect(crashed?.pid).toBeGreaterThan(0);
      expect(crashed?.pid).not.toBe(first.child.pid);
      process.kill(crashed?.pid ?? 0, 'SIGKILL');
      await first.until(/stopped \(SIGKILL\); starting another[\s\S]*listening on http/u);
      expect(folderOwner(folder)?.pid).not.toBe(crashed?.pid);
      expect(await (await post('/api/push', await laptop.batch(101, 200))).json()).toEqual({ ackSeq: 200, stored: 0 });

      // 100 more acknowledged, then kill -9 of every center process.
      for (let from = 201; from <= 300; from += 50) expect(((await (await post('/api/push', await laptop.batch(from, from + 49))).json()) as { ackSeq: number }).ackSeq).toBe(from + 49);
      const owner = folderOwner(folder);
      expect(owner?.pid).toBeGreaterThan(0);
      process.kill(owner?.pid ?? 0, 'SIGKILL');
      first.child.kill('SIGKILL');
      await first.exited;
      while (owner && alive(owner.pid)) await new Promise((r) => setTimeout(r, 50));

      // The restart takes over the stale lock and holds all 300.
      first = serve(compiled.path, ['--port', String(port), '--data-dir', folder], env);
      await first.until(/listening on http/u);
      const after = JSON.parse((await cli('precincts')).stdout) as { number: number; events: number; devices: { ackSeq: number }[] }[];
      const p9019 = after.find((p) => p.number === 9019);
      expect(p9019?.devices[0]?.ackSeq).toBe(300);
      expect(p9019?.events).toBe(300);
      // The next push continues the chain.
      await laptop.appendMarks(1);
      expect(await (await post('/api/push', await laptop.batch(301, 301))).json()).toEqual({ ackSeq: 301, stored: 1 });
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
      await rm(dir, { recursive: true, force: true });
      await compiled.remove();
    }
  }, 240_000);
});
