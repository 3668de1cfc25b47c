// Links an auditor can open: a file at a commit, and a line in it.
import { isSafeRepoPath } from './paths';

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * https://github.com/o/r/blob/<sha>/path (GHES: its own host). A path that is not plain (a '..'
 * segment would climb out of the repository once a browser normalises the URL) is an Error.
 */
export function fileUrl(webUrl: string, fullName: string, commit: string, path: string): string {
  if (!isSafeRepoPath(path)) throw new Error(`not a plain repository path: ${JSON.stringify(path)}`);
  const [owner = '', repo = ''] = fullName.split('/');
  return `${webUrl}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/blob/${commit}/${encodePath(path)}`;
}

/** https://github.com/o/r/blob/<sha>/path#L12 */
export function permalink(
  webUrl: string,
  fullName: string,
  commit: string,
  path: string,
  line: number,
): string {
  return `${fileUrl(webUrl, fullName, commit, path)}#L${line}`;
}

/** https://github.com/o/r */
export function repoUrl(webUrl: string, fullName: string): string {
  const [owner = '', repo = ''] = fullName.split('/');
  return `${webUrl}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}
