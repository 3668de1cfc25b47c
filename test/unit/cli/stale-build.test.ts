// A source checkout never runs a compiled CLI older than its sources: bin/aims.mjs compares the build
// stamp with the sources' modification times and, when any is newer (or gone, or the stamp is), runs
// the TypeScript with a one-line notice. Run in a copy of the checkout, so no real source is touched.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAMP_FILE, staleBuildReason } from '../../../scripts/cli-build-stamp.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const NOTICE =
  /^aims: dist\/cli is older than the sources \((.+)\): running the TypeScript instead; npm run build:cli compiles it again\n$/;

/** A checkout: the CLI's sources, the bin, the manifests; dependencies linked, not copied. */
function copyCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aims-checkout-'));
  for (const part of ['bin', 'scripts', 'shared', 'connectors', 'package.json', 'package-lock.json']) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  // Only what tsx needs of the TypeScript settings (the real file extends WXT's generated one).
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx' } }),
  );
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const run = (dir: string, args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'bin/aims.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
const build = (dir: string) => {
  const built = spawnSync(process.execPath, [join(dir, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
};
/**
 * Sets a file's modification time `ms` after the build started (negative: before). A few ms is enough
 * to be newer, and stays older than the start of any later build.
 */
const ageAgainstBuild = (dir: string, file: string, ms: number) => {
  const { builtAtMs } = JSON.parse(readFileSync(join(dir, 'dist/cli', STAMP_FILE), 'utf8')) as {
    builtAtMs: number;
  };
  const at = new Date(builtAtMs + ms);
  utimesSync(join(dir, file), at, at);
};

describe('a stale compiled CLI in a source checkout', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyCheckout();
    build(dir);
  }, 120_000);

  it('runs the build silently while every source is older than it', () => {
    const help = run(dir, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    expect(staleBuildReason(dir, join(dir, 'dist/cli'))).toBeUndefined();
  });

  it('after an edit, runs the edited TypeScript with a one-line notice naming the file; a rebuild silences it', () => {
    const index = 'scripts/cli/commands/index.ts';
    const source = readFileSync(join(dir, index), 'utf8');
    const before = 'Create an empty AIMS workspace';
    expect(source).toContain(before);
    writeFileSync(join(dir, index), source.replace(before, 'Make a brand-new AIMS workspace'));
    ageAgainstBuild(dir, index, 5);

    const edited = run(dir, ['--help']);
    expect(edited.status, edited.stderr).toBe(0);
    expect(edited.stdout).toContain('Make a brand-new AIMS workspace');
    expect(edited.stdout).not.toContain(before);
    expect(edited.stderr).toMatch(NOTICE);
    expect(NOTICE.exec(edited.stderr)?.[1]).toBe(`${index} changed after it was built`);

    build(dir);
    const rebuilt = run(dir, ['--help']);
    expect(rebuilt).toMatchObject({ status: 0, stderr: '' });
    expect(rebuilt.stdout).toContain('Make a brand-new AIMS workspace');
  }, 120_000);

  it('a change in a shared module the CLI bundles counts too, and so do a dependency update and the build settings', () => {
    ageAgainstBuild(dir, 'shared/model/base.ts', 5);
    expect(NOTICE.exec(run(dir, ['--help']).stderr)?.[1]).toBe(
      'shared/model/base.ts changed after it was built',
    );
    ageAgainstBuild(dir, 'shared/model/base.ts', -60_000);
    ageAgainstBuild(dir, 'package-lock.json', 5);
    expect(staleBuildReason(dir, join(dir, 'dist/cli'))).toBe('package-lock.json changed after it was built');
    ageAgainstBuild(dir, 'package-lock.json', -60_000);
    ageAgainstBuild(dir, 'scripts/build-cli.mjs', 5);
    expect(staleBuildReason(dir, join(dir, 'dist/cli'))).toBe(
      'scripts/build-cli.mjs changed after it was built',
    );
    ageAgainstBuild(dir, 'scripts/build-cli.mjs', -60_000);
    expect(staleBuildReason(dir, join(dir, 'dist/cli'))).toBeUndefined();
  });

  it('a deleted source, a missing stamp and a garbled stamp are never trusted', () => {
    const stamp = join(dir, 'dist/cli', STAMP_FILE);
    const saved = readFileSync(stamp, 'utf8');
    const { inputs } = JSON.parse(saved) as { inputs: string[] };
    writeFileSync(stamp, JSON.stringify({ builtAtMs: Date.now(), inputs: [...inputs, 'shared/deleted.ts'] }));
    expect(staleBuildReason(dir, join(dir, 'dist/cli'))).toBe('shared/deleted.ts is gone');
    for (const garbled of [
      '{"builtAtMs":"soon","inputs":[]}',
      '{"builtAtMs":1,"inputs":[7]}',
      'null',
      '\u0000\u00ff',
    ]) {
      writeFileSync(stamp, garbled);
      expect(staleBuildReason(dir, join(dir, 'dist/cli'))).toBe('its build stamp is unreadable');
    }
    rmSync(stamp);
    const unstamped = run(dir, ['--help']);
    expect(unstamped.status).toBe(0);
    expect(NOTICE.exec(unstamped.stderr)?.[1]).toBe('it has no build stamp');
    writeFileSync(stamp, saved);
  }, 60_000);
});
