// `npm run -w center build`: the center compiled for production into one ES module,
// `center/dist/cli.js` (with its source map), run by plain `node` — no TypeScript at run time —
// and its dashboard page (center/web, built by Vite: vite.center.config.ts) into center/dist/web.
// The packages of node_modules stay imports (installed beside it: `npm ci --omit=dev`); the
// project's own code (center/src, shared/, data/) is bundled in. The SQL migrations are read at
// run time from `center/migrations/` next to `dist/` (or CENTER_MIGRATIONS_DIR).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../center/', import.meta.url));
await rm(new URL('../center/dist/', import.meta.url), { recursive: true, force: true });
const result = await build({
  absWorkingDir: here,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`center: built dist/cli.js (${Math.round(bytes / 1024)} KiB with its map)`);

// The dashboard page: index.html and hashed files, served by the center at /dashboard.
await viteBuild({ configFile: fileURLToPath(new URL('../vite.center.config.ts', import.meta.url)), logLevel: 'warn' });
console.log('center: built dist/web (the dashboard page)');
