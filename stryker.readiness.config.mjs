// Mutation testing of the readiness and risk rules (`npm run test:mutation`; not part of CI). Scope one
// file with `npm run test:mutation -- --mutate shared/processes/treatment.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'shared/processes/readiness.ts',
    'shared/processes/reassessment.ts',
    'shared/processes/risk-method.ts',
    'shared/processes/treatment.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.stryker-report/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
