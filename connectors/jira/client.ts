// The connector's one door to Jira: jira.js's Version3Client (Cloud) or Version2Client (Data Center),
// built from an injected transport, clock and log, with every call retried by the same policy and every
// answer checked. The rest of the connector sees JiraApi and never knows which flavour it talks to.
import { Version2Client, Version3Client, type Config } from 'jira.js';
import { textToAdf } from './adf';
import {
  JiraConnection,
  resolvedFlavour,
  type JiraConnectionInput,
  type JiraCredentials,
  type JiraFlavour,
} from './config';
import { JiraError, secretsOf } from './errors';
import {
  ChangelogPage,
  changeOf,
  CloudSearchPage,
  CreatedIssuePayload,
  DataCenterSearchPage,
  IssueWithChangelog,
  issueOf,
  parsePayload,
  PropertyPayload,
  RemoteLinkPayload,
  type JiraChange,
  type JiraIssue,
} from './payloads';
import type { ConnectorDeps } from '../contract';
import { withRetry, type JiraClock, type RetryPolicy } from './retry';

/** Fields discovery, linking and sync read from every issue. */
export const ISSUE_FIELDS = [
  'summary',
  'description',
  'labels',
  'components',
  'issuetype',
  'status',
  'created',
  'updated',
  'parent',
];

/** Where the next search page starts: Cloud's opaque token, or Data Center's offset. */
export type SearchCursor = { kind: 'token'; token?: string } | { kind: 'offset'; startAt: number };

/** A ticket a page held that could not be read (a malformed issue): reported and left out. */
export interface SkippedTicket {
  /** The issue key when the payload had one, else its position on the page (`#3`). */
  key: string;
  reason: string;
}

export interface SearchPage {
  issues: JiraIssue[];
  /** Issues on this page that were malformed; the rest of the page is still read. */
  skipped: SkippedTicket[];
  /** Absent on the last page. */
  next?: SearchCursor;
}

/** Each issue of a page read on its own, so one malformed ticket does not lose the page. */
function issuesOf(raw: readonly unknown[], op: string): Pick<SearchPage, 'issues' | 'skipped'> {
  const issues: JiraIssue[] = [];
  const skipped: SkippedTicket[] = [];
  raw.forEach((value, at) => {
    try {
      issues.push(issueOf(value, op));
    } catch (error) {
      if (!(error instanceof JiraError) || error.failure !== 'malformed') throw error;
      const key = (value as { key?: unknown } | null)?.key;
      skipped.push({
        key: typeof key === 'string' && ISSUE_KEY.test(key) ? key : `#${at + 1}`,
        reason: error.message,
      });
    }
  });
  return { issues, skipped };
}

export interface RemoteLink {
  id?: number;
  globalId?: string;
  url?: string;
  title?: string;
}

/** A remote link as Jira's API takes it (the fields both flavours share). */
export interface RemoteLinkRequest {
  globalId: string;
  relationship: string;
  application: { type: string; name: string };
  object: { url: string; title: string; summary?: string; status?: { resolved?: boolean } };
}

export interface NewIssue {
  projectKey: string;
  issueType: string;
  summary: string;
  description: string;
  labels: string[];
}

export interface JiraApi {
  readonly flavour: JiraFlavour;
  readonly siteUrl: string;
  readonly pageSize: number;
  searchPage(jql: string, cursor: SearchCursor): Promise<SearchPage>;
  getIssue(key: string): Promise<JiraIssue>;
  /** Every changelog entry of an issue, oldest first. */
  changelog(key: string): Promise<JiraChange[]>;
  remoteLinks(key: string): Promise<RemoteLink[]>;
  /** Creates the link, or updates the one with the same globalId. */
  upsertRemoteLink(key: string, link: RemoteLinkRequest): Promise<{ id?: number }>;
  /** The property's value, or undefined when the issue has none by that key. */
  getProperty(key: string, propertyKey: string): Promise<unknown>;
  setProperty(key: string, propertyKey: string, value: unknown): Promise<void>;
  createIssue(issue: NewIssue): Promise<{ id: string; key: string }>;
}

export interface JiraClientOptions {
  connection: JiraConnectionInput;
  credentials: JiraCredentials;
  /** Transport (a fetch), clock, log and sleep: the connector contract's injected parts. */
  deps: ConnectorDeps;
}

function clientConfig(connection: JiraConnection, credentials: JiraCredentials, deps: ConnectorDeps): Config {
  // jira.js speaks axios; axios's fetch adapter sends every request through the injected fetch.
  const baseRequestConfig = { adapter: 'fetch', env: { fetch: deps.fetch }, timeout: connection.timeoutMs };
  if (credentials.kind === 'api-token') {
    return {
      host: connection.url,
      authentication: { basic: { email: credentials.email, apiToken: credentials.apiToken } },
      baseRequestConfig,
    };
  }
  // Data Center personal access tokens are bearer tokens; jira.js has no slot for them, so a header it is.
  return {
    host: connection.url,
    baseRequestConfig: { ...baseRequestConfig, headers: { Authorization: `Bearer ${credentials.token}` } },
  };
}

