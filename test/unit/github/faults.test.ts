// The fault matrix: what GitHub and the network do to a long scan, and what the scan does about it.
// Each repository's trouble is reported with its reason and the scan goes on; a rate limit it must
// not wait out stops the run resumably; nothing already recorded is lost. Back-off is in milliseconds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createGitHubClient,
  MemoryStore,
  scanOwner,
  type GitHubClientOptions,
} from '../../../connectors/github';
import { scanDirectory } from '../../../connectors/local/scan';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';
import { tempDir, writeTree } from '../scan/support';

const API = 'https://api.github.com';
const github = mockGitHubServer(API);

const client = (extra: Partial<GitHubClientOptions> = {}) =>
  createGitHubClient({ token: 't', baseUrl: API, retryBaseMs: 1, rateLimitUnitMs: 1, ...extra });

function threeRepos(): void {
  github.mock.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
  github.mock.addRepo('acme/b', OPENAI_SUPPORT_BOT('gpt-4o-mini'));
  github.mock.addRepo('acme/c', OPENAI_SUPPORT_BOT('gpt-4.1'));
}

const models = (result: Awaited<ReturnType<typeof scanOwner>>) =>
  result.repositories.map((r) => [
    r.fullName,
    r.status,
    r.state?.report.systems[0]?.models[0]?.id ?? r.reason,
  ]);

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('fault matrix', () => {
  it('waits out a primary rate limit (403, x-ratelimit-remaining 0, reset) and carries on', async () => {
    threeRepos();
    github.mock.fail(/\/repos\/acme\/b\/git\/trees\//, {
      kind: 'status',
      status: 403,
      message: 'API rate limit exceeded for user.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(nowSeconds() + 1) },
    });
    const c = client();
    const result = await scanOwner(c, { org: 'acme' }, { store: new MemoryStore() });
    expect(models(result)).toEqual([
      ['acme/a', 'scanned', 'gpt-4o'],
      ['acme/b', 'scanned', 'gpt-4o-mini'],
      ['acme/c', 'scanned', 'gpt-4.1'],
    ]);
    expect(c.stats.rateLimitWaits).toBe(1);
  });

  it('stops resumably when the primary limit resets too far ahead, and the rerun loses nothing', async () => {
    threeRepos();
    github.mock.fail(/\/repos\/acme\/b\/git\/trees\//, {
      kind: 'status',
      status: 403,
      message: 'API rate limit exceeded for user.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(nowSeconds() + 3600) },
    });
    const store = new MemoryStore();
    const logs: string[] = [];
    const first = await scanOwner(
      client({ maxRateLimitWaitSeconds: 60, log: (l) => logs.push(l) }),
      { org: 'acme' },
      { store },
    );
    expect(first.stoppedEarly).toMatch(/rate limit/);
    expect(models(first)).toEqual([['acme/a', 'scanned', 'gpt-4o']]);
    expect(logs.join('\n')).toMatch(/not waiting/);
    const before = github.mock.log.length;
    const second = await scanOwner(client(), { org: 'acme' }, { store });
    expect(second.resumedAt).toBe(2);
    expect(github.mock.log.slice(before).some((r) => r.path.includes('/acme/a/'))).toBe(false);
    expect(models(second)).toEqual([
      ['acme/a', 'scanned', 'gpt-4o'],
      ['acme/b', 'scanned', 'gpt-4o-mini'],
      ['acme/c', 'scanned', 'gpt-4.1'],
    ]);
  });

  it('waits out a secondary rate limit (403 and 429 with retry-after)', async () => {
    threeRepos();
    github.mock.fail(/\/git\/blobs\//, {
      kind: 'status',
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '2' },
    });
    github.mock.fail(/\/repos\/acme\/c\/git\/trees\//, {
      kind: 'status',
      status: 429,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '1' },
    });
    const c = client();
    const result = await scanOwner(c, { org: 'acme' }, { store: new MemoryStore() });
    expect(result.repositories.every((r) => r.status === 'scanned')).toBe(true);
    expect(c.stats.rateLimitWaits).toBe(2);
  });

  it('retries 502, 503 and a reset connection', async () => {
    threeRepos();
    github.mock.fail(/\/orgs\/acme\/repos/, { kind: 'status', status: 502 });
    github.mock.fail(/\/repos\/acme\/a\/git\/trees\//, { kind: 'status', status: 503 });
    github.mock.fail(/\/repos\/acme\/b\/git\/blobs\//, { kind: 'reset' });
    const c = client();
    const result = await scanOwner(c, { org: 'acme' }, { store: new MemoryStore() });
    expect(models(result)).toEqual([
      ['acme/a', 'scanned', 'gpt-4o'],
      ['acme/b', 'scanned', 'gpt-4o-mini'],
      ['acme/c', 'scanned', 'gpt-4.1'],
    ]);
    expect(github.mock.log.filter((r) => r.status >= 500 || r.status === 0)).toHaveLength(3);
  });

  it('gives up on a server that accepts the request and never answers, retries, and skips that repository as a network failure', async () => {
    threeRepos();
    let asked = 0;
    github.server.use(
      http.get(`${API}/repos/acme/b/git/trees/:ref`, async () => {
        asked++;
        await delay('infinite');
        return HttpResponse.json({ message: 'never sent' });
      }),
    );
    const result = await scanOwner(
      client({ timeoutMs: 100, retries: 1 }),
      { org: 'acme' },
      { store: new MemoryStore() },
    );
    expect(models(result)).toEqual([
      ['acme/a', 'scanned', 'gpt-4o'],
      ['acme/b', 'skipped', expect.stringMatching(/no answer from the server \(.*no answer within 0 s/)],
      ['acme/c', 'scanned', 'gpt-4.1'],
    ]);
    expect(result.repositories[1]?.kind).toBe('network');
    expect(asked).toBe(2);
  });

  it('skips a repository whose answers stay broken (5xx, malformed JSON) with the reason, and goes on', async () => {
    threeRepos();
    github.mock.fail(/\/repos\/acme\/a\/git\/trees\//, { kind: 'status', status: 502 }, 10);
    github.mock.fail(/\/repos\/acme\/b\/git\/trees\//, { kind: 'malformed' }, 10);
    const result = await scanOwner(client(), { org: 'acme' }, { store: new MemoryStore() });
    expect(models(result)).toEqual([
      ['acme/a', 'skipped', expect.stringMatching(/HTTP 502/)],
      ['acme/b', 'skipped', expect.stringMatching(/not the documented shape/)],
      ['acme/c', 'scanned', 'gpt-4.1'],
    ]);
  });

  it('asks once more when one answer is malformed JSON', async () => {
    threeRepos();
    github.mock.fail(/\/repos\/acme\/a\/git\/trees\//, { kind: 'malformed' }, 1);
    const result = await scanOwner(client(), { org: 'acme' }, { store: new MemoryStore() });
    expect(models(result)[0]).toEqual(['acme/a', 'scanned', 'gpt-4o']);
  });

  it('walks subtrees when the recursive tree is truncated, and skips dependency folders', async () => {
    const files = {
      ...OPENAI_SUPPORT_BOT('gpt-4o'),
      'services/embed/worker.py':
        'from openai import OpenAI\nOpenAI().embeddings.create(model="text-embedding-3-small", input="x")\n',
      'node_modules/openai/index.js': 'module.exports = {}\n',
    };
    for (let i = 0; i < 40; i++) (files as Record<string, string>)[`docs/p${i}.md`] = `# ${i}\n`;
    github.mock.addRepo('whole/bot', files);
    github.mock.addRepo('cut/bot', files);
    github.mock.truncateTrees('cut/bot', 10);
    const whole = (await scanOwner(client(), { org: 'whole' }, { store: new MemoryStore() })).repositories[0]
      ?.state?.report;
    const cut = (await scanOwner(client(), { org: 'cut' }, { store: new MemoryStore() })).repositories[0]
      ?.state?.report;
    expect(cut?.systems.flatMap((s) => s.models.map((m) => m.id)).sort()).toEqual([
      'gpt-4o',
      'text-embedding-3-small',
    ]);
    expect(cut?.systems).toEqual(whole?.systems);
    expect(cut?.scannedFiles).toBe(whole?.scannedFiles);
    const walked = github.mock.log.filter(
      (r) => r.path.startsWith('/repos/cut/bot/git/trees/') && !r.path.endsWith('main?recursive=1'),
    );
    expect(walked.length).toBeGreaterThan(0);
    expect(walked.some((r) => r.path.includes('node_modules'))).toBe(false);
  });

  it('reports 404, 451 and empty repositories as skipped with the reason', async () => {
    github.mock.addRepo('acme/ok', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('acme/gone', OPENAI_SUPPORT_BOT('gpt-4o'), { status: 404 });
    github.mock.addRepo('acme/blocked', OPENAI_SUPPORT_BOT('gpt-4o'), { status: 451 });
    github.mock.addRepo('acme/empty', undefined);
    const result = await scanOwner(client(), { org: 'acme' }, { store: new MemoryStore() });
    expect(models(result)).toEqual([
      ['acme/ok', 'scanned', 'gpt-4o'],
      ['acme/gone', 'skipped', 'not found or no access (HTTP 404)'],
      ['acme/blocked', 'skipped', 'unavailable for legal reasons (HTTP 451)'],
      ['acme/empty', 'skipped', 'empty repository (no commits)'],
    ]);
    const named = await scanOwner(
      client(),
      { repos: ['acme/gone', 'acme/blocked', 'acme/ok'] },
      { store: new MemoryStore() },
    );
    expect(models(named)).toEqual([
      ['acme/ok', 'scanned', 'gpt-4o'],
      ['acme/gone', 'excluded', 'not found or no access (HTTP 404)'],
      ['acme/blocked', 'excluded', 'unavailable for legal reasons (HTTP 451)'],
    ]);
  });

  it('reads blobs over 1 MB through the blobs API and bounds them as aims scan does', async () => {
    const filler = '# padding line for a large generated settings module\n'.repeat(30_000); // ≈ 1.6 MB
    const files = {
      'big/settings.py': `${filler}from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n`,
      'huge/notes.py': `${filler}${filler}from openai import OpenAI\nOpenAI().chat.completions.create(model="o3", messages=[])\n`,
    };
    github.mock.addRepo('acme/large', files);
    const result = await scanOwner(client(), { org: 'acme' }, { store: new MemoryStore() });
    const report = result.repositories[0]?.state?.report;
    const clone = join(tempDir('large'), 'large');
    mkdirSync(clone);
    writeTree(clone, files);
    const local = await scanDirectory(clone, { threads: 1 });
    expect(report?.systems).toEqual(local.systems);
    expect(report?.warnings).toEqual(local.warnings);
    expect(report?.systems.flatMap((s) => s.models.map((m) => m.id))).toContain('gpt-4o-mini');
    expect(report?.warnings.join('\n')).toMatch(/huge\/notes\.py: \d+ bytes, over the 2097152-byte bound/);
  });

  it('names a file over the fetch bound instead of downloading it', async () => {
    github.mock.addRepo('acme/weights', {
      'models/big.onnx': new Uint8Array(70_000),
      'README.md': '# weights\n',
    });
    const result = await scanOwner(
      client(),
      { org: 'acme' },
      { store: new MemoryStore(), maxFetchBytes: 65_536 },
    );
    expect(result.repositories[0]?.state?.report.warnings.join('\n')).toMatch(
      /models\/big\.onnx: 70000 bytes, over the 65536-byte bound for reading over the API/,
    );
    expect(github.mock.log.filter((r) => r.path.includes('/git/blobs/'))).toHaveLength(1);
  });
});
