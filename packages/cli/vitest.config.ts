import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test runs the CLI, which starts servers as subprocesses (list starts one per toolset): generous
    // limits for a loaded two-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
