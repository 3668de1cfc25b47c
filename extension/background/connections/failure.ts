// Why a connection test failed, told apart precisely enough that the user knows what to fix.
import { z } from 'zod';

export const FailureKind = z.enum([
  'permission', // the browser has not granted this extension access to the host
  'dns', // the host name does not resolve
  'certificate', // TLS: expired, self-signed, wrong host, unknown authority
  'unreachable', // refused, reset, no route
  'timeout',
  'cors', // the browser blocked the response (no host access for this origin)
  'unauthorized', // 401: token wrong, expired or revoked
  'scope', // 403 or a granted-scopes header: the token lacks a scope the connector needs
  'forbidden', // 403 for another reason (SSO enforcement, IP allow list)
  'rate-limited', // 403/429 with the rate limit exhausted
  'not-found', // 404: wrong URL (for a self-hosted base URL, usually the path)
  'server', // 5xx
  'unexpected', // anything else, detail says what
]);
export type FailureKind = z.infer<typeof FailureKind>;

export const ConnectionFailure = z.strictObject({ kind: FailureKind, detail: z.string() });
export type ConnectionFailure = z.infer<typeof ConnectionFailure>;

/** Error codes from Node (undici / OpenSSL) and Chromium (net::ERR_*), by what they mean. */
const NETWORK_CODES: readonly [FailureKind, RegExp][] = [
  ['dns', /^(?:ENOTFOUND|EAI_AGAIN|net::ERR_NAME_NOT_RESOLVED|net::ERR_NAME_RESOLUTION_FAILED)$/],
  ['certificate', /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/],
  ['timeout', /^(?:ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|net::ERR_TIMED_OUT|net::ERR_CONNECTION_TIMED_OUT)$/],
  [
    'unreachable',
    /^(?:ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|net::ERR_CONNECTION_(?:REFUSED|RESET|CLOSED)|net::ERR_ADDRESS_UNREACHABLE|net::ERR_INTERNET_DISCONNECTED)$/,
  ],
];

/**
 * A transport failure (no HTTP response). `code` is the most specific code known: Node's
 * `error.cause.code` or the `net::ERR_*` the browser reported for the request. Without a code, a
 * host the extension may not reach is a CORS block; otherwise the message is all we know.
 */
export function networkFailure(
  host: string,
  code: string | undefined,
  message: string,
  hostAllowed: boolean,
): ConnectionFailure {
  for (const [kind, pattern] of NETWORK_CODES) {
    if (code && pattern.test(code)) {
      const detail = {
        dns: `the name ${host} does not resolve (${code}): check the address`,
        certificate: `the TLS certificate of ${host} is not trusted (${code})`,
        timeout: `${host} did not answer in time (${code})`,
        unreachable: `${host} refused or dropped the connection (${code})`,
      }[kind as 'dns' | 'certificate' | 'timeout' | 'unreachable'];
      return { kind, detail };
    }
  }
  if (!hostAllowed) {
    return {
      kind: 'cors',
      detail: `the browser blocked the response from ${host}: grant AIMS Lens access to it`,
    };
  }
  return { kind: 'unexpected', detail: `${host}: ${code ? `${code}: ` : ''}${message}` };
}

const scopesOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * An HTTP error response. `headers` are lower-case. GitHub's `x-oauth-scopes` (granted) and
 * `x-accepted-oauth-scopes` (needed) tell a missing scope apart from other 403s.
 */
export function httpFailure(
  host: string,
  status: number,
  headers: Record<string, string | undefined>,
): ConnectionFailure {
  if (status === 401)
    return {
      kind: 'unauthorized',
      detail: `${host} rejected the token (401): it is wrong, expired or revoked`,
    };
  const exhausted = headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined;
  if ((status === 403 || status === 429) && exhausted) {
    const wait = headers['retry-after'] ? `; retry after ${headers['retry-after']} s` : '';
    return { kind: 'rate-limited', detail: `${host} rate limit exhausted (${status})${wait}` };
  }
  if (status === 403) {
    const granted = scopesOf(headers['x-oauth-scopes']);
    const needed = scopesOf(headers['x-accepted-oauth-scopes']);
    const missing = needed.filter((s) => !granted.includes(s));
    if (needed.length > 0 && missing.length === needed.length) {
      return {
        kind: 'scope',
        detail: `the token lacks a needed scope (needs one of: ${needed.join(', ')}; has: ${granted.join(', ') || 'none'})`,
      };
    }
    if (headers['x-github-sso'])
      return { kind: 'forbidden', detail: `${host} requires SAML single sign-on for this token (403)` };
    return { kind: 'forbidden', detail: `${host} refused access (403)` };
  }
  if (status === 404)
    return { kind: 'not-found', detail: `${host} has no such API address (404): check the URL` };
  if (status >= 500) return { kind: 'server', detail: `${host} failed (${status})` };
  return { kind: 'unexpected', detail: `${host} answered ${status}` };
}
