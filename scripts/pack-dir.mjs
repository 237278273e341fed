// `npm run pack:dir`: checks the packaging configuration offline.
//
// 1. builds the app (electron-vite build);
// 2. runs electron-builder `--dir --linux` with electron-builder.yml, but with `electronDist` pointing
//    at a temporary folder holding a placeholder `electron` file (the real binary cannot be
//    downloaded here) and without `electronFuses` (fuses are flipped inside the real binary; the
//    placeholder has none);
// 3. opens the produced app.asar and checks it holds the built app and package.json, and not
//    node_modules/react, tests, sources or source maps, and that its only fonts are the nine Noto
//    Sans subsets of assets/fonts with their licence; prints its size.
// Exits non-zero when any step fails. `--keep` keeps the temporary output folder.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');

function fail(message) {
  console.error(`pack:dir FAILED: ${message}`);
  process.exit(1);
}

function binOf(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`, { paths: [root] });
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name ?? pkg];
  if (!bin) fail(`${pkg} has no "${name ?? pkg}" executable`);
  return join(dirname(manifestPath), bin);
}

function run(step, script, args) {
  console.log(`\n> ${step}`);
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`${step}: ${result.error.message}`);
  if (result.status !== 0) fail(`${step} exited with ${result.status ?? result.signal}`);
}

// 1. Build.
run('electron-vite build', binOf('electron-vite'), ['build']);
for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
  if (!existsSync(join(root, built))) fail(`the build did not produce ${built}`);
}

// 2. Package into a temporary folder with a placeholder Electron.
const work = mkdtempSync(join(tmpdir(), 'precinct-pack-dir-'));
const cleanUp = () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);

const electronDist = join(work, 'electron-dist');
const output = join(work, 'dist');
mkdirSync(electronDist, { recursive: true });
writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "placeholder Electron: not runnable" >&2\nexit 1\n');
chmodSync(join(electronDist, 'electron'), 0o755);

let config;
try {
  const yaml = require('js-yaml');
  config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
} catch (error) {
  fail(`could not read electron-builder.yml: ${error instanceof Error ? error.message : String(error)}`);
}
if (config === null || typeof config !== 'object') fail('electron-builder.yml is not a mapping');
const { electronFuses: _fuses, ...checkConfig } = config;
checkConfig.electronDist = electronDist;
checkConfig.directories = { ...(checkConfig.directories ?? {}), output };
const configFile = join(work, 'electron-builder.pack-dir.json');
writeFileSync(configFile, JSON.stringify(checkConfig, null, 2));

run('electron-builder --dir --linux (placeholder Electron)', binOf('electron-builder'), [
  '--dir',
  '--linux',
  '--x64',
  '--config',
  configFile,
  '--publish',
  'never',
  `-c.electronDist=${electronDist}`,
]);

// 3. Check the archive.
const asarPath = join(output, 'linux-unpacked', 'resources', 'app.asar');
if (!existsSync(asarPath)) fail(`no app.asar at ${asarPath} (is asar still true in electron-builder.yml?)`);

const asar = require('@electron/asar');
const entries = asar.listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
const problems = [];

for (const required of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/out/renderer/fonts/OFL.txt']) {
  if (!entries.includes(required)) problems.push(`missing ${required}`);
}
// The bundled fonts (assets/fonts): Noto Sans in Cyrillic, Cyrillic Extended and Latin, 400/600/700
// only, as woff2 — nine files, their licence beside them (fonts/OFL.txt, checked above).
const fonts = entries.filter((entry) => /\.(woff2?|ttf|otf)$/u.test(entry));
const strayFonts = fonts.filter((entry) => !/^\/out\/renderer\/assets\/noto-sans-(cyrillic|cyrillic-ext|latin)-(400|600|700)-normal-[\w-]+\.woff2$/u.test(entry));
if (strayFonts.length > 0) problems.push(`fonts other than the bundled subsets: ${strayFonts.slice(0, 5).join(', ')}`);
if (fonts.length - strayFonts.length !== 9) problems.push(`${fonts.length - strayFonts.length} Noto Sans files, not the 9 of assets/fonts`);
const forbidden = [
  [/^\/node_modules\/react(\/|$)/u, 'node_modules/react (renderer libraries are bundled by Vite)'],
  [/^\/tests?(\/|$)/u, 'tests'],
  [/^\/(electron|renderer|shared|scripts|bench|center)(\/|$)/u, 'source folders'],
  [/\.map$/u, 'source maps'],
  [/\.tsx?$/u, 'TypeScript sources'],
  [/^\/out\/bench(\/|$)/u, 'benchmark output'],
];
for (const [pattern, what] of forbidden) {
  const hits = entries.filter((entry) => pattern.test(entry));
  if (hits.length > 0) problems.push(`contains ${what}: ${hits.slice(0, 5).join(', ')}${hits.length > 5 ? ', …' : ''}`);
}

const packagedManifest = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8'));
if (packagedManifest.main !== 'out/main/index.js') problems.push(`package.json main is ${JSON.stringify(packagedManifest.main)}, not "out/main/index.js"`);

// A sandboxed preload can require only 'electron' (and a few built-in polyfills).
const preload = asar.extractFile(asarPath, 'out/preload/index.cjs').toString('utf8');
const preloadRequires = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/gu)].map((match) => match[1]);
const badRequires = preloadRequires.filter((name) => name !== 'electron');
if (badRequires.length > 0) problems.push(`the sandboxed preload requires ${badRequires.join(', ')}`);
if (preload.length > 50_000) console.warn(`warning: the preload is ${preload.length} bytes; did zod get bundled into it?`);

const nodeModules = entries.filter((entry) => /^\/node_modules\/[^/]+$/u.test(entry) || /^\/node_modules\/@[^/]+\/[^/]+$/u.test(entry));
const size = statSync(asarPath).size;
const files = entries.filter((entry) => {
  try {
    return !asar.statFile(asarPath, entry.slice(1)).files;
  } catch {
    return true;
  }
}).length;

console.log(`\napp.asar: ${asarPath}${keep ? '' : ' (temporary)'}`);
console.log(`  size: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes), ${files} files`);
console.log(`  node_modules packages: ${nodeModules.length === 0 ? 'none' : nodeModules.map((m) => m.slice('/node_modules/'.length)).join(', ')}`);
console.log(`  preload requires: ${[...new Set(preloadRequires)].join(', ') || 'nothing'} (${preload.length} bytes)`);

if (problems.length > 0) {
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  fail(`${problems.length} problem(s) in app.asar`);
}
console.log('pack:dir OK: files and asar configuration checked (installers need the real Electron download).');
