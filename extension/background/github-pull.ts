// What a pull request changes in the register's AI systems, for the pull-request overlay's banner:
// the triggers `aims github pr` would raise (the connector's analysePullRequest, with the token the
// background keeps), each mapped to its register system by the one identity rule, and whether it
// was already raised from this pull request. Without a GitHub connection, the triggers already
// raised from it are all there is to show.
import {
  analysePullRequest,
  createGitHubClient,
  githubSource,
  parsePullRequestRef,
} from '../../connectors/github';
import { webUrlFor } from '../../connectors/github/client';
import type { DiscoveryTrigger } from '../../shared/discovery/scan-diff';
import { registerSystemFor } from '../../shared/inventory';
import type { Trigger } from '../../shared/model';
import type { Register } from '../../shared/register';
import { githubApiRoot } from './connections/github-probe';
import type { PullChange, PullChanges } from './overlay-protocol';
import { raisedFromGithub } from './overlay-status';

/**
 * Reads a pull request's triggers from the GitHub server at `origin` (the page's); undefined when
 * GitHub is not connected. Errors are thrown, also when the connection is for another server.
 */
export interface GithubPullReader {
  read(
    origin: string,
    repo: string,
    pull: number,
  ): Promise<{ triggers: DiscoveryTrigger[]; webUrl: string } | undefined>;
}

/** `owner/name#N`: how parsePullRequestRef names a pull request. */
const pullRef = (repo: string, pull: number) => `${repo}#${pull}`;

const NOT_CONNECTED =
  "Connect GitHub in AIMS Lens's options to check this pull request's own changes; shown: triggers already raised from it.";

const sameChange = (t: Trigger, c: Pick<PullChange, 'systemId' | 'type' | 'before' | 'after'>) =>
  t.systemId === c.systemId && t.type === c.type && t.before === c.before && t.after === c.after;

/**
 * The changes pull request `repo#pull` makes. `analysed` is true when GitHub was read just now;
 * otherwise `note` says why not and the changes are the open triggers raised from the pull request.
 */
export async function pullChanges(
  register: Register,
  target: { origin: string; repo: string; pull: number; today: string },
  reader: GithubPullReader | undefined,
): Promise<PullChanges> {
  const [systems, triggers] = await Promise.all([register.list('ai-system'), register.list('trigger')]);
  const raisedHere = triggers.filter(
    (t) =>
      (t.status === 'open' || t.status === 'assessing') &&
      t.source.tool === 'github' &&
      raisedFromGithub(t.source.ref, target),
  );
  const recorded = (): PullChange[] =>
    raisedHere.map((t) => ({
      systemId: t.systemId,
      systemName: systems.find((s) => s.id === t.systemId)?.name ?? t.systemId,
      type: t.type,
      ...(t.before !== undefined ? { before: t.before } : {}),
      ...(t.after !== undefined ? { after: t.after } : {}),
      detail: t.detail,
      clauses: [...t.clauses],
      raised: { id: t.id, raisedOn: t.raisedOn },
    }));
  let read;
  try {
    read = reader ? await reader.read(target.origin, target.repo, target.pull) : undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { analysed: false, note: `GitHub could not be read (${why}).`, changes: recorded() };
  }
  if (!read) return { analysed: false, note: NOT_CONNECTED, changes: recorded() };
  const source = githubSource(read.webUrl, target.repo);
  const changes = read.triggers.map((t): PullChange => {
    const system = registerSystemFor(t, systems, source, '');
    const change: PullChange = {
      ...(system ? { systemId: system.id } : {}),
      systemName: system?.name ?? t.systemName,
      type: t.type,
      ...(t.before !== undefined ? { before: t.before } : {}),
      ...(t.after !== undefined ? { after: t.after } : {}),
      detail: t.detail,
      clauses: [...t.clauses],
    };
    const already = system ? raisedHere.find((r) => sameChange(r, change)) : undefined;
    return already ? { ...change, raised: { id: already.id, raisedOn: already.raisedOn } } : change;
  });
  return { analysed: true, changes };
}

/**
 * A reader over the stored GitHub connection (token and server never leave the background). Answers
 * are kept for `ttlMs` per pull request, so navigating between its tabs does not read it again.
 */
export function createGithubPullReader(deps: {
  /** The stored GitHub connection (token; GitHub Enterprise Server root), undefined when none. */
  connection: () => Promise<{ token: string; serverUrl?: string } | undefined>;
  fetch: typeof fetch;
  now: () => number;
  ttlMs?: number;
}): GithubPullReader {
  const kept = new Map<string, { at: number; value: { triggers: DiscoveryTrigger[]; webUrl: string } }>();
  return {
    async read(origin, repo, pull) {
      const connection = await deps.connection();
      if (!connection) return undefined;
      // The page's pull request lives on the page's server: never read owner/name#N from another one.
      const server = new URL(webUrlFor(githubApiRoot(connection.serverUrl))).origin;
      if (server !== new URL(origin).origin)
        throw new Error(`the GitHub connection is for ${new URL(server).host}, not ${new URL(origin).host}`);
      const key = `${server} ${pullRef(repo, pull)}`;
      const hit = kept.get(key);
      if (hit && deps.now() - hit.at < (deps.ttlMs ?? 60_000)) return hit.value;
      const client = createGitHubClient({
        token: connection.token,
        baseUrl: githubApiRoot(connection.serverUrl),
        fetch: deps.fetch,
        retries: 1,
        maxRateLimitWaitSeconds: 5,
      });
      const analysis = await analysePullRequest(client, parsePullRequestRef(pullRef(repo, pull)));
      const value = { triggers: analysis.triggers, webUrl: client.webUrl };
      if (kept.size > 50) kept.clear();
      kept.set(key, { at: deps.now(), value });
      return value;
    },
  };
}
