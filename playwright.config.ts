import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4317);
/** A real center process (embedded PGlite in memory) for the sync tests. */
export const CENTER_PORT = Number(process.env.E2E_CENTER_PORT ?? PORT + 1);
export const CENTER_ADMIN_TOKEN = 'e2e-admin-token';

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
  workers: 1,
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
    { name: 'chromium', testIgnore: /electron\.spec\.ts/u },
    { name: 'electron', testMatch: /electron\.spec\.ts/u },
  ],
});
