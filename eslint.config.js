// Lint rules, including the layering rule: shared ← connectors ← extension / scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const banImports = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group: [group], message })) }],
});

const upward = (layers) => layers.map((l) => `**/${l}/**`);

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.wxt',
      'dist',
      'test/fixtures',
      '.bench',
      'coverage',
      'reports',
      '.stryker-tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // CommonJS configuration files (dependency-cruiser's).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Floor 1: the pure domain core. No I/O, no clock, no randomness it was not handed.
    files: ['shared/**/*.ts'],
    rules: {
      ...banImports(
        [
          ...upward(['connectors', 'extension', 'scripts', 'test']),
          'node:*',
          'fs',
          'path',
          'crypto',
          'os',
          'child_process',
          'wxt',
          'webextension-polyfill',
          'dexie',
          'react',
        ],
        'shared/ is the pure domain core: it may not import upper layers or platform APIs.',
      ),
      'no-restricted-globals': [
        'error',
        ...[
          'fetch',
          'XMLHttpRequest',
          'WebSocket',
          'window',
          'self',
          'globalThis',
          'document',
          'navigator',
          'chrome',
          'browser',
          'process',
          'indexedDB',
          'localStorage',
          'sessionStorage',
          'caches',
        ].map((name) => ({ name, message: 'shared/ is pure: pass platform services in.' })),
        // Clocks, timers and randomness by another name than Date.now / Math.random.
        ...['performance', 'setTimeout', 'setInterval', 'setImmediate', 'crypto'].map((name) => ({
          name,
          message: 'shared/ takes the clock, timers and randomness as parameters.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ takes the clock as a parameter.' },
        { object: 'Math', property: 'random', message: 'shared/ takes randomness as a parameter.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // `new Date()` and `Date()` read the clock; `new Date(value)` only converts what it was given.
          selector:
            "NewExpression[callee.name='Date'][arguments.length=0], CallExpression[callee.name='Date']",
          message: 'shared/ takes the clock as a parameter: pass `now` in.',
        },
        {
          selector: 'ImportExpression[source.value=/^(node:|fs$|path$|os$|crypto$|child_process$)/]',
          message: 'shared/ is pure: no platform module, not even loaded lazily.',
        },
      ],
    },
  },
  {
    // Floor 2: connectors may use shared/ only.
    files: ['connectors/**/*.ts'],
    rules: banImports(
      upward(['extension', 'scripts', 'test']),
      'connectors/ depend on shared/ only, never on the extension or scripts.',
    ),
  },
  {
    files: ['extension/**/*.{ts,tsx}'],
    rules: banImports(upward(['scripts', 'test']), 'the extension may not import scripts/ or test/.'),
  },
);
