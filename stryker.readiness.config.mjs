// Mutation testing of the readiness and risk rules (`npm run test:mutation`; not part of CI). Measure one
// file at a time, e.g. `npm run test:mutation -- --mutate shared/processes/treatment.ts`: each mutated
// file is tested only by its own focused unit tests (FOCUSED below), never the whole suite and never the
// tests that spawn the CLI. Each mutant then runs only the tests that reach it (perTest coverage).

import { existsSync } from 'node:fs';

const dir = 'test/unit/processes';
/** The unit tests that state each file's rules. */
const FOCUSED = {
  'shared/processes/risk-method.ts': [
    'risk-method.test.ts',
    'risk-method-rules.test.ts',
    'mutation-gaps.test.ts',
    'risk-assessment.test.ts',
  ],
  'shared/processes/treatment.ts': ['treatment.test.ts', 'treatment-rules.test.ts', 'mutation-gaps.test.ts'],
  'shared/processes/reassessment.ts': [
    'reassessment.test.ts',
    'reassessment-rules.test.ts',
    'trigger-lifecycle.test.ts',
    'mutation-gaps.test.ts',
  ],
  'shared/processes/readiness.ts': [
    'readiness.test.ts',
    'readiness-rules.test.ts',
    'roadmap-checks.test.ts',
    'readiness-doc.test.ts',
    'readiness-stages.test.ts',
    'mutation-gaps.test.ts',
  ],
};

// `--mutate a.ts,b.ts` (or `-m`) on the command line narrows both the mutants and the tests. The tests
// reach Vitest through the environment (vitest.mutation.config.ts reads it), not Stryker's `testFiles`:
// with `testFiles`, Stryker 9 activates a module-level (static) mutant only after its module has loaded,
// so such mutants would pass for survivors whatever the tests do.
const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--mutate' || a === '-m');
// A pattern may carry a line range (`file.ts:120-140`): the tests are those of the file.
const asked =
  at >= 0
    ? [...new Set(args[at + 1].split(',').map((p) => p.replace(/:[\d:-]+$/, '')))]
    : Object.keys(FOCUSED);
const tests = [...new Set(asked.flatMap((file) => FOCUSED[file] ?? []))].map((f) => `${dir}/${f}`);
// A renamed test file must not silently drop out of the run.
for (const file of tests) if (!existsSync(file)) throw new Error(`mutation testing: no test file ${file}`);
process.env.AIMS_MUTATION_TESTS = tests.join(',');
// Runs of different files keep their own sandbox and report, so two can run at once.
const name = asked.map((f) => f.replace(/^.*\//, '').replace(/\.ts$/, '')).join('+');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: Object.keys(FOCUSED),
  coverageAnalysis: 'perTest',
  // No incremental mode: with the Vitest runner it reused survivors' results even when a new test killed
  // them, so every figure comes from a full run.
  // The machine running this is usually shared; one or two workers keep it usable.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `.stryker-report/${name}.json` },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: `.stryker-tmp/${name}`,
  ignorePatterns: ['/.stryker-tmp', '/.stryker-report'],
  cleanTempDir: 'always',
};
