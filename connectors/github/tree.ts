// A commit's full file list over the API: one recursive tree request, and when GitHub truncates it
// (over 100,000 entries or 7 MB), a walk of subtrees that skips dependency and build folders.
import { SKIPPED_DIRS } from '../../shared/discovery/skipped-dirs';
import { GitHubError, getJson, seg } from './api';
import type { GitHubClient } from './client';
import { isSafeRepoPath } from './paths';
import { GitTree, type TreeEntry } from './schemas';
import type { KeyValueStore } from './store';

export interface RepoTree {
  /** SHA of the root tree. */
  sha: string;
  entries: TreeEntry[];
  /** The root listing was answered by a 304 from the stored body. */
  notModified: boolean;
  /** Subtrees walked because the recursive listing was truncated (0 when it was not). */
  subtreesWalked: number;
  /** Entries left out because their path is not a plain relative path (see isSafeRepoPath), as given. */
  unsafe: string[];
}

/** Splits entries into the safe ones and the paths of the others. */
function keepSafe(entries: TreeEntry[]): { entries: TreeEntry[]; unsafe: string[] } {
  const unsafe: string[] = [];
  const kept = entries.filter((entry) => isSafeRepoPath(entry.path) || (unsafe.push(entry.path), false));
  return { entries: kept, unsafe };
}

const treeRoute = (owner: string, repo: string, ref: string, recursive: boolean) =>
  `/repos/${seg(owner)}/${seg(repo)}/git/trees/${seg(ref)}${recursive ? '?recursive=1' : ''}`;

/**
 * The recursive tree of `ref` (a branch name, commit SHA or tree SHA). Errors are GitHubErrors;
 * an empty repository answers 409, which surfaces as kind 'empty'.
 */
export async function readTree(
  client: GitHubClient,
  owner: string,
  repo: string,
  ref: string,
  store?: KeyValueStore,
): Promise<RepoTree> {
  const root = await getJson(client, treeRoute(owner, repo, ref, true), GitTree, store);
  if (!root.data.truncated) {
    return {
      sha: root.data.sha,
      ...keepSafe(root.data.tree),
      notModified: root.notModified,
      subtreesWalked: 0,
    };
  }
  const walked = { count: 0 };
  const entries = await walkTree(client, owner, repo, root.data.sha, '', walked, 0);
  return {
    sha: root.data.sha,
    ...keepSafe(entries),
    notModified: root.notModified,
    subtreesWalked: walked.count,
  };
}

const MAX_DEPTH = 64;

/** Lists one level, then each subfolder recursively; a truncated subfolder is walked level by level. */
async function walkTree(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
  prefix: string,
  walked: { count: number },
  depth: number,
): Promise<TreeEntry[]> {
  if (depth > MAX_DEPTH) throw new GitHubError('malformed', `tree ${sha}: nested too deep`);
  // Trees are addressed by content: the SHA names the answer, no need to store it.
  walked.count++;
  const level = await getJson(client, treeRoute(owner, repo, sha, false), GitTree);
  const out: TreeEntry[] = [];
  for (const entry of level.data.tree) {
    const path = prefix + entry.path;
    if (entry.type !== 'tree') {
      out.push({ ...entry, path });
      continue;
    }
    out.push({ ...entry, path });
    // A hostile folder name is reported by keepSafe; its contents are never listed.
    if (SKIPPED_DIRS.has(entry.path) || !isSafeRepoPath(path)) continue;
    walked.count++;
    const sub = await getJson(client, treeRoute(owner, repo, entry.sha, true), GitTree);
    if (sub.data.truncated) {
      walked.count--;
      out.push(...(await walkTree(client, owner, repo, entry.sha, `${path}/`, walked, depth + 1)));
    } else {
      for (const child of sub.data.tree) out.push({ ...child, path: `${path}/${child.path}` });
    }
  }
  return out;
}

/** Warnings naming the entries readTree left out (at most 20 by name; control characters escaped). */
export function unsafePathWarnings(tree: Pick<RepoTree, 'unsafe'>): string[] {
  const named = tree.unsafe
    .slice(0, 20)
    .map((path) => `tree entry ${JSON.stringify(path)} skipped: not a plain relative path`);
  const more = tree.unsafe.length - named.length;
  return more > 0 ? [...named, `${more} more tree entries skipped: not plain relative paths`] : named;
}
