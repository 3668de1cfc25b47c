// `npm run lint` runs dependency-cruiser over the whole import graph: an import cycle or an import up the
// floors (shared ← connectors ← extension / scripts) fails it. Proven on throwaway trees, with the repo's
// own configuration and the same command line the lint script runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules', '.bin', 'depcruise');
const RULES = (createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string }[] }).forbidden.map(
  (r) => r.name,
);
const SCRIPTS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

function tree(files: Record<string, string>): string {
  const root = tempDir('deps');
  const all = {
    'tsconfig.json': '{"compilerOptions":{"module":"esnext","moduleResolution":"bundler"}}',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The lint script's dependency check, run in `cwd` over the folders that exist there. */
function check(cwd: string, folders: string[]): { code: number | null; out: string } {
  const run = spawnSync(BIN, ['--config', CONFIG, ...folders], { cwd, encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('dependency rules in npm run lint', () => {
  it('are part of the lint script, over every floor', () => {
    expect(SCRIPTS.lint).toContain('npm run lint:deps');
    expect(SCRIPTS['lint:deps']).toBe(
      'depcruise --config .dependency-cruiser.cjs shared connectors extension scripts',
    );
  });

  it('fail on an import cycle, even one made of type imports', () => {
    const root = tree({
      'shared/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
      'shared/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
    });
    const result = check(root, ['shared']);
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('no-cycles');
    expect(result.out).toContain('shared/a.ts');
  });

  it('fail on a wrong-way import: the core reaching a connector, a connector reaching the CLI', () => {
    const root = tree({
      'shared/core.ts': "import { token } from '../connectors/github/client';\nexport const t = token;\n",
      'connectors/github/client.ts':
        "import { main } from '../../scripts/cli/main';\nexport const token = main;\n",
      'scripts/cli/main.ts': 'export const main = 1;\n',
    });
    const result = check(root, ['shared', 'connectors', 'scripts']);
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('shared-is-the-floor');
    expect(result.out).toContain('connectors-above-shared-only');
  });

  it('fail when the core imports a Node built-in', () => {
    const root = tree({
      'shared/io.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    });
    expect(check(root, ['shared']).out).toContain('shared-no-platform');
  });

  it('fail when a clause process imports an output format', () => {
    const root = tree({
      'shared/render/csv.ts': 'export const toCsv = (s: string) => s;\n',
      'shared/processes/soa.ts': "import { toCsv } from '../render/csv';\nexport const soa = toCsv('');\n",
    });
    const result = check(root, ['shared']);
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('processes-not-render');
  });

  it('pass on the downward direction', () => {
    const root = tree({
      'shared/model.ts': 'export const m = 1;\n',
      'shared/processes/soa.ts': "import { m } from '../model';\nexport const soa = m;\n",
      'shared/render/soa.ts': "import { soa } from '../processes/soa';\nexport const csv = soa;\n",
      'connectors/local/scan.ts': "import { m } from '../../shared/model';\nexport const s = m;\n",
      'scripts/cli/main.ts': "import { s } from '../../connectors/local/scan';\nexport const main = s;\n",
    });
    expect(check(root, ['shared', 'connectors', 'scripts']).code).toBe(0);
  });

  it('pass on this repository, so the lint step CI runs does not fail on a rule no test looked at', () => {
    const { code, out } = check(ROOT, ['shared', 'connectors', 'extension', 'scripts']);
    expect(out).toContain('no dependency violations found');
    expect(code).toBe(0);
  });
});

/** Every floor rule broken once per folder it keeps out: [rule, importing file, imported file]. */
const BREACHES: [rule: string, from: string, to: string][] = [
  ['shared-is-the-floor', 'shared/core.ts', 'connectors/github/api.ts'],
  ['shared-is-the-floor', 'shared/core.ts', 'extension/background/handlers.ts'],
  ['shared-is-the-floor', 'shared/core.ts', 'scripts/cli/command.ts'],
  ['shared-is-the-floor', 'shared/core.ts', 'test/support/mock.ts'],
  ['connectors-above-shared-only', 'connectors/github/client.ts', 'extension/background/handlers.ts'],
  ['connectors-above-shared-only', 'connectors/github/client.ts', 'scripts/cli/command.ts'],
  ['connectors-above-shared-only', 'connectors/github/client.ts', 'test/support/mock.ts'],
  ['extension-not-scripts', 'extension/background/main.ts', 'scripts/cli/command.ts'],
  ['extension-not-scripts', 'extension/background/main.ts', 'test/support/mock.ts'],
  ['scripts-not-extension', 'scripts/cli/main.ts', 'extension/background/handlers.ts'],
  ['scripts-not-extension', 'scripts/cli/main.ts', 'test/support/mock.ts'],
  ['benchmarks-not-extension', 'scripts/bench/run.ts', 'extension/background/handlers.ts'],
  ['processes-not-render', 'shared/processes/soa.ts', 'shared/render/csv.ts'],
];
/** Imports the floors allow, made by the same files: none may be reported. */
const ALLOWED: [from: string, to: string][] = [
  ['scripts/bench/run.ts', 'test/support/mock.ts'],
  ['scripts/bench/run.ts', 'connectors/github/api.ts'],
  ['scripts/bench/dashboard/read-path.ts', 'extension/background/handlers.ts'],
  ['shared/core.ts', 'shared/render/csv.ts'],
];

describe('each floor rule in npm run lint', () => {
  let out = '';
  let code: number | null = null;
  beforeAll(() => {
    const files: Record<string, string> = {};
    const imports = new Map<string, string[]>();
    for (const [, from, to] of [
      ...BREACHES.map(([, f, t]) => ['', f, t] as const),
      ...ALLOWED.map(([f, t]) => ['', f, t] as const),
    ]) {
      files[to] = 'export const x = 1;\n';
      imports.set(from, [...(imports.get(from) ?? []), to]);
    }
    for (const [from, targets] of imports) {
      files[from] =
        targets
          .map((to, i) => {
            const spec = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '');
            return `import { x as x${i} } from '${spec.startsWith('.') ? spec : `./${spec}`}';\n`;
          })
          .join('') + `export const all = [${targets.map((_, i) => `x${i}`).join(', ')}];\n`;
    }
    ({ code, out } = check(tree(files), ['shared', 'connectors', 'extension', 'scripts']));
  });

  it.each([...new Set(BREACHES.map(([rule]) => rule))])('%s fails on every import it forbids', (rule) => {
    expect(code).not.toBe(0);
    for (const [name, from, to] of BREACHES.filter(([r]) => r === rule))
      expect(out).toContain(`error ${name}: ${from} → ${to}`);
  });

  it("reports nothing else: benchmarks may drive the test mocks, the dashboard's the background, the core its renderers", () => {
    for (const [from, to] of ALLOWED) expect(out).not.toContain(`${from} → ${to}`);
    expect(out.match(/^\s*error /gm)).toHaveLength(BREACHES.length);
  });

  it('covers every rule of the configuration (cycles and Node built-ins are proven above)', () => {
    expect(
      [...new Set([...BREACHES.map(([rule]) => rule), 'no-cycles', 'shared-no-platform'])].sort(),
    ).toEqual([...RULES].sort());
  });
});
