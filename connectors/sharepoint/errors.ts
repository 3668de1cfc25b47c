// What can go wrong talking to Microsoft Graph, as one error type a caller can branch on.
import { GraphError } from '@microsoft/microsoft-graph-client';

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
 * never headers, so a token cannot leak into a message).
 */
export function toSharePointError(error: unknown, what: string): SharePointError {
  if (error instanceof SharePointError) return error;
  if (error instanceof GraphError) {
    const status = error.statusCode;
    if (error.code === 'RequestTimeoutError')
      return new SharePointError('timeout', `${what}: ${error.message}`);
    if (status >= 200 && status < 300) {
      return new SharePointError('malformed', `${what}: the response is not valid JSON`, status);
    }
    const failure: SharePointFailure =
      FAILURE_BY_STATUS[status] ?? (status >= 500 ? 'unavailable' : 'failed');
    const location = error.headers?.get('Location') ?? undefined;
    const detail = HINTS[failure] ?? (error.message || `HTTP ${status}`);
    return new SharePointError(failure, `${what}: HTTP ${status}: ${detail}`, status, location);
  }
  if (error instanceof RequestTimeoutError)
    return new SharePointError('timeout', `${what}: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new SharePointError('failed', `${what}: ${message}`);
}
