// Every command that talks to GitHub, Jira or Microsoft Graph, when the service fails for a while (a rate limit
// past the waits it asked for, 5xx, no answer in time, a dropped connection): one exit code, 4, the same for all
// three services, so a CI job can tell "run again later" from "replace the token" (5), "the service would not
// do this" (1) and findings (3). Each command runs through the real client library (Octokit, jira.js' fetch
// transport, the Graph client) against the mock services the connector tests use, behind one msw server; the
// clients' real waits (Retry-After, back-off, the 30 s request timeout) run on a fake clock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASSING_FAILURE_EXIT, SERVICE_EXIT_HELP } from '../../../scripts/cli/service-exit';
import { runCli } from '../../support/cli';
import { aiTicketJiraWorld, evidenceWorkspace, linkedWorkspace } from '../../support/service-workspaces';
import { FakeSharePoint, GRAPH, graphError, TOKEN as GRAPH_TOKEN } from '../../support/fake-sharepoint';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { MockGitHub } from '../../support/github/mock-github';
import { mockGitHubHandler } from '../../support/github/msw';
import { CLOUD_SITE } from '../../support/jira-setup';
import { faults as jiraFaults } from '../../support/jira-world';
import { harborWorkspace } from '../../support/jira-workspace';
import { mswServer } from '../../support/msw';
import { tempDir } from '../../support/temp';

const GITHUB_API = 'https://api.github.com';
const GITHUB_TOKEN = 'ghp_passingTOKEN4242';
const JIRA_EMAIL = 'ana.silva@harbormutual.example';
const JIRA_TOKEN = 'cloud-secret-token';
const SITE_URL = 'https://harbormutual.sharepoint.com/sites/compliance';
const NOW = '2026-11-28T09:00:00.000Z';
/** What a Retry-After asks for, in seconds: inside every client's longest wait, so it is honoured. */
const RETRY_AFTER = 30;

let github = new MockGitHub(GITHUB_API);
let sharepoint = new FakeSharePoint();
const server = mswServer(
  mockGitHubHandler(GITHUB_API, () => github),
  http.all(`${GRAPH}/*`, ({ request }) => sharepoint.answer(request)),
);

/** Milliseconds the fake clock has moved during the current run. */
let clock = 0;
/** Every request any mock service saw during the run, with the fake time it was sent at. */
let asked: { url: string; at: number }[] = [];
server.events.on('request:start', ({ request }) => {
  asked.push({ url: request.url, at: clock });
});

