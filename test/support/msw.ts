// One msw server for a test file (or a describe block): Node's fetch is intercepted, a request no handler
// answers is an error (no test reaches the network), and a test's own `use()` handlers end with it.
import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Creates the server with `handlers` and registers its listen / reset / close hooks in the enclosing scope. */
export function mswServer(...handlers: RequestHandler[]): SetupServer {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
