// Where --out may write: never over a workspace's own files (the log, the manifest, records,
// checkpoints, the lock or journal), and never over an existing file unless --force says so.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import {
  CHECKPOINTS_FILE,
  EVENTS_FILE,
  JOURNAL_FILE,
  LOCK_FILE,
  MANIFEST_FILE,
  RECORDS_DIR,
} from '../../connectors/local/workspace';
import { UserError } from './command';

const OWN_FILES = new Set([MANIFEST_FILE, EVENTS_FILE, CHECKPOINTS_FILE, JOURNAL_FILE, LOCK_FILE]);

/** The real path `path` names (following links), or its nearest existing ancestor's real path joined with the rest. */
function realPath(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, path));
}

const within = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The workspace folder (holding aims-workspace.json) that contains `path`, if any. */
function enclosingWorkspace(path: string): string | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(join(dir, MANIFEST_FILE))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Why writing at `path` would damage a workspace, or undefined. */
function damages(path: string): string | undefined {
  const workspace = enclosingWorkspace(path);
  if (!workspace) return undefined;
  if (path === workspace) return `is an AIMS workspace`;
  if (within(path, join(workspace, RECORDS_DIR)))
    return `is inside the records of the workspace ${workspace}`;
  if (dirname(path) === workspace && (OWN_FILES.has(basename(path)) || basename(path).startsWith('.aims-'))) {
    return `is a file of the workspace ${workspace}`;
  }
  return undefined;
}

/**
 * Checks an output file path (absolute). Throws UserError when it would overwrite a workspace's own
 * file (whatever --force says) or an existing file without `force`.
 */
export function checkOutFile(path: string, force: boolean): void {
  const real = realPath(path);
  const harm = damages(real);
  if (harm) throw new UserError(`--out ${path}: ${harm}; choose a path outside it`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UserError(`--out ${path}: is a folder; give a file name`);
    if (!force) throw new UserError(`--out ${path}: already exists; pass --force to overwrite it`);
  }
}

/** Checks an output folder (absolute): never a workspace or a folder inside its records. */
export function checkOutFolder(path: string): void {
  const harm = damages(realPath(path));
  if (harm) throw new UserError(`--out ${path}: ${harm}; choose a folder outside it`);
}

export const FORCE_OPTION = { force: { type: 'boolean' } } as const;
