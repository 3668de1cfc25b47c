// GET requests the way this connector makes them: validated at the boundary, conditional when asked
// (ETag / If-None-Match per URL, a 304 answers from the stored body), and failures sorted into the few
// kinds a scan acts on.
import type { z } from 'zod';
import type { GitHubClient } from './client';
import type { KeyValueStore } from './store';
import { serverText } from '../redact';

export type GitHubErrorKind =
  | 'not-found'
  | 'legal'
  | 'empty'
  /** 401: the token is wrong, expired or revoked; every later request would be refused too. */
  | 'unauthorized'
  /** 403 that is no rate limit: the token may not do this (a scope, a permission, SSO not authorised). */
  | 'forbidden'
  | 'rate-limited'
  | 'malformed'
  | 'too-many'
  /** No HTTP answer at all (refused, reset, DNS, TLS, timeout), after the retries. */
  | 'network'
  /** A 5xx answer, after the retries. */
  | 'server'
  | 'failed';

/**
 * Failures that say nothing about the repository itself: running the same scan again later may
 * well succeed, so a scan that met one is incomplete rather than done.
 */
export const TRANSIENT_KINDS: ReadonlySet<GitHubErrorKind> = new Set(['rate-limited', 'network', 'server']);

/**
 * When GitHub said a rate-limited request may be tried again, as its headers put it: `retry-after`
 * (seconds from the answer, secondary limits and 429s) and `x-ratelimit-reset` (epoch seconds when
 * the primary quota refills). Either may be absent; malformed values are left out.
 */
export interface RateLimitHint {
  retryAfterSeconds?: number;
  resetEpochSeconds?: number;
}

/** A request that did not give a usable answer. `kind` says what a scan does about it. */
export class GitHubError extends Error {
  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly status?: number,
    /** For 'rate-limited': when GitHub said to come back. */
    readonly rateLimit?: RateLimitHint,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

interface Cached<T> {
  etag: string;
  link?: string;
  data: T;
}

export interface Fetched<T> {
  data: T;
  /** The answer came from the store after a 304. */
  notModified: boolean;
  /** The `link` header (pagination), when there was one. */
  link?: string;
}

interface OctokitFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** A header holding a whole non-negative number of seconds, or undefined. */
function seconds(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\s*\d{1,12}\s*$/.test(raw)) return undefined;
  return Number(raw);
}

function rateLimitHint(headers: Record<string, string | undefined>): RateLimitHint {
  const retryAfterSeconds = seconds(headers['retry-after']);
  const resetEpochSeconds = seconds(headers['x-ratelimit-reset']);
  return {
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(resetEpochSeconds !== undefined ? { resetEpochSeconds } : {}),
  };
}

/**
 * What Octokit threw as a GitHubError. The server's words (Octokit's message carries the body's
 * `message`) are redacted of `secrets` and of anything shaped like a credential (see serverText) before
 * they become part of ours, since a proxy or a wrong --api-url may echo the request's Authorization.
 */
function classify(route: string, error: unknown, secrets: readonly string[]): GitHubError {
  if (error instanceof GitHubError) return error;
  const failure = (error ?? {}) as OctokitFailure;
  const status = failure.status;
  const said =
    typeof failure.message === 'string'
      ? serverText(failure.message.split('\n')[0] ?? '', secrets)
      : 'request failed';
  const where = `GET ${route}`;
  if (status === 404) return new GitHubError('not-found', `${where}: not found (or no access)`, status);
  if (status === 451) return new GitHubError('legal', `${where}: unavailable for legal reasons`, status);
  if (status === 409) return new GitHubError('empty', `${where}: ${said}`, status);
  if (status === 401) return new GitHubError('unauthorized', `${where}: bad credentials (HTTP 401)`, status);
  const headers = failure.response?.headers ?? {};
  if (
    (status === 403 || status === 429) &&
    (status === 429 ||
      headers['x-ratelimit-remaining'] === '0' ||
      headers['retry-after'] !== undefined ||
      /rate limit/i.test(said ?? ''))
  ) {
    return new GitHubError('rate-limited', `${where}: rate limit exceeded`, status, rateLimitHint(headers));
  }
  if (status === 403) return new GitHubError('forbidden', `${where}: forbidden (HTTP 403: ${said})`, status);
  // Octokit reports a request that got no answer (refused, reset, DNS, TLS) as status 500 without a
  // response: that is the network, not the server, and must not be labelled HTTP 500.
  if (failure.response === undefined && (status === undefined || status === 500))
    return new GitHubError('network', `${where}: no answer from the server (${said})`);
  if (status !== undefined && status >= 500)
    return new GitHubError('server', `${where}: HTTP ${status} ${said}`, status);
  return new GitHubError('failed', `${where}: ${status ? `HTTP ${status} ` : ''}${said}`, status);
}

