// `npm run bench`: builds the browser benchmarks, runs them in Debian Chromium and prints one JSON
// object a line: {"name","value","unit","baseline","ratio"}. Then the desk in the built app
// (bench/desk.ts: desk.*, voters.import.longtask/peak_mb, voters.import.xlsx.peak_mb) and the center on PostgreSQL.
// BENCH_ONLY=a,b: only the lines whose names start with a or b; BENCH_DESK=0 / BENCH_CENTER=0 skip parts.
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './serve.mjs';
import { BENCH_PAGES, BENCH_SCRIPT_HASHES } from '../bench/bare-pages.mjs';

const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startServer({ port: 0, root: fileURLToPath(new URL('../out/bench', import.meta.url)) });
const { port } = server.address();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
let failed = false;
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error('[page]', m.text()));
  // BENCH_ONLY=event.append.p95,ballot.issue.p95 runs only the named lines (the browser ones).
  const only = process.env.BENCH_ONLY ? `?only=${encodeURIComponent(process.env.BENCH_ONLY)}` : '';
  await page.goto(`http://127.0.0.1:${port}/${only}`);
  await page.waitForFunction(() => window.__benchResults || window.__benchError, undefined, { timeout: 15 * 60_000 });
  const error = await page.evaluate(() => window.__benchError);
  if (error) {
    console.error(error);
    failed = true;
  } else {
    for (const r of await page.evaluate(() => window.__benchResults)) console.log(JSON.stringify(r));
  }
} finally {
  await browser.close();
  server.close();
}
// The desk in the built app (bench/desk.ts): the renderer built as for a browser, served with the
// app's headers, driven by Playwright; its lines print only when BENCH_ONLY names them (or is unset).
const DESK_LINES = ['desk.keystroke.p95', 'desk.open.100000', 'desk.issue.p95', 'desk.memory_mb.100000', 'voters.import.longtask.100000', 'voters.import.peak_mb.100000', 'voters.import.xlsx.peak_mb.100000', 'backup.restore.longtask.100000', 'backup.restore.reopen.longtask.100000', 'training.load.longtask.6707', 'training.load.longtask.100000', 'backup.make.longtask.100000'];
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
if (!failed && process.env.BENCH_DESK !== '0' && (only.length === 0 || DESK_LINES.some((n) => only.some((o) => n.startsWith(o))))) {
  const root = fileURLToPath(new URL('../out/bench-app', import.meta.url));
  const app = spawnSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--outDir', root, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
  if (app.status !== 0) failed = true;
  else {
    // The bench's own pages beside the app (same origin, no Playwright routing: bench/bare-pages.mjs).
    for (const [name, html] of Object.entries(BENCH_PAGES)) writeFileSync(join(root, name), html, 'utf8');
    const server = await startServer({ port: 0, root, scriptHashes: BENCH_SCRIPT_HASHES });
    const url = `http://127.0.0.1:${server.address().port}/`;
    const desk = spawn('npx', ['tsx', 'bench/desk.ts'], { stdio: 'inherit', env: { ...process.env, BENCH_DESK_URL: url } });
    const code = await new Promise((resolve) => desk.on('exit', (c) => resolve(c ?? 1)));
    server.close();
    if (code !== 0) failed = true;
  }
}
// The center on PostgreSQL (scratch databases): election-night ingest against raw inserts, and a
// dashboard refresh against a SELECT of one row a precinct.
// BENCH_ONLY=center.dashboard runs the dashboard's lines alone (center.ingest the ingest's).
const wanted = (...names) => only.length === 0 || names.some((n) => only.some((o) => n.startsWith(o)));
if (!failed && process.env.BENCH_CENTER !== '0' && wanted('center.ingest', 'center.push')) {
  const center = spawnSync('npx', ['tsx', 'scripts/bench-center.ts'], { stdio: 'inherit' });
  if (center.status !== 0) failed = true;
}
if (!failed && process.env.BENCH_CENTER !== '0' && wanted('center.dashboard', 'center.aggregates')) {
  // The dashboard at 2,000,000 ballots (runnable alone: npx tsx scripts/bench-dashboard.ts).
  const dashboard = spawnSync('npx', ['tsx', 'scripts/bench-dashboard.ts'], { stdio: 'inherit' });
  if (dashboard.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
