/**
 * Issue 15: the laptop talks only to the center it is enrolled with. The page's CSP allows no host;
 * the main process's gate sends a request only to the pinned center or to an address the user
 * confirmed natively. Two real local servers stand for the enrolled center and another host.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createCenterGate } = await import('../../../electron/main/center-gate');
const { centerFetch } = await import('../../../electron/main/ipc');

interface Host {
  origin: string;
  seen: string[];
  server: Server;
}

async function host(answer: (req: IncomingMessage) => { status: number; body?: string; location?: string }): Promise<Host> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const a = answer(req);
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.location ? { location: a.location } : {}) });
    res.end(a.body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let center: Host;
let other: Host;

beforeAll(async () => {
  other = await host(() => ({ status: 200, body: '{"mode":"production"}' }));
  center = await host((req) =>
    req.url === '/redirect' ? { status: 302, location: `${other.origin}/api/health` } : { status: 200, body: req.url === '/api/enrol' ? '{"deviceId":"d"}' : '{"mode":"production"}' },
  );
});
afterAll(() => {
  center.server.close();
  other.server.close();
});
beforeEach(() => {
  center.seen.length = 0;
  other.seen.length = 0;
});

function gate(options: { pin?: string | null; say?: (origin: string) => boolean } = {}) {
  let pin = options.pin ?? null;
  const confirm = vi.fn(async (origin: string) => (options.say ?? (() => false))(origin));
  const writePin = vi.fn(async (origin: string) => {
    pin = origin;
  });
  const g = createCenterGate({ readPin: async () => pin, writePin, confirm, fetch: (url, init) => fetch(url, init) });
  return { g, confirm, writePin, pin: () => pin };
}

describe('the center gate (Electron main)', () => {
  it('refuses a request to another host than the enrolled center, and nothing reaches that host', async () => {
    const { g, confirm } = gate({ pin: center.origin });
    expect(await g.send({ url: `${other.origin}/api/push`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"voters":"all of them"}' })).toEqual({ status: 'refused' });
    expect(other.seen).toEqual([]);
    // The user was asked (natively) and said no.
    expect(confirm).toHaveBeenCalledWith(other.origin, center.origin);
    // The enrolled center is reached without a question.
    confirm.mockClear();
    const ok = await g.send({ url: `${center.origin}/api/health`, method: 'GET' });
    expect(ok).toMatchObject({ status: 'answered', httpStatus: 200 });
    expect(center.seen).toEqual(['GET /api/health']);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('before enrolment reaches only the address the user confirmed, and the accepted enrolment pins it', async () => {
    const { g, confirm, writePin, pin } = gate({ say: (origin) => origin === center.origin });
    expect(await g.send({ url: `${center.origin}/api/health`, method: 'GET' })).toMatchObject({ status: 'answered' });
    expect(await g.send({ url: `${center.origin}/api/enrol`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).toMatchObject({ status: 'answered', httpStatus: 200 });
    expect(writePin).toHaveBeenCalledWith(center.origin);
    expect(pin()).toBe(center.origin);
    // One question for the address, however many requests.
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(await g.send({ url: `${other.origin}/api/health`, method: 'GET' })).toEqual({ status: 'refused' });
    expect(other.seen).toEqual([]);
  });

  it('a pinned center survives a restart: a new gate reads the pin and asks nothing', async () => {
    const { g, confirm } = gate({ pin: center.origin });
    expect(await g.send({ url: `${center.origin}/api/pull?after=0`, method: 'GET', headers: { 'x-device-auth': 'sig' } })).toMatchObject({ status: 'answered' });
    expect(confirm).not.toHaveBeenCalled();
  });

  it('does not follow a redirect to another host', async () => {
    const { g } = gate({ pin: center.origin });
    expect(await g.send({ url: `${center.origin}/redirect`, method: 'GET' })).toEqual({ status: 'offline' });
    expect(other.seen).toEqual([]);
  });

  it.each([
    ['a file: address', { url: 'file:///etc/passwd', method: 'GET' }],
    ['an address with credentials', { url: 'http://user:pw@127.0.0.1:1/api/health', method: 'GET' }],
    ['another method', { url: 'http://127.0.0.1:1/', method: 'DELETE' }],
    ['an unknown key', { url: 'http://127.0.0.1:1/', method: 'GET', mode: 'no-cors' }],
    ['not an object', 'http://127.0.0.1:1/'],
  ])('refuses %s without asking', async (_what, request) => {
    const { g, confirm } = gate({ say: () => true });
    expect(await g.send(request)).toEqual({ status: 'refused' });
    expect(confirm).not.toHaveBeenCalled();
  });

  it('the IPC channel takes requests only from the app window', async () => {
    const { g } = gate({ pin: center.origin });
    const untrusted = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} } as unknown as Parameters<typeof centerFetch>[0];
    await expect(centerFetch(untrusted, [{ url: `${center.origin}/api/health`, method: 'GET' }], g)).rejects.toThrow(/did not come from/u);
    expect(center.seen).toEqual([]);
  });
});

describe('the center gate gives up an answer that hangs or is too large', () => {
  /** A center at `path` that answers as `serve` does (headers and body by hand); the others as the real one. */
  async function rawHost(serve: (res: import('node:http').ServerResponse) => void): Promise<{ origin: string; server: Server; close(): void }> {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((_req, res) => serve(res));
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      server,
      close() {
        for (const s of sockets) s.destroy();
        server.close();
      },
    };
  }
  const limits = { idleMs: 300, maxBytes: 1000 };
  const gateTo = (origin: string) => createCenterGate({ readPin: async () => origin, writePin: async () => undefined, confirm: async () => false, fetch: (url, init) => fetch(url, init), limits });

  it('no answer at all within the idle time (the request read, nothing written): offline, and the next request is answered', async () => {
    let stall = true;
    const h = await rawHost((res) => {
      if (stall) return; // holds the connection open, says nothing
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    try {
      const g = gateTo(h.origin);
      expect(await g.send({ url: `${h.origin}/api/push`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).toEqual({ status: 'offline' });
      stall = false;
      expect(await g.send({ url: `${h.origin}/api/push`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).toEqual({ status: 'answered', httpStatus: 200, body: '{"ok":true}' });
    } finally {
      h.close();
    }
  });

  it('a body that stops coming half-way: offline; one that keeps coming, slower in all than the idle time, is read whole', async () => {
    const stops = await rawHost((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"batches":[');
    });
    const slow = await rawHost((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let n = 0;
      const tick = setInterval(() => {
        n += 1;
        if (n < 8) res.write(' ');
        else {
          clearInterval(tick);
          res.end('{"ok":true}');
        }
      }, 100);
    });
    try {
      expect(await gateTo(stops.origin).send({ url: `${stops.origin}/api/pull`, method: 'GET' })).toEqual({ status: 'offline' });
      const answer = await gateTo(slow.origin).send({ url: `${slow.origin}/api/pull`, method: 'GET' });
      expect(answer).toEqual({ status: 'answered', httpStatus: 200, body: `${' '.repeat(7)}{"ok":true}` });
    } finally {
      stops.close();
      slow.close();
    }
  });

  it('an answer larger than the limit, declared or not: offline, not read', async () => {
    const declared = await rawHost((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.end('x'.repeat(5000));
    });
    const chunked = await rawHost((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 10; i += 1) res.write('y'.repeat(500));
      res.end();
    });
    try {
      expect(await gateTo(declared.origin).send({ url: `${declared.origin}/api/bundle`, method: 'GET' })).toEqual({ status: 'offline' });
      expect(await gateTo(chunked.origin).send({ url: `${chunked.origin}/api/bundle`, method: 'GET' })).toEqual({ status: 'offline' });
    } finally {
      declared.close();
      chunked.close();
    }
  });
});
