// Every command that talks to GitHub, Jira or Microsoft Graph, when the service refuses the credentials (401)
// or forbids the request (403): one exit code for each, the same for all three services, so a CI job can tell
// "replace the token" (5) from "the service would not do this" (1), a usage error (2) and findings (3, 4).
// Each command runs through the real client library (Octokit, jira.js' fetch transport, the Graph client)
// against the mock services the connector tests use, all behind one msw server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CREDENTIALS_REFUSED_EXIT,
  SERVICE_EXIT_HELP,
  SERVICE_REFUSED_EXIT,
} from '../../../scripts/cli/service-exit';
import { runCli } from '../../support/cli';
import { aiTicketJiraWorld, evidenceWorkspace, linkedWorkspace } from '../../support/service-workspaces';
import { FakeSharePoint, GRAPH, graphError, TOKEN as GRAPH_TOKEN } from '../../support/fake-sharepoint';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { MockGitHub } from '../../support/github/mock-github';
import { mockGitHubHandler } from '../../support/github/msw';
import { CLOUD_SITE } from '../../support/jira-setup';
import { faults } from '../../support/jira-world';
import { harborWorkspace } from '../../support/jira-workspace';
import { mswServer } from '../../support/msw';
import { tempDir } from '../../support/temp';

const GITHUB_API = 'https://api.github.com';
const GITHUB_TOKEN = 'ghp_refusedTOKEN4242';
const JIRA_TOKEN = 'cloud-secret-token';
const SITE_URL = 'https://harbormutual.sharepoint.com/sites/compliance';
const NOW = '2026-11-28T09:00:00.000Z';

let github = new MockGitHub(GITHUB_API);
let sharepoint = new FakeSharePoint();
const server = mswServer(
  mockGitHubHandler(GITHUB_API, () => github),
  http.all(`${GRAPH}/*`, ({ request }) => sharepoint.answer(request)),
);

/** Every answer any mock service gave, in order: what was asked after a refusal. */
let answered: { url: string; status: number }[] = [];
server.events.on('response:mocked', ({ request, response }) => {
  answered.push({ url: request.url, status: response.status });
});

beforeEach(() => {
  github = new MockGitHub(GITHUB_API);
  sharepoint = new FakeSharePoint();
  answered = [];
  vi.stubEnv('GITHUB_TOKEN', GITHUB_TOKEN);
  vi.stubEnv('JIRA_EMAIL', 'ana.silva@harbormutual.example');
  vi.stubEnv('JIRA_API_TOKEN', JIRA_TOKEN);
  vi.stubEnv('AIMS_SHAREPOINT_TOKEN', GRAPH_TOKEN);
});
afterEach(() => vi.unstubAllEnvs());

type Refusal = 401 | 403;

/** A GitHub answer as GitHub words it: 401 bad credentials, 403 a permission the token lacks (no rate limit). */
const githubRefusal = (status: Refusal) =>
  ({
    kind: 'status',
    status,
    message: status === 401 ? 'Bad credentials' : 'Resource not accessible by personal access token',
  }) as const;

const graphRefusal = (status: Refusal) => () =>
  status === 401
    ? graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.')
    : graphError(403, 'accessDenied', 'Access denied');

interface Case {
  /** The command as a user types it. */
  command: string;
  service: 'GitHub' | 'Jira' | 'SharePoint';
  /**
   * Sets the service up so the request the command cannot do without answers `status` (every other request is
   * answered normally), and returns the command's arguments.
   */
  arrange(status: Refusal): Promise<string[]>;
  /** A 403 on this request is one item's, not the run's: the command goes on and says so with its own code. */
  forbiddenIsPerItem?: number;
}

