// Mutation testing of the register and its hash chain: `npm run mutate:register` (not run in CI;
// it takes minutes). Each mutant of shared/register/ runs only the tests that cover it.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: ['shared/register/**/*.ts', '!shared/register/index.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/register.html' },
  jsonReporter: { fileName: 'reports/mutation/register.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
