// Which Jira to talk to and how: Cloud (REST v3, email + API token) or Data Center / Server (REST v2,
// personal access token). Credentials are kept apart from the rest so nothing ever writes them down.
import { z } from 'zod';

export const JiraFlavour = z.enum(['cloud', 'data-center']);
export type JiraFlavour = z.infer<typeof JiraFlavour>;

/** Jira site base URL: https (http only for loopback, so tests and local mocks work), no query or hash. */
export const JiraSiteUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `'${value.slice(0, 80)}' is not a URL` });
      return z.NEVER;
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      ctx.addIssue({ code: 'custom', message: 'the Jira site must be an https:// URL' });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'give the site URL alone, without credentials, query or #' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

/** Cloud sites live on *.atlassian.net (or the jira-dev/jira.com variants); anything else is Data Center. */
export function flavourOf(siteUrl: string): JiraFlavour {
  const host = new URL(siteUrl).hostname.toLowerCase();
  return /\.(?:atlassian\.net|jira-dev\.com|jira\.com)$/.test(host) ? 'cloud' : 'data-center';
}

export const JiraCredentials = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api-token'), email: z.string().min(3), apiToken: z.string().min(1) }),
  z.object({ kind: z.literal('pat'), token: z.string().min(1) }),
]);
export type JiraCredentials = z.infer<typeof JiraCredentials>;

/**
 * Default discovery JQL: tickets labelled as AI work, in an AI component, or of an "AI System" issue
 * type. A site without such a component or issue type rejects the clause; `--jql` replaces it.
 */
export const DEFAULT_JQL =
  'labels in (ai, ml, genai, llm, "ai-system", "machine-learning") OR component in (AI, ML) OR issuetype = "AI System" ORDER BY key ASC';

/** The default's label clause alone: what is searched when a site rejects the default for a missing component or type. */
export const LABELS_JQL = 'labels in (ai, ml, genai, llm, "ai-system", "machine-learning") ORDER BY key ASC';

export const JiraConnection = z.object({
  url: JiraSiteUrl,
  flavour: JiraFlavour.optional(),
  /** Milliseconds one request may take before it counts as timed out. */
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
  /** Issues per search page (Jira caps it; 50 is the common ceiling with all fields). */
  pageSize: z.number().int().min(1).max(100).default(50),
  /** Attempts per request on 429, 5xx and timeouts, the first included. */
  maxAttempts: z.number().int().min(1).max(10).default(4),
  /** The longest Retry-After the connector is willing to wait, in seconds; a longer one fails the run. */
  maxRetryAfterSeconds: z.number().int().min(0).max(3600).default(120),
});
export type JiraConnection = z.infer<typeof JiraConnection>;
export type JiraConnectionInput = z.input<typeof JiraConnection>;

/** The flavour the configuration names, else the one the host implies. */
export const resolvedFlavour = (connection: JiraConnection): JiraFlavour =>
  connection.flavour ?? flavourOf(connection.url);

/** What an issue on this site is browsed at. */
export const browseUrl = (siteUrl: string, key: string): string =>
  `${siteUrl}/browse/${encodeURIComponent(key)}`;
