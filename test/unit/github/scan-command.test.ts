// `aims github scan`: repositories into the inventory with pinned evidence, progress and request
// counts on stderr, an unchanged rerun answered by 304s, and the token nowhere but the header.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';
import { tempDir } from '../scan/support';

const API = 'https://ghe.example.test/api/v3';
const github = mockGitHubServer(API, 'https://ghe.example.test');
const TOKEN = 'ghs_INSTALLATIONtoken42';
afterEach(() => {
  vi.unstubAllEnvs();
});

const readAll = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json') || f.endsWith('.jsonl'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

describe('aims github scan (GitHub Enterprise Server)', () => {
  it('merges an organisation into the workspace with evidence pinned to the commit', async () => {
    github.mock.addRepo('harbor/support-bot', OPENAI_SUPPORT_BOT('gpt-4o'));
    github.mock.addRepo('harbor/website', { 'index.html': '<h1>hi</h1>\n' });
    vi.stubEnv('GITHUB_TOKEN', TOKEN);
    const ws = tempDir('ws');
    const state = tempDir('state');
    expect((await runCli(['init', ws])).code).toBe(0);
    const first = await runCli([
      'github',
      'scan',
      '--org',
      'harbor',
      '--api-url',
      API,
      '--state',
      state,
      '--workspace',
      ws,
      '--format',
      'json',
    ]);
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.out) as {
      repositories: {
        repository: string;
        status: string;
        commit: string | null;
        report: { systems: { evidence: { url: string | null }[] }[] } | null;
      }[];
    };
    const bot = doc.repositories.find((r) => r.repository === 'harbor/support-bot');
    expect(bot?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(bot?.report?.systems[0]?.evidence[0]?.url).toMatch(
      new RegExp(`^https://ghe\\.example\\.test/harbor/support-bot/blob/${bot?.commit ?? ''}/.+#L\\d+$`),
    );
    expect(first.err).toMatch(/\[1\/2\] harbor\/support-bot: scanned, 1 AI system/);
    expect(first.err).toMatch(/Workspace: 1 new/);
    expect(first.err).toMatch(/GitHub: \d+ request\(s\), 0 answered 304/);
    const register = readAll(ws);
    expect(register).toContain('https://ghe.example.test/harbor/support-bot');
    expect(register).toContain(`/blob/${bot?.commit ?? ''}/app/main.py`);

    const again = await runCli([
      'github',
      'scan',
      '--org',
      'harbor',
      '--api-url',
      API,
      '--state',
      state,
      '--workspace',
      ws,
    ]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/harbor\/support-bot {2}unchanged/);
    expect(again.err).toMatch(/GitHub: 3 request\(s\), 3 answered 304/);
    expect(again.err).toMatch(/Workspace: 0 new/);
    for (const text of [first.out, first.err, again.out, again.err, register, readAll(state)])
      expect(text).not.toContain(TOKEN);
  });

  it('asks for exactly one scope and a valid name', async () => {
    for (const args of [[], ['--org', 'a', '--user', 'b'], ['--org', '../etc'], ['--repo', 'no-slash']]) {
      const result = await runCli(['github', 'scan', ...args, '--api-url', API]);
      expect(result.code, args.join(' ')).toBe(2);
    }
    expect((await runCli(['github', 'frobnicate'])).code).toBe(2);
  });

  it('says clearly when the organisation does not exist', async () => {
    const result = await runCli([
      'github',
      'scan',
      '--org',
      'nobody',
      '--api-url',
      API,
      '--state',
      tempDir('state'),
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not found/);
  });
});
