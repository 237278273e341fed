/**
 * The dashboard page: typed modules in center/web built by Vite (vite.center.config.ts,
 * `npm run build:center-page`) into center/dist/web — index.html and hashed files under assets/ —
 * served here from memory. The page holds no data when served: its script asks for the admin token,
 * calls the admin API and writes every value as text. The Content-Security-Policy allows scripts
 * and styles from the center's own origin only (the built files; no inline code, no eval) and
 * Trusted Types for every script sink.
 *
 * The page's words are the `center` namespace of locales/ (center.json); the CSV tables use the
 * same words (DASHBOARD_STRINGS).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import ky from '../../locales/ky/center.json';
import enStrings from '../../locales/en/center.json';
import ruStrings from '../../locales/ru/center.json';

export const DASHBOARD_LANGUAGES = ['ky', 'ru', 'en'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

/** The `center` namespace; the types make the three files carry the same keys. */
type DashboardStrings = Record<keyof typeof ky, string>;
const ru: DashboardStrings = ruStrings;
const en: DashboardStrings = enStrings;

export const DASHBOARD_STRINGS: Record<DashboardLanguage, DashboardStrings> = { ky, ru, en };

/** A word with its `{{placeholders}}` filled (i18next's syntax, as the page fills them). */
export function fillWords(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/gu, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The page's CSP: scripts and styles from this origin only (the built files), calls to this origin, nothing else. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

/** Where the built page is: CENTER_WEB_DIR, else center/dist/web (beside dist/cli.js, or from center/src). */
export const DEFAULT_WEB_DIR = process.env.CENTER_WEB_DIR ?? fileURLToPath(new URL('../dist/web/', import.meta.url));

interface Asset {
  body: Buffer;
  type: string;
}

interface BuiltPage {
  html: Buffer;
  assets: Map<string, Asset>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The built page read into memory (a few hundred KB); null when it was never built. */
export function readBuiltPage(dir: string): BuiltPage | null {
  let html: Buffer;
  try {
    html = readFileSync(join(dir, 'index.html'));
  } catch {
    return null;
  }
  const assets = new Map<string, Asset>();
  const assetDir = join(dir, 'assets');
  for (const name of readdirSync(assetDir)) {
    const type = TYPES[/\.[a-z]+$/u.exec(name)?.[0] ?? ''];
    if (type && /^[A-Za-z0-9._-]+$/u.test(name)) assets.set(name, { body: readFileSync(join(assetDir, name)), type });
  }
  return { html, assets };
}

const NOT_BUILT = 'The dashboard page is not built: run `npm run build:center-page` (or `npm run -w center build`), then reload.\n';

/** GET /dashboard (the page) and /dashboard/assets/<file> (its script, style sheet and source maps). */
export function registerDashboardPage(app: FastifyInstance, webDir: string = DEFAULT_WEB_DIR): void {
  let page = readBuiltPage(webDir);
  if (!page) app.log.warn({ webDir }, 'center: the dashboard page is not built (npm run build:center-page)');
  // Built after the center started (a developer's first run): read it then.
  const built = (): BuiltPage | null => (page ??= readBuiltPage(webDir));

  app.get('/dashboard', async (_request, reply) => {
    const p = built();
    if (!p) return reply.code(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(p.html);
  });

  app.get<{ Params: { file: string } }>('/dashboard/assets/:file', async (request, reply) => {
    const asset = built()?.assets.get(request.params.file);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
    // Hashed names: a new build is a new name, so a file can be kept for good.
    return reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.type)
      .send(asset.body);
  });
}
