// The unit tests that exercise shared/register/, for mutation testing (stryker.config.mjs).
// The process-level concurrency and crash tests are left out: they test the file workspace's
// locking and recovery, not the register's logic, and take most of a minute.
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/register/**/*.test.ts', 'test/unit/background/**/*.test.ts'],
    exclude: ['test/unit/register/workspace-concurrency.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 60_000,
  },
});
