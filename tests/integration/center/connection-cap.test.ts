/**
 * One address holding sockets open without end (a flood of idle connections) cannot take the
 * center from everyone else: past `connectionsPerAddress` a connection is closed before a byte is
 * read; a closed one frees its place. Behind a trusted proxy (all connections are the proxy's) there
 * is no cap unless one is set.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Center } from '../../../center/src/center';
import { DEFAULT_CONNECTIONS_PER_ADDRESS, parseConnectionsPerAddress } from '../../../center/src/connection-cap';
import { pgliteBackend, server } from './harness';

interface Opened {
  socket: Socket;
  /** Resolves true when the center closed it. */
  closed: Promise<boolean>;
}

async function open(port: number): Promise<Opened> {
  const socket = connect(port, '127.0.0.1');
  const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed };
}

/** A health request on a fresh connection: the status line, or null when the connection was cut. */
async function health(port: number): Promise<string | null> {
  const { socket, closed } = await open(port);
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.write('GET /api/health HTTP/1.1\r\nHost: center\r\nConnection: close\r\n\r\n');
  await closed;
  return answer === '' ? null : (answer.split('\r\n')[0] ?? null);
}

const stillOpen = (o: Opened) => Promise.race([o.closed, new Promise<boolean>((r) => setTimeout(() => r(false), 300))]).then((c) => !c);

describe('connections per address', () => {
  let center: Center;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ center, cleanup } = await pgliteBackend.open());
  });
  afterAll(async () => cleanup());

  async function listening(options: Parameters<typeof server>[1]): Promise<{ app: FastifyInstance; port: number }> {
    const app = server(center, options);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, port: (app.server.address() as { port: number }).port };
  }

  it('closes a connection past the cap at once, keeps the others, and takes a new one when one closes', async () => {
    const { app, port } = await listening({ connectionsPerAddress: 5 });
    const held: Opened[] = [];
    try {
      for (let i = 0; i < 5; i += 1) held.push(await open(port));
      const over = await open(port);
      expect(await over.closed).toBe(true);
      expect(await health(port)).toBeNull();
      for (const h of held) expect(await stillOpen(h)).toBe(true);
      held.pop()!.socket.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(await health(port)).toBe('HTTP/1.1 200 OK');
      // The health connection closed too: its place is free again.
      expect(await health(port)).toBe('HTTP/1.1 200 OK');
    } finally {
      for (const h of held) h.socket.destroy();
      await app.close();
    }
  });

  it('has a cap by default, none behind a trusted proxy unless set', async () => {
    expect(DEFAULT_CONNECTIONS_PER_ADDRESS).toBeGreaterThanOrEqual(64);
    const { app, port } = await listening({ trustProxy: ['127.0.0.1'] });
    const held: Opened[] = [];
    try {
      for (let i = 0; i < DEFAULT_CONNECTIONS_PER_ADDRESS + 5; i += 1) held.push(await open(port));
      expect(await health(port)).toBe('HTTP/1.1 200 OK');
    } finally {
      for (const h of held) h.socket.destroy();
      await app.close();
    }
    const direct = await listening({});
    const many: Opened[] = [];
    try {
      for (let i = 0; i < DEFAULT_CONNECTIONS_PER_ADDRESS; i += 1) many.push(await open(direct.port));
      expect(await health(direct.port)).toBeNull();
    } finally {
      for (const h of many) h.socket.destroy();
      await direct.app.close();
    }
  });

  it('reads CENTER_CONNECTIONS_PER_ADDRESS: a whole number, 0 for none, anything else refused by name', () => {
    expect(parseConnectionsPerAddress(undefined, 256)).toBe(256);
    expect(parseConnectionsPerAddress(' 40 ', 256)).toBe(40);
    expect(parseConnectionsPerAddress('0', 256)).toBe(0);
    expect(() => parseConnectionsPerAddress('-1', 256)).toThrow(/CENTER_CONNECTIONS_PER_ADDRESS/u);
    expect(() => parseConnectionsPerAddress('lots', 256)).toThrow(/CENTER_CONNECTIONS_PER_ADDRESS/u);
  });
});
