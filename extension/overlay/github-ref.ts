// How a pull request is named in a trigger's source ref, so the same `owner/name` on github.com and
// on a GitHub Enterprise Server stay two repositories. Shared by the PR overlay (which records the
// ref) and the background (which matches it to a page).

/** github.com's web origin. */
export const GITHUB_DOT_COM = 'https://github.com';

/**
 * The source ref of pull request `repo#pull` on the GitHub server whose page origin is `origin`:
 * `owner/name#N` on github.com (as before servers were told apart), `host/owner/name#N` elsewhere.
 */
export function githubPullRef(origin: string, repo: string, pull: number): string {
  const url = new URL(origin);
  return url.origin === GITHUB_DOT_COM ? `${repo}#${pull}` : `${url.host}/${repo}#${pull}`;
}
