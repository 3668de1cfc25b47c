// Vitest as Stryker runs it: the focused unit tests stryker.readiness.config.mjs picks for the files it
// mutates (passed in AIMS_MUTATION_TESTS), by default the process unit tests; never the file-workspace
// lifecycle test, which spawns the CLI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: process.env.AIMS_MUTATION_TESTS?.split(',') ?? ['test/unit/processes/**/*.test.ts'],
    exclude: ['test/unit/processes/lifecycle.test.ts', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
