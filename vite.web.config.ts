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

/**
 * The app's start in one chunk (issue 19, desk.open): what renderer/boot.tsx imports statically,
 * followed through every static import, less what the window's first script (main.tsx) and the
 * list's opening (core/list-open.ts) already load. Left to the bundler, those modules came as ~15
 * chunks (every module a lazy screen shares with the start made one of its own), and a reload
 * fetched them in waves: a browser opens 6 connections to a host, measured in the bench's traces the
 * third wave was sent 160 ms after the first. Modules only lazy screens use keep their own chunks.
 */
function startChunk() {
  const imports = new Map<string, readonly string[]>();
  let members: Set<string> | null = null;
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...(imports.get(id) ?? []));
    }
    return seen;
  };
  const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const plugin: Plugin = {
    name: 'precinct-desk-start-chunk',
    apply: 'build',
    buildStart() {
      imports.clear();
      members = null;
    },
    moduleParsed(info) {
      imports.set(info.id, info.importedIds);
    },
  };
  const test = (id: string): boolean => {
    if (!members) {
      const before = new Set([...reach(at('./renderer/main.tsx')), ...reach(at('./renderer/core/list-open.ts'))]);
      members = new Set([...reach(at('./renderer/boot.tsx'))].filter((m) => !before.has(m)));
    }
    return members.has(id);
  };
  return { plugin, group: { name: 'boot', test, includeDependenciesRecursively: false } };
}
const start = startChunk();

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), fontLicence(), start.plugin],
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
    rolldownOptions: { output: { codeSplitting: { groups: [start.group] } } },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
