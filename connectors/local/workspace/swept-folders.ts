// Which record folders were last found holding no temp file, and with what identity, so that opening a
// workspace (recovery looks for the temp files of a transaction that never committed) does not list a
// 50,000-file folder every time to find none. A folder's identity (device, inode, modification and change
// time) changes whenever a file is created, renamed or removed in it, a temp file included, and the change
// time cannot be set back by any user-level tool; so a folder with the identity recorded still holds no
// temp file. Derived, in `.cache/` like the snapshot caches; a forged or stale record can at worst leave a
// temp file unswept, and temp files are never read as records.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write';
import { CACHE_DIR, SETTLE_MS, cacheDir, rootIdOf } from './record-cache';

const sweptFile = (root: string) => join(root, CACHE_DIR, 'swept.json');

/**
 * Workspace-relative folder → the identity (as kind-listing's folderIdentity gives it) it had when last
 * found with no temp file. Empty when the record is absent, malformed or names another workspace folder.
 */
export function readSweptFolders(root: string): Map<string, string> {
  try {
    const stored = JSON.parse(readFileSync(sweptFile(root), 'utf8')) as { root?: unknown; folders?: unknown };
    if (stored.root !== rootIdOf(root) || typeof stored.folders !== 'object' || stored.folders === null) {
      return new Map();
    }
    return new Map(
      Object.entries(stored.folders).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return new Map();
  }
}

/**
 * Whether a folder identity had settled by `at` (ms): last changed at least SETTLE_MS before, so a temp
 * file created within the same timestamp tick cannot hide behind it.
 */
export function settledFolder(identity: string, at: number): boolean {
  const [, , mtimeMs, ctimeMs] = identity.split(':').map(Number);
  return Math.max(mtimeMs!, ctimeMs!) <= at - SETTLE_MS;
}

/** Records the folders found clean (failing to write only costs a listing next time). Call under the lock. */
export function writeSweptFolders(root: string, folders: ReadonlyMap<string, string>): void {
  try {
    cacheDir(root);
    writeFileAtomicSync(
      sweptFile(root),
      JSON.stringify({ root: rootIdOf(root), folders: Object.fromEntries(folders) }),
    );
  } catch {
    // An optimisation only.
  }
}
