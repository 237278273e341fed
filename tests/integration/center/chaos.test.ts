/**
 * The center survives its database blinking (issue 15, fault 5): a real `center serve` process (not
 * supervised, so a crash is an exit) on its own PostgreSQL database takes pushes and pulls from four
 * laptops while every 250 ms `pg_terminate_backend` ends all of the center's connections. A request
 * caught by a termination is refused with the retryable `internal` code; the laptops retry. After
 * the chaos: the process never exited, and every acknowledged event is stored, in an unbroken chain.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { adminHeaders, ADMIN_TOKEN, builtCli, cliEnv, freePort, freshPgDatabase, PG_AVAILABLE, testBundle, TestDevice } from './harness';

const PG_ADMIN_URL = process.env.CENTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LAPTOPS = 4;
const CHAOS_MS = 12_000;
const BATCH = 8;

describe.runIf(PG_AVAILABLE)('chaos: the center’s PostgreSQL connections ended every 250 ms', () => {
  it('0 process exits, 0 acknowledged events lost', async () => {
    const fresh = await freshPgDatabase();
    const name = new URL(fresh.url).pathname.slice(1);
    const compiled = await builtCli();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [compiled.path, 'serve', '--port', String(port)], {
      env: cliEnv({ DATABASE_URL: fresh.url, CENTER_ADMIN_TOKEN: ADMIN_TOKEN, CENTER_LOG_LEVEL: 'warn', CENTER_SUPERVISE: '0', CENTER_RATE_PER_IP: '1000000', CENTER_RATE_PER_DEVICE: '1000000' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    let exited: number | string | null = null;
    child.once('exit', (code, signal) => (exited = signal ?? code));
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const started = Date.now();
      while (!/listening on http/u.test(output)) {
        if (exited !== null) throw new Error(`center exited (${exited}): ${output}`);
        if (Date.now() - started > 30_000) throw new Error(`center did not start: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(8000) });
      expect((await post('/api/admin/bundles', await testBundle(), adminHeaders)).status).toBe(200);
      const laptops: TestDevice[] = [];
      for (let i = 0; i < LAPTOPS; i += 1) {
        const code = ((await (await post('/api/admin/enrolment-codes', { precinct: 9019 }, adminHeaders)).json()) as { code: string }).code;
        const laptop = await TestDevice.create(9019, `chaos${i}`);
        expect((await post('/api/enrol', await laptop.enrolRequest(code))).status).toBe(200);
        await laptop.appendMarks(BATCH * 4);
        laptops.push(laptop);
      }

      // Every 250 ms, all of the center's connections to its database are ended.
      let terminated = 0;
      let chaos = true;
      const killer = (async () => {
        while (chaos) {
          const rows = await admin.query<{ ended: boolean }>('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
          terminated += rows.rows.filter((r) => r.ended).length;
          await new Promise((r) => setTimeout(r, 250));
        }
      })();

      const acked = new Map<string, number>();
      const retryable: string[] = [];
      const unexpected: string[] = [];
      const until = Date.now() + CHAOS_MS;
      await Promise.all(
        laptops.map(async (laptop) => {
          let ack = 0;
          while (Date.now() < until) {
            if (laptop.events.length < ack + BATCH) await laptop.appendMarks(BATCH * 4);
            try {
              const res = await post('/api/push', await laptop.batch(ack + 1, ack + BATCH));
              const body = (await res.json()) as { ackSeq?: number; error?: string };
              if (res.status === 200 && typeof body.ackSeq === 'number') {
                ack = body.ackSeq;
                acked.set(laptop.deviceId, ack);
              } else if (res.status === 500 && body.error === 'internal') retryable.push('push');
              else unexpected.push(`push ${res.status} ${JSON.stringify(body)}`);
              const path = '/api/pull?after=0&limit=50';
              const pull = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(8000), headers: await laptop.authHeader(path) });
              const answer = await pull.text();
              if (pull.status === 500 && answer.includes('"error":"internal"')) retryable.push('pull');
              else if (pull.status !== 200) unexpected.push(`pull ${pull.status} ${answer}`);
            } catch (e) {
              // The center did not answer at all: it went down.
              unexpected.push(`no answer: ${e instanceof Error ? e.message : String(e)}`);
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        }),
      );
      chaos = false;
      await killer;

      expect(exited, output.slice(-2000)).toBeNull();
      expect(unexpected, output.slice(-2000)).toEqual([]);
      // The chaos bit: connections were ended and requests caught by it were refused as retryable.
      expect(terminated).toBeGreaterThan(10);
      expect(retryable.length).toBeGreaterThan(0);

      // Pushes were acknowledged during the chaos (on a loaded machine one laptop may have had none
      // through: each of its attempts caught by a termination, refused as retryable, which is right).
      expect([...acked.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      // Every acknowledged event is stored, the chains unbroken; and each laptop goes on pushing.
      const check = new pg.Client({ connectionString: fresh.url });
      await check.connect();
      try {
        for (const laptop of laptops) {
          const ack = acked.get(laptop.deviceId) ?? 0;
          const rows = (await check.query<{ seq: number; hash: string }>('select seq, hash from events where device_id = $1 order by seq', [laptop.deviceId])).rows;
          expect(rows.length).toBeGreaterThanOrEqual(ack);
          expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
          expect(rows.map((r) => r.hash)).toEqual(laptop.events.slice(0, rows.length).map((e) => e.hash));
          if (laptop.events.length < ack + BATCH) await laptop.appendMarks(BATCH);
          const next = await post('/api/push', await laptop.batch(ack + 1, ack + BATCH));
          expect(await next.json()).toEqual({ ackSeq: ack + BATCH, stored: ack + BATCH - rows.length });
        }
      } finally {
        await check.end();
      }
      console.info(`chaos: ${terminated} connections ended, ${retryable.length} retryable refusals, ${[...acked.values()].reduce((a, b) => a + b, 0)} events acknowledged`);
    } finally {
      await admin.end();
      child.kill('SIGTERM');
      if (exited === null) await new Promise((r) => child.once('exit', r));
      await fresh.drop();
      await compiled.remove();
    }
  }, 60_000);
});
