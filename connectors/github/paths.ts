// Which paths from GitHub may become reads, links and evidence: plain relative ones only.

/**
 * True for a plain repository-relative path: segments separated by single '/', none empty, '.' or
 * '..', no backslash (a separator on Windows) and no control character. Git itself refuses other
 * names, so a tree that carries one is hostile or broken; it must never reach a read, a permalink or
 * an evidence item.
 */
export function isSafeRepoPath(path: string): boolean {
  if (path.length === 0 || path.length > 4096) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
