// The SharePoint sync state of a workspace, kept in a side file next to the register:
// <workspace>/sync/sharepoint.json. It holds item ids, eTags, merge bases, the delta link and open
// conflicts — never a token. Written atomically, so a crash leaves the previous state.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncState, type SyncStateStore } from '../sharepoint/sync-state';
import { describeIssues } from '../../shared/register/errors';
import {
  MANIFEST_FILE,
  WorkspaceError,
  WorkspaceLockedError,
  acquireLock,
  prettyJson,
  sweepLockLeftovers,
  writeFileAtomic,
  type LockOptions,
} from './workspace';

export const SHAREPOINT_SYNC_FILE = join('sync', 'sharepoint.json');

/** The store for `root` (a workspace folder). A malformed file is a WorkspaceError naming the field. */
export function sharePointSyncFile(root: string): SyncStateStore & { path: string } {
  const path = join(root, SHAREPOINT_SYNC_FILE);
  return {
    path,
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new WorkspaceError(`${SHAREPOINT_SYNC_FILE}: not valid JSON (${(error as Error).message})`);
      }
      const parsed = SyncState.safeParse(value);
      if (!parsed.success) {
        const { field, message } = describeIssues(parsed.error);
        throw new WorkspaceError(`${SHAREPOINT_SYNC_FILE}: field '${field}': ${message}`);
      }
      return parsed.data;
    },
    async save(state) {
      await writeFileAtomic(path, prettyJson(SyncState.parse(state)));
    },
  };
}

/** The sync lock lives in the sync folder: `<workspace>/sync/.aims-lock`, apart from the register's. */
export const SYNC_LOCK_DIR = 'sync';

/**
 * Runs `fn` holding the workspace's sync lock, the register's lock file format and rules (see
 * workspace/lock.ts) in the sync folder, so that two syncs of one workspace never interleave while
 * each register write still takes the register's own lock. A second sync waits for the first, up to
 * the lock timeout (15 s, or AIMS_LOCK_TIMEOUT_MS), then fails with WorkspaceLockedError naming the
 * holder and saying nothing was changed. A lock left by a killed sync is taken over.
 */
export async function withSyncLock<T>(root: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  // Never make a sync folder where there is no workspace (a mistyped --workspace).
  if (!existsSync(join(root, MANIFEST_FILE))) {
    throw new WorkspaceError(
      `${root}: not an AIMS workspace (no ${MANIFEST_FILE}); create one with 'aims init'`,
    );
  }
  const dir = join(root, SYNC_LOCK_DIR);
  await mkdir(dir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await acquireLock(dir, options);
  } catch (error) {
    if (!(error instanceof WorkspaceLockedError)) throw error;
    const why = error.message.startsWith(`${dir}: `) ? error.message.slice(dir.length + 2) : error.message;
    throw new WorkspaceLockedError(`${root}: another sync of this workspace is running; ${why}`);
  }
  try {
    await sweepLockLeftovers(dir);
    return await fn();
  } finally {
    await release();
  }
}
