// Prepared files → findings → one report. The same step for the work tree and for git blobs.
import { buildScanReport } from '../../../shared/discovery/scan-files';
import { detectFile, type FileAnalysis, type ScanReport, type SourceFile } from '../../../shared/discovery';

export interface Analysed {
  path: string;
  analysis: FileAnalysis;
}

export function analyse(file: SourceFile): Analysed {
  return { path: file.path, analysis: detectFile(file) };
}

/** Sorted warnings (assembleReport sorts the files itself): the same tree always gives the same report. */
export function buildReport(target: string, analysed: Analysed[], warnings: string[]): ScanReport {
  return buildScanReport(target, analysed, warnings);
}
