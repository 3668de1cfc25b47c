// Graph out of reach: a request that gets no HTTP response at all is one clear error naming the host
// and the cause, against a real refused loopback port (no msw here: the socket is real), and for the
// codes Node gives for DNS failures, timeouts and dropped connections.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createGraphClient,
  GraphUnreachableError,
  memoryStateStore,
  SharePointError,
  syncInventoryList,
} from '../../../connectors/sharepoint';
import { initWorkspace } from '../../../connectors/local/workspace';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';

/** A loopback port nothing listens on: bound once, then released. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

/** Sends Graph's requests to `origin` instead, as a proxy or a wrong DNS entry would. */
const realFetch = globalThis.fetch;
const redirectTo =
  (origin: string): typeof fetch =>
  (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return realFetch(`${origin}${url.pathname}${url.search}`, init);
  };

describe('Graph unreachable', () => {
  it('a refused loopback port: the host and "refused" are named, not "HTTP -1: fetch failed"', async () => {
    const port = await refusedPort();
    const register = createRegister(createMemoryBackend(), { clock: () => '2026-11-28T09:00:00.000Z' });
    const store = memoryStateStore();
    const error = await syncInventoryList({
      client: createGraphClient({ token: () => 'token', fetch: redirectTo(`http://127.0.0.1:${port}`) }),
      register,
      store,
      siteUrl: 'https://harbormutual.sharepoint.com/sites/compliance',
      today: '2026-11-28',
      now: () => '2026-11-28T09:00:00.000Z',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SharePointError);
    const failure = error as SharePointError;
    expect(failure.failure).toBe('unreachable');
    expect(failure.message).toBe(
      `GET site: cannot reach graph.microsoft.com: the connection was refused (nothing listens there) (ECONNREFUSED)`,
    );
    expect(failure.message).not.toMatch(/HTTP -1|fetch failed/);
    expect(store.current()).toBeUndefined();
  });

  it('the CLI says it in one line and exits 1', async () => {
    const port = await refusedPort();
    const root = tempDir('sharepoint-unreachable');
    await initWorkspace(root);
    // The CLI talks to graph.microsoft.com; point that name at the refused port for this process.
    globalThis.fetch = redirectTo(`http://127.0.0.1:${port}`);
    process.env.AIMS_SHAREPOINT_TOKEN = 'token-for-the-test';
    try {
      const result = await runCli([
        'sharepoint',
        'sync',
        '--site',
        'https://harbormutual.sharepoint.com/sites/compliance',
        '--workspace',
        root,
      ]);
      expect(result.code).toBe(4);
      expect(result.err).toBe(
        `aims sharepoint: GET site: cannot reach graph.microsoft.com: the connection was refused (nothing listens there) (ECONNREFUSED); run again later`,
      );
    } finally {
      globalThis.fetch = realFetch;
      delete process.env.AIMS_SHAREPOINT_TOKEN;
    }
  });

  const networkError = (code?: string, message = 'fetch failed') =>
    Object.assign(new TypeError(message), code ? { cause: Object.assign(new Error(code), { code }) } : {});

  it.each([
    ['ENOTFOUND', 'the name does not resolve (DNS) (ENOTFOUND)'],
    ['EAI_AGAIN', 'the name does not resolve (DNS) (EAI_AGAIN)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'the connection timed out (UND_ERR_CONNECT_TIMEOUT)'],
    ['ECONNRESET', 'the connection was dropped (ECONNRESET)'],
    ['ENETUNREACH', 'no route to the host (network down?) (ENETUNREACH)'],
    ['CERT_HAS_EXPIRED', 'its TLS certificate is not trusted (CERT_HAS_EXPIRED)'],
    ['EWEIRD', 'fetch failed (EWEIRD)'],
  ])('%s is told as it is', (code, said) => {
    expect(new GraphUnreachableError('graph.microsoft.com', networkError(code)).message).toBe(
      `cannot reach graph.microsoft.com: ${said}`,
    );
  });

  it("a browser's bare 'Failed to fetch' still names the host and what it may be", () => {
    expect(new GraphUnreachableError('graph.microsoft.com', new TypeError('Failed to fetch')).message).toBe(
      'cannot reach graph.microsoft.com: no response (Failed to fetch): offline, DNS, a proxy or a firewall',
    );
  });

  it('a TypeError that is not a network failure (a bad header) is not dressed up as one', async () => {
    const client = createGraphClient({
      token: () => 'token',
      fetch: async () => {
        throw new TypeError('Headers.append: "x\ny" is an invalid header value');
      },
    });
    const error = await client
      .api('/me')
      .get()
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toContain('invalid header value');
    expect(error?.message).not.toContain('cannot reach');
  });
});
