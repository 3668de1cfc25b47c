// Git-aware scans: submodules are scanned or named (never silently dropped), the user's global
// excludes file counts as git counts it, and commit and listing scans state their denominator.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkTree, scanCommit } from '../../../connectors/local/git';
import { repositoryExcludes, scanDirectory } from '../../../connectors/local/scan';
import { scanRepositoryFiles } from '../../../shared/discovery/scan-files';
import { OPENAI_APP, commitAll, git, initRepo, tempDir, writeTree } from './support';

const SUBMODULE_SHA = '0123456789abcdef0123456789abcdef01234567';

/** A repository whose commit holds a gitlink at libs/prompts (never cloned), and one app. */
function repoWithSubmodule() {
  const root = tempDir('submodule');
  initRepo(root);
  writeTree(root, {
    '.gitmodules': '[submodule "prompts"]\n\tpath = libs/prompts\n\turl = https://example.com/prompts.git\n',
    'apps/bot/main.py': OPENAI_APP('gpt-4o'),
    'apps/bot/requirements.txt': 'openai==1.40.0\n',
  });
  git(root, 'add', '-A');
  git(root, 'update-index', '--add', '--cacheinfo', `160000,${SUBMODULE_SHA},libs/prompts`);
  git(root, 'commit', '-q', '-m', 'with a submodule');
  return { root, sha: git(root, 'rev-parse', 'HEAD') };
}

describe('git submodules', () => {
  it('names a submodule the work tree does not hold, and reports its folder as unknown', async () => {
    const { root } = repoWithSubmodule();
    const report = await scanDirectory(root, { target: 'r', threads: 1 });
    expect(report.warnings).toContain('libs/prompts: git submodule not checked out, not scanned');
    expect(report.coverage?.unknownFolders).toEqual(['libs/prompts']);
    expect(report.coverage?.skipped['git submodule (not scanned)']).toBe(1);
    expect(report.systems.map((s) => s.root)).toEqual(['apps/bot']);
  });

  it('scans the files of a checked-out submodule like any other folder', async () => {
    const { root } = repoWithSubmodule();
    writeTree(root, {
      'libs/prompts/.git': 'gitdir: ../../.git/modules/prompts\n',
      'libs/prompts/requirements.txt': 'anthropic==0.40.0\n',
      'libs/prompts/judge.py':
        'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="claude-3-5-haiku-20241022", max_tokens=9, messages=[])\n',
    });
    const report = await scanDirectory(root, { target: 'r', threads: 1 });
    expect(report.warnings.filter((w) => w.includes('submodule'))).toEqual([]);
    expect(report.systems.flatMap((s) => s.models.map((m) => m.id))).toContain('claude-3-5-haiku-20241022');
  });

  it('names a gitlink in a commit scan and counts it in the coverage', async () => {
    const { root, sha } = repoWithSubmodule();
    const report = await scanCommit(await openWorkTree(root), sha, { target: 'c' });
    expect(report.warnings).toContain(
      `libs/prompts: git submodule at ${SUBMODULE_SHA.slice(0, 12)}, not scanned`,
    );
    expect(report.coverage).toMatchObject({
      read: 2,
      skipped: { 'git submodule (not scanned)': 1, 'no detector reads it': 1 },
      unknownFolders: ['libs/prompts'],
    });
  });

  it('names a submodule in a listing scan (the GitHub API lists it as a commit entry)', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const report = scanRepositoryFiles(
      [
        { path: 'app.py', bytes: bytes(OPENAI_APP('gpt-4o')) },
        { path: 'third_party/evals', bytes: new Uint8Array(0), submodule: SUBMODULE_SHA },
        { path: 'docs/logo.svg', bytes: bytes('<svg/>') },
        { path: 'link.py', bytes: bytes('x'), symlink: true },
      ],
      { target: 'api' },
    );
    expect(report.coverage).toEqual({
      read: 1,
      skipped: {
        'git submodule (not scanned)': 1,
        'no detector reads it': 1,
        'symbolic link (not followed in a listing)': 1,
      },
      unreadable: 0,
      unknownFolders: ['third_party/evals'],
    });
  });
});

describe('the global excludes file', () => {
  const saved = { ...process.env };
  let home: string;
  beforeEach(() => {
    home = tempDir('gitconfig');
    // Isolate git from the machine's own configuration.
    process.env['GIT_CONFIG_GLOBAL'] = join(home, 'gitconfig');
    process.env['GIT_CONFIG_NOSYSTEM'] = '1';
    process.env['XDG_CONFIG_HOME'] = join(home, 'xdg');
    writeFileSync(join(home, 'gitconfig'), '');
  });
  afterEach(() => {
    for (const key of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'XDG_CONFIG_HOME']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  function repo(): string {
    const root = tempDir('excludes');
    initRepo(root);
    writeTree(root, {
      'apps/bot/main.py': OPENAI_APP('gpt-4o'),
      'apps/bot/requirements.txt': 'openai==1.40.0\n',
      'apps/bot/scratch_notes.py': OPENAI_APP('o3'),
    });
    return root;
  }

  it('honours core.excludesFile in a folder scan, as git status would', async () => {
    const root = repo();
    writeFileSync(join(home, 'my-ignore'), 'scratch_*.py\n');
    writeFileSync(join(home, 'gitconfig'), `[core]\n\texcludesFile = ${join(home, 'my-ignore')}\n`);
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).not.toContain('scratch_notes.py');
    const report = await scanDirectory(root, { target: 'r', threads: 1 });
    expect(report.systems.flatMap((s) => s.models.map((m) => m.id))).toEqual(['gpt-4o']);
    expect(report.coverage?.skipped['ignored (.gitignore)']).toBe(1);
  });

  it("falls back to git's default location, and lets .git/info/exclude and .gitignore negate it", async () => {
    const root = repo();
    mkdirSync(join(home, 'xdg', 'git'), { recursive: true });
    writeFileSync(join(home, 'xdg', 'git', 'ignore'), '*.py\n');
    writeFileSync(join(root, '.git', 'info', 'exclude'), '!main.py\n');
    expect(repositoryExcludes(root)).toEqual(['*.py\n', '!main.py\n']);
    const report = await scanDirectory(root, { target: 'r', threads: 1 });
    expect(report.systems.flatMap((s) => s.models.map((m) => m.id))).toEqual(['gpt-4o']);
  });

  it('applies to commit scans too, so aims diff compares like with like', async () => {
    const root = repo();
    const sha = commitAll(root, 'init');
    writeFileSync(join(home, 'my-ignore'), 'scratch_*.py\n');
    writeFileSync(join(home, 'gitconfig'), `[core]\n\texcludesFile = ${join(home, 'my-ignore')}\n`);
    const report = await scanCommit(await openWorkTree(root), sha, { target: 'c' });
    expect(report.systems.flatMap((s) => s.models.map((m) => m.id))).toEqual(['gpt-4o']);
  });

  it('reads only .git/info/exclude when no excludes file exists or the configured one is missing', () => {
    const root = repo();
    const infoExclude = readFileSync(join(root, '.git', 'info', 'exclude'), 'utf8');
    expect(repositoryExcludes(root)).toEqual([infoExclude]);
    writeFileSync(join(home, 'gitconfig'), `[core]\n\texcludesFile = ${join(home, 'absent')}\n`);
    expect(repositoryExcludes(root)).toEqual([infoExclude]);
  });
});
