/**
 * A stop signal ends the center even when a client never finishes (issue 15 review): a real
 * `center serve` process with a client that stalls its upload halfway gets SIGTERM and exits within
 * its grace period (CENTER_SHUTDOWN_GRACE_S) instead of waiting for that client forever; and
 * `closeServer` cuts a client that never reads a large answer. Idle connections close at once.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { closeServer, parseShutdownGrace } from '../../../center/src/shutdown';
import { builtCli, cliEnv, freePort } from './harness';

const GRACE_S = 2;

function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('stopping the center', () => {
  it('SIGTERM with a client stalled mid-upload: the process exits after the grace period', async () => {
    const compiled = await builtCli();
    const dir = await mkdtemp(join(tmpdir(), 'pd-shutdown-'));
    const port = await freePort();
    const child = spawn(process.execPath, [compiled.path, 'serve', '--port', String(port), '--data-dir', join(dir, 'data')], {
      env: cliEnv({ DATABASE_URL: '', CENTER_LOG_LEVEL: 'warn', CENTER_SUPERVISE: '0', CENTER_SHUTDOWN_GRACE_S: String(GRACE_S) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    let exit: { code: number | null; signal: string | null } | null = null;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        exit = { code, signal };
        resolve();
      }),
    );
    const sockets: Socket[] = [];
    try {
      const started = Date.now();
      while (!/listening on http/u.test(output)) {
        if (exit) throw new Error(`center exited: ${output}`);
        if (Date.now() - started > 60_000) throw new Error(`center did not start: ${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // An idle keep-alive connection (it asked once and keeps the socket open).
      const idle = await rawConnect(port);
      sockets.push(idle);
      const answered = new Promise<string>((resolve) => idle.once('data', (d: Buffer) => resolve(d.toString())));
      idle.write('GET /api/health HTTP/1.1\r\nhost: x\r\nconnection: keep-alive\r\n\r\n');
      expect(await answered).toMatch(/^HTTP\/1\.1 200/u);
      // A push whose body stops after 20 of the 100,000 bytes it announced, and never comes.
      const stalled = await rawConnect(port);
      sockets.push(stalled);
      stalled.on('error', () => undefined);
      const stalledClosed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
      stalled.write('POST /api/push HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"deviceId":"aaaaaa');
      await new Promise((r) => setTimeout(r, 300));

      const signalled = Date.now();
      child.kill('SIGTERM');
      const deadline = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), (GRACE_S + 25) * 1000));
      expect(await Promise.race([exited.then(() => 'exited' as const), deadline]), output).toBe('exited');
      const tookMs = Date.now() - signalled;
      // It waited for the stalled request (the grace period) before cutting it, and exited cleanly.
      expect(tookMs).toBeGreaterThanOrEqual(GRACE_S * 1000 - 200);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(output).toMatch(/connections still open/u);
      await stalledClosed;
      console.info(`shutdown: exited ${tookMs} ms after SIGTERM with a stalled upload (grace ${GRACE_S} s)`);
    } finally {
      for (const s of sockets) s.destroy();
      if (!exit) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('closeServer cuts a client that never reads a large answer; a quick request finishes first', async () => {
    const app = Fastify();
    const big = Buffer.alloc(64 * 1024 * 1024, 0x61);
    app.get('/big', async (_request, reply) => reply.type('application/octet-stream').send(big));
    let slowStarted: () => void = () => undefined;
    const slowRunning = new Promise<void>((resolve) => (slowStarted = resolve));
    app.get('/slow', async () => {
      slowStarted();
      await new Promise((r) => setTimeout(r, 200));
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const reader = await rawConnect(port);
    reader.on('error', () => undefined);
    try {
      // Asks for 64 MiB and reads none of it: the kernel's buffers fill, the answer never ends.
      reader.pause();
      reader.write('GET /big HTTP/1.1\r\nhost: x\r\n\r\n');
      const slow = fetch(`http://127.0.0.1:${port}/slow`);
      await slowRunning;
      const closing = closeServer(app, 1000);
      // The request in flight within the grace period is answered.
      expect(await (await slow).json()).toEqual({ done: true });
      const outcome = await Promise.race([closing, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000))]);
      expect(outcome).toEqual({ forced: true });
    } finally {
      reader.destroy();
      if (app.server.listening) app.server.closeAllConnections();
    }
  }, 60_000);

  it('reads CENTER_SHUTDOWN_GRACE_S', () => {
    expect(parseShutdownGrace(undefined)).toBe(10_000);
    expect(parseShutdownGrace('2.5')).toBe(2500);
    expect(parseShutdownGrace('0')).toBe(0);
    for (const bad of ['-1', 'ten', '601', 'Infinity']) expect(() => parseShutdownGrace(bad)).toThrow(/CENTER_SHUTDOWN_GRACE_S/u);
  });
});
