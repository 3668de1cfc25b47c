// Pull-request triggers over the API: the same triggers `aims diff` gives on a clone, evidence linked
// at the commit it was seen in, files paginated, and `aims github pr` exiting 3 when a trigger is due.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analysePullRequest, createGitHubClient, parsePullRequestRef } from '../../../connectors/github';
import { runCli } from '../../support/cli';
import { OPENAI_SUPPORT_BOT, type FileMapAlias } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';
import { commitAll, git, initRepo, tempDir, writeTree } from '../scan/support';

const API = 'https://api.github.com';
const github = mockGitHubServer(API);
const TOKEN = 'ghp_SECRETtoken0123456789';
afterEach(() => {
  vi.unstubAllEnvs();
});

const client = () => createGitHubClient({ token: TOKEN, baseUrl: API, retryBaseMs: 1, rateLimitUnitMs: 1 });

function swapModelPull(): { base: string; head: string } {
  github.mock.addRepo('acme/support-bot', OPENAI_SUPPORT_BOT('gpt-4o'));
  return github.mock.openPull('acme/support-bot', 7, OPENAI_SUPPORT_BOT('gpt-4.1'), { title: 'Use gpt-4.1' });
}

describe('pull request triggers', () => {
  it('raises model-changed for gpt-4o → gpt-4.1 with a permalink at the head commit', async () => {
    const { head } = swapModelPull();
    const analysis = await analysePullRequest(client(), parsePullRequestRef('acme/support-bot#7'));
    expect(analysis.triggers.map((t) => [t.type, t.before, t.after])).toEqual([
      ['model-changed', 'gpt-4o', 'gpt-4.1'],
    ]);
    expect(analysis.triggers[0]?.clauses).toEqual(['8.2', '8.4']);
    expect(analysis.triggers[0]?.links[0]).toBe(
      `https://github.com/acme/support-bot/blob/${head}/app/main.py#L6`,
    );
  });

  it('gives the same triggers as aims diff on a clone with the same two commits', async () => {
    const before: FileMapAlias = {
      ...OPENAI_SUPPORT_BOT('gpt-4o'),
      '.env.example': 'EMBED_MODEL=text-embedding-3-small\n',
      'worker/embed.py':
        'import os\nfrom openai import OpenAI\nOpenAI().embeddings.create(model=os.environ["EMBED_MODEL"], input="x")\n',
    };
    const after: FileMapAlias = {
      ...before,
      '.env.example': 'EMBED_MODEL=text-embedding-3-large\n',
      'app/main.py': (before['app/main.py'] as string).replace('gpt-4o', 'gpt-4o-2024-08-06'),
      'agent/run.py':
        'import anthropic\nanthropic.Anthropic().messages.create(model="claude-3-5-sonnet-20241022", max_tokens=10, messages=[])\n',
    };
    github.mock.addRepo('acme/mono', before);
    github.mock.openPull('acme/mono', 3, after);
    const api = await analysePullRequest(client(), parsePullRequestRef('acme/mono#3'));

    const clone = join(tempDir('pr'), 'mono');
    git(tmpdir(), 'init', '-q', '-b', 'main', clone);
    git(clone, 'config', 'commit.gpgsign', 'false');
    writeTree(clone, before);
    const baseSha = commitAll(clone, 'base');
    for (const f of readdirSync(clone)) if (f !== '.git') git(clone, 'rm', '-rq', '--cached', f);
    writeTree(clone, after);
    commitAll(clone, 'head');
    const local = await runCli(['diff', '--base', baseSha, '--format', 'json'], { cwd: clone });
    const localTriggers = (
      JSON.parse(local.out) as {
        triggers: {
          type: string;
          before: string | null;
          after: string | null;
          systemName: string;
          systemId: string;
        }[];
      }
    ).triggers;
    // System names aside: aims diff names a root-level system after the ref it was given ('HEAD'),
    // the API scan after the repository, as aims scan on a clone does.
    expect(api.triggers.map((t) => [t.type, t.systemId, t.before ?? null, t.after ?? null])).toEqual(
      localTriggers.map((t) => [t.type, t.systemId, t.before, t.after]),
    );
    expect(api.triggers.map((t) => t.systemName)).toContain('mono');
    expect(api.triggers.length).toBeGreaterThanOrEqual(3);
  });

  it('reads every page of a large pull request’s file list', async () => {
    const base: FileMapAlias = OPENAI_SUPPORT_BOT('gpt-4o');
    const head: FileMapAlias = { ...OPENAI_SUPPORT_BOT('gpt-4.1') };
    for (let i = 0; i < 250; i++) head[`docs/page-${i}.md`] = `# page ${i}\n`;
    github.mock.addRepo('acme/big', base);
    github.mock.openPull('acme/big', 9, head);
    const analysis = await analysePullRequest(client(), parsePullRequestRef('acme/big#9'));
    expect(analysis.touchedFiles).toBe(251);
    expect(github.mock.log.filter((r) => r.path.includes('/pulls/9/files'))).toHaveLength(3);
    expect(analysis.triggers.map((t) => t.type)).toEqual(['model-changed']);
  });

  it('rejects a malformed pull request reference', () => {
    for (const bad of [
      'acme/bot',
      'acme/bot#0',
      'acme/bot#-1',
      '../x/y#1',
      'a/b/c#1',
      'acme/bot#1; rm -rf /',
    ])
      expect(() => parsePullRequestRef(bad), bad).toThrow(/owner\/repo#number/);
  });
});

describe('aims github pr', () => {
  it('prints the trigger and exits 3, and never shows the token', async () => {
    swapModelPull();
    vi.stubEnv('GITHUB_TOKEN', TOKEN);
    const result = await runCli(['github', 'pr', 'acme/support-bot#7', '--api-url', API]);
    expect(result.code).toBe(3);
    expect(result.out).toContain('model-changed');
    expect(result.out).toMatch(/before:\s+gpt-4o/);
    expect(result.out).toMatch(/after:\s+gpt-4\.1/);
    expect(result.out).toMatch(
      /https:\/\/github\.com\/acme\/support-bot\/blob\/[0-9a-f]{40}\/app\/main\.py#L6/,
    );
    expect(result.err).toMatch(/\d+ request\(s\)/);
    expect(`${result.out}\n${result.err}`).not.toContain(TOKEN);
  });

  it('writes JSON with permalinks, reading the token from --token-file', async () => {
    swapModelPull();
    const dir = tempDir('token');
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    let seen = '';
    github.server.events.on('request:start', ({ request }) => {
      seen = request.headers.get('authorization') ?? '';
    });
    const result = await runCli(
      ['github', 'pr', 'acme/support-bot#7', '--api-url', API, '--token-file', 'token', '--format', 'json'],
      { cwd: dir },
    );
    github.server.events.removeAllListeners();
    expect(result.code).toBe(3);
    expect(seen).toBe(`token ${TOKEN}`);
    const doc = JSON.parse(result.out) as {
      triggers: { type: string; evidence: { url: string }[] }[];
      pullRequest: { number: number };
    };
    expect(doc.pullRequest.number).toBe(7);
    expect(doc.triggers[0]?.evidence[0]?.url).toMatch(/\/blob\/[0-9a-f]{40}\/app\/main\.py#L6$/);
    expect(result.out + result.err).not.toContain(TOKEN);
  });

  it('exits 0 when a pull request touches no AI component', async () => {
    github.mock.addRepo('acme/support-bot', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.openPull('acme/support-bot', 8, { ...OPENAI_SUPPORT_BOT('gpt-4o'), 'docs/x.md': 'hello\n' });
    const result = await runCli(['github', 'pr', 'acme/support-bot#8', '--api-url', API]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('No reassessment triggers');
  });

  it('refuses plain http to another machine, credentials in the URL, and a bad reference', async () => {
    for (const [args, message] of [
      [['--api-url', 'http://ghe.example.com/api/v3'], /https/],
      [['--api-url', 'https://user:pw@ghe.example.com/api/v3'], /credentials/],
      [['--api-url', 'not a url'], /--api-url/],
    ] as const) {
      const result = await runCli(['github', 'pr', 'acme/x#1', ...args]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
    }
    const bad = await runCli(['github', 'pr', 'acme/x']);
    expect(bad.code).toBe(2);
    const missing = await runCli([
      'github',
      'pr',
      'acme/x#1',
      '--api-url',
      API,
      '--token-file',
      '/nonexistent/token',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot be read');
  });

  it('records the triggers in a workspace', async () => {
    swapModelPull();
    const ws = tempDir('ws');
    expect((await runCli(['init', ws])).code).toBe(0);
    const result = await runCli(['github', 'pr', 'acme/support-bot#7', '--api-url', API, '--workspace', ws]);
    expect(result.code).toBe(3);
    expect(result.err).toContain('1 trigger record(s) opened');
    const files = readdirSync(ws, { recursive: true }).map(String);
    const all = files
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(ws, f), 'utf8'))
      .join('\n');
    expect(all).toContain('gpt-4.1');
    expect(all).not.toContain(TOKEN);
  });
});

// initRepo is used by sibling suites through the same helper module.
void initRepo;
