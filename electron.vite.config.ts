// Builds the Electron app: main (ESM, out/main/index.js), preload (CommonJS, out/preload/index.cjs:
// sandboxed preloads cannot be ES modules) and the renderer, which reuses the browser build's
// settings (vite.web.config.ts) so both ship the same bundle.
import { defineConfig } from 'electron-vite';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import webConfig from './vite.web.config';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** About and the support file name the build: PRECINCT_DESK_BUILD, else the git commit and the day. */
function buildId(): string {
  if (process.env.PRECINCT_DESK_BUILD) return process.env.PRECINCT_DESK_BUILD;
  const day = new Date().toISOString().slice(0, 10);
  try {
    return `${execFileSync('git', ['rev-parse', '--short=10', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()} ${day}`;
  } catch {
    return `unknown ${day}`;
  }
}

/**
 * The release public key for update packages (docs/UPDATES.md): PRECINCT_UPDATE_PUBLIC_KEY holds the
 * PEM text or a path to a PEM file; empty when unset (the updater then refuses every package).
 */
function updatePublicKey(): string {
  const value = process.env.PRECINCT_UPDATE_PUBLIC_KEY?.trim() ?? '';
  if (value === '') return '';
  const pem = value.includes('-----BEGIN') ? value : existsSync(value) ? readFileSync(value, 'utf8').trim() : '';
  if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/u.test(pem)) {
    throw new Error('PRECINCT_UPDATE_PUBLIC_KEY is neither a PEM public key nor a path to one (scripts/update-key.mjs new <folder> makes one).');
  }
  return `${pem}\n`;
}

export default defineConfig({
  main: {
    define: { __PRECINCT_DESK_BUILD__: JSON.stringify(buildId()), __PRECINCT_UPDATE_PUBLIC_KEY__: JSON.stringify(updatePublicKey()) },
    build: {
      outDir: fromRoot('./out/main'),
      // Bundle zod and shared/ into the main file: the packaged app then needs no node_modules.
      externalizeDeps: false,
      sourcemap: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('./out/preload'),
      // A sandboxed preload can require only 'electron' (and a few polyfills): bundle everything.
      externalizeDeps: false,
      sourcemap: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        // The preload imports only types from shared/platform/api.ts and the channel names from the
        // dependency-free shared/platform/channels.ts, so zod never enters it (pack:dir checks size).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...webConfig,
    build: {
      ...webConfig.build,
      outDir: fromRoot('./out/renderer'),
      rolldownOptions: { ...webConfig.build?.rolldownOptions, input: fromRoot('./renderer/index.html') },
    },
  },
});
