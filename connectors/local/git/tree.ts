// The files of a commit, without checking it out.
import { git } from './git-command';

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Blob size in bytes; undefined for submodules. */
  size?: number;
  /** Repository-relative posix path. */
  path: string;
}

/** Parses `git ls-tree -r -z --long` output: '<mode> <type> <sha> <size>\t<path>\0'. */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', sha = '', size = ''] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' && type !== 'tree' && type !== 'commit') continue;
    const entry: TreeEntry = { mode, type, sha, path: record.slice(tab + 1) };
    if (size !== '-' && size !== '') entry.size = Number(size);
    entries.push(entry);
  }
  return entries;
}

export async function listTree(cwd: string, commit: string): Promise<TreeEntry[]> {
  return parseLsTree(await git(cwd, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit]));
}