beforeEach(() => {
  github = new MockGitHub(GITHUB_API);
  sharepoint = new FakeSharePoint();
  vi.stubEnv('GITHUB_TOKEN', GITHUB_TOKEN);
  vi.stubEnv('JIRA_EMAIL', JIRA_EMAIL);
  vi.stubEnv('JIRA_API_TOKEN', JIRA_TOKEN);
  vi.stubEnv('AIMS_SHAREPOINT_TOKEN', GRAPH_TOKEN);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

type Service = 'GitHub' | 'Jira' | 'SharePoint';

/** An error answer in the service's own shape. */
function statusAnswer(service: Service, status: number, headers: Record<string, string> = {}): Response {
  if (service === 'Jira') return jiraFaults.status(status, headers)();
  if (service === 'SharePoint')
    return graphError(
      status,
      status === 429 ? 'TooManyRequests' : 'serviceNotAvailable',
      'Try later',
      headers,
    );
  return HttpResponse.json(
    { message: status === 429 ? 'You have exceeded a secondary rate limit' : 'Server Error' },
    { status, headers },
  );
}

interface Fault {
  name: string;
  respond(service: Service): () => Response | Promise<Response>;
  /** What the command's message names. */
  cause: RegExp;
}

const FAULTS: Fault[] = [
  {
    name: '429 with Retry-After',
    respond: (service) => () => statusAnswer(service, 429, { 'retry-after': String(RETRY_AFTER) }),
    cause: /429|rate limit|throttled/i,
  },
  ...[500, 502, 503].map((status) => ({
    name: `HTTP ${status}`,
    respond: (service: Service) => () => statusAnswer(service, status),
    cause: new RegExp(`\\b${status}\\b`),
  })),
  {
    name: 'a reset connection',
    respond: () => () => HttpResponse.error(),
    cause: /could not reach|cannot reach|no answer from the server/i,
  },
  {
    name: 'no answer (timeout)',
    respond: () => async () => {
      await delay('infinite');
      return new HttpResponse(null);
    },
    cause: /in time|no response within|no answer within/i,
  },
];

/** GitHub answers requests whose path matches with the fault (every other request normally). */
function githubFails(path: RegExp, respond: () => Response | Promise<Response>): void {
  server.use(
    http.all(
      ({ request }) => request.url.startsWith(GITHUB_API) && path.test(new URL(request.url).pathname),
      respond,
    ),
  );
}

type Respond = () => Response | Promise<Response>;

interface Case {
  command: string;
  service: Service;
  /** The path (as the mock sees it) of the failing request, to count its attempts. */
  failing: RegExp;
  /** Makes the request the command cannot do without answer with `respond`; returns the arguments. */
  arrange(respond: Respond): Promise<string[]>;
  /**
   * The fault hits one item of many and the run goes on: the command's own code for that, by fault (a fault
   * not listed stops the run).
   */
  perItem?: (fault: string) => number | undefined;
}

const CASES: Case[] = [
  {
    command: 'github scan --org',
    service: 'GitHub',
    failing: /\/orgs\/acme\/repos/,
    async arrange(respond) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      githubFails(/^\/orgs\/acme\/repos/, respond);
      return ['github', 'scan', '--org', 'acme', '--state', tempDir('gh-state')];
    },
  },
  {
    command: 'github scan --org (failing at the second repository)',
    service: 'GitHub',
    failing: /\/repos\/acme\/b\//,
    async arrange(respond) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.addRepo('acme/b', OPENAI_SUPPORT_BOT('gpt-4.1'));
      githubFails(/^\/repos\/acme\/b\//, respond);
      const { dir } = await harborWorkspace();
      return ['github', 'scan', '--org', 'acme', '--state', tempDir('gh-state'), '--workspace', dir];
    },
  },
  {
    command: 'github scan --repo',
    service: 'GitHub',
    failing: /\/repos\/acme\/a$/,
    async arrange(respond) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      githubFails(/^\/repos\/acme\/a$/, respond);
      return ['github', 'scan', '--repo', 'acme/a', '--state', tempDir('gh-state')];
    },
  },
  {
    command: 'github pr',
    service: 'GitHub',
    failing: /\/repos\/acme\/a\/pulls\/7$/,
    async arrange(respond) {
      github.addRepo('acme/a', OPENAI_SUPPORT_BOT('gpt-4o'));
      github.openPull('acme/a', 7, OPENAI_SUPPORT_BOT('gpt-4.1'));
      githubFails(/^\/repos\/acme\/a\/pulls\/7$/, respond);
      const { dir } = await harborWorkspace();
      return ['github', 'pr', 'acme/a#7', '--workspace', dir];
    },
  },
  {
    command: 'jira discover',
    service: 'Jira',
    failing: /\/search/,
    async arrange(respond) {
      aiTicketJiraWorld(server).fail({ path: /^\/search/, times: 99, respond });
      return ['jira', 'discover', '--url', CLOUD_SITE, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'jira link',
    service: 'Jira',
    failing: /\/issue\/CLM-7/,
    async arrange(respond) {
      aiTicketJiraWorld(server).fail({ path: /^\/issue\/CLM-7/, times: 99, respond });
      const { dir } = await harborWorkspace();
      return [
        ...['jira', 'link', 'CLM-7', '--system', 'sys-claims-triage'],
        ...['--url', CLOUD_SITE, '--workspace', dir],
      ];
    },
  },
  {
    command: 'jira sync',
    service: 'Jira',
    failing: /\/issue\//,
    // A server error or a timeout on one epic skips that epic (partial, 3); a rate limit past its waits or an
    // unreachable site would meet every other epic too, so they stop the run.
    perItem: (fault) => (/^HTTP 5|timeout/.test(fault) ? 3 : undefined),
    async arrange(respond) {
      const world = aiTicketJiraWorld(server);
      const dir = await linkedWorkspace(NOW);
      world.fail({ path: /^\/issue\//, times: 99, respond });
      return ['jira', 'sync', '--url', CLOUD_SITE, '--workspace', dir];
    },
  },
  {
    command: 'reconcile --url',
    service: 'Jira',
    failing: /\/search/,
    async arrange(respond) {
      aiTicketJiraWorld(server).fail({ path: /^\/search/, times: 99, respond });
      return ['reconcile', '--url', CLOUD_SITE, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'sharepoint sync',
    service: 'SharePoint',
    failing: /\/sites\//,
    async arrange(respond) {
      sharepoint.faults.push({ match: 'GET /sites/', times: 99, respond });
      return ['sharepoint', 'sync', '--site', SITE_URL, '--workspace', (await harborWorkspace()).dir];
    },
  },
  {
    command: 'sharepoint evidence list',
    service: 'SharePoint',
    failing: /\/children/,
    async arrange(respond) {
      sharepoint.upload('Policies', 'policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
      sharepoint.faults.push({ match: '/children', times: 99, respond });
      return ['sharepoint', 'evidence', 'list', '--site', SITE_URL, '--folder', 'Policies'];
    },
  },
  {
    command: 'sharepoint evidence register',
    service: 'SharePoint',
    failing: /\/content/,
    async arrange(respond) {
      const { dir } = await harborWorkspace();
      const itemId = sharepoint.upload('Policies', 'policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
      sharepoint.faults.push({ match: '/content', times: 99, respond });
      return [
        ...['sharepoint', 'evidence', 'register', '--site', SITE_URL, '--workspace', dir, '--item', itemId],
        ...['--folder', 'Policies', '--by', 'lena.fischer@harbormutual.example'],
      ];
    },
  },
  {
    command: 'sharepoint evidence check',
    service: 'SharePoint',
    failing: /\/items\//,
    // One document SharePoint does not answer for is that item's: not checked (1), the others checked.
    perItem: () => 1,
    async arrange(respond) {
      const { ws, itemId } = await evidenceWorkspace(sharepoint, SITE_URL);
      sharepoint.faults.push({ match: `/items/${itemId}`, times: 99, respond });
      return ['sharepoint', 'evidence', 'check', '--workspace', ws];
    },
  },
  {
    command: 'sharepoint evidence confirm',
    service: 'SharePoint',
    failing: /\/items\//,
    async arrange(respond) {
      const { ws, itemId } = await evidenceWorkspace(sharepoint, SITE_URL);
      sharepoint.faults.push({ match: `/items/${itemId}`, times: 99, respond });
      return [
        ...['sharepoint', 'evidence', 'confirm', '--workspace', ws, '--id', `ev-sharepoint-${itemId}`],
        ...['--by', 'lena.fischer@harbormutual.example'],
      ];
    },
  },
];

/** The workspace's event log, when the arguments name one. */
const eventLog = (args: string[]) => {
  const at = args.indexOf('--workspace');
  return at < 0 ? undefined : readFileSync(join(args[at + 1]!, 'events.jsonl'), 'utf8');
};

/** Fake milliseconds moved per turn of the real event loop: small beside every wait the clients make. */
const STEP_MS = 100;
/** A run still going after this much real time is stuck (the fake clock makes every wait short). */
const LIMIT_MS = 60_000;

/**
 * Runs the CLI with timers on a fake clock that moves STEP_MS per turn of the real event loop, so the clients'
 * waits (Retry-After, back-off, request timeouts) pass as they would, only faster.
 */
async function runOnFakeClock(args: string[]) {
  clock = 0;
  asked = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let settled = false;
  const started = performance.now();
  const run = runCli(args, { now: NOW }).finally(() => {
    settled = true;
  });
  try {
    while (!settled) {
      if (performance.now() - started > LIMIT_MS)
        throw new Error(`aims ${args.join(' ')} still running at ${clock} ms on the fake clock`);
      await new Promise((done) => setImmediate(done));
      await vi.advanceTimersByTimeAsync(STEP_MS);
      clock += STEP_MS;
    }
    return await run;
  } finally {
    vi.useRealTimers();
  }
}

const SECRETS = [
  GITHUB_TOKEN,
  JIRA_TOKEN,
  Buffer.from(`${JIRA_EMAIL}:${JIRA_TOKEN}`).toString('base64'),
  GRAPH_TOKEN,
];

const MATRIX = CASES.flatMap((c) =>
  FAULTS.map((f) => ({ ...c, fault: f, label: `${c.command} × ${f.name}` })),
);

describe('a passing failure (rate limit, 5xx, timeout, dropped connection) exits 4 from every command', () => {
  it.each(MATRIX)('$service: aims $label', async ({ command, service, arrange, fault, failing, perItem }) => {
    const args = await arrange(fault.respond(service));
    const before = eventLog(args);
    const run = await runOnFakeClock(args);
    expect(run.code, run.err).toBe(perItem?.(fault.name) ?? PASSING_FAILURE_EXIT);
    // The cause is named; no credential is printed.
    expect(`${run.out}\n${run.err}`).toMatch(fault.cause);
    for (const secret of SECRETS) expect(`${run.out}\n${run.err}`).not.toContain(secret);
    // The failing request was asked (the retries are each client's own business, counted below for 429).
    expect(asked.some((a) => failing.test(new URL(a.url).pathname))).toBe(true);
    // Nothing half-done reached the register: it holds what it held (the one complete repository a scan
    // finished before the failure is the only change, tested below).
    if (before !== undefined && !/second repository/.test(command)) expect(eventLog(args)).toBe(before);
  });
});

describe('a Retry-After is honoured, then the command gives up and exits 4', () => {
  it.each(CASES.filter((c) => !c.perItem))(
    '$service: aims $command',
    async ({ service, arrange, failing }) => {
      const args = await arrange(FAULTS[0]!.respond(service));
      const run = await runOnFakeClock(args);
      expect(run.code, run.err).toBe(PASSING_FAILURE_EXIT);
      const attempts = asked.filter((a) => failing.test(new URL(a.url).pathname)).map((a) => a.at);
      // The waits the service asked for were taken (three for every client) before it gave up. (Octokit's
      // retry plugin then asks a GitHub 429 up to three more times on its own back-off: not counted here.)
      const waits = attempts.slice(1, 4).map((at, i) => at - attempts[i]!);
      expect(waits.length, run.err).toBe(3);
      for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(RETRY_AFTER * 1000 - STEP_MS);
    },
  );
});

describe('a GitHub scan a passing failure cut short keeps the repositories it finished', () => {
  it('the first repository is recorded, the second named for a rerun, exit 4', async () => {
    const args = await CASES[1]!.arrange(FAULTS[1]!.respond('GitHub'));
    const before = eventLog(args)!;
    const run = await runOnFakeClock(args);
    expect(run.code, run.err).toBe(PASSING_FAILURE_EXIT);
    const added = eventLog(args)!.slice(before.length);
    expect(added).toContain('sys-a');
    expect(added).not.toContain('sys-b');
  });
});

describe('--help gives the passing-failure code the same way for every service', () => {
  it.each(['github', 'jira', 'reconcile', 'sharepoint'])('aims %s --help', async (command) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain(SERVICE_EXIT_HELP.join('\n'));
    expect(help.out.replace(/\s+/g, ' ')).toContain(
      '4 a passing failure (a rate limit past its waits, HTTP 5xx, a timeout, no connection) after the retries: run again later',
    );
  });
});
