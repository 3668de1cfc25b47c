import { defineConfig } from 'vitest/config';

// Browser tests: a real headless Chromium with the built extension loaded.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // The JSON report feeds CI's one-line summary.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report/e2e.json' },
    // Generous for a 2-core CI machine running Chromium: each test waits on observable state with
    // its own polls (up to 60 s), so the test's own limit must sit above the longest of them.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
