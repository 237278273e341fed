// Builds the renderer: the same bundle is loaded by Electron (app://) and served to a browser.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * The bundled fonts (assets/fonts, imported by renderer/boot.tsx) are under the SIL Open Font
 * License, which must travel with them: the built renderer — served to browsers and packed into the
 * Electron app (electron-builder.yml takes out/renderer/**) — carries it as fonts/OFL.txt.
 */
function fontLicence(): Plugin {
  return {
    name: 'precinct-desk-font-licence',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'fonts/OFL.txt', source: readFileSync(new URL('./assets/fonts/OFL.txt', import.meta.url), 'utf8') });
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), fontLicence()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // The voter-list import worker (issue 19) is an ES module (it once loaded exceljs on demand, which an
  // IIFE worker bundle cannot split off; XLSX is now read by its own streaming reader, read-xlsx.ts).
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Said here, not left to the default: electron-vite builds the renderer unminified unless told
    // (out/renderer's app chunk was 1.2 MB against the browser build's 0.8 MB), and the window
    // compiles all of it on every start (issue 19: reload → desk).
    minify: true,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
