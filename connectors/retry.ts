// Retry and throttling for connectors that speak plain fetch, as one composable part: `withRetry(deps)`
// wraps the injected transport and returns a transport, the way Octokit's retry and throttling plugins
// wrap its request. It waits what the service asks on 429 / 503 (Retry-After in seconds or as an HTTP
// date, RFC 9110 §10.2.3, up to a cap), backs off exponentially on other 5xx, timeouts and network
// failures, and answers a 4xx at once. Time and waiting come from the deps, so tests run without delays.
import type { ConnectorDeps, Transport } from './contract';

export interface RetryOptions {
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** Longest Retry-After honoured, in ms (default 60 000); a longer one is not waited for: the answer is returned. */
  maxRetryAfterMs?: number;
  /** Back-off before retry n (1-based) when the service names no wait: base × 2^(n−1) ms (default 500). */
  baseDelayMs?: number;
  /** Ceiling of that back-off, in ms (default 30 000). */
  maxDelayMs?: number;
  /** Time limit per attempt in ms, timed with `deps.sleep`; an attempt over it counts as a timeout (default none). */
  timeoutMs?: number;
  /** Names the service in log lines ('graph', 'jira'). */
  service?: string;
}

/** What one attempt came to: an HTTP answer, or no answer (a timeout, a network failure). */
export type AttemptOutcome =
  { status: number; retryAfter?: string | null } | { failure: 'timeout' | 'network' };

export type RetryVerdict = { retry: true; waitMs: number; why: string } | { retry: false; why: string };

const DEFAULTS = { maxAttempts: 4, maxRetryAfterMs: 60_000, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Retry-After as milliseconds: delta-seconds ("120") or an HTTP date, relative to `nowMs` (a date in the
 * past is 0). Undefined when absent, empty or unreadable — the caller then backs off on its own.
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date starts with the day's name ("Sat, 28 Nov 2026 09:00:30 GMT"); "-5" is not one.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential back-off before retry `retry` (1-based): base × 2^(retry−1), at most `maxDelayMs`. */
export function backoffMs(retry: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  return Math.min(options.maxDelayMs ?? DEFAULTS.maxDelayMs, base * 2 ** (retry - 1));
}

/** Statuses worth another attempt: throttling (429) and server trouble (5xx, except 501 Not Implemented). */
const retryableStatus = (status: number) => status === 429 || (status >= 500 && status !== 501);

/**
 * Whether to try again after attempt `attempt` (1-based) and how long to wait first. Pure: the policy
 * every plain-fetch connector shares. A 429 / 503 with a Retry-After over the cap is not retried.
 */
export function retryVerdict(
  outcome: AttemptOutcome,
  attempt: number,
  nowMs: number,
  options: RetryOptions = {},
): RetryVerdict {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const what = 'failure' in outcome ? outcome.failure : `HTTP ${outcome.status}`;
  if ('status' in outcome && !retryableStatus(outcome.status)) return { retry: false, why: what };
  if (attempt >= maxAttempts) return { retry: false, why: `${what} after ${attempt} attempts` };
  if ('status' in outcome && (outcome.status === 429 || outcome.status === 503)) {
    const asked = retryAfterMs(outcome.retryAfter, nowMs);
    const cap = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
    if (asked !== undefined && asked > cap)
      return {
        retry: false,
        why: `${what}: asked to wait ${Math.ceil(asked / 1000)} s, over the ${cap / 1000} s cap`,
      };
    if (asked !== undefined) return { retry: true, waitMs: asked, why: `${what}, Retry-After` };
  }
  return { retry: true, waitMs: backoffMs(attempt, options), why: `${what}, back-off` };
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Origin and path only: a query string may carry a token, so it never reaches the log. */
function where(input: Request | string | URL): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(relative URL)';
  }
}

class AttemptTimeout extends Error {}

/**
 * The deps' transport with retry and throttling composed in: same signature, so a connector builds its
 * client on it unchanged. Returns the last answer when it gives up on an HTTP status (the connector's
 * own error mapping then names it), and rethrows the last failure when no answer came. A caller's abort
 * is never retried. A Request body is cloned per attempt; a streamed `init.body` cannot be sent twice,
 * so such a request is tried once.
 */
export function withRetry(
  deps: Pick<ConnectorDeps, 'fetch' | 'clock' | 'log' | 'sleep'>,
  options: RetryOptions = {},
): Transport {
  const sleep = deps.sleep ?? defaultSleep;
  const service = options.service ?? 'connector';
  return async (input, init) => {
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const oneShot = typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream;
    for (let attempt = 1; ; attempt++) {
      const request = input instanceof Request ? input.clone() : input;
      let outcome: AttemptOutcome;
      let failure: unknown;
      try {
        const response = await attemptOnce(deps.fetch, sleep, request, init, options.timeoutMs);
        outcome = { status: response.status, retryAfter: response.headers.get('retry-after') };
        const verdict = oneShot ? { retry: false as const, why: 'streamed body' } : decide(outcome, attempt);
        if (!verdict.retry) return response;
        // Free the connection; not awaited, as some transports settle a cancel only once read.
        void response.body?.cancel().catch(() => undefined);
        await wait(verdict, attempt);
        continue;
      } catch (error) {
        if (callerSignal?.aborted || oneShot) throw error;
        failure = error;
        outcome = { failure: error instanceof AttemptTimeout ? 'timeout' : 'network' };
      }
      const verdict = decide(outcome, attempt);
      if (!verdict.retry) throw failure;
      await wait(verdict, attempt);
    }

    function decide(outcome: AttemptOutcome, attempt: number): RetryVerdict {
      return retryVerdict(outcome, attempt, deps.clock().getTime(), options);
    }
    async function wait(verdict: Extract<RetryVerdict, { retry: true }>, attempt: number) {
      deps.log.warn(`${service}: ${verdict.why}; retry ${attempt} in ${verdict.waitMs} ms`, {
        url: where(input),
        attempt: attempt + 1,
        waitMs: verdict.waitMs,
      });
      await sleep(verdict.waitMs, callerSignal ?? undefined);
      if (callerSignal?.aborted) throw callerSignal.reason ?? new Error('aborted');
    }
  };
}

/** One attempt, aborted after `timeoutMs` (when given) with an AttemptTimeout. */
async function attemptOnce(
  fetchFn: Transport,
  sleep: NonNullable<ConnectorDeps['sleep']>,
  input: Request | string | URL,
  init: RequestInit | undefined,
  timeoutMs: number | undefined,
): Promise<Response> {
  if (timeoutMs === undefined) return fetchFn(input, init);
  const controller = new AbortController();
  const caller = init?.signal;
  const onAbort = () => controller.abort(caller?.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const stop = new AbortController();
  let timedOut = false;
  const timer = sleep(timeoutMs, stop.signal).then(() => {
    if (stop.signal.aborted) return;
    timedOut = true;
    controller.abort();
  });
  try {
    return await fetchFn(input, { ...init, signal: controller.signal });
  } catch (error) {
    if (timedOut) throw new AttemptTimeout(`no answer within ${timeoutMs} ms`);
    throw error;
  } finally {
    stop.abort();
    caller?.removeEventListener('abort', onAbort);
    void timer;
  }
}
