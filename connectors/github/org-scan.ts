// A scan of many repositories that survives interruption: the listing and the position are saved
// before the first repository and after each one, each repository's result the moment it is known,
// so a rerun resumes at the next repository and nothing recorded is fetched or lost again.
import { GitHubError, TRANSIENT_KINDS, type GitHubErrorKind } from './api';
import type { GitHubClient, RequestStats } from './client';
import { listRepositories, scopeKey, type ListOptions, type ScanScope } from './repositories';
import { scanRepository, type RepoRef, type RepoScanOptions, type RepoState } from './repo-scan';
import type { KeyValueStore } from './store';

export interface RepoResult {
  fullName: string;
  status: 'scanned' | 'unchanged' | 'skipped' | 'excluded';
  reason?: string;
  /** Why a repository was skipped, as a kind (see TRANSIENT_KINDS for the ones a rerun may fix). */
  kind?: GitHubErrorKind;
  state?: RepoState;
}

/** True when a rerun may finish what this run left: it stopped early, or a repository failed transiently. */
export function isIncomplete(result: OwnerScanResult): boolean {
  return (
    result.stoppedEarly !== undefined ||
    result.repositories.some(
      (r) => r.status === 'skipped' && r.kind !== undefined && TRANSIENT_KINDS.has(r.kind),
    )
  );
}

export interface OwnerScanResult {
  repositories: RepoResult[];
  /** The run resumed an interrupted one at this 1-based position (undefined for a fresh run). */
  resumedAt?: number;
  /** Stopped early (rate limit, abort); a rerun resumes where this one stopped. */
  stoppedEarly?: string;
  /** What stopped it early when GitHub did (a refused token: 'unauthorized'); absent for an abort. */
  stoppedBy?: GitHubErrorKind;
  stats: RequestStats;
}

export interface OwnerScanOptions extends ListOptions, Omit<RepoScanOptions, 'store'> {
  store: KeyValueStore;
  /** Progress for people (stderr in the CLI). */
  progress?: (line: string) => void;
  /** Checked before each repository: an aborted signal stops the run cleanly (resumable). */
  signal?: AbortSignal;
}

interface RunState {
  repos: RepoRef[];
  excluded: { fullName: string; reason: string }[];
  /** Repositories finished, in listing order. */
  done: number;
  outcomes: Record<string, { status: RepoResult['status']; reason?: string; kind?: GitHubErrorKind }>;
}

const runKey = (scope: ScanScope) => `run:${scopeKey(scope)}`;
export const repoKey = (fullName: string) => `repo:${fullName.toLowerCase()}`;

export async function loadRepoState(store: KeyValueStore, fullName: string): Promise<RepoState | undefined> {
  const text = await store.get(repoKey(fullName));
  return text ? (JSON.parse(text) as RepoState) : undefined;
}

/**
 * Scans every repository of the scope. Skipped repositories are reported with their reason and the
 * scan goes on; a rate limit that outlasts the client's patience stops the run (stoppedEarly), as
 * does the signal. Returns every repository of the listing with its latest known result.
 */
export async function scanOwner(
  client: GitHubClient,
  scope: ScanScope,
  options: OwnerScanOptions,
): Promise<OwnerScanResult> {
  const { store } = options;
  const say = options.progress ?? (() => undefined);
  const savedText = await store.get(runKey(scope));
  let run: RunState;
  let resumedAt: number | undefined;
  if (savedText) {
    run = JSON.parse(savedText) as RunState;
    resumedAt = run.done + 1;
    say(`resuming an interrupted scan at repository ${resumedAt} of ${run.repos.length}`);
  } else {
    let listing;
    try {
      listing = await listRepositories(client, scope, options);
    } catch (error) {
      // A rate limit or an outage while listing stops the run like one met later: nothing is
      // saved yet, so the rerun simply lists again. Anything else (no such organisation, a bad
      // token) is the caller's to report.
      if (error instanceof GitHubError && TRANSIENT_KINDS.has(error.kind)) {
        say(`stopping while listing repositories: ${error.message}; run again to resume`);
        return { repositories: [], stoppedEarly: error.message, stats: { ...client.stats } };
      }
      throw error;
    }
    run = { repos: listing.repos, excluded: listing.excluded, done: 0, outcomes: {} };
    await store.set(runKey(scope), JSON.stringify(run));
    say(`${listing.repos.length} repositories to scan (${listing.excluded.length} left out)`);
  }

  let stoppedEarly: string | undefined;
  let stoppedBy: GitHubErrorKind | undefined;
  for (let i = run.done; i < run.repos.length; i++) {
    if (options.signal?.aborted) {
      stoppedEarly = 'interrupted';
      break;
    }
    const repo = run.repos[i] as RepoRef;
    const previous = await loadRepoState(store, repo.fullName);
    let outcome;
    try {
      outcome = await scanRepository(client, repo, previous, { ...options, store });
    } catch (error) {
      if (error instanceof GitHubError) {
        stoppedEarly = error.message;
        stoppedBy = error.kind;
        say(`stopping at ${repo.fullName}: ${error.message}; run again to resume here`);
        break;
      }
      throw error;
    }
    if (outcome.status === 'skipped') {
      run.outcomes[repo.fullName] = { status: 'skipped', reason: outcome.reason, kind: outcome.kind };
      say(`[${i + 1}/${run.repos.length}] ${repo.fullName}: skipped, ${outcome.reason}`);
    } else {
      // The repository's result is saved before the position moves past it.
      await store.set(repoKey(repo.fullName), JSON.stringify(outcome.state));
      run.outcomes[repo.fullName] = { status: outcome.status };
      say(
        `[${i + 1}/${run.repos.length}] ${repo.fullName}: ${outcome.status}, ` +
          `${outcome.state.report.systems.length} AI system(s)`,
      );
    }
    run.done = i + 1;
    await store.set(runKey(scope), JSON.stringify(run));
  }
  if (!stoppedEarly) await store.delete(runKey(scope));

  const repositories: RepoResult[] = [];
  for (const repo of run.repos) {
    const outcome = run.outcomes[repo.fullName];
    if (!outcome) continue;
    const result: RepoResult = { fullName: repo.fullName, status: outcome.status };
    if (outcome.reason) result.reason = outcome.reason;
    if (outcome.kind) result.kind = outcome.kind;
    if (outcome.status !== 'skipped') {
      const state = await loadRepoState(store, repo.fullName);
      if (state) result.state = state;
    }
    repositories.push(result);
  }
  for (const ex of run.excluded)
    repositories.push({ fullName: ex.fullName, status: 'excluded', reason: ex.reason });
  return {
    repositories,
    ...(resumedAt !== undefined ? { resumedAt } : {}),
    ...(stoppedEarly !== undefined ? { stoppedEarly } : {}),
    ...(stoppedBy !== undefined ? { stoppedBy } : {}),
    stats: { ...client.stats },
  };
}
