import { describe, expect, it } from 'vitest';
import { createJiraApi } from '../../../connectors/jira/client';
import { JiraError } from '../../../connectors/jira/errors';
import { searchIssues } from '../../../connectors/jira/search';
import { apiFor, CLOUD_SITE, DC_SITE, jiraServer, testDeps, TestClock } from '../../support/jira-setup';
import { faults, JiraWorld } from '../../support/jira-world';

const server = jiraServer();

const seeds = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `AI-${i + 1}`,
    summary: `AI feature ${i + 1}`,
    labels: ['ai'],
  }));

async function collect(iter: AsyncGenerator<{ key: string }[]>): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of iter) keys.push(...page.map((i) => i.key));
  return keys;
}

async function failure(promise: Promise<unknown>): Promise<JiraError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof JiraError)) throw new Error(`expected a JiraError, got ${String(error)}`);
  return error;
}

describe('Jira client: Cloud (REST v3) and Data Center (REST v2)', () => {
  it('sends Basic email:token to Cloud and Bearer PAT to Data Center, on their own API versions', async () => {
    const cloud = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(1)));
    await apiFor(cloud).api.getIssue('AI-1');
    expect(cloud.requests[0]?.path).toBe('/issue/AI-1');
    expect(cloud.requests[0]?.authorization).toBe(
      `Basic ${Buffer.from('ana.silva@harbormutual.example:cloud-secret-token').toString('base64')}`,
    );
    const dc = server.use(new JiraWorld('data-center', DC_SITE).add(...seeds(1)));
    const issue = await apiFor(dc).api.getIssue('AI-1');
    expect(issue).toMatchObject({
      key: 'AI-1',
      summary: 'AI feature 1',
      labels: ['ai'],
      status: { category: 'new' },
    });
    expect(dc.requests[0]?.authorization).toBe('Bearer dc-secret-pat');
  });

  it('chooses the flavour from the host, and refuses a PAT for Cloud before any request', () => {
    const deps = testDeps(new TestClock(), []);
    const cloud = apiFor(new JiraWorld('cloud', CLOUD_SITE)).api;
    expect(cloud.flavour).toBe('cloud');
    expect(apiFor(new JiraWorld('data-center', DC_SITE)).api.flavour).toBe('data-center');
    expect(() =>
      createJiraApi({
        connection: { url: CLOUD_SITE },
        credentials: { kind: 'pat', token: 't' },
        deps,
      }),
    ).toThrow(/Cloud needs an email and an API token/);
    expect(() =>
      createJiraApi({
        connection: { url: 'http://jira.example' },
        credentials: { kind: 'pat', token: 't' },
        deps,
      }),
    ).toThrow(/https/);
  });

  it('pages Cloud search by nextPageToken across 3+ pages, each issue once', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(7)));
    const { api } = apiFor(world, { connection: { pageSize: 3 } });
    const keys = await collect(searchIssues(api, 'labels = ai', { log: () => {} }));
    expect(keys).toEqual(['AI-1', 'AI-2', 'AI-3', 'AI-4', 'AI-5', 'AI-6', 'AI-7']);
    const searches = world.requests.filter((r) => r.path === '/search/jql');
    expect(searches).toHaveLength(3);
    const tokens = searches.map((s) => (s.body as { nextPageToken?: string }).nextPageToken);
    // Each page after the first asks with exactly the token the previous answer carried.
    expect(world.issuedTokens).toHaveLength(2);
    expect(tokens).toEqual([undefined, world.issuedTokens[0], world.issuedTokens[1]]);
    expect(world.issuedTokens[0]).not.toBe(world.issuedTokens[1]);
  });

  it('pages Data Center search by startAt across 3+ pages', async () => {
    const world = server.use(new JiraWorld('data-center', DC_SITE).add(...seeds(7)));
    const { api } = apiFor(world, { connection: { pageSize: 3 } });
    expect(await collect(searchIssues(api, 'labels = ai', { log: () => {} }))).toHaveLength(7);
    const starts = world.requests
      .filter((r) => r.path === '/search')
      .map((r) => (r.body as { startAt: number }).startAt);
    expect(starts).toEqual([0, 3, 6]);
  });

  it('honours a server page cap smaller than the page size asked for (Data Center)', async () => {
    const world = server.use(new JiraWorld('data-center', DC_SITE).add(...seeds(5)));
    world.pageCap = 2;
    const { api } = apiFor(world, { connection: { pageSize: 50 } });
    expect(await collect(searchIssues(api, 'labels = ai', { log: () => {} }))).toHaveLength(5);
  });

  it.each(['cloud', 'data-center'] as const)(
    '%s: a server that ignores the page cursor is stopped after one repeat, not paged 10,000 times',
    async (flavour) => {
      const world = server.use(
        new JiraWorld(flavour, flavour === 'cloud' ? CLOUD_SITE : DC_SITE).add(...seeds(7)),
      );
      world.ignoresCursor = true;
      const { api, log } = apiFor(world, { connection: { pageSize: 3 } });
      const read: string[] = [];
      await expect(
        (async () => {
          for await (const issues of searchIssues(api, 'labels = ai', { log: (l) => log.push(l) }))
            read.push(...issues.map((i) => i.key));
        })(),
      ).rejects.toThrow(
        flavour === 'cloud' ? /same next page token again/ : /page at 0 when asked for the page at 3/,
      );
      expect(read).toEqual(['AI-1', 'AI-2', 'AI-3']);
      expect(world.requests.filter((r) => r.path.includes('/search')).length).toBe(2);
    },
  );

  it('restarts once when the page token has expired, without yielding an issue twice', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(7)));
    const { api, log } = apiFor(world, { connection: { pageSize: 3 } });
    const keys: string[] = [];
    for await (const page of searchIssues(api, 'labels = ai', { log: (l) => log.push(l) })) {
      keys.push(...page.map((i) => i.key));
      if (keys.length === 3) world.expireTokens();
    }
    expect(keys).toEqual(['AI-1', 'AI-2', 'AI-3', 'AI-4', 'AI-5', 'AI-6', 'AI-7']);
    expect(log.join('\n')).toMatch(/page token expired/);
  });

  it('gives up when the token expires again right after the restart', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(7)));
    const { api } = apiFor(world, { connection: { pageSize: 3 } });
    const run = (async () => {
      for await (const _page of searchIssues(api, 'labels = ai', { log: () => {} })) world.expireTokens();
    })();
    expect((await failure(run)).failure).toBe('page-token-expired');
  });

  it('401: fails at once with a message about the credentials, never showing them', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/issue\//, times: 9, respond: faults.status(401) }),
    );
    const { api, clock } = apiFor(world);
    const error = await failure(api.getIssue('AI-1'));
    expect(error.failure).toBe('unauthorized');
    expect(error.message).toMatch(/read AI-1: Jira refused the credentials \(401\)/);
    expect(error.message).not.toMatch(/cloud-secret-token|ana\.silva/);
    expect(JSON.stringify(error)).not.toMatch(/cloud-secret-token/);
    expect(world.requests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it('403 and 404 fail at once, naming the operation', async () => {
    const world = server.use(
      new JiraWorld('data-center', DC_SITE)
        .add(...seeds(1))
        .fail({ path: /remotelink/, times: 9, respond: faults.status(403) }),
    );
    const { api } = apiFor(world);
    const forbidden = await failure(api.remoteLinks('AI-1'));
    expect([forbidden.failure, forbidden.status]).toEqual(['forbidden', 403]);
    const missing = await failure(api.getIssue('AI-404'));
    expect(missing.failure).toBe('not-found');
    expect(missing.message).toMatch(/read AI-404: not found/);
    expect(world.requests).toHaveLength(2);
  });

  it('429: waits the Retry-After seconds, then succeeds', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/search\/jql$/, times: 2, respond: faults.status(429, { 'Retry-After': '7' }) }),
    );
    const { api, clock, log } = apiFor(world);
    const page = await api.searchPage('labels = ai', { kind: 'token' });
    expect(page.issues.map((i) => i.key)).toEqual(['AI-1']);
    expect(clock.waits).toEqual([7000, 7000]);
    expect(log.join('\n')).toMatch(/rate limiting \(429\), retry after 7s; retrying in 7s/);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const clock = new TestClock();
    const at = new Date(clock.now() + 12_000).toUTCString();
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/issue\//, times: 1, respond: faults.status(429, { 'Retry-After': at }) }),
    );
    const { api, clock: used } = apiFor(world);
    await api.getIssue('AI-1');
    expect(used.waits).toEqual([12_000]);
  });

  it('429 asking for longer than the run allows fails with the wait named', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/issue\//, times: 9, respond: faults.status(429, { 'Retry-After': '3600' }) }),
    );
    const error = await failure(apiFor(world).api.getIssue('AI-1'));
    expect(error.message).toMatch(/asked to wait 3600s, more than the 120s/);
  });

  it('5xx: backs off exponentially and gives up after maxAttempts', async () => {
    const world = server.use(
      new JiraWorld('data-center', DC_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/issue\//, times: 9, respond: faults.status(503) }),
    );
    const { api, clock } = apiFor(world, { connection: { maxAttempts: 4 } });
    const error = await failure(api.getIssue('AI-1'));
    expect([error.failure, error.status]).toEqual(['unavailable', 503]);
    expect(clock.waits).toEqual([1000, 2000, 4000]);
    expect(world.requests).toHaveLength(4);
  });

  it('a 502 then success is invisible to the caller', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/issue\//, times: 1, respond: faults.status(502) }),
    );
    expect((await apiFor(world).api.getIssue('AI-1')).key).toBe('AI-1');
  });

  it('a request that hangs times out, is retried, then fails as a timeout', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/issue\//, times: 9, respond: faults.hang() }),
    );
    const { api } = apiFor(world, { connection: { timeoutMs: 100, maxAttempts: 2 } });
    const error = await failure(api.getIssue('AI-1'));
    expect(error.failure).toBe('timeout');
    expect(world.requests).toHaveLength(2);
  });

  it('a malformed JSON body fails clearly and is not retried', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE)
        .add(...seeds(1))
        .fail({ path: /^\/search\/jql$/, times: 9, respond: faults.malformed() }),
    );
    const error = await failure(apiFor(world).api.searchPage('labels = ai', { kind: 'token' }));
    expect(error.failure).toBe('malformed');
    expect(error.message).toMatch(/search issues: Jira answered with a body that is not the expected JSON/);
    expect(world.requests).toHaveLength(1);
  });

  it('JSON of the wrong shape fails naming the field; a wrong issue is skipped naming it, the page kept', async () => {
    const world = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add(...seeds(1)).fail({
        path: /^\/search\/jql$/,
        times: 1,
        respond: () => Response.json({ issues: { id: '1' } }),
      }),
    );
    const error = await failure(apiFor(world).api.searchPage('x', { kind: 'token' }));
    expect(error.message).toMatch(/unexpected answer from Jira at 'issues'/);
    world.fail({
      path: /^\/search\/jql$/,
      times: 1,
      respond: () =>
        Response.json({ issues: [{ id: '1', key: 'not a key', fields: {} }, world.cloudIssue('AI-1')] }),
    });
    const page = await apiFor(world).api.searchPage('x', { kind: 'token' });
    expect(page.issues.map((i) => i.key)).toEqual(['AI-1']);
    expect(page.skipped).toEqual([
      {
        key: '#1',
        reason: expect.stringMatching(
          /unexpected answer from Jira at 'key': not a Jira issue key/,
        ) as unknown,
      },
    ]);
  });

  it('sends every request through the injected fetch (the transport the extension background hands in)', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(4)));
    const { api, fetched } = apiFor(world, { connection: { pageSize: 2 } });
    expect(await collect(searchIssues(api, 'labels = ai', { log: () => {} }))).toHaveLength(4);
    expect(fetched).toEqual([`${CLOUD_SITE}/rest/api/3/search/jql`, `${CLOUD_SITE}/rest/api/3/search/jql`]);
    const error = await failure(api.getIssue('AI-99'));
    expect(error.failure).toBe('not-found');
  });

  it('reads a Cloud changelog across pages and a Data Center changelog from the expanded issue', async () => {
    const history = [1, 2, 3, 4, 5].map((n) => ({
      id: String(n),
      created: `2026-11-0${n}T10:00:00.000+0000`,
      items: [{ field: 'labels', fieldtype: 'jira', fromString: '', toString: `l${n}` }],
    }));
    const cloud = server.use(
      new JiraWorld('cloud', CLOUD_SITE).add({ key: 'AI-1', summary: 's', changelog: history }),
    );
    const changes = await apiFor(cloud).api.changelog('AI-1');
    expect(changes.map((c) => c.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(changes[0]?.items).toEqual([{ field: 'labels', to: 'l1' }]);
    expect(cloud.requests.filter((r) => r.path.endsWith('/changelog')).length).toBe(3);
    const dc = server.use(
      new JiraWorld('data-center', DC_SITE).add({ key: 'AI-1', summary: 's', changelog: history }),
    );
    expect((await apiFor(dc).api.changelog('AI-1')).map((c) => c.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('a missing issue property reads as undefined, not as an error', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(1)));
    const { api } = apiFor(world);
    expect(await api.getProperty('AI-1', 'com.aimslens.aims')).toBeUndefined();
    await api.setProperty('AI-1', 'com.aimslens.aims', { systemId: 'sys-a' });
    expect(await api.getProperty('AI-1', 'com.aimslens.aims')).toEqual({ systemId: 'sys-a' });
  });
});

describe('Jira client: hostile input', () => {
  it('refuses issue keys that are not keys before any request (no path tricks)', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(...seeds(1)));
    const { api } = apiFor(world);
    for (const key of ['../../myself', 'AI-1/remotelink', 'ai-1', 'AI-0', '', 'AI-1?x=1']) {
      const error = await failure(api.getIssue(key));
      expect(error.failure).toBe('bad-request');
    }
    await failure(api.setProperty('AI-1/../AI-2', 'p', 1));
    expect(world.requests).toHaveLength(0);
  });
});
