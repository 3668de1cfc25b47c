// Which repositories a scan covers: an organisation's, a user's, or named ones; paginated 100 a page,
// each page conditional, archived repositories and forks left out on request.
import { GitHubError, getAllPages, getJson, seg } from './api';
import type { GitHubClient } from './client';
import { RepoList, RepoListItem } from './schemas';
import type { KeyValueStore } from './store';
import type { RepoRef } from './repo-scan';

export type ScanScope = { org: string } | { user: string } | { repos: string[] };

export interface ListOptions {
  skipArchived?: boolean;
  skipForks?: boolean;
  store?: KeyValueStore;
}

export interface Listing {
  repos: RepoRef[];
  /** Repositories left out, with why. */
  excluded: { fullName: string; reason: string }[];
  pages: number;
}

export const scopeKey = (scope: ScanScope): string =>
  'org' in scope
    ? `org:${scope.org}`
    : 'user' in scope
      ? `user:${scope.user}`
      : `repos:${[...scope.repos].sort().join(',')}`;

const NAME = /^[A-Za-z0-9_.-]+$/;

/** 'owner/name' checked the way GitHub names things; an Error naming the input otherwise. */
export function parseFullName(text: string): { owner: string; repo: string } {
  const [owner = '', repo = '', ...rest] = text.split('/');
  if (rest.length > 0 || !NAME.test(owner) || !NAME.test(repo))
    throw new Error(`'${text}' is not owner/name`);
  return { owner, repo };
}

/** True when a listed repository's name is GitHub-shaped (owner/name of letters, digits, `_.-`, no dot segment). */
function githubShaped(fullName: string): boolean {
  try {
    const { owner, repo } = parseFullName(fullName);
    return ![owner, repo].some((part) => part === '.' || part === '..');
  } catch {
    return false;
  }
}

/** A branch name git accepts (no `..`, control characters, spaces or `~^:?*[\\`, no leading `/` or `-`). */
const gitRefShaped = (name: string): boolean =>
  name.length <= 255 &&
  !name.includes('..') &&
  ![...name].some((ch) => (ch.codePointAt(0) ?? 0) <= 0x20 || ch === '\u007f' || '~^:?*[\\'.includes(ch)) &&
  !/^[/-]|\/$|\.lock$|^\.|\/\./.test(name);

function sortOut(items: RepoListItem[], options: ListOptions): Pick<Listing, 'repos' | 'excluded'> {
  const repos: RepoRef[] = [];
  const excluded: Listing['excluded'] = [];
  for (const item of items) {
    // A name GitHub would never give (a `..` segment, a slash, control characters) would reach request
    // paths and system ids: it is left out and named (the CLI strips control characters when printing).
    if (!githubShaped(item.full_name))
      excluded.push({
        fullName: item.full_name.slice(0, 300),
        reason: 'not a GitHub repository name (owner/name of letters, digits, _ . -)',
      });
    else if (options.skipArchived && item.archived)
      excluded.push({ fullName: item.full_name, reason: 'archived' });
    else if (options.skipForks && item.fork) excluded.push({ fullName: item.full_name, reason: 'fork' });
    else if (item.disabled) excluded.push({ fullName: item.full_name, reason: 'disabled' });
    else if (!item.default_branch) excluded.push({ fullName: item.full_name, reason: 'no default branch' });
    else if (!gitRefShaped(item.default_branch))
      excluded.push({ fullName: item.full_name, reason: 'its default branch is not a git branch name' });
    else repos.push({ fullName: item.full_name, defaultBranch: item.default_branch });
  }
  return { repos, excluded };
}

/** Lists the scope's repositories. Errors are GitHubErrors (a missing organisation is 'not-found'). */
export async function listRepositories(
  client: GitHubClient,
  scope: ScanScope,
  options: ListOptions = {},
): Promise<Listing> {
  if ('repos' in scope) {
    const items: RepoListItem[] = [];
    const missing: Listing['excluded'] = [];
    for (const full of scope.repos) {
      const { owner, repo } = parseFullName(full);
      try {
        items.push(
          (await getJson(client, `/repos/${seg(owner)}/${seg(repo)}`, RepoListItem, options.store)).data,
        );
      } catch (error) {
        // A named repository that is gone or blocked is reported, not fatal to the others.
        if (error instanceof GitHubError && error.kind === 'not-found')
          missing.push({ fullName: full, reason: 'not found or no access (HTTP 404)' });
        else if (error instanceof GitHubError && error.kind === 'legal')
          missing.push({ fullName: full, reason: 'unavailable for legal reasons (HTTP 451)' });
        else throw error;
      }
    }
    const sorted = sortOut(items, options);
    return { repos: sorted.repos, excluded: [...sorted.excluded, ...missing], pages: scope.repos.length };
  }
  const first =
    'org' in scope
      ? `/orgs/${seg(scope.org)}/repos?type=all&per_page=100`
      : `/users/${seg(scope.user)}/repos?type=owner&per_page=100`;
  const listed = await getAllPages(client, first, RepoList, options.store ? { store: options.store } : {});
  return { ...sortOut(listed.items, options), pages: listed.pages };
}
