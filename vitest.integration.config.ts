import { defineConfig } from 'vitest/config';

/** The center against PGlite (in memory) and the real PostgreSQL: `npm run test:integration`. */
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    // One migrated PGlite made once; every in-memory center of the run starts from it.
    globalSetup: ['tests/integration/pglite-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Four files at once on CI's 2 cores: much of a file's time is spent waiting (PostgreSQL, a child
    // center starting, shutdown grace timers). Each file has its own database and free ports.
    maxWorkers: 4,
  },
});
