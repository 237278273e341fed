/**
 * The browser build's server (npm start without Electron, the e2e tests, the bench): the page is
 * asked for again on every load, a build's hashed files are kept for good — so a reload reuses their
 * compiled code, as Electron's app:// does (issue 19, desk.open) — and the app's CSP allows no inline
 * script unless a page's hash is given (the bench's own pages only).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain ES module of the scripts folder (no types).
import { startServer } from '../../../scripts/serve.mjs';

interface Server {
  address(): { port: number };
  close(): void;
}

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'serve-test-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'boot-D2VZRmGb.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'noto-sans-cyrillic-400-normal-Bx1a2b3c.woff2'), 'x');
  writeFileSync(join(root, 'assets', 'plain.js'), 'export {};');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function get(server: Server, path: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.address().port}${path}`);
}

describe('scripts/serve.mjs', () => {
  it('asks for the page every time and keeps the hashed files for good', async () => {
    const server = (await startServer({ port: 0, root })) as Server;
    try {
      expect((await get(server, '/')).headers.get('cache-control')).toBe('no-cache');
      expect((await get(server, '/#/voters')).headers.get('cache-control')).toBe('no-cache');
      expect((await get(server, '/assets/boot-D2VZRmGb.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await get(server, '/assets/noto-sans-cyrillic-400-normal-Bx1a2b3c.woff2')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // A file without a build hash may change under its name.
      expect((await get(server, '/assets/plain.js')).headers.get('cache-control')).toBe('no-cache');
      const csp = (await get(server, '/')).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain('sha256-');
    } finally {
      server.close();
    }
  });

  it('allows an inline script by its hash only when asked (the bench)', async () => {
    const server = (await startServer({ port: 0, root, scriptHashes: ['abc+/='] })) as Server;
    try {
      expect((await get(server, '/')).headers.get('content-security-policy')).toContain("script-src 'self' 'sha256-abc+/=' 'wasm-unsafe-eval'");
    } finally {
      server.close();
    }
  });
});
