/** `center serve --processes N`: several processes on one port and one PostgreSQL, as on election night. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PushAck } from '../../../shared/sync/wire';
import { adminHeaders, ADMIN_TOKEN, freePort, freshPgDatabase, PG_AVAILABLE, testBundle, TestDevice } from './harness';

const root = join(__dirname, '../../..');

/** Runs the CLI; collects its output and the pids its processes say they listen from. */
function serve(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; pids: () => number[]; until: (re: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'center/src/cli.ts', 'serve', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return {
    child,
    output: () => out,
    pids: () => [...out.matchAll(/"pid":(\d+)[^\n]*"msg":"center process listening"/gu)].map((m) => Number(m[1])),
    until: (re) =>
      re.test(out)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            waiting.push({ re, resolve });
            child.once('exit', (code) => reject(new Error(`center exited (${code}): ${out.slice(-800)}`)));
          }),
  };
}

/** A request on a connection of its own (the primary hands each new connection to the next process). */
function request(url: string, body: unknown = undefined, headers: Record<string, string> = {}): Promise<{ status: number; json: () => unknown }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, { method: text === undefined ? 'GET' : 'POST', agent: false, headers: { ...headers, ...(text === undefined ? {} : { 'content-type': 'application/json' }) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(data) as unknown }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.runIf(PG_AVAILABLE)('center serve --processes', () => {
  it('serves from every process on one port, starts a process again when one dies, and stops them all', async () => {
    const fresh = await freshPgDatabase();
    const port = await freePort();
    const center = serve(['--port', String(port), '--processes', '2'], { DATABASE_URL: fresh.url, CENTER_ADMIN_TOKEN: ADMIN_TOKEN, CENTER_LOG_LEVEL: 'info' });
    const base = `http://127.0.0.1:${port}`;
    try {
      await center.until(/listening on http:\/\/127\.0\.0\.1:\d+ \(2 processes\)/u);
      await center.until(/center process listening[\s\S]*center process listening/u);
      const [a, b] = center.pids();
      expect(center.pids()).toHaveLength(2);
      expect(a).not.toBe(b);

      // Admin work and a laptop's pushes, whichever process takes each request.
      const load = await request(`${base}/api/admin/bundles`, await testBundle(), adminHeaders);
      expect(load.status).toBe(200);
      const laptop = await TestDevice.create(9019);
      const { code } = (await request(`${base}/api/admin/enrolment-codes`, { precinct: 9019 }, adminHeaders)).json() as { code: string };
      expect((await request(`${base}/api/enrol`, await laptop.enrolRequest(code))).status).toBe(200);
      await laptop.appendMarks(30);
      for (let from = 1; from <= 30; from += 5) {
        const res = await request(`${base}/api/push`, await laptop.batch(from, from + 4));
        expect((res.json() as PushAck).ackSeq).toBe(from + 4);
      }
      const served = new Set([...center.output().matchAll(/"pid":(\d+)[^\n]*"msg":"request completed"/gu)].map((m) => Number(m[1])));
      expect(served).toEqual(new Set([a, b]));

      // Each scrape of /metrics, whichever process takes it, shows every process's counters (by
      // pid), each family's HELP and TYPE once: the six pushes are all counted in every scrape.
      for (let i = 0; i < 3; i += 1) {
        const text = await new Promise<string>((resolve, reject) => {
          http.get(`${base}/metrics`, { agent: false, headers: adminHeaders }, (res) => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (data += chunk));
            res.on('end', () => (res.statusCode === 200 ? resolve(data) : reject(new Error(`metrics: ${res.statusCode} ${data}`))));
          }).on('error', reject);
        });
        const pids = [...text.matchAll(/^precinct_center_info\{pid="(\d+)"/gmu)].map((m) => Number(m[1]));
        expect(new Set(pids)).toEqual(new Set([a, b]));
        expect(text.match(/^# TYPE precinct_center_pushes_total counter$/gmu)).toHaveLength(1);
        const stored = [...text.matchAll(/^precinct_center_pushes_total\{pid="\d+",result="stored"\} (\d+)$/gmu)].reduce((n, m) => n + Number(m[1]), 0);
        expect(stored).toBe(6);
      }

      // A process that dies is started again; the port keeps answering meanwhile.
      process.kill(a!, 'SIGKILL');
      await center.until(/stopped \(SIGKILL\); starting another/u);
      expect((await request(`${base}/api/health`)).status).toBe(200);
      await center.until(/center process listening[\s\S]*center process listening[\s\S]*center process listening/u);
      const now = center.pids().filter((pid) => pid !== a);
      expect(now).toHaveLength(2);

      center.child.kill('SIGTERM');
      const [exitCode] = (await once(center.child, 'exit')) as [number | null];
      expect(exitCode).toBe(0);
      for (const pid of now) expect(alive(pid)).toBe(false);
    } finally {
      if (center.child.exitCode === null) center.child.kill('SIGKILL');
      await fresh.drop();
    }
    // Three processes started on a busy 2-core machine take most of a minute.
  }, 180_000);

  it('refuses several processes on a PGlite data folder', async () => {
    const center = serve(['--processes', '2', '--data-dir', ':memory:'], { DATABASE_URL: '' });
    const [code] = (await once(center.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(center.output()).toContain('needs DATABASE_URL');
  });
});
