// One repository's default branch, scanned over the API: the tree (conditional), the candidate
// blobs the detector registry asks for (only those), the same report `aims scan` gives on a clone,
// and the commit it is pinned to.
import type { ScanReport } from '../../shared/discovery/findings';
import { DEFAULT_MAX_BYTES } from '../../shared/discovery/limits';
import { buildScanReport } from '../../shared/discovery/scan-files';
import { mapPool } from '../local/scan/pool';
import { planReads } from './reads';
import { GitHubError, getJson, seg, type GitHubErrorKind } from './api';
import type { GitHubClient } from './client';
import { analyseBlob, compactResult, fileKey, type FileResults } from './file-analysis';
import { fileUrl } from './permalink';
import { Branch } from './schemas';
import type { KeyValueStore } from './store';
import { readTree, unsafePathWarnings } from './tree';

export interface RepoRef {
  /** 'owner/name' */
  fullName: string;
  defaultBranch: string;
}

/** What is kept per repository between runs. */
export interface RepoState {
  fullName: string;
  defaultBranch: string;
  /** Root tree SHA of the scanned default branch. */
  treeSha: string;
  /** Commit the evidence is pinned to; absent when nothing was found (nothing to pin). */
  commit?: string;
  report: ScanReport;
  /** Candidate results by fileKey (what a changed tree can reuse). */
  files: FileResults;
  /** .gitignore texts by blob SHA. */
  ignores: Record<string, string>;
}

export interface RepoScanOptions {
  maxBytes?: number;
  maxFetchBytes?: number;
  /** Blob requests in flight per repository (default 8). */
  concurrency?: number;
  /** ETag store; without it nothing is conditional. */
  store?: KeyValueStore;
}

export type RepoOutcome =
  | { status: 'scanned' | 'unchanged'; state: RepoState }
  | { status: 'skipped'; reason: string; kind: GitHubError['kind'] };

export const DEFAULT_MAX_FETCH_BYTES = 16 * 1024 * 1024;

/** Where each evidence file opens at the pinned commit, and its sha256 (for register evidence items). */
export function evidenceFiles(
  state: RepoState,
  webUrl: string,
): Record<string, { contentHash: string; url: string }> {
  const out: Record<string, { contentHash: string; url: string }> = {};
  if (!state.commit) return out;
  const hashes = new Map<string, string>();
  for (const [key, result] of Object.entries(state.files)) {
    if (result.contentHash) hashes.set(key.slice(0, key.indexOf('\u0000')), result.contentHash);
  }
  for (const system of state.report.systems) {
    for (const e of system.evidence) {
      const contentHash = hashes.get(e.path);
      if (contentHash)
        out[e.path] = { contentHash, url: fileUrl(webUrl, state.fullName, state.commit, e.path) };
    }
  }
  return out;
}

async function headOf(client: GitHubClient, repo: RepoRef): Promise<{ commit: string; treeSha: string }> {
  const [owner = '', name = ''] = repo.fullName.split('/');
  const branch = await getJson(
    client,
    `/repos/${seg(owner)}/${seg(name)}/branches/${seg(repo.defaultBranch)}`,
    Branch,
  );
  return { commit: branch.data.commit.sha, treeSha: branch.data.commit.commit.tree.sha };
}

/**
 * Scans `ref` (the default branch name, or a commit SHA when pinning had to catch up with a push).
 * Never throws for a repository's own problems: a 404, 451, empty repository, malformed answer or
 * exhausted retries become { status: 'skipped', reason }. A rate limit it could not wait out, and a
 * refused (401) or forbidden (403) token, are rethrown, so the caller stops and can resume later.
 */
export async function scanRepository(
  client: GitHubClient,
  repo: RepoRef,
  previous: RepoState | undefined,
  options: RepoScanOptions = {},
): Promise<RepoOutcome> {
  try {
    return await scanOnce(client, repo, previous, options, repo.defaultBranch, 0);
  } catch (error) {
    if (error instanceof GitHubError && !STOPS_THE_SCAN.has(error.kind))
      return { status: 'skipped', reason: reasonFor(error), kind: error.kind };
    throw error;
  }
}

/** Failures every other repository would meet too: the scan stops at them instead of skipping. */
const STOPS_THE_SCAN: ReadonlySet<GitHubErrorKind> = new Set(['rate-limited', 'unauthorized', 'forbidden']);

function reasonFor(error: GitHubError): string {
  if (error.kind === 'empty') return 'empty repository (no commits)';
  if (error.kind === 'legal') return 'unavailable for legal reasons (HTTP 451)';
  if (error.kind === 'not-found') return 'not found or no access (HTTP 404)';
  return error.message;
}

async function scanOnce(
  client: GitHubClient,
  repo: RepoRef,
  previous: RepoState | undefined,
  options: RepoScanOptions,
  ref: string,
  attempt: number,
): Promise<RepoOutcome> {
  const [owner = '', name = ''] = repo.fullName.split('/');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = { maxBytes, maxFetchBytes: options.maxFetchBytes ?? DEFAULT_MAX_FETCH_BYTES };
  const sameBranch = previous?.defaultBranch === repo.defaultBranch;
  // Only the branch's own listing is conditional: a SHA's listing never changes.
  const tree = await readTree(client, owner, name, ref, attempt === 0 ? options.store : undefined);
  if (previous && sameBranch && previous.treeSha === tree.sha)
    return { status: 'unchanged', state: previous };

  const plan = await planReads(client, repo.fullName, tree, maxBytes, previous?.ignores);
  const { reads, ignores } = plan;
  const results: FileResults = {};
  const analysed = await mapPool(reads, options.concurrency ?? 8, async ({ read: file, sha, size }) => {
    const key = fileKey(file.path, sha, maxBytes);
    const blob = size !== undefined ? { sha, size } : { sha };
    const result =
      previous?.files[key] ?? compactResult(await analyseBlob(client, repo.fullName, file, blob, read));
    results[key] = result;
    return { path: file.path, result };
  });
  const report = buildScanReport(
    repo.fullName,
    analysed.map(({ path, result }) => ({ path, analysis: result.analysis })),
    [...unsafePathWarnings(tree), ...plan.warnings, ...analysed.flatMap(({ result }) => result.warnings)],
    plan.counts,
  );
  // Keep only results a later scan can use to skip a fetch: every candidate's, so unchanged blobs
  // are never fetched again; empty analyses are tiny.
  const state: RepoState = {
    fullName: repo.fullName,
    defaultBranch: repo.defaultBranch,
    treeSha: tree.sha,
    report,
    files: results,
    ignores,
  };
  if (report.systems.length === 0) return { status: 'scanned', state };
  if (ref !== repo.defaultBranch) return { status: 'scanned', state: { ...state, commit: ref } };
  // Evidence needs a commit to point at. The branch may have moved since the tree was read: then
  // scan the commit it points at now, so evidence and permalink agree.
  const head = await headOf(client, repo);
  if (head.treeSha === tree.sha) return { status: 'scanned', state: { ...state, commit: head.commit } };
  if (attempt > 0) throw new GitHubError('failed', `${repo.fullName}: the default branch keeps moving`);
  return scanOnce(client, repo, state, options, head.commit, attempt + 1);
}
