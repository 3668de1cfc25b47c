// Import rules checked by `npm run lint` (dependency-cruiser): no cycles, and arrows only downward —
// shared ← connectors ← extension / scripts. ESLint's no-restricted-imports keeps the same layering
// per file as you type; this checks the whole graph, including cycles ESLint cannot see.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one: split out what both need (a types file, a table).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-the-floor',
      severity: 'error',
      comment:
        'shared/ is the pure core: it imports nothing from connectors, the extension, scripts or tests.',
      from: { path: '^shared/' },
      to: { path: '^(connectors|extension|scripts|test)/' },
    },
    {
      name: 'connectors-above-shared-only',
      severity: 'error',
      comment: 'A connector depends on shared/ only, never on the extension, scripts or tests.',
      from: { path: '^connectors/' },
      to: { path: '^(extension|scripts|test)/' },
    },
    {
      name: 'extension-not-scripts',
      severity: 'error',
      comment: 'The extension and the CLI are siblings on the top floor.',
      from: { path: '^extension/' },
      to: { path: '^(scripts|test)/' },
    },
    {
      name: 'scripts-not-extension',
      severity: 'error',
      comment:
        'The extension and the CLI are siblings on the top floor; only benchmarks may drive the test mocks.',
      from: { path: '^scripts/', pathNot: '^scripts/bench/' },
      to: { path: '^(extension|test)/' },
    },
    {
      name: 'benchmarks-not-extension',
      severity: 'error',
      comment: 'Benchmarks measure the CLI and the connectors, not the extension.',
      from: { path: '^scripts/bench/' },
      to: { path: '^extension/' },
    },
    {
      name: 'processes-not-render',
      severity: 'error',
      comment:
        'Processes compute, shared/render/ lays out: a process returns data and never imports an output format.',
      from: { path: '^shared/processes/' },
      to: { path: '^shared/render/' },
    },
    {
      name: 'shared-no-platform',
      severity: 'error',
      comment: 'shared/ runs unchanged in a service worker, a page and Node: no Node built-ins.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt|dist|coverage|test/fixtures)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
