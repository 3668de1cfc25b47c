// What a scan does when GitHub or the network lets it down, or a tree is hostile: a rate limit while
// listing is as resumable as one met later (exit 4); a connection that failed is labelled as such
// (never "HTTP 500") and, like a server error, makes the run incomplete (exit 4) until a rerun
// retries it; paths that climb out of the repository never reach a read, a link or evidence; system
// ids do not depend on the order repositories were met; the state folder is the user's alone.
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileUrl, isSafeRepoPath } from '../../../connectors/github';
import { openWorkspace } from '../../../connectors/local/workspace';
import { runCli } from '../../support/cli';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { gitBlobSha } from '../../support/github/mock-github';
import { mockGitHubServer } from '../../support/github/msw';
import { tempDir } from '../scan/support';

const API = 'https://api.github.com';
const github = mockGitHubServer(API);
afterEach(() => {
  vi.unstubAllEnvs();
});

interface ScanDoc {
  repositories: {
    repository: string;
    status: string;
    reason: string | null;
    kind: string | null;
    report: { systems: { evidence: { path: string; url: string | null }[] }[]; warnings: string[] } | null;
  }[];
  stoppedEarly: string | null;
}

async function scan(args: string[], state = tempDir('state')) {
  vi.stubEnv('GITHUB_TOKEN', 'ghp_testtoken1234');
  // --retries 0: the test needs the failure, not plugin-retry's back-off.
  const run = await runCli([
    'github',
    'scan',
    ...args,
    '--state',
    state,
    '--format',
    'json',
    '--retries',
    '0',
  ]);
  return { ...run, state, doc: run.out ? (JSON.parse(run.out) as ScanDoc) : undefined };
}

const farReset = () => String(Math.floor(Date.now() / 1000) + 3600);

describe('an incomplete run exits 4, a finished one 0', () => {
  it('stops with exit 4 when the listing itself hits a rate limit it will not wait out, and a rerun finishes', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.fail(
      /\/orgs\/acme\/repos/,
      {
        kind: 'status',
        status: 403,
        message: 'API rate limit exceeded for user.',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': farReset() },
      },
      1,
    );
    const first = await scan(['--org', 'acme']);
    expect(first.code).toBe(4);
    expect(first.doc?.stoppedEarly).toMatch(/rate limit/);
    expect(first.err).toMatch(/run again to resume/);
    // The limit has lifted (the one fault is used up): the same command finishes.
    const again = await scan(['--org', 'acme'], first.state);
    expect(again.code).toBe(0);
    expect(again.doc?.repositories.map((r) => [r.repository, r.status])).toEqual([['acme/a', 'scanned']]);
  });

  it('labels a repository skipped for a failed connection as a network failure, not HTTP 500, and exits 4', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('acme/b', OPENAI_SUPPORT_BOT('gpt-4.1'));
    github.mock.fail(/\/repos\/acme\/a\/git\/trees\//, { kind: 'reset' }, 1);
    const first = await scan(['--org', 'acme']);
    const a = first.doc?.repositories.find((r) => r.repository === 'acme/a');
    expect(a).toMatchObject({ status: 'skipped', kind: 'network' });
    expect(a?.reason).toMatch(/no answer from the server/);
    expect(a?.reason).not.toMatch(/HTTP 500/);
    expect(first.doc?.repositories.find((r) => r.repository === 'acme/b')?.status).toBe('scanned');
    expect(first.code).toBe(4);

    // The network is back: the rerun retries it (b answers 304s) and the run is complete.
    const again = await scan(['--org', 'acme'], first.state);
    expect(again.doc?.repositories.map((r) => [r.repository, r.status])).toEqual([
      ['acme/a', 'scanned'],
      ['acme/b', 'unchanged'],
    ]);
    expect(again.code).toBe(0);
  });

  it('calls a server error that outlasts the retries "server" (exit 4), and a 404 the repository\'s own (exit 0)', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.fail(/\/repos\/acme\/a\/git\/trees\//, { kind: 'status', status: 502 }, 1);
    const broken = await scan(['--org', 'acme']);
    expect(broken.doc?.repositories[0]).toMatchObject({ status: 'skipped', kind: 'server' });
    expect(broken.doc?.repositories[0]?.reason).toMatch(/HTTP 502/);
    expect(broken.code).toBe(4);

    github.reset();
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('acme/gone', OPENAI_SUPPORT_BOT('gpt-4o'), { status: 404 });
    const done = await scan(['--org', 'acme']);
    expect(done.doc?.repositories.find((r) => r.repository === 'acme/gone')).toMatchObject({
      status: 'skipped',
      kind: 'not-found',
    });
    expect(done.code).toBe(0);
  });

  it('exits 4, not 2, when the pull request cannot be read for a passing reason', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.openPull('acme/a', 7, OPENAI_SUPPORT_BOT('gpt-4.1'));
    github.mock.fail(/\/repos\/acme\/a\/pulls\/7$/, { kind: 'reset' }, 1);
    vi.stubEnv('GITHUB_TOKEN', 'ghp_testtoken1234');
    const run = await runCli(['github', 'pr', 'acme/a#7', '--retries', '0']);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/no answer from the server/);
  });
});

