// `npm start`: the Electron app where Electron's binary exists; otherwise the same renderer,
// built and served on 127.0.0.1 for a browser, saying why.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch (error) {
    return { reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
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
  const port = Number(process.env.PORT ?? 5173);
  const { startServer } = await import('./serve.mjs');
  await startServer({ port });
  console.log(`\nPrecinct Desk: open http://127.0.0.1:${port}/ in Chromium, Chrome, Edge or Firefox. Ctrl+C stops it.`);
}
