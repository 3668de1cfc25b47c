// What can go wrong talking to Jira, as errors a person can act on. Messages name the operation and the
// status, never a credential or a header (the underlying client error is not kept, since its request
// config carries the Authorization header).
import { isAxiosError } from 'axios';
import { HttpException } from 'jira.js';
import { redactSecrets, serverText } from '../redact';

export type JiraFailure =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'bad-request'
  | 'page-token-expired';

const RETRYABLE: ReadonlySet<JiraFailure> = new Set(['rate-limited', 'unavailable', 'timeout', 'network']);

export class JiraError extends Error {
  constructor(
    readonly failure: JiraFailure,
    /** The operation, e.g. 'search issues' or 'write remote link on AI-12'. */
    readonly operation: string,
    /** What went wrong, without the operation. */
    readonly detail: string,
    /** HTTP status when Jira answered; undefined for timeouts and network failures. */
    readonly status?: number,
    /** Seconds Jira asked to wait (429 / 503 Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${operation}: ${detail}`);
    this.name = 'JiraError';
  }

  /** The same error with every secret in its text replaced (see redactSecrets). */
  redacted(secrets: readonly string[]): JiraError {
    return new JiraError(
      this.failure,
      redactSecrets(this.operation, secrets),
      redactSecrets(this.detail, secrets),
      this.status,
      this.retryAfterSeconds,
    );
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.failure);
  }
}

/** The strings a Jira error must never show: the token or PAT, the account's email, and Basic's base64. */
export function secretsOf(
  credentials: { kind: 'api-token'; email: string; apiToken: string } | { kind: 'pat'; token: string },
): string[] {
  if (credentials.kind === 'pat') return [credentials.token];
  const basic = `${credentials.email}:${credentials.apiToken}`;
  return [credentials.apiToken, credentials.email, basic, btoa(basic)];
}

/** Retry-After as seconds: delta-seconds or an HTTP date (relative to `nowMs`); undefined when absent or unreadable. */
export function retryAfterSeconds(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Jira's own error text ({ errorMessages, errors }), redacted, single-line and at most 300 characters. */
function jiraMessages(body: unknown, secrets: readonly string[]): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (Array.isArray(errorMessages)) parts.push(...errorMessages.filter((m) => typeof m === 'string'));
  if (errors && typeof errors === 'object') {
    for (const [field, text] of Object.entries(errors))
      if (typeof text === 'string') parts.push(`${field}: ${text}`);
  }
  const text = serverText(parts.join('; '), secrets);
  return text || undefined;
}

function headerOf(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = getter.call(headers, name);
    if (value !== undefined && value !== null) return String(value);
  }
  return (
    (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()]
  );
}

const PAGE_TOKEN = /next ?page ?token|nextPageToken|page token/i;

/**
 * Turns whatever jira.js / axios threw into a JiraError. Already-classified errors pass through. Jira's own
 * words are redacted (the `secrets` in use and anything shaped like a credential) before they are cut to
 * length, so a cut cannot leave part of a token behind.
 */
export function classifyJiraError(
  error: unknown,
  operation: string,
  nowMs: number,
  secrets: readonly string[] = [],
): JiraError {
  if (error instanceof JiraError) return error;
  let status: number | undefined;
  let body: unknown;
  let headers: unknown;
  let code: string | undefined;
  if (error instanceof HttpException) {
    status = error.status;
    const cause = error.cause;
    if (isAxiosError(cause)) {
      body = cause.response?.data;
      headers = cause.response?.headers;
      code = cause.code;
      status = cause.response?.status ?? status;
    } else if (error.response && typeof error.response === 'object') {
      body = (error.response as { data?: unknown }).data;
    }
    // jira.js wraps errors it raised before any request (e.g. a timeout without a response) as 500s.
    if (!isAxiosError(cause) || !cause.response) {
      const inner = isAxiosError(cause) ? cause.code : (error as { code?: string }).code;
      if (inner && /ECONNABORTED|ETIMEDOUT|TimeoutError/i.test(inner)) status = undefined;
    }
  } else if (isAxiosError(error)) {
    code = error.code;
    status = error.response?.status;
    body = error.response?.data;
    headers = error.response?.headers;
  } else if (error instanceof SyntaxError) {
    return new JiraError('malformed', operation, 'Jira answered with a body that is not JSON');
  }
  if (status === undefined) {
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED')
      return new JiraError('timeout', operation, 'Jira did not answer in time');
    if (code === 'ERR_BAD_RESPONSE')
      return new JiraError('malformed', operation, 'Jira answered with a body that is not JSON');
    const detail = code ?? (error instanceof Error ? error.name : 'unknown error');
    return new JiraError('network', operation, `could not reach Jira (${detail})`);
  }
  const said = jiraMessages(body, secrets);
  const suffix = said ? ` (${said})` : '';
  const wait = retryAfterSeconds(headerOf(headers, 'retry-after'), nowMs);
  switch (status) {
    case 401:
      return new JiraError(
        'unauthorized',
        operation,
        `Jira refused the credentials (401); check the token${suffix}`,
        status,
      );
    case 403:
      return new JiraError('forbidden', operation, `the account may not do this (403)${suffix}`, status);
    case 404:
      return new JiraError(
        'not-found',
        operation,
        `not found, or not visible to this account (404)${suffix}`,
        status,
      );
    case 429:
      return new JiraError(
        'rate-limited',
        operation,
        `Jira is rate limiting (429)${wait !== undefined ? `, retry after ${wait}s` : ''}`,
        status,
        wait,
      );
  }
  if (status >= 500)
    return new JiraError('unavailable', operation, `Jira failed (${status})${suffix}`, status, wait);
  if (status === 400 && said && PAGE_TOKEN.test(said))
    return new JiraError(
      'page-token-expired',
      operation,
      `the page token is no longer valid${suffix}`,
      status,
    );
  return new JiraError('bad-request', operation, `Jira rejected the request (${status})${suffix}`, status);
}
