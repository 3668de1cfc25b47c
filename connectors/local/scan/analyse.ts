// Prepared files → findings → one report. The same step for the work tree and for git blobs.
import {
  assembleReport,
  detectFile,
  type FileAnalysis,
  type ScanReport,
  type SourceFile,
} from '../../../shared/discovery';

export interface Analysed {
  path: string;
  analysis: FileAnalysis;
}

export function analyse(file: SourceFile): Analysed {
  return { path: file.path, analysis: detectFile(file) };
}

/** Sorted input, sorted warnings: the same tree always gives the same report. */
export function buildReport(target: string, analysed: Analysed[], warnings: string[]): ScanReport {
  const sorted = [...analysed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return assembleReport(target, sorted, sorted.length, [...warnings].sort());
}
