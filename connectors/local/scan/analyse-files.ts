// One batch of files: read, detect, collect. The unit of work for the main thread and the workers.
import { analyse, type Analysed } from './analyse';
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
    result.analysed.push(analyse(outcome.file));
  }
  return result;
}
