// The pure repository scan (listing + contents, no file system) must give what `aims scan` gives on the
// same files on disk: the GitHub connector relies on it to scan through the API.
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../../connectors/local/scan';
import {
  filesToRead,
  ignoreFilesToRead,
  scanRepositoryFiles,
  type RepositoryFile,
} from '../../../shared/discovery/scan-files';
import { CORPUS, corpusRepos } from '../discovery/corpus-reader';
import { OPENAI_APP, initRepo, tempDir, writeTree } from './support';

function filesOf(root: string): RepositoryFile[] {
  const out: RepositoryFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else
        out.push({
          path: relative(root, abs).split(sep).join('/'),
          bytes: new Uint8Array(readFileSync(abs)),
        });
    }
  };
  walk(root);
  return out;
}

function hostileTree(): string {
  const root = tempDir('repo-files');
  const weights = Buffer.alloc(200_000, 7);
  weights.write('GGUF', 0, 'latin1');
  writeTree(root, {
    '.gitignore': 'scratch/\n*.local.py\n',
    'apps/bot/.gitignore': '!keep.local.py\n',
    'apps/bot/main.py': OPENAI_APP('gpt-4o'),
    'apps/bot/keep.local.py': OPENAI_APP('gpt-4.1'),
    'apps/bot/requirements.txt': 'openai==1.40.0\n',
    'apps/bot/other.local.py': OPENAI_APP('o3'),
    'apps/local/models/tiny.gguf': weights,
    'apps/local/requirements.txt': 'llama-cpp-python==0.2.90\n',
    'apps/big/huge.py': OPENAI_APP('gpt-4.1-mini') + '#'.repeat(10_000),
    'apps/bin/blob.json': new Uint8Array([0, 1, 2, 255, 0, 0, 3]),
    'scratch/try.py': OPENAI_APP('o1'),
    'node_modules/openai/index.js': 'module.exports = {}',
    'src/main/scala/Bot.scala':
      'import com.openai.client.OpenAIClient\nobject Bot { val model = "gpt-4o-mini" }\n',
  });
  return root;
}

describe('scanning a repository from its files', () => {
  it("gives the folder scan's report on every corpus repository", async () => {
    for (const repo of corpusRepos()) {
      const root = tempDir('corpus');
      cpSync(join(CORPUS, repo), root, { recursive: true });
      const fromDisk = await scanDirectory(root, { target: repo, threads: 1 });
      // The same denominator too: outside a repository a folder scan reads no rules from above.
      expect(scanRepositoryFiles(filesOf(root), { target: repo }), repo).toEqual(fromDisk);
    }
  });

  it('honours nested .gitignore files, skipped folders, the byte bound, binaries and model files', async () => {
    const root = hostileTree();
    const fromDisk = await scanDirectory(root, { target: 't', maxBytes: 4096, threads: 1 });
    const fromFiles = scanRepositoryFiles(filesOf(root), { target: 't', maxBytes: 4096 });
    expect(fromFiles).toEqual(fromDisk);
    expect(fromFiles.coverage?.skipped).toEqual({
      'dependency or build folder': 1,
      'ignored (.gitignore)': 2,
      // The two .gitignore files and a Scala file.
      'no detector reads it': 3,
    });
    expect(fromFiles.warnings.some((w) => w.includes('apps/big/huge.py') && w.includes('4096'))).toBe(true);
    const models = fromFiles.systems.flatMap((s) => s.models.map((m) => m.id));
    expect(models).toContain('gpt-4.1');
    expect(models).not.toContain('o3');
    expect(models).not.toContain('o1');
  });

  it("scans one folder of the repository with the ancestors' ignore rules", async () => {
    const root = hostileTree();
    const files = filesOf(root);
    // On disk, the ancestors' .gitignore files count only inside a repository.
    initRepo(root);
    const fromFiles = scanRepositoryFiles(files, { target: 'bot', prefix: 'apps/bot' });
    expect(fromFiles).toEqual(await scanDirectory(join(root, 'apps/bot'), { target: 'bot', threads: 1 }));
  });

  it('tells a connector which blobs to fetch, and how much of each, before fetching them', () => {
    const listing = filesOf(hostileTree()).map(({ path }) => ({ path }));
    expect(ignoreFilesToRead(listing)).toEqual(['.gitignore', 'apps/bot/.gitignore']);
    expect(ignoreFilesToRead(listing, 'apps/local')).toEqual(['.gitignore']);
    const reads = filesToRead(listing, new Map([['.gitignore', 'scratch/\n*.local.py\n']]), {
      maxBytes: 1000,
    });
    const paths = reads.map((r) => r.path);
    expect(paths).not.toContain('scratch/try.py');
    expect(paths).not.toContain('node_modules/openai/index.js');
    expect(paths).not.toContain('apps/bot/keep.local.py');
    expect(reads.find((r) => r.path === 'apps/local/models/tiny.gguf')).toMatchObject({
      headOnly: true,
      bytesToRead: 65536,
    });
    expect(reads.find((r) => r.path === 'apps/bot/main.py')).toMatchObject({
      headOnly: false,
      bytesToRead: 1000,
    });
    // Symlinks are not followed through a listing, and a hostile .gitignore path outside the listing changes nothing.
    expect(filesToRead([{ path: 'a.py', symlink: true }], new Map([['../.gitignore', '*']]))).toEqual([]);
  });

  it('pins a model file by a given hash, and never by a hash of part of it', () => {
    const head = new Uint8Array(70_000);
    head.set([0x47, 0x47, 0x55, 0x46]);
    const cut = scanRepositoryFiles([{ path: 'models/w.gguf', bytes: head, size: 10_000_000 }], {
      target: 't',
    });
    const given = scanRepositoryFiles(
      [{ path: 'models/w.gguf', bytes: head, size: 10_000_000, contentHash: 'ab'.repeat(32) }],
      {
        target: 't',
      },
    );
    const model = (r: typeof cut) => r.systems.flatMap((s) => s.models)[0];
    expect(model(cut)?.pinning).toBe('unknown');
    expect(model(given)).toMatchObject({ pinning: 'hash', contentHash: 'ab'.repeat(32) });
  });
});
