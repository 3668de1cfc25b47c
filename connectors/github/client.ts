// The GitHub REST client: Octokit with the throttling and retry plugins composed at construction, a
// counting transport, and one place that decides how long a rate limit may make us wait.
// No Node-only API on this path: it runs in the CLI and in the extension's background alike.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { redactSecrets } from '../redact';

export const ThrottledOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof ThrottledOctokit>;

/** What a run cost: every HTTP request sent (retries included), the 304s among them, the quota left. */
export interface RequestStats {
  requests: number;
  notModified: number;
  /** From the last response's x-ratelimit-remaining; undefined before any response carried it. */
  rateLimitRemaining?: number;
  rateLimitLimit?: number;
  /** Epoch seconds when the quota refills (x-ratelimit-reset). */
  rateLimitReset?: number;
  /** Times a rate limit made the client wait and retry. */
  rateLimitWaits: number;
}

export interface GitHubClientOptions {
  /** Personal access token or GitHub App installation token; sent as the Authorization header only. */
  token?: string;
  /** REST API root: https://api.github.com (default) or https://HOST/api/v3 for GitHub Enterprise Server. */
  baseUrl?: string;
  /** Transport; defaults to the global fetch (Node 20, service worker). */
  fetch?: typeof fetch;
  /** Retries of a 5xx or a dropped connection (default 3). */
  retries?: number;
  /** Milliseconds per unit of plugin-retry's quadratic back-off (default 1000: 1 s, 4 s, 9 s). */
  retryBaseMs?: number;
  /** Milliseconds per second of Retry-After / rate-limit reset (default 1000; tests pass 1). */
  rateLimitUnitMs?: number;
  /** Longest wait, in seconds, for a primary or secondary rate limit before giving up (default 900). */
  maxRateLimitWaitSeconds?: number;
  /** Where retries and waits are told (stderr in the CLI). Never receives the token. */
  log?: (line: string) => void;
  /**
   * Milliseconds to wait for an answer to start (its status and headers) before the request counts as
   * a failed connection and is retried (default 30,000). A body already arriving is not cut off.
   */
  timeoutMs?: number;
}

export interface GitHubClient {
  octokit: GitHubOctokit;
  stats: RequestStats;
  /** Web root for permalinks: https://github.com, or the GHES host. */
  webUrl: string;
  /** The token in use (empty without one): redacted from any server text that reaches a message. */
  secrets: readonly string[];
}

export const DEFAULT_API_URL = 'https://api.github.com';

/** 'https://api.github.com' → 'https://github.com'; 'https://ghe.example/api/v3' → 'https://ghe.example'. */
export function webUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/$/, '')}`;
}

function readHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A client for one run. Requests are counted at the transport, so retries and 304s show in `stats`.
 * Rate limits: waits up to `maxRateLimitWaitSeconds` (three times at most) and then lets the error
 * through, which callers treat as "stop here and resume later".
 */
export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const stats: RequestStats = { requests: 0, notModified: 0, rateLimitWaits: 0 };
  const log = options.log ?? (() => undefined);
  const transport = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const countingFetch: typeof fetch = async (input, init) => {
    stats.requests++;
    // A server that accepts the connection and never answers would hold a scan (or a job in the
    // extension's background) forever: give up on it after timeoutMs, as on a dropped connection.
    const timer = new AbortController();
    const timeout = setTimeout(
      () => timer.abort(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    const signal = init?.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
    let response: Response;
    try {
      response = await transport(input, { ...init, signal });
    } finally {
      clearTimeout(timeout);
    }
    if (response.status === 304) stats.notModified++;
    const remaining = readHeader(response.headers, 'x-ratelimit-remaining');
    if (remaining !== undefined) stats.rateLimitRemaining = remaining;
    const limit = readHeader(response.headers, 'x-ratelimit-limit');
    if (limit !== undefined) stats.rateLimitLimit = limit;
    const reset = readHeader(response.headers, 'x-ratelimit-reset');
    if (reset !== undefined) stats.rateLimitReset = reset;
    return response;
  };
  const maxWait = options.maxRateLimitWaitSeconds ?? 900;
  const decide =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      if (count >= 3 || retryAfter > maxWait) {
        log(`${kind} rate limit on ${request.method} ${request.url}: not waiting ${retryAfter} s`);
        return false;
      }
      stats.rateLimitWaits++;
      log(`${kind} rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s`);
      return true;
    };
  const throttle: ThrottlingOptions = {
    onRateLimit: decide('primary'),
    onSecondaryRateLimit: decide('secondary'),
    retryAfterBaseValue: options.rateLimitUnitMs ?? 1000,
  };
  const secrets = options.token ? [options.token] : [];
  const baseUrl = (options.baseUrl ?? DEFAULT_API_URL).replace(/\/$/, '');
  const octokit = new ThrottledOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl,
    userAgent: 'aims-lens',
    // Retries are the plugin's own (5xx and dropped connections only). Setting request.retries here
    // would make its limiter retry every failure, 304s and 404s included.
    request: { fetch: countingFetch },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    throttle,
    // Octokit's own logger would print deprecation notices and request errors with URLs: route them
    // through ours (no headers, so never the token) and drop debug/info noise.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log(redactSecrets(String(message), secrets)),
      error: (message: string) => log(redactSecrets(String(message), secrets)),
    },
  });
  return { octokit, stats, webUrl: webUrlFor(baseUrl), secrets };
}