/**
 * A JiraApi for the configured site. Cloud needs email + API token, Data Center a personal access token;
 * a mismatch is refused before any request. Throws JiraError (from calls) or Error (bad configuration).
 */
export function createJiraApi(options: JiraClientOptions): JiraApi {
  const connection = JiraConnection.parse(options.connection);
  const flavour = resolvedFlavour(connection);
  if (flavour === 'cloud' && options.credentials.kind !== 'api-token') {
    throw new Error('Jira Cloud needs an email and an API token (JIRA_EMAIL and JIRA_API_TOKEN)');
  }
  const { deps } = options;
  const config = clientConfig(connection, options.credentials, deps);
  const clock: JiraClock = {
    now: () => deps.clock().getTime(),
    sleep: deps.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
  };
  const policy: RetryPolicy = {
    maxAttempts: connection.maxAttempts,
    maxRetryAfterSeconds: connection.maxRetryAfterSeconds,
    clock,
    log: (line) => deps.log.warn(line),
    secrets: secretsOf(options.credentials),
  };
  const run = <T>(operation: string, call: () => Promise<T>) => withRetry(operation, call, policy);
  return checkedKeys(
    flavour === 'cloud'
      ? cloudApi(new Version3Client(config), connection, run)
      : dataCenterApi(new Version2Client(config), connection, run),
  );
}

/** Jira issue keys: project key, dash, number. jira.js puts keys into paths unescaped, so nothing else passes. */
export const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/;

function checkKey(key: string): void {
  if (!ISSUE_KEY.test(key)) {
    throw new JiraError('bad-request', `issue '${key.slice(0, 40)}'`, 'not a Jira issue key (like AI-12)');
  }
}

function checkedKeys(api: JiraApi): JiraApi {
  const keyed =
    <A extends unknown[], R>(fn: (key: string, ...rest: A) => Promise<R>) =>
    async (key: string, ...rest: A): Promise<R> => {
      checkKey(key);
      return fn(key, ...rest);
    };
  return {
    ...api,
    getIssue: keyed(api.getIssue),
    changelog: keyed(api.changelog),
    remoteLinks: keyed(api.remoteLinks),
    upsertRemoteLink: keyed(api.upsertRemoteLink),
    getProperty: keyed(api.getProperty),
    setProperty: keyed(api.setProperty),
  };
}

type Runner = <T>(operation: string, call: () => Promise<T>) => Promise<T>;

const notFoundAsUndefined = (error: unknown) => {
  if (error instanceof JiraError && error.failure === 'not-found') return undefined;
  throw error;
};

function remoteLinksOf(value: unknown, operation: string): RemoteLink[] {
  if (!Array.isArray(value))
    throw new JiraError('malformed', operation, 'Jira answered with a body that is not a list');
  return value.map((item) => {
    const raw = parsePayload(RemoteLinkPayload, item, operation);
    const link: RemoteLink = {};
    if (raw.id !== null && raw.id !== undefined) link.id = raw.id;
    if (raw.globalId) link.globalId = raw.globalId;
    if (raw.object) {
      link.url = raw.object.url;
      link.title = raw.object.title;
    }
    return link;
  });
}

/** The resources both flavours call the same way (jira.js gives v2 and v3 the same shapes for them). */
type SharedResources = {
  issues: Pick<Version3Client['issues'], 'getIssue'>;
  issueRemoteLinks: Pick<
    Version3Client['issueRemoteLinks'],
    'getRemoteIssueLinks' | 'createOrUpdateRemoteIssueLink'
  >;
  issueProperties: Pick<Version3Client['issueProperties'], 'getIssueProperty' | 'setIssueProperty'>;
};

/** New-issue fields both flavours share; the description's format is the flavour's (ADF on Cloud, text on DC). */
const newIssueFields = (issue: NewIssue) => ({
  project: { key: issue.projectKey },
  issuetype: { name: issue.issueType },
  summary: issue.summary,
  labels: issue.labels,
});

/** Reading an issue, its remote links and properties: one request path for Cloud and Data Center. */
function sharedCalls(
  client: SharedResources,
  run: Runner,
): Pick<JiraApi, 'getIssue' | 'remoteLinks' | 'upsertRemoteLink' | 'getProperty' | 'setProperty'> {
  return {
    async getIssue(key) {
      const op = `read ${key}`;
      return issueOf(
        await run(op, () => client.issues.getIssue({ issueIdOrKey: key, fields: ISSUE_FIELDS })),
        op,
      );
    },
    async remoteLinks(key) {
      const op = `read the remote links of ${key}`;
      return remoteLinksOf(
        await run(op, () => client.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: key })),
        op,
      );
    },
    async upsertRemoteLink(key, link) {
      const op = `write the remote link on ${key}`;
      const body: unknown = await run(op, () =>
        client.issueRemoteLinks.createOrUpdateRemoteIssueLink({ issueIdOrKey: key, ...link }),
      );
      const id = (body as { id?: unknown } | null)?.id;
      return typeof id === 'number' ? { id } : {};
    },
    async getProperty(key, propertyKey) {
      const op = `read property ${propertyKey} of ${key}`;
      const body: unknown = await run(op, () =>
        client.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey }),
      ).catch(notFoundAsUndefined);
      return body === undefined ? undefined : parsePayload(PropertyPayload, body, op).value;
    },
    async setProperty(key, propertyKey, value) {
      await run(`write property ${propertyKey} on ${key}`, () =>
        client.issueProperties.setIssueProperty({ issueIdOrKey: key, propertyKey, propertyValue: value }),
      );
    },
  };
}

