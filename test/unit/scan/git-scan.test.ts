import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatFile, openWorkTree, parseLsTree, resolveCommit, scanCommit } from '../../../connectors/local/git';
import { scanDirectory } from '../../../connectors/local/scan';
import { OPENAI_APP, commitAll, git, initRepo, sansCoverage, tempDir, writeTree } from './support';

function repoWithContent() {
  const root = tempDir('git');
  initRepo(root);
  const weights = Buffer.alloc(300_000, 3);
  weights.write('GGUF', 0, 'latin1');
  writeTree(root, {
    '.gitignore': 'scratch/\n',
    'apps/bot/main.py': OPENAI_APP('gpt-4o'),
    'apps/bot/requirements.txt': 'openai==1.40.0\n',
    'apps/local/requirements.txt': 'llama-cpp-python==0.2.90\n',
    'apps/local/models/tiny.gguf': weights,
    'apps/big/huge.py': OPENAI_APP('gpt-4.1') + '#'.repeat(10_000),
    'node_modules/openai/index.js': 'module.exports = {}',
  });
  // Tracked despite .gitignore, as force-added files are; the work-tree walk never enters scratch/ either.
  writeTree(root, { 'scratch/try.py': OPENAI_APP('o3') });
  git(root, 'add', '-f', 'scratch/try.py');
  const sha = commitAll(root, 'initial');
  return { root, sha, weights };
}

describe('git blob scanning', () => {
  it('reports the same systems from a commit as from the checked-out tree', async () => {
    const { root, sha } = repoWithContent();
    const tree = await openWorkTree(root);
    const fromGit = await scanCommit(tree, sha, { target: 'x', maxBytes: 4096 });
    const fromDisk = await scanDirectory(root, { target: 'x', maxBytes: 4096 });
    expect(sansCoverage(fromGit)).toEqual(sansCoverage(fromDisk));
    // A commit scan states its denominator too: the same files read; the .git folder is no file of it.
    expect(fromGit.coverage?.read).toBe(fromDisk.coverage?.read);
    expect(fromGit.coverage?.unknownFolders).toEqual([]);
    // apps/big has no manifest, but its siblings are apps: it is one too.
    expect(fromGit.systems.map((s) => s.root)).toEqual(['apps/big', 'apps/bot', 'apps/local']);
  });

  it('bounds blob reads, names cut files, and hashes model files whole', async () => {
    const { root, sha, weights } = repoWithContent();
    const report = await scanCommit(await openWorkTree(root), sha, { maxBytes: 4096 });
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^apps\/big\/huge\.py: \d+ bytes, over the 4096-byte bound; read the first 4096 only$/,
      ),
    ]);
    const gguf = report.systems.flatMap((s) => s.models).find((m) => m.id === 'apps/local/models/tiny.gguf');
    expect(gguf?.contentHash).toBe(createHash('sha256').update(weights).digest('hex'));
  });

  it('scans only the given folder when run inside a repository', async () => {
    const { root, sha } = repoWithContent();
    const report = await scanCommit(await openWorkTree(join(root, 'apps/bot')), sha);
    expect(report.systems.map((s) => s.root)).toEqual(['.']);
    expect(report.systems[0]?.evidence.every((e) => !e.path.startsWith('apps/'))).toBe(true);
  });

  it('reuses per-file results for blobs unchanged between commits, with the same report', async () => {
    const { root, sha: base } = repoWithContent();
    writeTree(root, { 'apps/bot/main.py': OPENAI_APP('gpt-4.1') });
    const head = commitAll(root, 'swap');
    const tree = await openWorkTree(root);
    const cache = new Map();
    await scanCommit(tree, base, { cache });
    const entries = cache.size;
    const cached = await scanCommit(tree, head, { cache });
    expect(cache.size).toBe(entries + 1);
    expect(cached).toEqual(await scanCommit(tree, head));
  });

  it('resolves refs and rejects unknown ones', async () => {
    const { root, sha } = repoWithContent();
    expect(await resolveCommit(root, 'HEAD')).toBe(sha);
    expect(await resolveCommit(root, sha.slice(0, 8))).toBe(sha);
    await expect(resolveCommit(root, 'nope')).rejects.toThrow("unknown revision 'nope'");
    await expect(resolveCommit(root, '--all')).rejects.toThrow("unknown revision '--all'");
  });

  it('streams blobs through one cat-file process, in order, including empty and missing ones', async () => {
    const { root } = repoWithContent();
    const empty = git(root, 'hash-object', '-w', '--stdin');
    const big = Buffer.alloc(5_000_000, 0x61);
    writeTree(root, { 'big.txt': big });
    const bigSha = git(root, 'hash-object', '-w', 'big.txt');
    const cat = new CatFile(root);
    try {
      const [a, b, c] = await Promise.all([
        cat.read(bigSha, { keepBytes: 10, hash: true }),
        cat.read(empty, { keepBytes: 10 }),
        cat.read(bigSha, { keepBytes: 3 }),
      ]);
      expect(Buffer.from(a.bytes).toString()).toBe('aaaaaaaaaa');
      expect(a.size).toBe(5_000_000);
      expect(a.contentHash).toBe(createHash('sha256').update(big).digest('hex'));
      expect(b).toEqual({ bytes: Buffer.alloc(0), size: 0 });
      expect(c.bytes).toHaveLength(3);
      await expect(cat.read('0'.repeat(40), { keepBytes: 1 })).rejects.toThrow('missing');
      expect((await cat.read(empty, { keepBytes: 1 })).size).toBe(0);
    } finally {
      await cat.close();
    }
  });

  it('parses ls-tree output with spaces and tabs in names and submodules', () => {
    const out =
      '100644 blob 1111111111111111111111111111111111111111     120\tsrc/my file.py\0' +
      '160000 commit 2222222222222222222222222222222222222222       -\tvendor/sub\0';
    expect(parseLsTree(out)).toEqual([
      { mode: '100644', type: 'blob', sha: '1'.repeat(40), size: 120, path: 'src/my file.py' },
      { mode: '160000', type: 'commit', sha: '2'.repeat(40), path: 'vendor/sub' },
    ]);
  });
});
