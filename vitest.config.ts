import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default leaves one core for the runner (1 worker on a 2-core CI machine);
    // the runner mostly waits, so use every core: the suite is CPU-bound.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
