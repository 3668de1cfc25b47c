// The unit tests that exercise shared/register/, for mutation testing (stryker.config.mjs): the
// chain, verify, both back-ends' contract tests and the Dexie tamper suite. The tests that go through
// the CLI or real processes (the demo-workspace tamper suite, lock, concurrency and crash tests)
// are left out: they exercise the same register code behind seconds of set-up per run, which
// mutation testing would repeat for every mutant. No WXT plugin: none of these tests needs it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/register/event-chain.test.ts',
      'test/unit/register/verify.test.ts',
      'test/unit/register/register-core.test.ts',
      'test/unit/register/dexie-register.test.ts',
      'test/unit/register/workspace-register.test.ts',
      'test/unit/register/tamper-dexie.test.ts',
    ],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 60_000,
  },
});
