// A Microsoft Graph client for one caller-supplied token, with throttling and timeouts as composable
// middleware: authentication → Retry-After-aware retry → transport (injected fetch, per-request timeout).
import {
  AuthenticationHandler,
  Client,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { redactSecrets } from '../redact';
import { backoffMs, retryAfterMs } from '../retry';
import { GraphUnreachableError, RequestTimeoutError } from './errors';

export interface GraphConnection {
  /** Returns a bearer token for Graph; asked for on every request and never stored or logged. */
  token: () => Promise<string> | string;
  /** The HTTP transport; defaults to the global fetch (Node 20, the service worker). */
  fetch?: typeof fetch;
  /** Waits `ms` milliseconds; injected so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Current time in ms since the epoch, for Retry-After given as an HTTP date. */
  now?: () => number;
  /** Gives up on a request after this many ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Retries of a 429 / 503 / 504 before the error surfaces (default 4). */
  maxRetries?: number;
  /** Backoff when a 429/503 carries no Retry-After: base × 2^attempt ms (default 1 000). */
  retryBaseMs?: number;
  /** Longest wait honoured for one Retry-After, in ms (default 120 000); longer waits give up. */
  maxRetryAfterMs?: number;
  /** Receives one line per retry; never headers or bodies. */
  log?: (line: string) => void;
}

const RETRY_STATUSES = new Set([429, 503, 504]);

const pathOf = (request: RequestInfo) => {
  const url = typeof request === 'string' ? request : request.url;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/**
 * fetch rejects with a TypeError when no response came: Node says 'fetch failed' (the reason on
 * `cause`), Chromium 'Failed to fetch', Firefox 'NetworkError…', Safari 'Load failed'. Other
 * TypeErrors (a bad header value) are programming errors and pass through as they are.
 */
const isNetworkFailure = (error: unknown): error is TypeError =>
  error instanceof TypeError &&
  /^(?:fetch failed|Failed to fetch|NetworkError|Load failed)/.test(error.message);

const hostOf = (request: RequestInfo) => {
  const url = typeof request === 'string' ? request : request.url;
  try {
    return new URL(url).host;
  } catch {
    return 'Microsoft Graph';
  }
};

class ThrottleRetry implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly options: Required<Omit<GraphConnection, 'token' | 'fetch' | 'log'>> &
      Pick<GraphConnection, 'log'>,
  ) {}
  setNext(next: Middleware) {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('ThrottleRetry must not be last in the chain');
    for (let attempt = 0; ; attempt++) {
      await next.execute(context);
      const response = context.response;
      if (!response || !RETRY_STATUSES.has(response.status) || attempt >= this.options.maxRetries) return;
      const asked = retryAfterMs(response.headers.get('Retry-After'), this.options.now());
      if (asked !== undefined && asked > this.options.maxRetryAfterMs) return;
      const wait =
        asked ?? backoffMs(attempt + 1, { baseDelayMs: this.options.retryBaseMs, maxDelayMs: Infinity });
      this.options.log?.(
        `graph: HTTP ${response.status} on ${pathOf(context.request)}; retry ${attempt + 1} in ${wait} ms`,
      );
      await response.body?.cancel().catch(() => undefined);
      await this.options.sleep(wait);
    }
  }
}

/** The bearer token a request carries (from the options the authentication middleware set, or the Request). */
function tokenSent(context: Context): string[] {
  const options = context.options as RequestInit | undefined;
  const header =
    new Headers(options?.headers ?? undefined).get('authorization') ??
    (typeof context.request === 'string' ? null : context.request.headers.get('authorization'));
  const token = header?.replace(/^\s*Bearer\s+/i, '').trim();
  return token ? [token] : [];
}

/**
 * An error body with `secrets` redacted: in each string of a JSON body (where an escaped control
 * character may cut a token that the parsed text holds whole), else in the text as it is.
 */
function withoutToken(body: ArrayBuffer, secrets: readonly string[]): string {
  const text = new TextDecoder().decode(body);
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'string' ? redactSecrets(v, secrets) : v,
    );
  } catch {
    return redactSecrets(text, secrets);
  }
}

class Transport implements Middleware {
  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly timeoutMs: number,
  ) {}
  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchFn(context.request, {
        ...(context.options as RequestInit | undefined),
        signal: controller.signal,
      });
      // Read the body under the same timeout, so a stalled body cannot hang a sync.
      let body: ArrayBuffer | string | null = response.status === 204 ? null : await response.arrayBuffer();
      // An error's body becomes a GraphError's message: the token this request carried is taken out of
      // it here, where it is known, in case the server (or a proxy in between) echoed it back.
      if (body && response.status >= 400) body = withoutToken(body, tokenSent(context));
      context.response = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (controller.signal.aborted) throw new RequestTimeoutError(this.timeoutMs);
      if (isNetworkFailure(error)) throw new GraphUnreachableError(hostOf(context.request), error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Builds the client. Every path given to `client.api()` is relative to https://graph.microsoft.com/v1.0. */
export function createGraphClient(connection: GraphConnection): Client {
  const provider: AuthenticationProvider = { getAccessToken: async () => connection.token() };
  const chain: Middleware[] = [
    new AuthenticationHandler(provider),
    new ThrottleRetry({
      sleep: connection.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now: connection.now ?? (() => Date.now()),
      requestTimeoutMs: connection.requestTimeoutMs ?? 30_000,
      maxRetries: connection.maxRetries ?? 4,
      retryBaseMs: connection.retryBaseMs ?? 1_000,
      maxRetryAfterMs: connection.maxRetryAfterMs ?? 120_000,
      log: connection.log,
    }),
    new Transport(
      connection.fetch ?? ((input, init) => fetch(input, init)),
      connection.requestTimeoutMs ?? 30_000,
    ),
  ];
  return Client.initWithMiddleware({ middleware: chain });
}
