// `npm start`: the Electron app where Electron's binary exists; otherwise the same renderer,
// built and served on 127.0.0.1 for a browser, saying why — with the embedded center (PGlite in
// ./center-data) beside it on 127.0.0.1:8787, so sync can be tried end to end on one machine.
import { spawnSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// electron ≥ 45 downloads its binary lazily on the first require(); where that cannot work (no
// internet) the require would hang on a download first. Look for the installed binary instead.
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'its binary was never downloaded (node_modules/electron/path.txt is missing)' };
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : { reason: `the binary ${binary} is missing` };
}

const binary = electronBinary();
if (typeof binary === 'string') {
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const reason = binary?.reason ?? 'the Electron binary is not installed';
  console.log(`Electron cannot start here (${reason}).`);
  console.log('Serving the same app for a browser instead.');
  const build = spawnSync(npm, ['run', 'build:web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // The embedded center's dashboard page (center/dist/web).
  const page = spawnSync(npm, ['run', 'build:center-page'], { stdio: 'inherit' });
  if (page.status !== 0) process.exit(page.status ?? 1);
  const port = Number(process.env.PORT ?? 5173);
  const { startServer } = await import('./serve.mjs');
  await startServer({ port });
  const centerPort = Number(process.env.CENTER_PORT ?? 8787);
  // The admin token lives as long as this run; it is printed for the dashboard and the CLI.
  const adminToken = process.env.CENTER_ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
  const center = spawn(process.execPath, ['--import', 'tsx', 'center/src/cli.ts', 'serve', '--port', String(centerPort), '--data-dir', process.env.CENTER_DATA_DIR ?? 'center-data'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CENTER_ADMIN_TOKEN: adminToken, CENTER_OFFER_DEMO: process.env.CENTER_OFFER_DEMO ?? '1', CENTER_LOG_LEVEL: process.env.CENTER_LOG_LEVEL ?? 'warn' },
  });
  process.on('exit', () => center.kill());
  process.on('SIGINT', () => process.exit(0));
  console.log(`\nPrecinct Desk: open http://127.0.0.1:${port}/ in Chromium, Chrome, Edge or Firefox.`);
  console.log(`Embedded center: http://127.0.0.1:${centerPort}/ (admin token for this run: ${adminToken}). Ctrl+C stops both.`);
  console.log(`Operator's console: http://127.0.0.1:${centerPort}/dashboard — sign in with the token, load the demo bundle, issue a code, type it on the laptop's Center screen.`);
}
