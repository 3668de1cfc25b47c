// Fetch-and-detect for one candidate blob, with results kept by (path, blob SHA, bound): the blob SHA
// names the content, so a file unchanged since the last scan (or on both sides of a pull request) is
// fetched and analysed once.
import { wantsHeadOnly } from '../../shared/discovery/detect';
import { isEmptyAnalysis, type FileAnalysis } from '../../shared/discovery/types';
import { analyse } from '../local/scan/analyse';
import { HEAD_BYTES } from '../local/scan/limits';
import { prepareModelFile, prepareSource } from '../local/scan/source-file';
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

export interface ReadOptions {
  /** Bytes of a text file the detectors see (the local scan's bound). */
  maxBytes: number;
  /** Largest blob fetched at all; larger ones are named in the warnings instead. */
  maxFetchBytes: number;
}

/**
 * Analyses one candidate as the local scan would analyse the same blob: text cut at `maxBytes`,
 * model files identified by their head and hashed whole.
 */
export async function analyseBlob(
  client: GitHubClient,
  fullName: string,
  candidate: { path: string; sha: string; size?: number },
  options: ReadOptions,
): Promise<FileResult> {
  const [owner = '', repo = ''] = fullName.split('/');
  const { path, sha } = candidate;
  const size = candidate.size ?? 0;
  if (size > options.maxFetchBytes) {
    const warning = `${path}: ${size} bytes, over the ${options.maxFetchBytes}-byte bound for reading over the API; not read`;
    if (wantsHeadOnly(path)) {
      // The name alone still says a model file is there; without its bytes it has no hash.
      const file = prepareModelFile(path, new Uint8Array(0), size, '').file;
      return { analysis: analyse(file).analysis, warnings: [warning] };
    }
    return { analysis: { findings: [], envDefinitions: {} }, warnings: [warning] };
  }
  const blob = await fetchBlob(client, owner, repo, sha);
  if (wantsHeadOnly(path)) {
    const file = prepareModelFile(
      path,
      blob.bytes.subarray(0, HEAD_BYTES),
      blob.bytes.length,
      blob.contentHash,
    ).file;
    return { analysis: analyse(file).analysis, warnings: [], contentHash: blob.contentHash };
  }
  const kept = blob.bytes.subarray(0, options.maxBytes);
  const prepared = prepareSource({ path, bytes: kept, size: blob.bytes.length }, options.maxBytes);
  return {
    analysis: analyse(prepared.file).analysis,
    warnings: prepared.warnings,
    contentHash: blob.contentHash,
  };
}

/** Drops what a report cannot use, so kept state stays small: most files find nothing. */
export function compactResult(result: FileResult): FileResult {
  if (isEmptyAnalysis(result.analysis) && result.warnings.length === 0)
    return { analysis: result.analysis, warnings: [] };
  return result;
}
