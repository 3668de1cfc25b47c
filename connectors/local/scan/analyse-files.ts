// One batch of files: read, detect, collect. The unit of work for the main thread and the workers.
// Detection is imported from its own module, not the discovery index: the index brings the report
// schemas (and their validation library), which a worker would load for nothing at every start.
import { detectFile } from '../../../shared/discovery/detect';
import type { Analysed } from './analyse';
import { readSourceFile } from './read-file';

export interface FileRef {
  /** Posix path relative to the scan target. */
  path: string;
  /** A regular file when listed (symlinks resolved). */
  abs: string;
}

export interface BatchResult {
  analysed: Analysed[];
  warnings: string[];
}

export function analyseBatch(files: readonly FileRef[], maxBytes: number): BatchResult {
  const result: BatchResult = { analysed: [], warnings: [] };
  for (const file of files) {
    const outcome = readSourceFile(file.abs, file.path, maxBytes, true);
    if ('skipped' in outcome) {
      result.warnings.push(outcome.skipped);
      continue;
    }
    result.warnings.push(...outcome.warnings);
    result.analysed.push({ path: outcome.file.path, analysis: detectFile(outcome.file) });
  }
  return result;
}
