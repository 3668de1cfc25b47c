// The mock GitHub behind msw, for a test file: one server refusing any request it has no handler for, and
// a fresh MockGitHub (repositories, pulls, faults, request log) for every test. Payloads come from
// payloads.ts, typed with @octokit/openapi-types.
import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { SetupServer } from 'msw/node';
import { afterEach } from 'vitest';
import { mswServer } from '../msw';
import { MockGitHub } from './mock-github';

export interface MockGitHubServer {
  /** The mock answering the current test; a new one after each test and after `reset()`. */
  readonly mock: MockGitHub;
  /** Replaces the mock with an empty one mid-test; returns it. */
  reset(): MockGitHub;
  /** The msw server, for a test's own handlers (`use`) or request events. */
  readonly server: SetupServer;
}

/** Every request under `apiUrl` handed to `mock()`, answered as MockGitHub says (status, headers, body, reset). */
export function mockGitHubHandler(apiUrl: string, mock: () => MockGitHub) {
  return http.all(`${apiUrl}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    const answer = mock().handle(request.method, url.pathname + url.search, headers, body);
    if (answer.reset) return HttpResponse.error();
    if (answer.raw !== undefined)
      return new HttpResponse(answer.raw, { status: answer.status, headers: answer.headers });
    if (answer.status === 304) return new HttpResponse(null, { status: 304, headers: answer.headers });
    return HttpResponse.json(answer.body as JsonBodyType, { status: answer.status, headers: answer.headers });
  });
}

/**
 * Serves a MockGitHub at `apiUrl` (default api.github.com; `webUrl` its web host) through msw for the enclosing test file or
 * describe block: listens before its tests, gives each test a fresh mock and drops its extra handlers
 * after it, closes after the last.
 */
export function mockGitHubServer(apiUrl = 'https://api.github.com', webUrl?: string): MockGitHubServer {
  const fresh = () => new MockGitHub(apiUrl, webUrl);
  let current = fresh();
  const server = mswServer(mockGitHubHandler(apiUrl, () => current));
  afterEach(() => {
    current = fresh();
  });
  return {
    get mock() {
      return current;
    },
    reset() {
      current = fresh();
      return current;
    },
    server,
  };
}
