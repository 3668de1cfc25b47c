// Small helpers for detector tests.
import { assembleReport, detectFile, type FileAnalysis, type ScanReport } from '../../../shared/discovery';

export function analyse(path: string, text: string): FileAnalysis {
  return detectFile({ path, text, size: text.length });
}

export function modelIds(analysis: FileAnalysis): string[] {
  return [...new Set(analysis.findings.map((f) => f.model?.id).filter((id): id is string => !!id))].sort();
}

export function providers(analysis: FileAnalysis): string[] {
  return [
    ...new Set(analysis.findings.map((f) => f.provider).filter((p): p is NonNullable<typeof p> => !!p)),
  ].sort();
}

export function report(files: Record<string, string>, target = 'repo'): ScanReport {
  const analyses = Object.entries(files).map(([path, text]) => ({ path, analysis: analyse(path, text) }));
  return assembleReport(target, analyses, analyses.length, []);
}