const CASES: Case[] = [
  {
    command: 'github scan --org',
    service: 'GitHub',
    async arrange(status) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.fail(/^\/orgs\/acme\/repos/, githubRefusal(status));
      return ['github', 'scan', '--org', 'acme', '--state', tempDir('gh-state')];
    },
  },
  {
    command: 'github scan --org (refused at the second repository)',
    service: 'GitHub',
    async arrange(status) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.addRepo('acme/b', OPENAI_SUPPORT_BOT('gpt-4.1'));
      github.fail(/^\/repos\/acme\/b\//, githubRefusal(status));
      return ['github', 'scan', '--org', 'acme', '--state', tempDir('gh-state'), '--format', 'json'];
    },
  },
  {
    command: 'github scan --repo',
    service: 'GitHub',
    async arrange(status) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.fail(/^\/repos\/acme\/a$/, githubRefusal(status));
      return ['github', 'scan', '--repo', 'acme/a', '--state', tempDir('gh-state')];
    },
  },
  {
    command: 'github pr',
    service: 'GitHub',
    async arrange(status) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.openPull('acme/a', 7, OPENAI_SUPPORT_BOT('gpt-4.1'));
      github.fail(/^\/repos\/acme\/a\/pulls\/7$/, githubRefusal(status));
      return ['github', 'pr', 'acme/a#7', '--retries', '0'];
    },
  },
  {
    command: 'jira discover',
    service: 'Jira',
    async arrange(status) {
      aiTicketJiraWorld(server).fail({ path: /^\/search/, times: 9, respond: faults.status(status) });
      return ['jira', 'discover', '--url', CLOUD_SITE, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'jira link',
    service: 'Jira',
    async arrange(status) {
      aiTicketJiraWorld(server).fail({ path: /^\/issue\/CLM-7/, times: 9, respond: faults.status(status) });
      const { dir } = await harborWorkspace();
      return [
        'jira',
        'link',
        'CLM-7',
        '--system',
        'sys-claims-triage',
        '--url',
        CLOUD_SITE,
        '--workspace',
        dir,
      ];
    },
  },
  {
    command: 'jira sync',
    service: 'Jira',
    forbiddenIsPerItem: 3,
    async arrange(status) {
      const world = aiTicketJiraWorld(server);
      const dir = await linkedWorkspace(NOW);
      world.fail({ path: /^\/issue\//, times: 9, respond: faults.status(status) });
      return ['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir];
    },
  },
  {
    command: 'reconcile --url',
    service: 'Jira',
    async arrange(status) {
      aiTicketJiraWorld(server).fail({ path: /^\/search/, times: 9, respond: faults.status(status) });
      return ['reconcile', '--url', CLOUD_SITE, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'sharepoint sync',
    service: 'SharePoint',
    async arrange(status) {
      sharepoint.faults.push({ match: 'GET /sites/', times: 9, respond: graphRefusal(status) });
      return ['sharepoint', 'sync', '--site', SITE_URL, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'sharepoint evidence list',
    service: 'SharePoint',
    async arrange(status) {
      sharepoint.upload('Policies', 'policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
      sharepoint.faults.push({ match: '/children', times: 9, respond: graphRefusal(status) });
      return ['sharepoint', 'evidence', 'list', '--site', SITE_URL, '--folder', 'Policies'];
    },
  },
  {
    command: 'sharepoint evidence register',
    service: 'SharePoint',
    async arrange(status) {
      const { dir } = await harborWorkspace();
      const itemId = sharepoint.upload('Policies', 'policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
      sharepoint.faults.push({ match: '/content', times: 9, respond: graphRefusal(status) });
      return [
        ...['sharepoint', 'evidence', 'register', '--site', SITE_URL, '--workspace', dir, '--item', itemId],
        ...['--folder', 'Policies', '--by', 'lena.fischer@harbormutual.example'],
      ];
    },
  },
  {
    command: 'sharepoint evidence check',
    service: 'SharePoint',
    // A 403 on one document leaves that item not checked (1) and the others checked.
    forbiddenIsPerItem: 1,
    async arrange(status) {
      const { ws, itemId } = await evidenceWorkspace(sharepoint, SITE_URL);
      sharepoint.faults.push({ match: `/items/${itemId}`, times: 9, respond: graphRefusal(status) });
      return ['sharepoint', 'evidence', 'check', '--workspace', ws];
    },
  },
  {
    command: 'sharepoint evidence confirm',
    service: 'SharePoint',
    async arrange(status) {
      const { ws, itemId } = await evidenceWorkspace(sharepoint, SITE_URL);
      sharepoint.faults.push({ match: `/items/${itemId}`, times: 9, respond: graphRefusal(status) });
      return [
        ...['sharepoint', 'evidence', 'confirm', '--workspace', ws, '--id', `ev-sharepoint-${itemId}`],
        ...['--by', 'lena.fischer@harbormutual.example'],
      ];
    },
  },
];

/** The workspace's event log, when the arguments name one: to show what a refused run kept. */
const eventLog = (args: string[]) => {
  const at = args.indexOf('--workspace');
  return at < 0 ? undefined : readFileSync(join(args[at + 1]!, 'events.jsonl'), 'utf8');
};

describe('a refused token (HTTP 401) exits 5 from every command of every service', () => {
  it.each(CASES)('$service: aims $command', async ({ arrange }) => {
    const args = await arrange(401);
    const before = eventLog(args);
    answered = [];
    const run = await runCli(args, { now: NOW });
    expect(run.code, run.err).toBe(CREDENTIALS_REFUSED_EXIT);
    // The refusal is named on stderr, with the status, never the token.
    expect(run.err).toMatch(/\b401\b/);
    for (const secret of [GITHUB_TOKEN, JIRA_TOKEN, GRAPH_TOKEN])
      expect(`${run.out}\n${run.err}`).not.toContain(secret);
    // Nothing was asked after the refusal.
    const refused = answered.findIndex((a) => a.status === 401);
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(answered.slice(refused + 1)).toEqual([]);
    // The register holds what was recorded before the refusal, nothing of the refused step.
    if (before !== undefined) expect(eventLog(args)).toBe(before);
  });
});

describe('a forbidden request (HTTP 403, no rate limit) exits 1 when the command cannot go on without it', () => {
  it.each(CASES)('$service: aims $command', async ({ arrange, forbiddenIsPerItem }) => {
    const args = await arrange(403);
    const run = await runCli(args, { now: NOW });
    expect(run.code, run.err).toBe(forbiddenIsPerItem ?? SERVICE_REFUSED_EXIT);
    expect(`${run.out}\n${run.err}`).toMatch(/\b403\b/);
    expect(answered.some((a) => a.status === 401)).toBe(false);
  });
});

describe('a scan GitHub stops part-way keeps what it did', () => {
  it('the repositories scanned before a 401 are kept, and the rerun with a fresh token resumes after them', async () => {
    const [arranged] = [CASES[1]!];
    const args = await arranged.arrange(401);
    const stopped = await runCli(args, { now: NOW });
    expect(stopped.code).toBe(CREDENTIALS_REFUSED_EXIT);
    const doc = JSON.parse(stopped.out) as { repositories: { repository: string; status: string }[] };
    expect(doc.repositories.map((r) => [r.repository, r.status])).toEqual([['acme/a', 'scanned']]);
    expect(stopped.err).toMatch(/stopping at acme\/b: GET \/repos\/acme\/b\/.*bad credentials \(HTTP 401\)/);
    answered = [];
    const resumed = await runCli(args, { now: NOW });
    expect(resumed.code).toBe(0);
    expect(answered.some((a) => a.url.includes('/repos/acme/a/'))).toBe(false);
  });
});

describe('--help gives the same codes for every service', () => {
  it.each(['github', 'jira', 'reconcile', 'sharepoint'])('aims %s --help', async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain(SERVICE_EXIT_HELP.join('\n'));
    expect(help.out.replace(/\s+/g, ' ')).toContain(
      '5 the credentials were refused (HTTP 401: wrong, expired or revoked): the command stopped at that request and sent nothing more with them',
    );
  });
});

describe('no credentials at all is the set-up of the job, not a refusal', () => {
  it('Jira and SharePoint exit 2 without a request; GitHub goes on unauthenticated and says so', async () => {
    vi.stubEnv('JIRA_API_TOKEN', '');
    vi.stubEnv('AIMS_SHAREPOINT_TOKEN', '');
    vi.stubEnv('GITHUB_TOKEN', '');
    aiTicketJiraWorld(server);
    const { dir } = await harborWorkspace();
    const jira = await runCli(['jira', 'discover', '--url', CLOUD_SITE]);
    const sharePoint = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', dir]);
    expect([jira.code, sharePoint.code]).toEqual([2, 2]);
    expect(answered).toEqual([]);
    github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
    const scan = await runCli(['github', 'scan', '--org', 'acme', '--state', tempDir('gh-state')]);
    expect(scan.code).toBe(0);
    expect(scan.err).toContain('aims github: no GITHUB_TOKEN or --token-file; unauthenticated requests');
  });
});
