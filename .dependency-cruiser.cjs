// Import rules checked by `npm run lint` (dependency-cruiser): no cycles, and arrows only downward —
// shared ← connectors ← extension / scripts. ESLint's no-restricted-imports keeps the same layering
// per file as you type; this checks the whole graph, including cycles ESLint cannot see.

/**
 * One row per floor rule: its name, the folder it governs (`from`, with folders it excepts as `except`),
 * the folders that folder may not import (`notInto`), and why.
 */
const FLOORS = [
  {
    name: 'shared-is-the-floor',
    from: 'shared',
    notInto: ['connectors', 'extension', 'scripts', 'test'],
    why: 'shared/ is the pure core: it imports nothing from connectors, the extension, scripts or tests.',
  },
  {
    name: 'connectors-above-shared-only',
    from: 'connectors',
    notInto: ['extension', 'scripts', 'test'],
    why: 'A connector depends on shared/ only, never on the extension, scripts or tests.',
  },
  {
    name: 'extension-not-scripts',
    from: 'extension',
    notInto: ['scripts', 'test'],
    why: 'The extension and the CLI are siblings on the top floor.',
  },
  {
    name: 'scripts-not-extension',
    from: 'scripts',
    except: 'scripts/bench',
    notInto: ['extension', 'test'],
    why: 'The extension and the CLI are siblings on the top floor; only benchmarks may drive the test mocks.',
  },
  {
    name: 'benchmarks-not-extension',
    from: 'scripts/bench',
    except: 'scripts/bench/dashboard',
    notInto: ['extension'],
    why: "Benchmarks measure the CLI and the connectors; only the dashboard's benchmarks run the extension's background code.",
  },
  {
    name: 'processes-not-render',
    from: 'shared/processes',
    notInto: ['shared/render'],
    why: 'Processes compute, shared/render/ lays out: a process returns data and never imports an output format.',
  },
];

/** Folders as a path pattern: `^a/`, or `^(a|b)/` for several. */
const under = (folders) => (folders.length === 1 ? `^${folders[0]}/` : `^(${folders.join('|')})/`);

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
    ...FLOORS.map(({ name, from, except, notInto, why }) => ({
      name,
      severity: 'error',
      comment: why,
      from: { path: under([from]), ...(except ? { pathNot: under([except]) } : {}) },
      to: { path: under(notInto) },
    })),
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