const etagKey = (route: string) => `etag:${route}`;

/**
 * GETs a path (already encoded, e.g. '/repos/o/r/git/trees/main?recursive=1') or an absolute URL the
 * API gave (a `next` link). With a store, the ETag and body are kept per URL and sent back as
 * If-None-Match; a 304 (which GitHub does not count against the rate limit) returns the kept body.
 * A payload that does not match `schema` is asked for once more, then is a 'malformed' GitHubError.
 */
export async function getJson<S extends z.ZodType>(
  client: GitHubClient,
  route: string,
  schema: S,
  store?: KeyValueStore,
): Promise<Fetched<z.infer<S>>> {
  const cachedText = store ? await store.get(etagKey(route)) : undefined;
  const cached = cachedText ? (JSON.parse(cachedText) as Cached<z.infer<S>>) : undefined;
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await client.octokit.request(`GET ${route}`, {
        headers: cached ? { 'if-none-match': cached.etag } : {},
      });
    } catch (error) {
      if ((error as OctokitFailure).status === 304 && cached) {
        return { data: cached.data, notModified: true, ...(cached.link ? { link: cached.link } : {}) };
      }
      throw classify(route, error, client.secrets);
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      if (attempt === 0) continue;
      throw new GitHubError('malformed', `GET ${route}: the answer is not the documented shape`);
    }
    const headers = response.headers as Record<string, string | undefined>;
    const link = headers.link;
    const etag = headers.etag;
    if (store && etag) {
      const entry: Cached<z.infer<S>> = { etag, data: parsed.data, ...(link ? { link } : {}) };
      await store.set(etagKey(route), JSON.stringify(entry));
    }
    return { data: parsed.data, notModified: false, ...(link ? { link } : {}) };
  }
}

/** The rel="next" target of a Link header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * The route of a `next` link, or a 'malformed' GitHubError when it leaves the API the client talks
 * to: Octokit sends the token with every request, so following a link to another origin (or out of
 * a GitHub Enterprise Server's `/api/v3`) would hand the token to whoever the answer named.
 */
function sameApiRoute(client: GitHubClient, firstRoute: string, next: string): string {
  const base = String(client.octokit.request.endpoint.DEFAULTS.baseUrl).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(next, `${base}/`);
  } catch {
    throw new GitHubError('malformed', `GET ${firstRoute}: the next page's link is not a URL`);
  }
  const root = new URL(`${base}/`);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) {
    throw new GitHubError(
      'malformed',
      `GET ${firstRoute}: the next page's link leads away from ${root.origin} (not followed)`,
    );
  }
  return url.href;
}

/**
 * Every page of a list endpoint, following Link headers (only within the client's API; see
 * sameApiRoute), each page conditional on its own URL.
 * More than `maxPages` pages is a 'too-many' GitHubError (e.g. a pull request's 3,000-file cap).
 */
export async function getAllPages<T>(
  client: GitHubClient,
  firstRoute: string,
  schema: z.ZodType<T[]>,
  options: { store?: KeyValueStore; maxPages?: number } = {},
): Promise<{ items: T[]; pages: number; notModified: number }> {
  const items: T[] = [];
  let route: string | undefined = firstRoute;
  let pages = 0;
  let notModified = 0;
  const seen = new Set<string>();
  while (route) {
    if (seen.has(route)) throw new GitHubError('malformed', `GET ${firstRoute}: pagination loops`);
    seen.add(route);
    if (options.maxPages !== undefined && pages >= options.maxPages)
      throw new GitHubError('too-many', `GET ${firstRoute}: more than ${options.maxPages} pages`);
    const page: Fetched<T[]> = await getJson(client, route, schema, options.store);
    pages++;
    if (page.notModified) notModified++;
    items.push(...page.data);
    const next = nextLink(page.link);
    route = next === undefined ? undefined : sameApiRoute(client, firstRoute, next);
  }
  return { items, pages, notModified };
}

/** One path segment, encoded for a REST route. */
export const seg = (value: string) => encodeURIComponent(value);
