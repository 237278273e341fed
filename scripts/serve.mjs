// Serves the built renderer (out/renderer) on 127.0.0.1 with the app's security headers.
// Used by `npm start` when Electron's binary is absent, and by the Playwright e2e tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = resolve(fileURLToPath(new URL('../out/renderer', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

async function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const target = normalize(join(root, path));
  if (target !== root && !target.startsWith(root + sep)) return null;
  try {
    const s = await stat(target);
    if (s.isFile()) return target;
  } catch {
    // fall through to the app's index for client-side routes
  }
  return extname(path) ? null : join(root, 'index.html');
}

/** A build's hashed files (vite names them name-HASH.ext): their content never changes under that name. */
const HASHED = /\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css|woff2?|ttf|png|svg|wasm)$/u;

/**
 * `scriptHashes` (the bench's own pages only, never the app's): inline scripts allowed by their
 * SHA-256 ('sha256-…' in script-src), so a bench page's first script can be inline as the app's is not.
 */
export function startServer({ port = 0, host = '127.0.0.1', root = defaultRoot, scriptHashes = [] } = {}) {
  const csp = scriptHashes.length === 0 ? CSP : CSP.replace("script-src 'self'", `script-src 'self' ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}`);
  const server = createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const file = await fileFor(root, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    try {
      const body = await readFile(file);
      // Hashed assets are kept by the browser for good (and their compiled code with them, as
      // Electron's app:// keeps it); the page itself is asked for again every time.
      const cache = HASHED.test(file.split(sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache';
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 5173;
  const server = await startServer({ port });
  const address = server.address();
  console.log(`Precinct Desk is served at http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`);
}
