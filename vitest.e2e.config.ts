import { defineConfig } from 'vitest/config';

// Browser tests: a real headless Chromium with the built extension loaded.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // The JSON report feeds CI's one-line summary.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report/e2e.json' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