function cloudApi(client: Version3Client, connection: JiraConnection, run: Runner): JiraApi {
  return {
    ...sharedCalls(client, run),
    flavour: 'cloud',
    siteUrl: connection.url,
    pageSize: connection.pageSize,
    async searchPage(jql, cursor) {
      const op = 'search issues';
      const body: unknown = await run(op, () =>
        client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
          jql,
          fields: ISSUE_FIELDS,
          maxResults: connection.pageSize,
          ...(cursor.kind === 'token' && cursor.token ? { nextPageToken: cursor.token } : {}),
        }),
      );
      const page = parsePayload(CloudSearchPage, body, op);
      // A server that hands back the token it was given would page forever over the same issues.
      if (page.nextPageToken && cursor.kind === 'token' && page.nextPageToken === cursor.token)
        throw new JiraError('malformed', op, 'Jira answered with the same next page token again; stopped');
      const read = issuesOf(page.issues, op);
      return page.nextPageToken ? { ...read, next: { kind: 'token', token: page.nextPageToken } } : read;
    },
    async changelog(key) {
      const op = `read the changelog of ${key}`;
      const changes: JiraChange[] = [];
      for (let startAt = 0, guard = 0; guard < 1000; guard++) {
        const body: unknown = await run(op, () =>
          client.issues.getChangeLogs({ issueIdOrKey: key, startAt, maxResults: 100 }),
        );
        const page = parsePayload(ChangelogPage, body, op);
        changes.push(...page.values.map((v) => changeOf(v, op)));
        startAt += page.values.length;
        const done =
          page.isLast ?? (page.total !== undefined && page.total !== null ? startAt >= page.total : true);
        if (done || page.values.length === 0) break;
      }
      return changes;
    },
    async createIssue(issue) {
      const op = `create an issue in ${issue.projectKey}`;
      const body: unknown = await run(op, () =>
        client.issues.createIssue({
          fields: { ...newIssueFields(issue), description: textToAdf(issue.description) },
        }),
      );
      return parsePayload(CreatedIssuePayload, body, op);
    },
  };
}

function dataCenterApi(client: Version2Client, connection: JiraConnection, run: Runner): JiraApi {
  return {
    ...sharedCalls(client, run),
    flavour: 'data-center',
    siteUrl: connection.url,
    pageSize: connection.pageSize,
    async searchPage(jql, cursor) {
      const op = 'search issues';
      const startAt = cursor.kind === 'offset' ? cursor.startAt : 0;
      // Data Center's search is /rest/api/2/search with offsets; the Cloud deprecation does not apply there.
      const body: unknown = await run(op, () =>
        client.issueSearch.searchForIssuesUsingJqlPost({
          jql,
          fields: ISSUE_FIELDS,
          maxResults: connection.pageSize,
          startAt,
        }),
      );
      const page = parsePayload(DataCenterSearchPage, body, op);
      // A server (or proxy) that ignores startAt would answer the first page over and over.
      if (page.startAt !== startAt)
        throw new JiraError(
          'malformed',
          op,
          `Jira answered the page at ${page.startAt} when asked for the page at ${startAt}; stopped`,
        );
      const read = issuesOf(page.issues, op);
      // Offsets count what the server sent, skipped tickets included.
      const count = page.issues.length;
      const next = page.startAt + count;
      const more = count > 0 && (page.total === undefined ? count >= connection.pageSize : next < page.total);
      return more ? { ...read, next: { kind: 'offset', startAt: next } } : read;
    },
    async changelog(key) {
      // Data Center has no paged changelog resource; the issue expands with its whole history.
      const op = `read the changelog of ${key}`;
      const body: unknown = await run(op, () =>
        client.issues.getIssue({ issueIdOrKey: key, fields: ['summary'], expand: 'changelog' }),
      );
      const histories = parsePayload(IssueWithChangelog, body, op).changelog?.histories ?? [];
      return histories.map((h) => changeOf(h, op));
    },
    async createIssue(issue) {
      const op = `create an issue in ${issue.projectKey}`;
      const body: unknown = await run(op, () =>
        client.issues.createIssue({ fields: { ...newIssueFields(issue), description: issue.description } }),
      );
      return parsePayload(CreatedIssuePayload, body, op);
    },
  };
}
