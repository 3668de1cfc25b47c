// A service's REST API on loopback for browser tests: every request the extension sends under a
// pattern leaves the browser for a local server that records it (method, path, Authorization, JSON
// body) and answers it with the test file's own route — so a test can assert what was sent where,
// with which credential, and the route's answers stay typed with the service's published models.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { ExtensionFixture } from './fixture';

/** One request as the server received it; `body` is the parsed JSON body, or undefined when empty. */
export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** How a route answers: a JSON body with a status, or an empty body. */
export interface Answer {
  json(status: number, body: unknown): void;
  empty(status: number): void;
}

export type ApiRoute = (request: SeenRequest, answer: Answer) => void;

const bodyOf = (request: IncomingMessage) =>
  new Promise<string>((done) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => done(text));
  });

/**
 * Starts the server before the file's tests and closes it after them; the extension's requests
 * matching `pattern` (a Playwright URL glob such as `https://site/rest/**`) are fetched from it,
 * path and query kept. Returns the requests seen, in arrival order (the array is filled live).
 */
export function useRecordingApi(ext: ExtensionFixture, pattern: string, route: ApiRoute): SeenRequest[] {
  const seen: SeenRequest[] = [];
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((request, response) => {
      void bodyOf(request).then((text) => {
        const seenRequest: SeenRequest = {
          method: request.method ?? '',
          path: new URL(request.url ?? '/', 'http://127.0.0.1').pathname,
          authorization: request.headers.authorization,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
        seen.push(seenRequest);
        route(seenRequest, {
          json(status, body) {
            response.writeHead(status, { 'content-type': 'application/json' });
            response.end(JSON.stringify(body));
          },
          empty(status) {
            response.writeHead(status);
            response.end();
          },
        });
      });
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    // Routes added last run first, so this one wins over the fixture's host pages.
    await ext.context.route(pattern, async (intercepted) => {
      const url = new URL(intercepted.request().url());
      const response = await intercepted.fetch({
        url: `http://127.0.0.1:${port}${url.pathname}${url.search}`,
      });
      await intercepted.fulfill({ response });
    });
  });
  afterAll(async () => {
    await new Promise((done) => server?.close(done));
  });
  return seen;
}
