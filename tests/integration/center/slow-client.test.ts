/**
 * A client that sends its headers and then its body a byte now and then (slowloris) must not hold
 * a connection of the center for ever: Fastify turns off Node's limit on the time to receive a
 * request, so the center sets its own (DEFAULT_REQUEST_TIMEOUT_MS) and answers a slower request 408.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../../center/src/center';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../../center/src/server';
import { pgliteBackend, server } from './harness';

describe('slow clients', () => {
  let center: Center;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await pgliteBackend.open());
  });
  afterAll(async () => cleanup());

  it('a center keeps a limit on the time to receive a request', async () => {
    const app = server(center);
    await app.ready();
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
    expect(app.server.requestTimeout).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
    await app.close();
  });

  it('cuts a request whose body trickles in past the limit, with 408', async () => {
    const app = server(center, { requestTimeoutMs: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    try {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write('POST /api/push HTTP/1.1\r\nHost: center\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"deviceId":');
      // One byte every 200 ms: never idle, never done.
      const drip = setInterval(() => socket.writable && socket.write(' '), 200);
      const cut = await Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
      clearInterval(drip);
      socket.destroy();
      expect(cut).toBe(true);
      expect(answer).toMatch(/^HTTP\/1\.1 408/u);
    } finally {
      await app.close();
    }
  });
});
