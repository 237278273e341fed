import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    // Three files at once on CI's 2 cores (102 → 63 s measured): a file spends much of its time
    // loading modules and waiting on timers and IndexedDB callbacks, not computing.
    maxWorkers: 3,
  },
});
