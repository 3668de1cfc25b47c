// "Test connection" for GitHub: `GET /user` through Octokit with the stored token, then a check
// that a classic token carries a scope that can read repositories.
import { Octokit } from '@octokit/rest';
import { serverText } from '../../../connectors/redact';
import { httpFailure, networkFailure, type ConnectionFailure } from './failure';

export interface GithubProbeInput {
  token: string;
  /** GitHub Enterprise Server root (`https://ghe.example.com`); github.com when absent. */
  serverUrl?: string;
}

export type ProbeResult = { ok: true; detail: string } | { ok: false; failure: ConnectionFailure };

export interface ProbeDeps {
  fetch: typeof fetch;
  /** Whether the browser lets the extension reach this origin (optional host permission). */
  hostAllowed: (origin: string) => Promise<boolean>;
  /** The browser's net::ERR_* for the last failed request to `url`, when it reported one. */
  networkError?: (url: string) => string | undefined;
}

/** The REST API root: api.github.com, or `<server>/api/v3` for GitHub Enterprise Server. */
export function githubApiRoot(serverUrl?: string): string {
  return serverUrl ? `${serverUrl.replace(/\/+$/, '')}/api/v3` : 'https://api.github.com';
}

const REPO_SCOPES = ['repo', 'public_repo'];

function errorCode(error: unknown): string | undefined {
  // Octokit wraps fetch's TypeError; Node puts the system or TLS code on the TypeError's cause.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Calls `GET /user`. Resolves (never rejects) with who the token belongs to, or with the failure
 * classified: permission, DNS, certificate, timeout, unreachable, CORS, 401, 403 scope or other,
 * rate limit, 404, 5xx.
 */
export async function probeGithub(input: GithubProbeInput, deps: ProbeDeps): Promise<ProbeResult> {
  const root = githubApiRoot(input.serverUrl);
  const { host, origin } = new URL(root);
  const allowed = await deps.hostAllowed(origin);
  if (!allowed && input.serverUrl) {
    return {
      ok: false,
      failure: {
        kind: 'permission',
        detail: `AIMS Lens has no access to ${origin}: add the connection again and allow it`,
      },
    };
  }
  const octokit = new Octokit({ auth: input.token, baseUrl: root, request: { fetch: deps.fetch } });
  try {
    const response = await octokit.rest.users.getAuthenticated();
    const granted = response.headers['x-oauth-scopes'];
    if (typeof granted === 'string') {
      const scopes = granted
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!scopes.some((s) => REPO_SCOPES.includes(s))) {
        return {
          ok: false,
          failure: {
            kind: 'scope',
            detail: `the token cannot read repositories (needs repo or public_repo; has: ${scopes.join(', ') || 'none'})`,
          },
        };
      }
    }
    return { ok: true, detail: `signed in to ${host} as ${response.data.login}` };
  } catch (error) {
    const response = (error as { response?: { status: number; headers: Record<string, string | undefined> } })
      .response;
    if (response) return { ok: false, failure: httpFailure(host, response.status, response.headers) };
    const code = errorCode(error) ?? deps.networkError?.(`${root}/user`);
    // The message may quote the server or a proxy: never let it carry the token into the page or a log.
    const message = serverText(error instanceof Error ? error.message : String(error), [input.token]);
    return { ok: false, failure: networkFailure(host, code, message, allowed) };
  }
}
