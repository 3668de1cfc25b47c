// Prepared files → findings → one report. The same step for the work tree and for git blobs.
import { buildScanReport } from '../../../shared/discovery/scan-files';
import { detectFile } from '../../../shared/discovery/detect';
import type { FileAnalysis, ScanReport, SourceFile } from '../../../shared/discovery';

export interface Analysed {
  path: string;
  analysis: FileAnalysis;
}

export function analyse(file: SourceFile): Analysed {
  return { path: file.path, analysis: detectFile(file) };
}

/**
 * Sorted warnings (assembleReport sorts the files itself): the same tree always gives the same report.
 * `scannedFiles`: files read, when `analysed` holds only those where something was found.
 */
export function buildReport(
  target: string,
  analysed: Analysed[],
  scannedFiles: number,
  warnings: string[],
): ScanReport {
  return buildScanReport(target, analysed, warnings, undefined, scannedFiles);
}
