// Connections: settings validated and kept only in storage.local, never handed back; "Test
// connection" through Octokit against GitHub's published schema, each failure named precisely.
import { createServer, type Server } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFailure, networkFailure } from '../../../extension/background/connections/failure';
import {
  githubApiRoot,
  probeGithub,
  type ProbeDeps,
} from '../../../extension/background/connections/github-probe';
import { createConnectionService } from '../../../extension/background/connections/service';
import { originsFor, storageLocalStore } from '../../../extension/background/connections/settings';
import { mswServer } from '../../support/msw';

type PrivateUser = components['schemas']['private-user'];

const TOKEN = 'ghp_0123456789abcdefABCDEF0123456789abcd';

function user(login: string): PrivateUser {
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id: 583231,
    node_id: 'MDQ6VXNlcjU4MzIzMQ==',
    avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
    name: 'Compliance Bot',
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 2,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

const seen: { authorization: string | null; url: string }[] = [];
const server = mswServer();
afterEach(() => {
  seen.length = 0;
});

function github(root: string, answer: () => Response) {
  server.use(
    http.get(`${root}/user`, ({ request }) => {
      seen.push({ authorization: request.headers.get('authorization'), url: request.url });
      return answer();
    }),
  );
}

const allowAll: ProbeDeps = { fetch: (...args) => fetch(...args), hostAllowed: async () => true };

describe('GitHub "Test connection"', () => {
  it('names the account and sends the token only to the API', async () => {
    github('https://api.github.com', () =>
      HttpResponse.json(user('aims-bot'), { headers: { 'x-oauth-scopes': 'repo, read:org' } }),
    );
    expect(await probeGithub({ token: TOKEN }, allowAll)).toEqual({
      ok: true,
      detail: 'signed in to api.github.com as aims-bot',
    });
    expect(seen).toEqual([{ authorization: `token ${TOKEN}`, url: 'https://api.github.com/user' }]);
  });

  it('accepts a fine-grained token (no scopes header) and reaches GitHub Enterprise Server under /api/v3', async () => {
    github('https://ghe.example.com/api/v3', () => HttpResponse.json(user('ghe-bot')));
    expect(await probeGithub({ token: TOKEN, serverUrl: 'https://ghe.example.com' }, allowAll)).toEqual({
      ok: true,
      detail: 'signed in to ghe.example.com as ghe-bot',
    });
    expect(githubApiRoot('https://ghe.example.com///')).toBe('https://ghe.example.com/api/v3');
  });

  it.each([
    [
      '401',
      () => HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      'unauthorized',
      /rejected the token \(401\)/,
    ],
    [
      '403 for a missing scope',
      () =>
        HttpResponse.json(
          { message: 'Resource not accessible' },
          {
            status: 403,
            headers: { 'x-oauth-scopes': 'gist', 'x-accepted-oauth-scopes': 'repo, read:user' },
          },
        ),
      'scope',
      /needs one of: repo, read:user; has: gist/,
    ],
    [
      '403 for SAML SSO',
      () =>
        HttpResponse.json(
          { message: 'SSO' },
          { status: 403, headers: { 'x-github-sso': 'required; url=https://github.com/orgs/x/sso' } },
        ),
      'forbidden',
      /single sign-on/,
    ],
    [
      '403 with the rate limit spent',
      () =>
        HttpResponse.json(
          { message: 'API rate limit exceeded' },
          { status: 403, headers: { 'x-ratelimit-remaining': '0' } },
        ),
      'rate-limited',
      /rate limit exhausted \(403\)/,
    ],
    [
      '429 with Retry-After',
      () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } }),
      'rate-limited',
      /retry after 30 s/,
    ],
    ['404', () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }), 'not-found', /404/],
    ['502', () => new HttpResponse('bad gateway', { status: 502 }), 'server', /failed \(502\)/],
  ])('reports %s', async (_label, answer, kind, detail) => {
    github('https://api.github.com', answer);
    const result = await probeGithub({ token: TOKEN }, allowAll);
    expect(result).toEqual({ ok: false, failure: { kind, detail: expect.stringMatching(detail) } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('reports a classic token that cannot read repositories as a scope problem', async () => {
    github('https://api.github.com', () =>
      HttpResponse.json(user('aims-bot'), { headers: { 'x-oauth-scopes': 'read:user' } }),
    );
    expect(await probeGithub({ token: TOKEN }, allowAll)).toEqual({
      ok: false,
      failure: {
        kind: 'scope',
        detail: 'the token cannot read repositories (needs repo or public_repo; has: read:user)',
      },
    });
  });

  it('reports a refused connection on loopback as unreachable (a real socket)', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe: Server = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    server.close();
    try {
      const result = await probeGithub({ token: TOKEN, serverUrl: `https://127.0.0.1:${port}` }, allowAll);
      expect(result).toEqual({
        ok: false,
        failure: { kind: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') },
      });
    } finally {
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it('tells DNS and certificate failures apart by the transport’s error code', async () => {
    const failing = (code: string): ProbeDeps => ({
      hostAllowed: async () => true,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      },
    });
    expect(await probeGithub({ token: TOKEN }, failing('ENOTFOUND'))).toMatchObject({
      failure: { kind: 'dns' },
    });
    expect(await probeGithub({ token: TOKEN }, failing('CERT_HAS_EXPIRED'))).toMatchObject({
      failure: { kind: 'certificate' },
    });
    expect(await probeGithub({ token: TOKEN }, failing('DEPTH_ZERO_SELF_SIGNED_CERT'))).toMatchObject({
      failure: { kind: 'certificate' },
    });
  });

  it('uses the browser’s net::ERR code when fetch says only "Failed to fetch"', async () => {
    const browserLike = (netError: string | undefined, allowed: boolean): ProbeDeps => ({
      hostAllowed: async () => allowed,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      networkError: () => netError,
    });
    const ghe = { token: TOKEN, serverUrl: 'https://ghe.example.com' };
    expect(await probeGithub(ghe, browserLike('net::ERR_NAME_NOT_RESOLVED', true))).toMatchObject({
      failure: { kind: 'dns' },
    });
    expect(await probeGithub(ghe, browserLike('net::ERR_CERT_AUTHORITY_INVALID', true))).toMatchObject({
      failure: { kind: 'certificate' },
    });
    expect(await probeGithub({ token: TOKEN }, browserLike(undefined, false))).toMatchObject({
      failure: { kind: 'cors' },
    });
    expect(await probeGithub(ghe, browserLike(undefined, false))).toMatchObject({
      failure: { kind: 'permission' },
    });
  });
});

describe('failure classification', () => {
  it('keeps unknown codes and statuses visible rather than guessing', () => {
    expect(networkFailure('h', 'EWEIRD', 'boom', true)).toEqual({
      kind: 'unexpected',
      detail: 'h: EWEIRD: boom',
    });
    expect(httpFailure('h', 418, {})).toEqual({ kind: 'unexpected', detail: 'h answered 418' });
    expect(httpFailure('h', 403, {})).toEqual({ kind: 'forbidden', detail: 'h refused access (403)' });
  });
});

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    area: {
      get: async (key: string) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
      set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    },
  };
}

describe('connection settings', () => {
  const service = (area = memoryArea().area) =>
    createConnectionService({
      store: storageLocalStore(area),
      probe: allowAll,
      microsoft: {
        launch: async () => {
          throw new Error('not used');
        },
        redirectUri: 'https://abc.chromiumapp.org/',
        fetch,
        random: (n) => new Uint8Array(n),
        now: () => new Date('2026-03-02T09:00:00Z'),
      },
    });

  it('stores tokens but answers with summaries that carry none', async () => {
    const { data, area } = memoryArea();
    const s = service(area);
    const summaries = await s.save({
      service: 'github',
      token: TOKEN,
      serverUrl: 'https://ghe.example.com/',
    });
    expect(summaries).toEqual([
      { service: 'github', target: 'https://ghe.example.com', hasCredential: true },
    ]);
    await s.save({
      service: 'jira',
      deployment: 'cloud',
      site: 'https://acme.atlassian.net',
      email: 'a@acme.example',
      apiToken: 'ATATT3xFfGF0secret',
    });
    const listed = await s.list();
    expect(JSON.stringify(listed)).not.toMatch(/ghp_|ATATT/);
    expect(listed.map((c) => c.target)).toEqual([
      'https://ghe.example.com',
      'acme.atlassian.net as a@acme.example',
    ]);
    // The secrets are in storage.local, where only the background reads them.
    expect(JSON.stringify(data)).toContain(TOKEN);
  });

  it.each([
    [{ service: 'github', token: 'short' }, /token: the token looks too short/],
    [{ service: 'github', token: 'has a space in it' }, /no spaces/],
    [
      { service: 'github', token: TOKEN, serverUrl: 'http://ghe.example.com' },
      /serverUrl: expected an https/,
    ],
    [
      { service: 'github', token: TOKEN, serverUrl: 'https://user:pw@ghe.example.com' },
      /without credentials/,
    ],
    [
      {
        service: 'jira',
        deployment: 'cloud',
        site: 'https://evil.example',
        email: 'a@b.co',
        apiToken: TOKEN,
      },
      /site: expected https:\/\/<site>\.atlassian\.net/,
    ],
    [
      {
        service: 'jira',
        deployment: 'cloud',
        site: 'https://acme.atlassian.net',
        email: 'not-an-email',
        apiToken: TOKEN,
      },
      /email/,
    ],
    [
      {
        service: 'jira',
        deployment: 'data-center',
        serverUrl: 'https://acme.atlassian.net',
        personalAccessToken: TOKEN,
      },
      /serverUrl: a \*\.atlassian\.net site is Jira Cloud: choose Cloud, with your email and an API token/,
    ],
    [
      { service: 'github', token: TOKEN, serverUrl: 'https://github.com' },
      /serverUrl: github\.com is not a GitHub Enterprise Server/,
    ],
    [
      { service: 'github', token: TOKEN, serverUrl: 'https://api.github.com/' },
      /serverUrl: github\.com is not a GitHub Enterprise Server/,
    ],
    [
      { service: 'microsoft', tenant: 'contoso.onmicrosoft.com', clientId: 'not-a-guid' },
      /clientId: expected a GUID/,
    ],
    [{ service: 'slack', token: TOKEN }, /./],
  ])('refuses %j naming the field', async (input, message) => {
    const { data, area } = memoryArea();
    await expect(service(area).save(input)).rejects.toThrow(message);
    expect(data).toEqual({});
  });

  it('reads corrupt storage as no connections instead of failing', async () => {
    const { data, area } = memoryArea();
    data.connections = { github: { service: 'github', token: 42 } };
    expect(await service(area).list()).toEqual([]);
  });

  it('removes one service and keeps the others', async () => {
    const s = service();
    await s.save({ service: 'github', token: TOKEN });
    await s.save({
      service: 'microsoft',
      tenant: 'contoso.onmicrosoft.com',
      clientId: '11111111-2222-3333-4444-555555555555',
    });
    expect((await s.remove('github')).map((c) => c.service)).toEqual(['microsoft']);
  });

  it('asks for access only to the hosts a connection uses', () => {
    expect(originsFor({ service: 'github', token: TOKEN })).toEqual(['https://api.github.com/*']);
    expect(
      originsFor({ service: 'github', token: TOKEN, serverUrl: 'https://ghe.example.com:8443/sub' }),
    ).toEqual(['https://ghe.example.com:8443/*']);
    expect(
      originsFor({
        service: 'jira',
        deployment: 'data-center',
        serverUrl: 'https://jira.example.com',
        personalAccessToken: TOKEN,
      }),
    ).toEqual(['https://jira.example.com/*']);
    // Sign-in and Graph, and the tenants' download.aspx that Graph redirects file content to.
    expect(
      originsFor({
        service: 'microsoft',
        tenant: 'contoso.onmicrosoft.com',
        clientId: '11111111-2222-3333-4444-555555555555',
      }),
    ).toEqual([
      'https://login.microsoftonline.com/*',
      'https://graph.microsoft.com/*',
      'https://*.sharepoint.com/*',
    ]);
  });
});
