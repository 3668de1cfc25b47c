// Microsoft Graph for a test file: the in-memory SharePoint (payloads typed with
// @microsoft/microsoft-graph-types) behind one msw server, a fresh tenant for every test.
import { http } from 'msw';
import type { SetupServer } from 'msw/node';
import { afterEach } from 'vitest';
import { FakeSharePoint, GRAPH } from './fake-sharepoint';
import { mswServer } from './msw';

export interface FakeSharePointServer {
  /** The tenant answering the current test; a new, empty one for every test. */
  readonly sp: FakeSharePoint;
  /** The msw server, for a test's own handlers (e.g. the sign-in endpoint); they end with the test. */
  readonly server: SetupServer;
}

/**
 * Serves Graph v1.0 for the enclosing test file or describe block from a FakeSharePoint of tenant `host`
 * (default the demo's), replaced after each test; a request nothing answers is an error.
 */
export function fakeSharePointServer(host?: string): FakeSharePointServer {
  let current = new FakeSharePoint(host);
  const server = mswServer(http.all(`${GRAPH}/*`, ({ request }) => current.answer(request)));
  afterEach(() => {
    current = new FakeSharePoint(host);
  });
  return {
    get sp() {
      return current;
    },
    server,
  };
}
