// The mock GitHub on a loopback HTTP port, for the benchmark, the Action's entry script and the
// browser tests: the same MockGitHub the msw tests use, behind node:http.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockGitHub } from './mock-github';

export interface MockServer {
  mock: MockGitHub;
  /** API root, e.g. http://127.0.0.1:PORT/api/v3 */
  apiUrl: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (a free port) answering from a MockGitHub rooted at `/api/v3`. */
export async function serveMockGitHub(webUrl = 'https://github.com'): Promise<MockServer> {
  const holder: { mock?: MockGitHub } = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const answer = (holder.mock as MockGitHub).handle(req.method ?? 'GET', req.url ?? '/', headers, body);
      if (answer.reset) {
        req.socket.destroy();
        return;
      }
      const payload = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, answer.headers);
      res.end(answer.status === 304 ? undefined : payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${port}/api/v3`;
  const mock = new MockGitHub(apiUrl, webUrl);
  holder.mock = mock;
  return {
    mock,
    apiUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
