// A server (or a proxy in front of it, or whatever a wrong --api-url points at) that echoes the request's
// credentials back in its error text: every command that talks to GitHub, Jira or Microsoft Graph turns
// that text into its own message, and the credential must never come with it, on stdout, stderr (also after
// a terminal has obeyed or dropped escape sequences), in the workspace or in any file the command wrote. Each
// command runs through the real client library (Octokit, jira.js, the Graph client) against the mock
// services the connector tests use, behind one msw server; the exit code is the one the same failure gets
// when the server says nothing secret.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { terminalSafe } from '../../../scripts/cli/format/terminal';
import { CREDENTIALS_REFUSED_EXIT, SERVICE_REFUSED_EXIT } from '../../../scripts/cli/service-exit';
import { runCli } from '../../support/cli';
import { FakeSharePoint, GRAPH, graphError, TOKEN as GRAPH_TOKEN } from '../../support/fake-sharepoint';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { MockGitHub } from '../../support/github/mock-github';
import { mockGitHubHandler } from '../../support/github/msw';
import { CLOUD_SITE } from '../../support/jira-setup';
import { JiraWorld } from '../../support/jira-world';
import { harborWorkspace } from '../../support/jira-workspace';
import { mswServer } from '../../support/msw';
import { tempDir } from '../../support/temp';

const GITHUB_API = 'https://api.github.com';
const GITHUB_TOKEN = 'ghp_SECRETechoed4242abcdef';
const JIRA_EMAIL = 'ana.silva@harbormutual.example';
const JIRA_TOKEN = 'cloud-secret-token';
const JIRA_BASIC = btoa(`${JIRA_EMAIL}:${JIRA_TOKEN}`);
const SITE_URL = 'https://harbormutual.sharepoint.com/sites/compliance';
const NOW = '2026-11-28T09:00:00.000Z';

let github = new MockGitHub(GITHUB_API);
let sharepoint = new FakeSharePoint();
const server = mswServer(
  mockGitHubHandler(GITHUB_API, () => github),
  http.all(`${GRAPH}/*`, ({ request }) => sharepoint.answer(request)),
);

beforeEach(() => {
  github = new MockGitHub(GITHUB_API);
  sharepoint = new FakeSharePoint();
  vi.stubEnv('GITHUB_TOKEN', GITHUB_TOKEN);
  vi.stubEnv('JIRA_EMAIL', JIRA_EMAIL);
  vi.stubEnv('JIRA_API_TOKEN', JIRA_TOKEN);
  vi.stubEnv('AIMS_SHAREPOINT_TOKEN', GRAPH_TOKEN);
});
afterEach(() => vi.unstubAllEnvs());

type Echo = 'quiet' | 'one-line' | 'headers' | 'escaped';

/**
 * What the server says, echoing `token` (the value after the scheme, as sent) and `header` (the whole
 * Authorization value): nothing secret ('quiet', to compare exit codes with), every echoed form on one
 * line, the request's headers as a proxy dumps them, or the token cut by terminal escape sequences that
 * a terminal would drop (so the reader sees it whole).
 */
function echo(kind: Echo, token: string, header: string): string {
  const half = Math.floor(token.length / 2);
  switch (kind) {
    case 'quiet':
      return 'Request refused';
    case 'one-line':
      return `Request refused for ${header}; token ${token}; url-encoded ${encodeURIComponent(token)}`;
    case 'headers':
      return `Authorization: ${header}\r\nHost: example\r\nx-debug: ${token}\r\n\r\nrefused`;
    case 'escaped':
      return `refused \u001b[31m${token.slice(0, half)}\u001b[0m${token.slice(half)}\u001b]0;${token}\u0007 \u200b`;
  }
}

type Status = 401 | 403 | 404 | 409 | 422 | 429 | 500;
const STATUSES: Status[] = [401, 403, 404, 409, 422, 429, 500];

interface Case {
  command: string;
  /** Every form of the credential the command sends (and so may get back). */
  secrets: string[];
  /** Sets the service up so the request the command needs answers `status` with `message`; the arguments. */
  arrange(status: Status, message: (token: string, header: string) => string): Promise<string[]>;
}

