import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { IgnoreRules, loadRepoRules, walkTree } from '../../../connectors/local/scan';
import { initRepo, tempDir, writeTree } from './support';

const paths = async (root: string) => {
  const { prefix, rules } = loadRepoRules(root);
  return walkTree(root, { prefix, rules });
};

describe('walkTree', () => {
  it('honours nested .gitignore files, negation and folder rules', async () => {
    const root = tempDir();
    initRepo(root);
    writeTree(root, {
      '.gitignore': 'secret.py\ngenerated/\n*.tmp.py\n',
      'app.py': 'x = 1',
      'secret.py': 'x = 1',
      'generated/out.py': 'x = 1',
      'scratch.tmp.py': 'x = 1',
      'pkg/.gitignore': '!scratch.tmp.py\nlocal_*.py\n',
      'pkg/scratch.tmp.py': 'x = 1',
      'pkg/local_notes.py': 'x = 1',
      'pkg/module.py': 'x = 1',
      'other/local_notes.py': 'x = 1',
    });
    const { files } = await paths(root);
    expect(files.map((f) => f.path)).toEqual([
      'app.py',
      'other/local_notes.py',
      'pkg/module.py',
      'pkg/scratch.tmp.py',
    ]);
  });

  it('applies .gitignore files above the scanned folder and .git/info/exclude', async () => {
    const root = tempDir();
    initRepo(root);
    writeTree(root, {
      '.gitignore': 'ignored_everywhere.py\n',
      '.git/info/exclude': 'excluded.py\n',
      'apps/bot/main.py': 'x = 1',
      'apps/bot/ignored_everywhere.py': 'x = 1',
      'apps/bot/excluded.py': 'x = 1',
    });
    const { files } = await paths(join(root, 'apps/bot'));
    expect(files.map((f) => f.path)).toEqual(['main.py']);
  });

  it('scans a folder the repository ignores on its own terms', async () => {
    const root = tempDir();
    initRepo(root);
    writeTree(root, {
      '.gitignore': 'scratch/\n*.gen.py\n',
      'scratch/tool.py': 'x = 1',
      'scratch/a.gen.py': 'x = 1',
    });
    const { files } = await paths(join(root, 'scratch'));
    expect(files.map((f) => f.path)).toEqual(['a.gen.py', 'tool.py']);
  });

  it('skips dependency, build and cache folders wherever they are', async () => {
    const root = tempDir();
    writeTree(root, {
      'src/app.py': 'x = 1',
      'node_modules/openai/index.js': 'x',
      'web/node_modules/ai/index.js': 'x',
      '.venv/lib/site.py': 'x',
      'venv/lib/site.py': 'x',
      'vendor/lib.go': 'x',
      'dist/bundle.js': 'x',
      'build/out.py': 'x',
      'target/classes/A.java': 'x',
      '.git/hooks/pre-commit.py': 'x',
      'pkg/__pycache__/mod.py': 'x',
      '.tox/py/lib.py': 'x',
      '.next/server/page.js': 'x',
    });
    const { files } = await paths(root);
    expect(files.map((f) => f.path)).toEqual(['src/app.py']);
  });

  it('follows a symlinked folder once and never round a loop', async () => {
    const root = tempDir();
    const outside = tempDir('outside');
    writeTree(root, { 'a/b/deep.py': 'x = 1', 'real/lib.py': 'x = 1' });
    writeTree(outside, { 'far.py': 'x = 1' });
    symlinkSync(join(root, 'a'), join(root, 'a/b/loop'));
    symlinkSync('..', join(root, 'a/up'));
    symlinkSync(join(root, 'real'), join(root, 'alias'));
    symlinkSync(outside, join(root, 'escape'));
    const { files, warnings } = await paths(root);
    expect(files.map((f) => f.path)).toEqual(['a/b/deep.py', 'real/lib.py']);
    expect(warnings).toContain('a/b/loop: symlink loop, not followed');
    expect(warnings).toContain('a/up: symlink loop, not followed');
    expect(warnings).toContain('escape: symlink to a folder outside the scan target, not followed');
  });

  it('follows a symlinked folder whose target is not otherwise scanned', async () => {
    const root = tempDir();
    writeTree(root, { 'build/shared/util.py': 'x = 1' });
    symlinkSync(join(root, 'build/shared'), join(root, 'shared'));
    const { files } = await paths(root);
    expect(files.map((f) => f.path)).toEqual(['shared/util.py']);
  });

  it('warns about entries it cannot read and carries on', async () => {
    const root = tempDir();
    writeTree(root, { 'ok.py': 'x = 1' });
    execFileSync('mkfifo', [join(root, 'pipe.py')]);
    symlinkSync(join(root, 'gone.py.target'), join(root, 'gone.py'));
    symlinkSync('self.py', join(root, 'self.py'));
    const { files, warnings } = await paths(root);
    expect(files.map((f) => f.path)).toEqual(['ok.py']);
    expect(warnings).toEqual([
      'gone.py: broken symlink (ENOENT), skipped',
      'pipe.py: not a regular file, skipped',
      'self.py: broken symlink (ELOOP), skipped',
    ]);
  });

  it('warns about a folder it cannot list (when not running as root)', async () => {
    const root = tempDir();
    writeTree(root, { 'locked/inner.py': 'x = 1', 'ok.py': 'x = 1' });
    chmodSync(join(root, 'locked'), 0o000);
    try {
      const { files, warnings } = await paths(root);
      if (process.getuid?.() === 0) {
        // Root reads anything; the scan must still finish cleanly.
        expect(files.map((f) => f.path)).toContain('ok.py');
      } else {
        expect(files.map((f) => f.path)).toEqual(['ok.py']);
        expect(warnings).toEqual(['locked: unreadable folder (EACCES), skipped']);
      }
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });

  it('walks 1,000 nested folders without recursion limits', async () => {
    const root = tempDir();
    const deep = join(root, ...Array.from({ length: 1000 }, () => 'd'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'bottom.py'), 'x = 1');
    const { files } = await paths(root);
    expect(files).toHaveLength(1);
    expect(files[0]?.path.split('/')).toHaveLength(1001);
  });

  it('returns files in a stable, sorted order', async () => {
    const root = tempDir();
    writeTree(root, { 'b.py': '', 'a/z.py': '', 'a/b.py': '', 'B.py': '', 'a.py': '' });
    const { files } = await paths(root);
    expect(files.map((f) => f.path)).toEqual(['B.py', 'a.py', 'a/b.py', 'a/z.py', 'b.py']);
  });
});

describe('IgnoreRules', () => {
  it('lets a deeper .gitignore re-include what a shallower one ignored', () => {
    const rules = new IgnoreRules();
    rules.add('', '*.log.py\n');
    rules.add('keep', '!*.log.py\n');
    expect(rules.ignores('a.log.py', false)).toBe(true);
    expect(rules.ignores('keep/a.log.py', false)).toBe(false);
    expect(rules.ignores('other/a.log.py', false)).toBe(true);
  });

  it('matches case-sensitively, as git does on Linux', () => {
    const rules = new IgnoreRules();
    rules.add('', 'Secret.py\n');
    expect(rules.ignores('Secret.py', false)).toBe(true);
    expect(rules.ignores('secret.py', false)).toBe(false);
  });
});
