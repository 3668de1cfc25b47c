// One batch of files: read, detect, collect. The unit of work for the main thread and the workers.
// Detection is imported from its own modules, not the discovery index: the index brings the report
// schemas (and their validation library), which a worker would load for nothing at every start.
import { isEmptyAnalysis } from '../../../shared/discovery/types';
import type { Analysed } from './analyse';
import { analyseSourceFile } from './read-file';

export interface FileRef {
  /** Posix path relative to the scan target. */
  path: string;
  /** A regular file when listed (symlinks resolved). */
  abs: string;
}

/**
 * A batch as one string for the trip to a worker: cloning one string costs a copy, cloning 128 small
 * objects costs far more. NUL cannot occur in a path.
 */
export function encodeBatch(files: readonly FileRef[]): string {
  return files.map((f) => `${f.path}\0${f.abs}`).join('\0');
}

export function decodeBatch(encoded: string): FileRef[] {
  const parts = encoded.split('\0');
  const files: FileRef[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) files.push({ path: parts[i] ?? '', abs: parts[i + 1] ?? '' });
  return files;
}

export interface BatchResult {
  /** Files where something was found: an empty analysis changes no report, so it is only counted. */
  analysed: Analysed[];
  /** Files read and analysed, found something or not: the report's scannedFiles. */
  scanned: number;
  warnings: string[];
}

export function analyseBatch(files: readonly FileRef[], maxBytes: number): BatchResult {
  const result: BatchResult = { analysed: [], scanned: 0, warnings: [] };
  for (const file of files) {
    const outcome = analyseSourceFile(file.abs, file.path, maxBytes, true);
    if ('skipped' in outcome) {
      result.warnings.push(outcome.skipped);
      continue;
    }
    for (const warning of outcome.warnings) result.warnings.push(warning);
    result.scanned++;
    if (!isEmptyAnalysis(outcome.analysis))
      result.analysed.push({ path: file.path, analysis: outcome.analysis });
  }
  return result;
}
