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
import type { JobContext, JobHandler, JobProgress } from './job';

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
    const { connectors } = need(context);
    const client = await connectors.github();
    const listing = await listRepositories(client, input.scope, {
      skipArchived: input.skipArchived,
      skipForks: input.skipForks,
      store: dexieConnectorStore(context.db),
    });
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
      let outcome;
      try {
        outcome = await scanRepository(client, repo, previous, { store });
      } catch (error) {
        // A rate limit it could not wait out or a revoked token: stop with the reason.
        if (error instanceof GitHubError)
          throw new Error(`${repo.fullName}: ${error.message}`, { cause: error });
        throw error;
      }
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
