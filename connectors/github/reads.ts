// Which blobs of a tree a scan reads: shared/discovery decides (the same .gitignore handling and
// detector candidates as `aims scan` on a clone); this fetches the .gitignore files it asks for and
// pairs each file to read with its blob SHA and size.
import {
  ignoreFilesToRead,
  planReads as planListing,
  type FileToRead,
  type ListedFile,
} from '../../shared/discovery/scan-files';
import { fetchBlob } from './blob';
import type { GitHubClient } from './client';
import type { RepoTree } from './tree';

export interface PlannedRead {
  read: FileToRead;
  sha: string;
  size?: number;
}

const SYMLINK_MODE = '120000';

/**
 * The reads a scan of `tree` makes. `.gitignore` texts are taken from `known` (blob SHA → text) when
 * there, else fetched; the returned `ignores` holds every one used, for the next scan.
 */
export async function planReads(
  client: GitHubClient,
  fullName: string,
  tree: RepoTree,
  maxBytes: number,
  known: Readonly<Record<string, string>> = {},
): Promise<{
  reads: PlannedRead[];
  ignores: Record<string, string>;
  /** Files passed over by reason, and the submodules not read: the report's denominator. */
  counts: Record<string, number>;
  warnings: string[];
}> {
  const [owner = '', repo = ''] = fullName.split('/');
  const blobs = tree.entries.filter((e) => e.type === 'blob');
  const byPath = new Map(blobs.map((e) => [e.path, e]));
  const listing: ListedFile[] = blobs.map((e) => ({ path: e.path, symlink: e.mode === SYMLINK_MODE }));
  // Submodules (gitlinks) are another repository's files: named in the report, never dropped silently.
  for (const e of tree.entries) if (e.type === 'commit') listing.push({ path: e.path, submodule: e.sha });
  const ignores: Record<string, string> = {};
  const ignoreTexts = new Map<string, string>();
  // Kept byte for byte as git hands it over, as the commit scanner does.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const path of ignoreFilesToRead(listing)) {
    const sha = byPath.get(path)?.sha ?? '';
    let text = known[sha];
    if (text === undefined) {
      const blob = await fetchBlob(client, owner, repo, sha);
      text = decoder.decode(blob.bytes.subarray(0, maxBytes));
    }
    ignores[sha] = text;
    ignoreTexts.set(path, text);
  }
  const plan = planListing(listing, ignoreTexts, { maxBytes });
  const reads = plan.reads.map((read): PlannedRead => {
    const entry = byPath.get(read.repoPath);
    return { read, sha: entry?.sha ?? '', ...(entry?.size !== undefined ? { size: entry.size } : {}) };
  });
  return { reads, ignores, counts: plan.counts, warnings: plan.warnings };
}
