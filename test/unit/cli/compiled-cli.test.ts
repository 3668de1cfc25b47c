// The compiled CLI: commands load lazily, the entry's static import graph holds no command, and the
// packed package runs with production dependencies only.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build-cli.mjs';
import { COMMANDS } from '../../../scripts/cli/commands';
import { loadedInputs } from '../../support/bundled-cli';
import { tempDir } from '../../support/temp';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('command index', () => {
  it('names and summarises each command exactly as its module does', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });
});

describe('compiled CLI', () => {
  it("keeps every command out of the entry's static import graph", async () => {
    const outdir = tempDir('cli-build');
    const { entry, metafile } = await buildCli({ outdir, metafile: true });
    expect(metafile).toBeDefined();
    const outputs = metafile!.outputs;
    const key = (file: string) => relative(ROOT, file);
    const entryKey = Object.keys(outputs).find((o) => resolve(ROOT, o) === entry);
    expect(entryKey).toBeDefined();

    // Everything Node loads before any command runs: the entry and its static imports, transitively.
    const eagerInputs = loadedInputs(outputs, entryKey!);
    expect(eagerInputs.some((i) => i.endsWith('scripts/cli/main.ts'))).toBe(true);
    // No command module and none of the domain core's processes or the register load for --help.
    const heavy = eagerInputs.filter((i) =>
      /scripts\/cli\/commands\/(?!index\.ts)|shared\/(processes|register|discovery)\//.test(i),
    );
    expect(heavy).toEqual([]);
    // The workspace listing started before a read command loads is the only workspace code loaded before
    // a command runs: two small modules, no schemas, no zod, nothing of the register's back-end.
    const workspace = eagerInputs.filter((i) => /connectors\//.test(i));
    expect(workspace.sort()).toEqual([
      'connectors/local/workspace/kind-listing.ts',
      'connectors/local/workspace/layout.ts',
    ]);
    expect(eagerInputs.filter((i) => /node_modules\/zod\/|shared\/(model|schemas?)\//.test(i))).toEqual([]);
    // Each command is a chunk of its own that the entry imports dynamically.
    const dynamic = (outputs[entryKey!]?.imports ?? []).filter((i) => i.kind === 'dynamic-import');
    expect(dynamic.length).toBeGreaterThanOrEqual(COMMANDS.length);
    expect(readdirSync(outdir)).toContain('scan-worker.mjs');
    expect(key(entry)).toMatch(/aims\.mjs$/);
  });

  it('loads no discovery code for the read-only commands (no scanner, no YAML or TOML parser)', async () => {
    const outdir = tempDir('cli-build');
    const { metafile } = await buildCli({ outdir, metafile: true });
    const outputs = metafile!.outputs;
    // What Node loads for a command: its chunk and that chunk's static imports, transitively.
    const closure = (command: string) => {
      const start = Object.keys(outputs).find((o) =>
        outputs[o]?.entryPoint?.endsWith(`scripts/cli/commands/${command}.ts`),
      );
      expect(start, command).toBeDefined();
      return loadedInputs(outputs, start!);
    };
    // A format option used to import its byte limit through the scanner's index, which loaded the whole
    // scanner and both config parsers into every read command. The limit alone is all they need.
    const discovery =
      /connectors\/local\/scan\/|shared\/discovery\/(?!limits\.ts)|node_modules\/(yaml|smol-toml)\//;
    for (const command of ['readiness', 'soa', 'calendar', 'status']) {
      const inputs = closure(command);
      expect(inputs.some((i) => i.endsWith(`scripts/cli/commands/${command}.ts`))).toBe(true);
      expect(
        inputs.filter((i) => discovery.test(i)),
        command,
      ).toEqual([]);
    }
    // string-width (its Unicode property patterns took ~20 ms to build) loads on the first cell that needs it.
    for (const command of ['readiness', 'soa', 'calendar', 'status'])
      expect(closure(command).filter((i) => /node_modules\/string-width\//.test(i))).toEqual([]);
    // The scan command itself still loads them (the check above would pass on an empty closure otherwise).
    expect(closure('scan').some((i) => discovery.test(i))).toBe(true);
  });

  it('answers --help from the compiled entry without a TypeScript loader', () => {
    const outdir = tempDir('cli-help');
    return buildCli({ outdir }).then(({ entry }) => {
      const run = spawnSync(process.execPath, [entry, '--help'], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      for (const c of COMMANDS) expect(run.stdout).toContain(`  ${c.name}`);
      const bad = spawnSync(process.execPath, [entry, 'verify', '--workspace', join(outdir, 'none')], {
        encoding: 'utf8',
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toMatch(/^aims verify: /);
    });
  });
});

describe('packed package', () => {
  it('runs from its tarball with production dependencies only, and ships no TypeScript', () => {
    const packDir = tempDir('pack');
    const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(pack.status, pack.stderr).toBe(0);
    const [report] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const shipped = report!.files.map((f) => f.path);
    expect(shipped).toContain('dist/cli/aims.mjs');
    expect(shipped).toContain('dist/cli/scan-worker.mjs');
    expect(shipped.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.mts'))).toEqual([]);

    // Laid out as npm installs a dependency: the package under node_modules/, and beside it only
    // the lockfile's production dependencies (copied from the local install: tests use no network).
    const app = tempDir('installed');
    const pkgDir = join(app, 'node_modules', 'aims-lens');
    mkdirSync(pkgDir, { recursive: true });
    const untar = spawnSync('tar', [
      '-xzf',
      join(packDir, report!.filename),
      '-C',
      pkgDir,
      '--strip-components=1',
    ]);
    expect(untar.status).toBe(0);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean }>;
    };
    const production = Object.entries(lock.packages).filter(
      ([path, meta]) => path.startsWith('node_modules/') && !meta.dev && existsSync(join(ROOT, path)),
    );
    expect(production.some(([path]) => path === 'node_modules/tsx')).toBe(false);
    expect(production.some(([path]) => path === 'node_modules/typescript')).toBe(false);
    for (const [path] of production) cpSync(join(ROOT, path), join(app, path), { recursive: true });
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);

    const aims = (args: string[]) =>
      spawnSync(process.execPath, [join(pkgDir, 'bin/aims.mjs'), ...args], { cwd: app, encoding: 'utf8' });
    // No sources beside it: the bin runs what the package ships, with no stale-build check or notice.
    expect(shipped).not.toContain('scripts/cli-build-stamp.mjs');
    const help = aims(['--help']);
    expect(help).toMatchObject({ status: 0, stderr: '' });
    const demo = aims(['demo', '--workspace', join(app, 'ws')]);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('Harbor Mutual');
    expect(demo.stdout).toContain('hash chain OK');
    expect(aims(['verify', '--workspace', join(app, 'ws')]).status).toBe(0);
    // The one external dependency (the CycloneDX library) resolves from the installed tree.
    const bom = aims(['scan', join(ROOT, 'test/fixtures/corpus'), '--format', 'cyclonedx']);
    expect(bom.status, bom.stderr).toBe(0);
    expect(JSON.parse(bom.stdout)).toMatchObject({ bomFormat: 'CycloneDX' });
  }, 240_000);
});
