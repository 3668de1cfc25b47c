// Connection settings, tokens included. They live only in the background's storage.local (never
// storage.sync, never in an export, never logged); pages only ever see ConnectionSummary.
import { z } from 'zod';

/** An https origin with nothing after it but an optional path: self-hosted roots. */
const HttpsRoot = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'expected an https:// address without credentials, query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

const Token = z
  .string()
  .trim()
  .min(8, 'the token looks too short')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'a token has no spaces or control characters');

export const GithubConnection = z.strictObject({
  service: z.literal('github'),
  token: Token,
  /** GitHub Enterprise Server root; github.com when absent. */
  serverUrl: HttpsRoot.refine(
    (url) => !/^https:\/\/(?:www\.|api\.)?github\.com(?:\/|$)/i.test(url),
    'github.com is not a GitHub Enterprise Server: leave the server address empty for github.com',
  ).optional(),
});

export const JiraConnection = z.discriminatedUnion('deployment', [
  z.strictObject({
    service: z.literal('jira'),
    deployment: z.literal('cloud'),
    /** `https://<site>.atlassian.net` */
    site: HttpsRoot.refine(
      (url) => /^https:\/\/[a-z0-9][a-z0-9-]*\.atlassian\.net$/i.test(url),
      'expected https://<site>.atlassian.net',
    ),
    email: z.email(),
    apiToken: Token,
  }),
  z.strictObject({
    service: z.literal('jira'),
    deployment: z.literal('data-center'),
    // A personal access token is Data Center's; a *.atlassian.net site refuses it (401 on every call).
    serverUrl: HttpsRoot.refine(
      (url) => !/^https:\/\/[^/]+\.atlassian\.net(?:\/|$)/i.test(url),
      'a *.atlassian.net site is Jira Cloud: choose Cloud, with your email and an API token',
    ),
    personalAccessToken: Token,
  }),
]);

const Guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a GUID');

export const MicrosoftTokens = z.strictObject({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** ISO instant the access token stops working. */
  expiresAt: z.string(),
  scope: z.string(),
});
export type MicrosoftTokens = z.infer<typeof MicrosoftTokens>;

export const MicrosoftConnection = z.strictObject({
  service: z.literal('microsoft'),
  /** Directory (tenant) id, or a verified domain such as contoso.onmicrosoft.com. */
  tenant: z.union([Guid, z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected a tenant id or domain')]),
  clientId: Guid,
  tokens: MicrosoftTokens.optional(),
});

export const Connection = z.union([GithubConnection, JiraConnection, MicrosoftConnection]);
export type Connection = z.infer<typeof Connection>;
export const Service = z.enum(['github', 'jira', 'microsoft']);
export type Service = z.infer<typeof Service>;

export const Connections = z.strictObject({
  github: GithubConnection.optional(),
  jira: JiraConnection.optional(),
  microsoft: MicrosoftConnection.optional(),
});
export type Connections = z.infer<typeof Connections>;

/** What a page may know about a connection: where it points, never a secret. */
export const ConnectionSummary = z.strictObject({
  service: Service,
  /** e.g. "github.com", "https://ghe.example.com", "acme.atlassian.net as a@b.c", "tenant … (signed in)" */
  target: z.string(),
  /** Whether a credential is stored (GitHub/Jira token, Microsoft sign-in). */
  hasCredential: z.boolean(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;

export function summarise(connections: Connections): ConnectionSummary[] {
  const out: ConnectionSummary[] = [];
  const { github, jira, microsoft } = connections;
  if (github) out.push({ service: 'github', target: github.serverUrl ?? 'github.com', hasCredential: true });
  if (jira) {
    out.push({
      service: 'jira',
      target: jira.deployment === 'cloud' ? `${new URL(jira.site).host} as ${jira.email}` : jira.serverUrl,
      hasCredential: true,
    });
  }
  if (microsoft) {
    out.push({
      service: 'microsoft',
      target: `tenant ${microsoft.tenant}`,
      hasCredential: microsoft.tokens !== undefined,
    });
  }
  return out;
}

/** The origins a connection needs host access to (requested as optional host permissions). */
export function originsFor(connection: Connection): string[] {
  if (connection.service === 'github') {
    return [connection.serverUrl ? `${new URL(connection.serverUrl).origin}/*` : 'https://api.github.com/*'];
  }
  if (connection.service === 'jira') {
    return [
      `${new URL(connection.deployment === 'cloud' ? connection.site : connection.serverUrl).origin}/*`,
    ];
  }
  // Graph answers a file's content with a 302 to the tenant's own download.aspx, which sends no CORS
  // headers (microsoftgraph/msgraph-sdk-javascript#388): the background needs host access to the
  // tenants to follow it when pinning evidence.
  return [
    'https://login.microsoftonline.com/*',
    'https://graph.microsoft.com/*',
    'https://*.sharepoint.com/*',
  ];
}

/** Where settings are kept; a store that loses nothing it was given and validates what it reads. */
export interface ConnectionStore {
  read(): Promise<Connections>;
  write(connections: Connections): Promise<void>;
}

/** The `storage.local` key that holds every connection (pages watch it to know when to re-count). */
export const CONNECTIONS_KEY = 'connections';

/** A store over one `storage.local` key. A corrupt value reads as no connections, never as a crash. */
export function storageLocalStore(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): ConnectionStore {
  const KEY = CONNECTIONS_KEY;
  return {
    async read() {
      const parsed = Connections.safeParse((await area.get(KEY))[KEY] ?? {});
      return parsed.success ? parsed.data : {};
    },
    async write(connections) {
      await area.set({ [KEY]: Connections.parse(connections) });
    },
  };
}
