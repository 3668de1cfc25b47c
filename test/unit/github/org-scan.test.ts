// Organisation scans over the API: the same systems as `aims scan` on clones, evidence pinned with
// permalinks, conditional rescans, per-repository skips and resumption after an interruption.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitHubClient, MemoryStore, scanOwner, type GitHubClient } from '../../../connectors/github';
import { scanDirectory } from '../../../connectors/local/scan';
import type { ScanReport } from '../../../shared/discovery';
import { corpusNames, CORPUS, OPENAI_SUPPORT_BOT, readFolder } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';
import { commitAll, initRepo, tempDir, writeTree } from '../scan/support';

const API = 'https://api.github.com';
const github = mockGitHubServer(API);

const client = (): GitHubClient =>
  createGitHubClient({ token: 'ghp_testtoken', baseUrl: API, retryBaseMs: 1, rateLimitUnitMs: 1 });

/** What must agree between an API scan and a clone scan: everything but the target's name. */
const comparable = (report: ScanReport) => ({ systems: report.systems, scannedFiles: report.scannedFiles });

describe('organisation scan over the API', () => {
  it('finds the same systems, models, providers and evidence as aims scan on clones of the same trees', async () => {
    const names = corpusNames();
    const clones = new Map<string, string>();
    for (const name of names) {
      const files = readFolder(join(CORPUS, name));
      github.mock.addRepo(`corpus-org/${name}`, files);
      // A clone sits in a folder named after the repository, which names a root-level system.
      const clone = join(tempDir('clone'), name);
      mkdirSync(clone);
      writeTree(clone, files);
      initRepo(clone);
      commitAll(clone, 'import');
      clones.set(name, clone);
    }
    const result = await scanOwner(client(), { org: 'corpus-org' }, { store: new MemoryStore() });
    expect(result.repositories.map((r) => r.status)).toEqual(names.map(() => 'scanned'));
    let systems = 0;
    for (const repo of result.repositories) {
      const name = repo.fullName.split('/')[1] ?? '';
      const local = await scanDirectory(clones.get(name) ?? '', { threads: 1 });
      expect(comparable(repo.state?.report as ScanReport), name).toEqual(comparable(local));
      expect(repo.state?.report.warnings, name).toEqual(local.warnings);
      systems += local.systems.length;
    }
    // The comparison is about something: the corpus holds many systems.
    expect(systems).toBeGreaterThan(20);
  }, 60_000);

  it('pins evidence to the default branch commit and fetches only candidate blobs', async () => {
    const files = {
      ...OPENAI_SUPPORT_BOT('gpt-4o'),
      'docs/logo.png': new Uint8Array([137, 80, 78, 71]),
      LICENSE: 'MIT\n',
    };
    github.mock.addRepo('acme/support-bot', files);
    const store = new MemoryStore();
    const result = await scanOwner(client(), { org: 'acme' }, { store });
    const state = result.repositories[0]?.state;
    expect(state?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(state?.report.systems[0]?.models.map((m) => m.id)).toContain('gpt-4o');
    const blobPaths = github.mock.log.filter((r) => r.path.includes('/git/blobs/')).length;
    // README.md, requirements.txt, app/main.py, app/util.py: not the image, not the licence.
    expect(blobPaths).toBe(4);
    expect(github.mock.log.filter((r) => r.path.includes('/branches/'))).toHaveLength(1);
  });

  it('answers an unchanged rescan with 304s only, and rereads only what changed after a push', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('acme/b', { 'README.md': '# nothing here\n' });
    const store = new MemoryStore();
    await scanOwner(client(), { org: 'acme' }, { store });
    const first = github.mock.log.length;

    const again = client();
    const rescan = await scanOwner(again, { org: 'acme' }, { store });
    const second = github.mock.log.slice(first);
    expect(rescan.repositories.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    // One listing page and two trees, every one conditional and answered 304.
    expect(second).toHaveLength(3);
    expect(second.every((r) => r.conditional && r.status === 304)).toBe(true);
    expect(again.stats).toMatchObject({ requests: 3, notModified: 3 });
    expect(again.stats.rateLimitRemaining).toBeGreaterThan(0);

    github.mock.commit('acme/a', 'main', { ...OPENAI_SUPPORT_BOT('gpt-4.1') });
    const afterPush = github.mock.log.length;
    const third = await scanOwner(client(), { org: 'acme' }, { store });
    const blobs = github.mock.log.slice(afterPush).filter((r) => r.path.includes('/git/blobs/'));
    expect(blobs).toHaveLength(1); // only app/main.py changed
    expect(third.repositories[0]?.state?.report.systems[0]?.models.map((m) => m.id)).toContain('gpt-4.1');
  });

  it('leaves archived repositories and forks out on request, and says so', async () => {
    github.mock.addRepo('acme/live', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('acme/old', OPENAI_SUPPORT_BOT('gpt-4'), { archived: true });
    github.mock.addRepo('acme/copy', OPENAI_SUPPORT_BOT('gpt-4'), { fork: true });
    const result = await scanOwner(
      client(),
      { org: 'acme' },
      { store: new MemoryStore(), skipArchived: true, skipForks: true },
    );
    expect(result.repositories.map((r) => [r.fullName, r.status, r.reason ?? ''])).toEqual([
      ['acme/live', 'scanned', ''],
      ['acme/old', 'excluded', 'archived'],
      ['acme/copy', 'excluded', 'fork'],
    ]);
  });

  it('resumes an interrupted scan of 200 repositories at 121 without fetching the first 120 again', async () => {
    for (let i = 1; i <= 200; i++) {
      const n = String(i).padStart(3, '0');
      github.mock.addRepo(
        `big/r${n}`,
        i % 10 === 0 ? OPENAI_SUPPORT_BOT('gpt-4o') : { 'main.py': `print(${i})\n` },
      );
    }
    const store = new MemoryStore();
    const stop = new AbortController();
    let done = 0;
    const first = await scanOwner(
      client(),
      { org: 'big' },
      {
        store,
        signal: stop.signal,
        progress: (line) => {
          if (/^\[\d+\/200\]/.test(line) && ++done === 120) stop.abort();
        },
      },
    );
    expect(first.stoppedEarly).toBe('interrupted');
    expect(first.repositories.filter((r) => r.status === 'scanned')).toHaveLength(120);
    const before = github.mock.log.length;

    const second = await scanOwner(client(), { org: 'big' }, { store });
    const requested = github.mock.log.slice(before).map((r) => r.path);
    expect(second.resumedAt).toBe(121);
    expect(requested.some((p) => p.startsWith('/orgs/'))).toBe(false);
    const touched = new Set(requested.map((p) => p.split('/')[3]));
    expect([...touched].sort()[0]).toBe('r121');
    expect(touched.size).toBe(80);
    // Nothing recorded is lost: all 200 results are there, the first 120 from the first run.
    expect(second.repositories).toHaveLength(200);
    expect(second.repositories.every((r) => r.status === 'scanned' && r.state)).toBe(true);
    expect(second.repositories.filter((r) => (r.state?.report.systems.length ?? 0) > 0)).toHaveLength(20);
    // The finished run is forgotten: the next run lists again and finds everything unchanged.
    const third = await scanOwner(client(), { org: 'big' }, { store });
    expect(third.resumedAt).toBeUndefined();
    expect(third.repositories.every((r) => r.status === 'unchanged')).toBe(true);
  }, 60_000);
});
