// The SharePoint sync state of a workspace, kept in a side file next to the register:
// <workspace>/sync/sharepoint.json. It holds item ids, eTags, merge bases, the delta link and open
// conflicts — never a token. Written atomically, so a crash leaves the previous state.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncState, type SyncStateStore } from '../sharepoint/sync-state';
import { describeIssues } from '../../shared/register/errors';
import { WorkspaceError, prettyJson, writeFileAtomic } from './workspace';

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
