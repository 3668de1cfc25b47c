// Links an auditor can open: a file at a commit, and a line in it.

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** https://github.com/o/r/blob/<sha>/path (GHES: its own host). */
export function fileUrl(webUrl: string, fullName: string, commit: string, path: string): string {
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
