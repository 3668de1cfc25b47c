// Vitest as Stryker runs it: only the process tests, which are the ones that exercise the mutated files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/processes/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
