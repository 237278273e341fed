import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4317);
/** A real center process (embedded PGlite in memory) for the sync tests. */
export const CENTER_PORT = Number(process.env.E2E_CENTER_PORT ?? PORT + 1);
export const CENTER_ADMIN_TOKEN = 'e2e-admin-token';
/** Specs that talk to the shared center process above: they load bundles and enrol laptops there, so they never run side by side. */
const SHARED_CENTER_SPECS = /\/(backup-restore|dashboard|sync|sync-two-laptops|sync-usb|training-room)\.spec\.ts$/u;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Three browsers at once on CI's 2 cores: a test spends most of its time waiting (page loads,
  // strict-durability IndexedDB writes, expect's polling), not computing. Measured on a shared
  // 2-core machine, full suite, same code, one run each (others' load 10-23): 2 workers 13.8 min
  // (825 s, 117 s of it retries), 3 workers 9.8 min (585 s); summed test time 1480 vs 1531 s.
  // The specs that share the one center process still run one at a time in their own project.
  // E2E_WORKERS=1 runs everything in one line, as before.
  workers: Number(process.env.E2E_WORKERS ?? 3),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: `node scripts/serve.mjs --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `npx tsx center/src/cli.ts serve --port ${CENTER_PORT} --data-dir :memory: --admin-token ${CENTER_ADMIN_TOKEN}`,
      url: `http://127.0.0.1:${CENTER_PORT}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: { CENTER_LOG_LEVEL: 'warn' },
    },
  ],
  projects: [
    // First, so its one-at-a-time line starts at once beside the other worker instead of trailing at the end.
    { name: 'chromium-center', testMatch: SHARED_CENTER_SPECS, workers: 1 },
    { name: 'chromium', testIgnore: [/electron\.spec\.ts/u, SHARED_CENTER_SPECS] },
    { name: 'electron', testMatch: /electron\.spec\.ts/u },
  ],
});
