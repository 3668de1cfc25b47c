// What can go wrong talking to Microsoft Graph, as one error type a caller can branch on.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { serverText } from '../redact';

export type SharePointFailure =
  | 'unauthorized' // 401: the token is missing, expired or for another tenant
  | 'forbidden' // 403: the token lacks Sites.ReadWrite.All / Files.Read.All
  | 'not-found' // 404
  | 'conflict' // 409: e.g. a second item with the same unique system id
  | 'precondition-failed' // 412: the eTag sent with If-Match is stale
  | 'gone' // 410: an expired delta link
  | 'throttled' // 429 after every retry the Retry-After headers allowed
  | 'unavailable' // 5xx after every retry
  | 'timeout' // no response within the request timeout
  | 'unreachable' // no response at all: the name does not resolve, the connection is refused or dropped
  | 'malformed' // a 2xx body that is not JSON or not the shape Graph documents
  | 'too-large' // a file above the download limit
  | 'failed'; // anything else

export class SharePointError extends Error {
  constructor(
    readonly failure: SharePointFailure,
    message: string,
    /** HTTP status when there was a response; -1 otherwise. */
    readonly status = -1,
    /** The Location header of a 410, where Graph says to restart the enumeration. */
    readonly location?: string,
  ) {
    super(message);
    this.name = 'SharePointError';
  }
}

/** Raised by the transport when a request outlives its timeout; named so Graph's wrapper keeps the name. */
export class RequestTimeoutError extends Error {
  constructor(ms: number) {
    super(`no response within ${ms} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** Node's (undici, libuv, OpenSSL) codes for a request that got no response, in words. */
const NETWORK_CAUSES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'the name does not resolve (DNS)'],
  [/^(?:ECONNREFUSED)$/, 'the connection was refused (nothing listens there)'],
  [/^(?:ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, 'the connection timed out'],
  [/^(?:ECONNRESET|UND_ERR_SOCKET|EPIPE)$/, 'the connection was dropped'],
  [/^(?:EHOSTUNREACH|ENETUNREACH|ENETDOWN)$/, 'no route to the host (network down?)'],
  [/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/, 'its TLS certificate is not trusted'],
];

/** The most specific code on an error or its causes (fetch puts Node's on `cause`). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Raised by the transport when a request got no HTTP response at all; names the host and the cause
 * (DNS, refused, timed out, dropped, unreachable, certificate) where the runtime tells it.
 */
export class GraphUnreachableError extends Error {
  constructor(
    readonly host: string,
    error: unknown,
  ) {
    const code = causeCode(error);
    const cause = code ? NETWORK_CAUSES.find(([pattern]) => pattern.test(code))?.[1] : undefined;
    const said = error instanceof Error ? error.message : String(error);
    // Browsers give no code ("Failed to fetch"): offline, DNS, blocked or refused look the same.
    const why = cause
      ? `${cause} (${code})`
      : code
        ? `${said} (${code})`
        : `no response (${said}): offline, DNS, a proxy or a firewall`;
    super(`cannot reach ${host}: ${why}`);
    this.name = 'GraphUnreachableError';
  }
}

const FAILURE_BY_STATUS: Record<number, SharePointFailure> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  429: 'throttled',
};

const HINTS: Partial<Record<SharePointFailure, string>> = {
  unauthorized: 'the token was refused; get a fresh one',
  forbidden: 'the token lacks permission for this site (Sites.ReadWrite.All)',
  throttled: 'SharePoint is throttling requests; try again later',
  unavailable: 'SharePoint is unavailable; try again later',
};

/**
 * Turns whatever the Graph client threw into a SharePointError naming the request (method and path,
 * never headers). Graph's own words (or a proxy's, which may echo the request's Authorization header) are
 * redacted of `secrets` and of anything shaped like a credential, made one line and cut to length (see
 * serverText) before they become part of the message.
 */
export function toSharePointError(
  error: unknown,
  what: string,
  secrets: readonly string[] = [],
): SharePointError {
  const said = (text: string) => serverText(text, secrets);
  if (error instanceof SharePointError) return error;
  if (error instanceof GraphError) {
    const status = error.statusCode;
    if (error.code === 'RequestTimeoutError')
      return new SharePointError('timeout', `${what}: ${said(error.message)}`);
    if (error.code === 'GraphUnreachableError')
      return new SharePointError('unreachable', `${what}: ${said(error.message)}`);
    if (status >= 200 && status < 300) {
      return new SharePointError('malformed', `${what}: the response is not valid JSON`, status);
    }
    // No response and not a network failure the transport named: say what was thrown, not "HTTP -1".
    if (status === -1)
      return new SharePointError('failed', `${what}: ${said(error.message || (error.code ?? ''))}`);
    const failure: SharePointFailure =
      FAILURE_BY_STATUS[status] ?? (status >= 500 ? 'unavailable' : 'failed');
    const location = error.headers?.get('Location') ?? undefined;
    const detail = HINTS[failure] ?? (said(error.message) || `HTTP ${status}`);
    return new SharePointError(failure, `${what}: HTTP ${status}: ${detail}`, status, location);
  }
  if (error instanceof RequestTimeoutError)
    return new SharePointError('timeout', `${what}: ${said(error.message)}`);
  if (error instanceof GraphUnreachableError)
    return new SharePointError('unreachable', `${what}: ${said(error.message)}`);
  const message = error instanceof Error ? error.message : String(error);
  return new SharePointError('failed', `${what}: ${said(message)}`);
}
