import { defineConfig } from 'vitest/config';

/** The center against PGlite (in memory) and the real PostgreSQL: `npm run test:integration`. */
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
