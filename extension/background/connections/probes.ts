// "Test connection" for Jira and Microsoft 365: one authenticated "who am I" call each, failures
// classified like GitHub's. (The full clients come with the Jira and SharePoint connectors.)
import { httpFailure, networkFailure } from './failure';
import type { ProbeDeps, ProbeResult } from './github-probe';
import type { JiraConnection } from './settings';
import type { z } from 'zod';

type Jira = z.infer<typeof JiraConnection>;

function codeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** GETs `url`; a response is classified by status, a transport failure by its code. */
export async function probeJson(
  url: string,
  headers: Record<string, string>,
  deps: ProbeDeps,
  describe: (body: Record<string, unknown>) => string,
): Promise<ProbeResult> {
  const { host, origin } = new URL(url);
  const allowed = await deps.hostAllowed(origin);
  if (!allowed) {
    return {
      ok: false,
      failure: {
        kind: 'permission',
        detail: `AIMS Lens has no access to ${origin}: add the connection again and allow it`,
      },
    };
  }
  let response: Response;
  try {
    response = await deps.fetch(url, { headers: { accept: 'application/json', ...headers } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      failure: networkFailure(host, codeOf(error) ?? deps.networkError?.(url), message, allowed),
    };
  }
  if (!response.ok) {
    const lower: Record<string, string> = {};
    response.headers.forEach((value, key) => (lower[key.toLowerCase()] = value));
    return { ok: false, failure: httpFailure(host, response.status, lower) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!body || typeof body !== 'object') {
    return {
      ok: false,
      failure: { kind: 'unexpected', detail: `${host} answered without JSON: is this the right address?` },
    };
  }
  return { ok: true, detail: describe(body as Record<string, unknown>) };
}

export function probeJira(connection: Jira, deps: ProbeDeps): Promise<ProbeResult> {
  if (connection.deployment === 'cloud') {
    const basic = btoa(`${connection.email}:${connection.apiToken}`);
    return probeJson(
      `${connection.site}/rest/api/3/myself`,
      { authorization: `Basic ${basic}` },
      deps,
      (me) =>
        `signed in to ${new URL(connection.site).host} as ${String(me.displayName ?? me.emailAddress ?? 'unknown')}`,
    );
  }
  return probeJson(
    `${connection.serverUrl}/rest/api/2/myself`,
    { authorization: `Bearer ${connection.personalAccessToken}` },
    deps,
    (me) =>
      `signed in to ${new URL(connection.serverUrl).host} as ${String(me.displayName ?? me.name ?? 'unknown')}`,
  );
}

export function probeMicrosoft(accessToken: string, deps: ProbeDeps): Promise<ProbeResult> {
  return probeJson(
    'https://graph.microsoft.com/v1.0/me',
    { authorization: `Bearer ${accessToken}` },
    deps,
    (me) => `signed in to Microsoft 365 as ${String(me.userPrincipalName ?? me.displayName ?? 'unknown')}`,
  );
}