describe('hostile tree paths', () => {
  it.each([
    ['app/main.py', true],
    ['.github/workflows/ci.yml', true],
    ['..', false],
    ['../outside.py', false],
    ['app/../../etc/passwd', false],
    ['app/./main.py', false],
    ['/etc/passwd', false],
    ['app//main.py', false],
    ['app/', false],
    ['app\\..\\main.py', false],
    ['app/ma\u0000in.py', false],
    ['app/\nmain.py', false],
    ['', false],
  ])('isSafeRepoPath(%j) is %s', (path, safe) => {
    expect(isSafeRepoPath(path)).toBe(safe);
  });

  it('refuses to build a permalink for a path that would climb out of the repository', () => {
    expect(() => fileUrl('https://github.com', 'o/r', 'abc', '../../x/y')).toThrow(/plain repository path/);
  });

  it('never reads, links or records a tree entry whose path is not plain; names it in the warnings', async () => {
    const code = (model: string) =>
      `from openai import OpenAI\nOpenAI().chat.completions.create(model="${model}", messages=[])\n`;
    github.mock.addRepo('acme/evil', {
      ...OPENAI_SUPPORT_BOT('gpt-4o'),
      '../../escape/app.py': code('gpt-escape'),
      'app/../../climb.py': code('gpt-climb'),
      'tools\\win.py': code('gpt-backslash'),
    });
    const run = await scan(['--repo', 'acme/evil']);
    const report = run.doc?.repositories[0]?.report;
    const paths = report?.systems.flatMap((s) => s.evidence.map((e) => e.path)) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every(isSafeRepoPath)).toBe(true);
    const urls = report?.systems.flatMap((s) => s.evidence.map((e) => e.url ?? '')) ?? [];
    expect(urls.some((u) => u.includes('..') || u.includes('%5C'))).toBe(false);
    expect(run.out).not.toMatch(/gpt-escape|gpt-climb|gpt-backslash/);
    expect(report?.warnings.join('\n')).toMatch(/"\.\.\/\.\.\/escape\/app\.py" skipped/);
    expect(report?.warnings.join('\n')).toMatch(/"tools\\\\win\.py" skipped/);
    // Their blobs were never asked for.
    const hostile = ['gpt-escape', 'gpt-climb', 'gpt-backslash'].map((m) =>
      gitBlobSha(new TextEncoder().encode(code(m))),
    );
    const blobReads = github.mock.log.filter((r) => r.path.includes('/git/blobs/'));
    expect(blobReads.length).toBeGreaterThan(0);
    expect(blobReads.filter((r) => hostile.some((sha) => r.path.endsWith(sha)))).toEqual([]);
  });
});

describe('system ids of an organisation scan', () => {
  it('names each repository-root system after its repository, whatever order the repositories come in', async () => {
    github.mock.addRepo('acme/alpha', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('acme/beta', {
      ...OPENAI_SUPPORT_BOT('gpt-4.1'),
      'services/ranker/package.json': '{"name":"ranker","dependencies":{"openai":"4.0.0"}}\n',
      'services/ranker/index.js':
        'import OpenAI from "openai";\nnew OpenAI().chat.completions.create({ model: "gpt-4o-mini" });\n',
    });
    const idsAfter = async (order: string[]) => {
      const ws = tempDir('ws');
      expect((await runCli(['init', ws])).code).toBe(0);
      const args = order.flatMap((r) => ['--repo', r]);
      expect((await scan([...args, '--workspace', ws])).code).toBe(0);
      const register = await openWorkspace(ws);
      return (await register.list('ai-system')).map((s) => s.id).sort();
    };
    const forward = await idsAfter(['acme/alpha', 'acme/beta']);
    const backward = await idsAfter(['acme/beta', 'acme/alpha']);
    expect(forward).toEqual(backward);
    expect(forward).toContain('sys-alpha');
    expect(forward).toContain('sys-beta');
    expect(forward.some((id) => id.startsWith('sys-root'))).toBe(false);
  });
});

describe('the state folder', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  it('is created 0700 with its files 0600', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    const state = join(tempDir('home'), 'cache', 'github');
    const run = await scan(['--org', 'acme'], state);
    expect(run.code).toBe(0);
    expect(modeOf(state)).toBe(0o700);
    const files = readdirSync(state);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(modeOf(join(state, f))).toBe(0o600);
  });

  it('narrows a folder an earlier version left readable by others', async () => {
    github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    const state = join(tempDir('home'), 'old-state');
    mkdirSync(state, { recursive: true });
    chmodSync(state, 0o755);
    expect((await scan(['--org', 'acme'], state)).code).toBe(0);
    expect(modeOf(state)).toBe(0o700);
  });
});
