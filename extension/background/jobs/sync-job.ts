// Syncing a connector into the register in the background. GitHub: list the scope's repositories,
// then one step per repository — scan it over the API (outside any transaction: it is network),
// then merge its systems and evidence through the core's syncDiscovery and move the checkpoint past
// it in one IndexedDB transaction. A worker stopped mid-step redoes only that repository, and the
// merge is idempotent, so nothing is recorded twice.
import { z } from 'zod';
import {
  GitHubError,
  applyRepoScan,
  listRepositories,
  loadRepoState,
  parseFullName,
  repoKey,
  scanRepository,
  type KeyValueStore,
  type RepoRef,
} from '../../../connectors/github';
import type { AimsDatabase } from '../../db/schema';
import { JobWait, type JobContext, type JobHandler, type JobProgress } from './job';

/**
 * Longest rate-limit wait, in seconds, the GitHub client sits out inside a step; a longer one ends
 * the step and the job waits for an alarm instead (a worker must not idle for minutes in a fetch).
 */
export const IN_STEP_RATE_LIMIT_WAIT_SECONDS = 20;
/** Wait when GitHub gave no usable time, and the bounds of any wait (a hostile header cannot park a job). */
const DEFAULT_WAIT_MS = 60_000;
const MIN_WAIT_MS = 30_000;
const MAX_WAIT_MS = 6 * 60 * 60_000;

/**
 * When a rate-limited sync may go on: `retry-after` seconds after now, else the quota's reset
 * (`x-ratelimit-reset`, epoch seconds) plus a second, else a minute; never sooner than 30 s (the
 * shortest alarm Chrome keeps) nor later than 6 hours. Returns an ISO instant.
 */
export function resumeTime(error: GitHubError, now: string): string {
  const at = Date.parse(now);
  const hint = error.rateLimit ?? {};
  const wanted =
    hint.retryAfterSeconds !== undefined
      ? at + hint.retryAfterSeconds * 1000
      : hint.resetEpochSeconds !== undefined
        ? hint.resetEpochSeconds * 1000 + 1000
        : at + DEFAULT_WAIT_MS;
  return new Date(Math.min(Math.max(wanted, at + MIN_WAIT_MS), at + MAX_WAIT_MS)).toISOString();
}

/** Runs GitHub work; a rate limit becomes a wait (the job resumes later), other GitHub errors name `where`. */
async function github<T>(where: string | undefined, now: () => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    if (error.kind === 'rate-limited')
      throw new JobWait(resumeTime(error, now()), 'GitHub rate limit', { cause: error });
    // A revoked token or another refusal: stop with the reason.
    if (where) throw new Error(`${where}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** 'owner/name' or an owner alone, as GitHub spells names. */
const Owner = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'expected a GitHub owner name');
const FullName = z.string().refine((text) => {
  try {
    parseFullName(text);
    return true;
  } catch {
    return false;
  }
}, 'expected owner/name');

export const GithubSyncScope = z.union([
  z.strictObject({ org: Owner }),
  z.strictObject({ user: Owner }),
  z.strictObject({ repos: z.array(FullName).min(1).max(1000) }),
]);
export type GithubSyncScope = z.infer<typeof GithubSyncScope>;

export const SyncInput = z.strictObject({
  connector: z.literal('github'),
  scope: GithubSyncScope,
  skipArchived: z.boolean().default(true),
  skipForks: z.boolean().default(false),
});
export type SyncInput = z.infer<typeof SyncInput>;

const RepoRefSchema = z.strictObject({ fullName: z.string(), defaultBranch: z.string() });

const SyncCheckpoint = z.strictObject({
  repos: z.array(RepoRefSchema),
  /** Index of the next repository to scan. */
  next: z.number().int().nonnegative(),
  scanned: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Repositories left out or skipped, with why. */
  skipped: z.array(z.strictObject({ fullName: z.string(), reason: z.string() })),
  /** Register writes the merges made (systems added or updated, evidence, closures). */
  changes: z.number().int().nonnegative(),
});
type SyncCheckpoint = z.infer<typeof SyncCheckpoint>;

const PREFIX = 'github:';

/** The GitHub connector's state (ETags, per-repository results) in IndexedDB. */
export function dexieConnectorStore(db: AimsDatabase, prefix = PREFIX): KeyValueStore {
  return {
    get: async (key) => (await db.connectorState.get(prefix + key))?.value,
    set: async (key, value) => void (await db.connectorState.put({ key: prefix + key, value })),
    delete: async (key) => void (await db.connectorState.delete(prefix + key)),
  };
}

const scopeName = (scope: GithubSyncScope) =>
  'org' in scope ? scope.org : 'user' in scope ? scope.user : scope.repos.join(', ');

function progressOf(at: SyncCheckpoint): JobProgress {
  const current = at.repos[at.next];
  return {
    done: at.next,
    total: at.repos.length,
    phase: current ? `scanning ${current.fullName}` : 'finished',
  };
}

function need(context: JobContext) {
  const { register, connectors } = context;
  if (!register || !connectors) throw new Error('sync needs the register and the connections');
  return { register, connectors, now: context.now ?? (() => new Date().toISOString()) };
}

export const syncJob: JobHandler<SyncInput, SyncCheckpoint> = {
  kind: 'sync',
  input: SyncInput,
  checkpoint: SyncCheckpoint,
  title: (input) => `Sync GitHub ${scopeName(input.scope)}`,

  async begin(input, context) {
    const { connectors, now } = need(context);
    const client = await connectors.github();
    const listing = await github(undefined, now, () =>
      listRepositories(client, input.scope, {
        skipArchived: input.skipArchived,
        skipForks: input.skipForks,
        store: dexieConnectorStore(context.db),
      }),
    );
    const checkpoint: SyncCheckpoint = {
      repos: listing.repos,
      next: 0,
      scanned: 0,
      unchanged: 0,
      skipped: listing.excluded,
      changes: 0,
    };
    return { checkpoint, progress: progressOf(checkpoint) };
  },

  async step(input, at, context, commit) {
    const { register, connectors, now } = need(context);
    const repo: RepoRef | undefined = at.repos[at.next];
    const store = dexieConnectorStore(context.db);
    let write: () => Promise<void> = async () => undefined;
    const next: SyncCheckpoint = { ...at, next: at.next + 1 };
    if (repo) {
      const client = await connectors.github();
      const previous = await loadRepoState(store, repo.fullName);
      const outcome = await github(repo.fullName, now, () =>
        scanRepository(client, repo, previous, { store }),
      );
      if (outcome.status === 'skipped') {
        next.skipped = [...at.skipped, { fullName: repo.fullName, reason: outcome.reason }];
      } else {
        const { state } = outcome;
        if (outcome.status === 'scanned') next.scanned += 1;
        else next.unchanged += 1;
        write = async () => {
          await store.set(repoKey(repo.fullName), JSON.stringify(state));
          const plan = await applyRepoScan(register, state, client.webUrl, {
            now: new Date(now()),
            cause: `github sync: ${repo.fullName}`,
          });
          // Counted as the merge runs: the checkpoint is stored after this write, in the same transaction.
          next.changes += plan.changes.length;
        };
      }
    }
    const finished = next.next >= at.repos.length;
    const result = {
      checkpoint: next,
      progress: progressOf(next),
      finished,
      ...(finished
        ? {
            result:
              `${next.scanned} repositories scanned, ${next.unchanged} unchanged, ` +
              `${next.skipped.length} skipped`,
          }
        : {}),
    };
    await commit(write, result);
    return result;
  },
};
