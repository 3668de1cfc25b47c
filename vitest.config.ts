import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'test/fixtures/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    // The JSON report feeds CI's one-line summary.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report/unit.json' },
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
