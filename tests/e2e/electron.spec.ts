/**
 * End to end through the real Electron app (out/main/index.js, built by `npm run build`), with a
 * fresh user-data folder. Skipped, with the reason, where Electron's binary is not installed (it is
 * downloaded lazily and this machine cannot download it); the browser build is covered by the other
 * e2e files.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The Electron executable, found the way node_modules/electron/index.js finds it, but without
 * calling it: `require('electron')` would try to download the binary when it is missing.
 */
function electronBinary(): { path: string } | { reason: string } {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { reason: 'the electron package is not installed' };
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'node_modules/electron/path.txt is missing (the binary was never downloaded)' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  return existsSync(path) ? { path } : { reason: `${path} does not exist` };
}

const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip('reason' in binary, `Electron binary not available here: ${'reason' in binary ? binary.reason : ''}`);

  let app: ElectronApplication;
  let page: Page;
  let userDataDir: string;

  test.beforeAll(async () => {
    if (!('path' in binary)) return;
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      if (!existsSync(join(repoRoot, built))) throw new Error(`${built} is missing: run \`npm run build\` before the Electron e2e test.`);
    }
    userDataDir = mkdtempSync(join(tmpdir(), 'precinct-desk-e2e-'));
    const args = [repoRoot, `--user-data-dir=${userDataDir}`];
    // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer's own
    // `sandbox: true` is unaffected by this switch.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    app = await electron.launch({ executablePath: binary.path, args, cwd: repoRoot, timeout: 30_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('opens one window on app://precinct-desk with the translated title (Kyrgyz by default)', async () => {
    const desktop = JSON.parse(readFileSync(join(repoRoot, 'locales/ky/desktop.json'), 'utf8')) as { windowTitle: string };
    await expect(page).toHaveTitle(desktop.windowTitle);
    expect(page.url()).toMatch(/^app:\/\/precinct-desk\//u);
    expect(app.windows()).toHaveLength(1);
  });

  test('exposes window.precinctDesk and no Node.js', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { precinctDesk?: Record<string, unknown> };
      return {
        bridge: typeof w.precinctDesk,
        methods: Object.keys(w.precinctDesk ?? {}).sort(),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    expect(globals).toEqual({
      bridge: 'object',
      methods: ['getAppInfo', 'printToPdf', 'saveFile'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
    });
    const info = await page.evaluate(() =>
      (window as unknown as { precinctDesk: { getAppInfo(): Promise<{ platform: string }> } }).precinctDesk.getAppInfo(),
    );
    expect(info.platform).toBe('electron');
  });

  test('serves the app with the Content-Security-Policy header', async () => {
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  test('refuses navigation to an external URL and new windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe(before);

    // An untrusted target: denied and not handed to the system browser either.
    const opened = await page.evaluate(() => window.open('file:///etc/passwd') === null);
    expect(opened).toBe(true);
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });
});
