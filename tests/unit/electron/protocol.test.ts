import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakes, resetFakes } from './fake-electron';
import { parseCsp } from './parse-csp';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { createAppProtocolHandler, decodeSegments, installAppProtocol, lookupPath, mimeTypeFor, registerAppScheme, resolveInsideRoot } = await import(
  '../../../electron/main/protocol'
);
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/main/content-security-policy');

const INDEX = '<!doctype html><title>Precinct Desk</title><div id="root"></div>';
const SECRET = 'root:x:0:0:secret';
let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

/** A request as Electron hands it over; the URL text is kept exactly (no parser normalisation). */
function request(url: string, method = 'GET'): Request {
  return { url, method } as Request;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'precinct-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log("app")');
  writeFileSync(join(root, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'engine.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'font.woff2'), 'font');
  // Outside the served folder: must never be readable.
  writeFileSync(join(base, 'secret.txt'), SECRET);
  handle = createAppProtocolHandler(root);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

beforeEach(() => {
  resetFakes();
});

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  const csp = parseCsp(response.headers.get('Content-Security-Policy') ?? '');
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
}

describe('app:// scheme registration', () => {
  it('registers app as standard, secure and fetch-capable (before ready)', () => {
    registerAppScheme();
    expect(fakes.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = fakes.protocol.registerSchemesAsPrivileged.mock.calls[0] as [Array<{ scheme: string; privileges: Record<string, boolean> }>];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    // Not a CSP bypass, not a CORS target for other origins.
    expect(schemes[0]?.privileges.bypassCSP).not.toBe(true);
    expect(schemes[0]?.privileges.corsEnabled).not.toBe(true);
  });

  it('installs the handler for the app scheme only', () => {
    installAppProtocol(root);
    expect(fakes.protocol.handle).toHaveBeenCalledTimes(1);
    expect(fakes.protocol.handle.mock.calls[0]?.[0]).toBe('app');
  });
});

describe('app:// serves the renderer folder', () => {
  it('serves index.html for the root, with the CSP header', async () => {
    const response = await handle(request('app://precinct-desk/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toBe(INDEX);
  });

  it.each([
    ['/assets/app-1234.js', 'text/javascript; charset=utf-8'],
    ['/assets/app-1234.css', 'text/css; charset=utf-8'],
    ['/assets/engine.wasm', 'application/wasm'],
    ['/assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s with the CSP header', async (path, type) => {
    const response = await handle(request(`app://precinct-desk${path}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expectSecurityHeaders(response);
  });

  it.each(['app://precinct-desk/count', 'app://precinct-desk/protocols/2/edit', 'app://precinct-desk/setup?step=2'])(
    'falls back to index.html for the client-side route %s, with the CSP header',
    async (url) => {
      const response = await handle(request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(response);
      expect(await response.text()).toBe(INDEX);
    },
  );

  it('answers 404 (not index.html) for a missing asset, still with the CSP header', async () => {
    const response = await handle(request('app://precinct-desk/assets/missing-1234.js'));
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('refuses other hosts and methods', async () => {
    expect((await handle(request('app://other-host/index.html'))).status).toBe(404);
    expect((await handle(request('app://precinct-desk:8080/index.html'))).status).toBe(404);
    const post = await handle(request('app://precinct-desk/index.html', 'POST'));
    expect(post.status).toBe(405);
    expectSecurityHeaders(post);
  });

  it('HEAD returns the headers without a body', async () => {
    const response = await handle(request('app://precinct-desk/index.html', 'HEAD'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('knows the MIME types and falls back to octet-stream', () => {
    expect(mimeTypeFor('a/b/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('x.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

describe('app:// refuses path traversal', () => {
  it.each([
    'app://precinct-desk/../../etc/passwd',
    'app://precinct-desk/../secret.txt',
    'app://precinct-desk/assets/../../secret.txt',
    'app://precinct-desk/%2e%2e/%2e%2e/etc/passwd',
    'app://precinct-desk/%2E%2E/secret.txt',
    'app://precinct-desk/.%2e/secret.txt',
    'app://precinct-desk/..%2fsecret.txt',
    'app://precinct-desk/assets/..%2F..%2Fsecret.txt',
    'app://precinct-desk/..%5csecret.txt',
    'app://precinct-desk/..\\secret.txt',
    'app://precinct-desk/assets%2f..%2f..%2fsecret.txt',
    'app://precinct-desk/%252e%252e/secret.txt',
    'app://precinct-desk/index.html%00.js',
    'app://precinct-desk/C:%5cWindows%5cwin.ini',
  ])('%s is refused: not 200, not the secret, not index.html', async (url) => {
    const response = await handle(request(url));
    expect(response.status).not.toBe(200);
    expectSecurityHeaders(response);
    const body = await response.text();
    expect(body).not.toContain(SECRET);
    expect(body).not.toBe(INDEX);
  });

  it('refuses the raw dot-dot form before URL parsing could normalise it away', () => {
    expect(lookupPath('app://precinct-desk/../../etc/passwd', root)).toEqual({ kind: 'refused', status: 403 });
    expect(lookupPath('app://precinct-desk/%2e%2e/%2e%2e/etc/passwd', root)).toEqual({ kind: 'refused', status: 403 });
  });

  it('maps ordinary paths inside the folder', () => {
    expect(lookupPath('app://precinct-desk/assets/app-1234.js', root)).toEqual({ kind: 'file', path: join(root, 'assets', 'app-1234.js') });
    expect(lookupPath('app://precinct-desk/', root)).toEqual({ kind: 'file', path: join(root, 'index.html') });
  });
});

describe('each traversal defence holds on its own', () => {
  it.each(['/%2e%2e/etc', '/./x', '/a%2fb', '/a%5cb', '/a%00b', '/C:', '/file.txt:stream'])(
    'decodeSegments refuses %s',
    (pathname) => {
      expect(decodeSegments(pathname)).toBeNull();
    },
  );

  it('decodeSegments flags malformed escapes and decodes ordinary ones', () => {
    expect(decodeSegments('/%E0%A4%A')).toBe('bad-encoding');
    expect(decodeSegments('/assets/%D0%B0.js')).toEqual(['assets', 'а.js']);
  });

  it.each([
    [['..', 'secret.txt']],
    [['..', '..', 'etc', 'passwd']],
    [['assets', '..', '..', 'secret.txt']],
    [['/etc/passwd']],
    [[]],
    [['.']],
  ])('resolveInsideRoot refuses %j', (segments) => {
    expect(resolveInsideRoot(root, segments)).toBeNull();
  });

  it('resolveInsideRoot keeps paths inside the folder', () => {
    expect(resolveInsideRoot(root, ['assets', 'app-1234.js'])).toBe(join(root, 'assets', 'app-1234.js'));
    expect(resolveInsideRoot(`${root}/`, ['index.html'])).toBe(join(root, 'index.html'));
  });

  it('answers 400 for malformed percent escapes', async () => {
    expect((await handle(request('app://precinct-desk/%E0%A4%A'))).status).toBe(400);
  });
});