const CASES: Case[] = [
  {
    command: 'github pr',
    secrets: [GITHUB_TOKEN],
    async arrange(status, message) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.openPull('acme/a', 7, OPENAI_SUPPORT_BOT('gpt-4.1'));
      github.fail(
        /^\/repos\/acme\/a\/pulls\/7$/,
        {
          kind: 'status',
          status,
          message: message(GITHUB_TOKEN, `token ${GITHUB_TOKEN}`),
          ...(status === 429 ? { headers: { 'retry-after': '0' } } : {}),
        },
        9,
      );
      return ['github', 'pr', 'acme/a#7', '--retries', '0'];
    },
  },
  {
    command: 'github scan --repo',
    secrets: [GITHUB_TOKEN],
    async arrange(status, message) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.fail(
        /^\/repos\/acme\/a\/git\/trees\//,
        {
          kind: 'status',
          status,
          message: message(GITHUB_TOKEN, `token ${GITHUB_TOKEN}`),
          ...(status === 429 ? { headers: { 'retry-after': '0' } } : {}),
        },
        9,
      );
      return ['github', 'scan', '--repo', 'acme/a', '--state', tempDir('gh-state'), '--retries', '0'];
    },
  },
  {
    command: 'jira discover',
    secrets: [JIRA_TOKEN, JIRA_BASIC],
    async arrange(status, message) {
      const world = new JiraWorld('cloud', CLOUD_SITE).add({
        key: 'CLM-7',
        summary: 'Claims triage on gpt-4o',
        labels: ['ai'],
        changelog: [],
      });
      server.use(...world.handlers());
      const said = message(JIRA_TOKEN, `Basic ${JIRA_BASIC}`);
      world.fail({
        path: /^\/search/,
        times: 9,
        respond: () =>
          HttpResponse.json(
            { errorMessages: [said], errors: { authorization: `Basic ${JIRA_BASIC}` } },
            // Retry-After 0: the retries of a 429 or 5xx wait no time in these runs.
            { status, headers: { 'retry-after': '0' } },
          ),
      });
      return ['jira', 'discover', '--url', CLOUD_SITE, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'sharepoint evidence list',
    secrets: [GRAPH_TOKEN],
    async arrange(status, message) {
      sharepoint.upload('Policies', 'policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
      sharepoint.faults.push({
        match: '/children',
        times: 9,
        respond: () =>
          graphError(status, 'echo', message(GRAPH_TOKEN, `Bearer ${GRAPH_TOKEN}`), {
            ...(status === 429 ? { 'Retry-After': '0' } : {}),
          }),
      });
      return ['sharepoint', 'evidence', 'list', '--site', SITE_URL, '--folder', 'Policies'];
    },
  },
  {
    command: 'sharepoint sync',
    secrets: [GRAPH_TOKEN],
    async arrange(status, message) {
      sharepoint.faults.push({
        match: 'GET /sites/',
        times: 9,
        respond: () =>
          graphError(status, 'echo', message(GRAPH_TOKEN, `Bearer ${GRAPH_TOKEN}`), {
            ...(status === 429 ? { 'Retry-After': '0' } : {}),
          }),
      });
      return ['sharepoint', 'sync', '--site', SITE_URL, '--workspace', (await harborWorkspace()).dir];
    },
  },
];

/** Every file under the directories the arguments name (workspace, state), as text. */
function filesOf(args: string[]): string[] {
  const texts: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else texts.push(readFileSync(path, 'latin1'));
  };
  for (const flag of ['--workspace', '--state']) {
    const at = args.indexOf(flag);
    if (at >= 0) walk(args[at + 1]!);
  }
  return texts;
}

const MATRIX = CASES.flatMap((c) =>
  STATUSES.flatMap((status) =>
    (['one-line', 'headers', 'escaped'] as const).map((kind) => ({ ...c, status, kind })),
  ),
);

describe('a server echoing the credentials in its error text never passes them on', () => {
  it.each(MATRIX)('aims $command, HTTP $status, $kind', async ({ arrange, secrets, status, kind }) => {
    const quiet = await runCli(await arrange(status, (t, h) => echo('quiet', t, h)), { now: NOW });
    github = new MockGitHub(GITHUB_API);
    sharepoint = new FakeSharePoint();
    server.resetHandlers();
    const args = await arrange(status, (t, h) => echo(kind, t, h));
    const run = await runCli(args, { now: NOW });

    const seen = [run.out, run.err, terminalSafe(run.err), terminalSafe(run.out), ...filesOf(args)];
    for (const secret of secrets) {
      for (const text of seen) expect(text).not.toContain(secret);
      // Nor the half a cut or a dropped escape sequence would leave readable.
      for (const text of seen) expect(text).not.toContain(secret.slice(Math.floor(secret.length / 2)));
    }
    expect(run.err).not.toContain('\u001b');
    // The same exit as when the server says nothing secret: 401 → 5, 403 → 1 for a request the
    // command cannot do without, the others as each command documents.
    expect(run.code, run.err).toBe(quiet.code);
    if (status === 401) expect(run.code).toBe(CREDENTIALS_REFUSED_EXIT);
    if (status === 403) expect(run.code).toBe(SERVICE_REFUSED_EXIT);
  });
});
