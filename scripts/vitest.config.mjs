import { defineConfig } from 'vitest/config';

// The release checks (`pnpm test:release`): the packages as users receive them.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.mjs'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
