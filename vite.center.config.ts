// Builds the center's dashboard page (center/web: typed modules, one style sheet) into
// center/dist/web — index.html and hashed files under assets/ — which the center serves at
// /dashboard with a CSP allowing scripts and styles from its own origin only (no inline code).
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const ky = JSON.parse(readFileSync(new URL('./locales/ky/center.json', import.meta.url), 'utf8')) as Record<string, string>;
const escapeHtml = (s: string): string => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** The markup's words in Kyrgyz (the default) from locales/ky/center.json, so the page reads before its script runs. */
function kyrgyzMarkup(): Plugin {
  return {
    name: 'center-page-kyrgyz-markup',
    transformIndexHtml(html) {
      return html.replace(/(<([a-z0-9]+)\b[^>]*\sdata-i18n="([A-Za-z]+)"[^>]*>)(<\/\2>)/gu, (_m, open: string, _tag: string, key: string, close: string) => {
        const text = ky[key];
        if (text === undefined) throw new Error(`center/web/index.html: data-i18n="${key}" is not in locales/ky/center.json`);
        return `${open}${escapeHtml(text)}${close}`;
      });
    },
  };
}

export const centerWebRoot = fileURLToPath(new URL('./center/web', import.meta.url));

export default defineConfig({
  root: centerWebRoot,
  base: '/dashboard/',
  plugins: [kyrgyzMarkup()],
  build: {
    outDir: process.env.CENTER_WEB_OUT_DIR ?? fileURLToPath(new URL('./center/dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Nothing inlined as data: URLs (img-src 'none'), no preload helper: one script, one style sheet.
    assetsInlineLimit: 0,
    modulePreload: false,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
