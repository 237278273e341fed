/**
 * The `app://precinct-desk/` protocol: serves the built renderer (out/renderer) and nothing else.
 *
 * - registered as privileged (standard, secure, Fetch API) before the app is ready, so the renderer
 *   gets a real origin, a secure context (IndexedDB, crypto.subtle) and same-origin module scripts;
 * - only files under the renderer folder: `..`, encoded `%2e%2e`, encoded slashes/backslashes and
 *   NUL bytes are refused outright, and the resolved path must stay inside the folder;
 * - unknown paths without a file extension are client-side routes: they get index.html; unknown
 *   assets (with an extension) get 404;
 * - every response, errors included, carries the Content-Security-Policy and nosniff headers.
 */
import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

export const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
});

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Must run before `app` is ready (Electron refuses it later). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

// A `..` segment, literal or percent-encoded, anywhere before the query string.
const DOT_DOT_SEGMENT = /(?:^|[/\\]|%2f|%5c)(?:\.|%2e){2}(?:$|[/\\?#]|%2f|%5c)/iu;

export type PathLookup = { kind: 'file'; path: string } | { kind: 'refused'; status: 400 | 403 | 404 | 405 };

/**
 * Maps a request URL to a candidate file under `rootDir` (without touching the disk), or says why
 * not. Exported for tests.
 */
export function lookupPath(rawUrl: string, rootDir: string, method = 'GET'): PathLookup {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405 };
  // Check the raw text first: Chromium and Node normalise `..` away while parsing, which would turn
  // `app://precinct-desk/../../etc/passwd` into a harmless-looking `/etc/passwd`.
  const afterHost = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/iu, '');
  const rawPath = afterHost.split(/[?#]/u)[0] ?? '';
  if (DOT_DOT_SEGMENT.test(rawPath)) return { kind: 'refused', status: 403 };

  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') {
    return { kind: 'refused', status: 404 };
  }
  if (url.username !== '' || url.password !== '') return { kind: 'refused', status: 403 };

  const segments = decodeSegments(url.pathname);
  if (segments === 'bad-encoding') return { kind: 'refused', status: 400 };
  if (segments === null) return { kind: 'refused', status: 403 };
  const target = resolveInsideRoot(rootDir, segments.length > 0 ? segments : ['index.html']);
  return target === null ? { kind: 'refused', status: 403 } : { kind: 'file', path: target };
}

/**
 * Percent-decodes each segment of a URL path. Null when a segment is `.`/`..` or contains a slash,
 * backslash, colon (Windows drive or stream) or NUL once decoded; 'bad-encoding' for malformed
 * percent escapes.
 */
export function decodeSegments(pathname: string): string[] | null | 'bad-encoding' {
  const segments: string[] = [];
  for (const encoded of pathname.split('/')) {
    if (encoded === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return 'bad-encoding';
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/u.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/** The absolute path of `segments` under `rootDir`, or null if it would not be strictly inside it. */
export function resolveInsideRoot(rootDir: string, segments: readonly string[]): string | null {
  const root = resolve(rootDir);
  const target = resolve(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !target.startsWith(root + sep)) return null;
  return target;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function fileResponse(path: string, method: string): Promise<Response> {
  const body = await readFile(path);
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...securityHeaders(),
      'Content-Type': mimeTypeFor(path),
      'Content-Length': String(body.byteLength),
    },
  });
}

/** The `protocol.handle` handler for the renderer folder `rootDir`. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  const indexHtml = resolve(root, 'index.html');
  return async (request) => {
    const method = request.method.toUpperCase();
    const found = lookupPath(request.url, root, method);
    if (found.kind === 'refused') {
      return textResponse(found.status, found.status === 405 ? 'Method not allowed' : 'Not found');
    }
    try {
      if (await isFile(found.path)) return await fileResponse(found.path, method);
      // Client-side routes (no extension) get the app; missing assets are 404.
      if (extname(found.path) === '' && (await isFile(indexHtml))) return await fileResponse(indexHtml, method);
      return textResponse(404, 'Not found');
    } catch {
      return textResponse(500, 'Could not read the file');
    }
  };
}

/** Serves `rootDir` on `app://`. Call after `app` is ready. */
export function installAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
