// Vitest as Stryker runs it (stryker.readiness.config.mjs picks each mutated file's focused tests from
// these): the process unit tests, without the file-workspace lifecycle test, which spawns the CLI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/processes/**/*.test.ts'],
    exclude: ['test/unit/processes/lifecycle.test.ts', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
