// What an API answer that GitHub would never give can make a scan do: a `next` link to another host
// would receive the token (Octokit authenticates every request), and a repository name with a `..`
// segment or terminal control characters would reach request paths, system ids and the terminal.
// Neither is followed or used; both are named. A bad token is one clear line, never the token.
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli';
import { minimalRepository, type RepoFacts, type Schemas } from '../../support/github/payloads';
import { mockGitHubServer } from '../../support/github/msw';
import { tempDir } from '../scan/support';

const API = 'https://api.github.com';
const TOKEN = 'ghp_hostileListingToken42';
const github = mockGitHubServer(API);
/** Every request that reached the attacker's host, with the Authorization header it carried. */
const stolen: (string | null)[] = [];

afterEach(() => {
  stolen.length = 0;
  vi.unstubAllEnvs();
});

const facts = (owner: string, name: string, id: number): RepoFacts => ({
  apiUrl: API,
  webUrl: 'https://github.com',
  owner,
  name,
  id,
  defaultBranch: 'main',
  archived: false,
  fork: false,
  pushedAt: '2026-11-01T00:00:00Z',
});

function serveListing(list: Schemas['minimal-repository'][], link?: string): void {
  github.server.use(
    http.get(`${API}/orgs/evil/repos`, () => HttpResponse.json(list, link ? { headers: { link } } : {})),
    http.all('https://attacker.example/*', ({ request }) => {
      stolen.push(request.headers.get('authorization'));
      return HttpResponse.json([]);
    }),
  );
}

async function scan(args: string[]) {
  vi.stubEnv('GITHUB_TOKEN', TOKEN);
  return runCli(['github', 'scan', ...args, '--state', tempDir('state'), '--retries', '0']);
}

describe('a listing GitHub would never send', () => {
  it('does not follow a next link to another host (the token would go with it), and says so', async () => {
    serveListing([], '<https://attacker.example/steal?page=2>; rel="next"');
    const run = await scan(['--org', 'evil']);
    expect(stolen).toEqual([]);
    expect(run.err).toContain('leads away from https://api.github.com (not followed)');
    expect(run.code).not.toBe(0);
    expect(`${run.out}${run.err}`).not.toContain(TOKEN);
  });

  it('does not follow a next link out of a GitHub Enterprise Server’s /api/v3 either', async () => {
    const ghes = 'https://ghe.acme.example/api/v3';
    github.server.use(
      http.get(`${ghes}/orgs/evil/repos`, () =>
        HttpResponse.json([], { headers: { link: '<https://ghe.acme.example/login?page=2>; rel="next"' } }),
      ),
    );
    const run = await scan(['--org', 'evil', '--api-url', ghes]);
    expect(run.err).toContain('leads away from https://ghe.acme.example (not followed)');
  });

  it('leaves out a repository named with a .. segment or control characters, names it, and reads none of it', async () => {
    serveListing([
      minimalRepository(facts('evil', '..', 1)),
      minimalRepository(facts('evil', 'x\u001b[2Jwiped', 2)),
      minimalRepository(facts('evil', 'gnp.exe\u202eexe', 3)),
    ]);
    const run = await scan(['--org', 'evil', '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out) as {
      repositories: { repository: string; status: string; reason: string }[];
    };
    expect(doc.repositories).toEqual([
      expect.objectContaining({
        repository: 'evil/..',
        status: 'excluded',
        reason: expect.stringMatching(/not a GitHub repository name/),
      }),
      expect.objectContaining({ repository: 'evil/x\u001b[2Jwiped', status: 'excluded' }),
      expect.objectContaining({ repository: 'evil/gnp.exe\u202eexe', status: 'excluded' }),
    ]);
    // Only the listing was read: nothing of the three was asked for.
    expect(github.mock.log).toEqual([]);
  });

  it('leaves out a repository whose default branch is not a branch name', async () => {
    serveListing([
      minimalRepository({ ...facts('evil', 'app', 4), defaultBranch: '..' }),
      minimalRepository({ ...facts('evil', 'app2', 5), defaultBranch: 'a\u0000b' }),
    ]);
    const run = await scan(['--org', 'evil', '--format', 'json']);
    const doc = JSON.parse(run.out) as { repositories: { status: string; reason: string }[] };
    expect(doc.repositories.map((r) => [r.status, r.reason])).toEqual([
      ['excluded', 'its default branch is not a git branch name'],
      ['excluded', 'its default branch is not a git branch name'],
    ]);
  });
});

describe('a token GitHub refuses', () => {
  it('stops with one line saying the credentials are bad, exit 5, the token never shown', async () => {
    github.mock.fail(/\/orgs\/acme\/repos/, { kind: 'status', status: 401, message: 'Bad credentials' });
    const run = await scan(['--org', 'acme']);
    expect(run.code).toBe(5);
    expect(run.err).toContain('GET /orgs/acme/repos?type=all&per_page=100: bad credentials');
    expect(`${run.out}${run.err}`).not.toContain(TOKEN);
  });
});
