// One set-up per kind of test resource, so a fix to it (a clean-up, a timeout, a flag) reaches every
// test: browser tests launch the extension and run axe-core only through the shared fixture
// (test/e2e/support/fixture.ts), and test helpers make temporary folders only through tempDir.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

const filesIn = (dir: string, pattern: RegExp) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => pattern.test(name))
    .map((name) => `${dir}/${name}`);

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('shared test set-up', () => {
  it('no browser test launches the extension or loads axe-core itself', () => {
    const own = filesIn('test/e2e', /\.e2e\.ts$/).filter((file) =>
      /\blaunchExtension\s*\(|launchPersistentContext|resolve\(\s*['"]axe-core/.test(read(file)),
    );
    expect(own).toEqual([]);
  });

  it('no test helper makes a temporary folder of its own; they use tempDir', () => {
    const own = filesIn('test/support', /\.ts$/)
      .filter((file) => file !== 'test/support/temp.ts')
      .filter((file) => /\bmkdtemp(?:Sync)?\(/.test(read(file)));
    expect(own).toEqual([]);
  });
});
