// Fetch-and-detect for one candidate blob, with results kept by (path, blob SHA, bound): the blob SHA
// names the content, so a file unchanged since the last scan (or on both sides of a pull request) is
// fetched and analysed once.
import { analyseRepositoryFile, type FileToRead } from '../../shared/discovery/scan-files';
import { isEmptyAnalysis, type FileAnalysis } from '../../shared/discovery/types';
import { fetchBlob } from './blob';
import type { GitHubClient } from './client';

/** What one candidate gave: its analysis, warnings, and the content hash evidence items carry. */
export interface FileResult {
  analysis: FileAnalysis;
  warnings: string[];
  contentHash?: string;
}

/** Results by fileKey(); JSON-serialisable so a repository's state can keep them between runs. */
export type FileResults = Record<string, FileResult>;

export const fileKey = (path: string, sha: string, maxBytes: number) =>
  `${path}\u0000${sha}\u0000${maxBytes}`;

/**
 * Fetches and analyses one file the scan reads, as `aims scan` analyses the same blob on a clone
 * (shared/discovery's analyseRepositoryFile): text cut at `maxBytes`, model files identified by their
 * head and pinned by the sha256 of every byte. Blobs over `maxFetchBytes` are not fetched; a warning
 * names them.
 */
export interface ReadOptions {
  /** Bytes of a text file the detectors see (the local scan's bound). */
  maxBytes: number;
  /** Largest blob fetched at all; larger ones are named in the warnings instead. */
  maxFetchBytes: number;
}

export async function analyseBlob(
  client: GitHubClient,
  fullName: string,
  read: FileToRead,
  blob: { sha: string; size?: number },
  options: ReadOptions,
): Promise<FileResult> {
  const [owner = '', repo = ''] = fullName.split('/');
  const size = blob.size ?? 0;
  if (size > options.maxFetchBytes) {
    const warning = `${read.path}: ${size} bytes, over the ${options.maxFetchBytes}-byte bound for reading over the API; not read`;
    // A model file's name alone still says it is there; without its bytes it carries no hash.
    const done = analyseRepositoryFile(
      read,
      { path: read.repoPath, bytes: new Uint8Array(0), size },
      options.maxBytes,
    );
    return { analysis: done.analysis, warnings: [warning, ...done.warnings] };
  }
  const fetched = await fetchBlob(client, owner, repo, blob.sha);
  const done = analyseRepositoryFile(
    read,
    { path: read.repoPath, bytes: fetched.bytes, contentHash: fetched.contentHash },
    options.maxBytes,
  );
  return { analysis: done.analysis, warnings: done.warnings, contentHash: fetched.contentHash };
}

/** Drops what a report cannot use, so kept state stays small: most files find nothing. */
export function compactResult(result: FileResult): FileResult {
  if (isEmptyAnalysis(result.analysis) && result.warnings.length === 0)
    return { analysis: result.analysis, warnings: [] };
  return result;
}
