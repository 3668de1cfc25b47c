// The retry/throttle part for plain-fetch connectors, against an msw server through the real fetch:
// 429 / 503 wait what Retry-After says (seconds or an HTTP date) up to a cap, other 5xx, timeouts and
// network failures back off, a 4xx is answered at once, and nothing sensitive reaches the log.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ConnectorDeps, ConnectorLog } from '../../../connectors/contract';
import { backoffMs, retryAfterMs, retryVerdict, withRetry } from '../../../connectors/retry';
import { mswServer } from '../../support/msw';

const URL_ = 'https://service.example.test/api/items';
const NOW = new Date('2026-11-28T09:00:00.000Z');
const server = mswServer();

/** Answers in turn: each entry is a status (with optional headers) or 'network' (a dropped connection). */
function answers(...script: Array<number | [number, Record<string, string>] | 'network'>) {
  const seen: Array<{ method: string; body: string }> = [];
  server.use(
    http.all(URL_, async ({ request }) => {
      seen.push({ method: request.method, body: await request.text() });
      const next = script[Math.min(seen.length - 1, script.length - 1)]!;
      if (next === 'network') return HttpResponse.error();
      const [status, headers] = Array.isArray(next) ? next : [next, {}];
      return HttpResponse.json({ status }, { status, headers });
    }),
  );
  return seen;
}

function deps(sleep?: ConnectorDeps['sleep']) {
  const waits: number[] = [];
  const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const record = (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields });
  const log: ConnectorLog = { debug: record, info: record, warn: record, error: record };
  return {
    waits,
    lines,
    deps: {
      fetch: (input: Request | string | URL, init?: RequestInit) => fetch(input, init),
      clock: () => NOW,
      log,
      sleep:
        sleep ??
        (async (ms: number) => {
          waits.push(ms);
        }),
    } satisfies ConnectorDeps,
  };
}

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates; a past date is 0; junk is undefined', () => {
    expect(retryAfterMs('120', NOW.getTime())).toBe(120_000);
    expect(retryAfterMs(' 0 ', NOW.getTime())).toBe(0);
    expect(retryAfterMs('Sat, 28 Nov 2026 09:00:30 GMT', NOW.getTime())).toBe(30_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 09:00:00 GMT', NOW.getTime())).toBe(0);
    for (const junk of [null, undefined, '', '  ', '-5', '1.5', 'soon', '12abc'])
      expect(retryAfterMs(junk, NOW.getTime()), String(junk)).toBeUndefined();
  });
});

describe('retryVerdict', () => {
  it('answers a 4xx (other than 429) and 501 at once', () => {
    for (const status of [400, 401, 403, 404, 408, 409, 422, 501])
      expect(retryVerdict({ status }, 1, NOW.getTime()).retry, String(status)).toBe(false);
  });

  it('backs off exponentially with a ceiling when no wait is named', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n))).toEqual([500, 1000, 2000, 4000, 30_000]);
    expect(retryVerdict({ status: 502 }, 2, NOW.getTime())).toMatchObject({ retry: true, waitMs: 1000 });
    expect(retryVerdict({ failure: 'timeout' }, 1, NOW.getTime())).toMatchObject({
      retry: true,
      waitMs: 500,
    });
  });

  it('stops after the last attempt, and on a Retry-After over the cap', () => {
    expect(retryVerdict({ status: 503 }, 4, NOW.getTime()).retry).toBe(false);
    expect(retryVerdict({ status: 429, retryAfter: '3600' }, 1, NOW.getTime())).toMatchObject({
      retry: false,
      why: 'HTTP 429: asked to wait 3600 s, over the 60 s cap',
    });
  });
});

describe('withRetry over fetch', () => {
  it('waits the Retry-After of a 429 (seconds) and of a 503 (HTTP date), then returns the answer', async () => {
    const seen = answers(
      [429, { 'Retry-After': '2' }],
      [503, { 'Retry-After': 'Sat, 28 Nov 2026 09:00:07 GMT' }],
      200,
    );
    const { deps: d, waits } = deps();
    const response = await withRetry(d)(URL_);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([2000, 7000]);
  });

  it('backs off on 500 / 502 / 504 and a dropped connection, then gives the last answer', async () => {
    const seen = answers(500, 'network', 502, 504);
    const { deps: d, waits } = deps();
    const response = await withRetry(d)(URL_);
    expect(response.status).toBe(504);
    expect(seen).toHaveLength(4);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('answers a 404 and a 401 at once, without waiting', async () => {
    for (const status of [404, 401]) {
      const seen = answers(status, 200);
      const { deps: d, waits } = deps();
      expect((await withRetry(d)(URL_)).status).toBe(status);
      expect(seen).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it('does not wait a Retry-After over the cap: the 429 comes back for the connector to report', async () => {
    const seen = answers([429, { 'Retry-After': '600' }], 200);
    const { deps: d, waits } = deps();
    const response = await withRetry(d, { maxRetryAfterMs: 120_000 })(URL_);
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ status: 429 });
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('rethrows the last network failure once the attempts run out', async () => {
    const seen = answers('network');
    const { deps: d, waits } = deps();
    await expect(withRetry(d, { maxAttempts: 3 })(URL_)).rejects.toThrow();
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('sends a POST body again on every attempt', async () => {
    const seen = answers(503, 201);
    const { deps: d } = deps();
    const request = new Request(URL_, { method: 'POST', body: '{"title":"risk"}' });
    expect((await withRetry(d)(request)).status).toBe(201);
    expect(seen).toEqual([
      { method: 'POST', body: '{"title":"risk"}' },
      { method: 'POST', body: '{"title":"risk"}' },
    ]);
  });

  it('times an attempt out, counts it as a timeout and tries again', async () => {
    let calls = 0;
    const hanging: ConnectorDeps['fetch'] = (_input, init) => {
      calls++;
      if (calls > 1) return Promise.resolve(new Response('ok'));
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    };
    const waits: number[] = [];
    const { deps: d } = deps(async (ms) => {
      waits.push(ms);
    });
    const response = await withRetry({ ...d, fetch: hanging }, { timeoutMs: 5_000 })(URL_);
    expect(await response.text()).toBe('ok');
    expect(calls).toBe(2);
    // The per-attempt timer of both attempts and one back-off in between.
    expect(waits).toEqual([5_000, 500, 5_000]);
  });

  it('never retries once the caller aborts', async () => {
    const seen = answers(503);
    const controller = new AbortController();
    const { deps: d } = deps(async () => {
      controller.abort(new Error('stopped by the user'));
    });
    await expect(withRetry(d)(URL_, { signal: controller.signal })).rejects.toThrow('stopped by the user');
    expect(seen).toHaveLength(1);
  });

  it('logs origin and path only: no query string, header or body', async () => {
    answers([429, { 'Retry-After': '1' }], 200);
    const { deps: d, lines } = deps();
    await withRetry(d, { service: 'jira' })(`${URL_}?access_token=secret-token`, {
      headers: { Authorization: 'Bearer secret-token' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).toBe('jira: HTTP 429, Retry-After; retry 1 in 1000 ms');
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(lines[0]!.fields).toEqual({ url: URL_, attempt: 2, waitMs: 1000 });
  });
});
