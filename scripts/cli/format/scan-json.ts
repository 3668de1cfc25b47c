// The documented `aims scan --format json` shape: stable keys, nothing more, so scripts can rely on it.
import type { ScanReport } from '../../../shared/discovery';

export interface ScanJson {
  target: string;
  scannedFiles: number;
  systems: {
    id: string;
    name: string;
    purpose: string;
    root: string;
    providers: string[];
    models: { id: string; provider: string | null; pinning: string; resolvedFrom: string }[];
    evidence: { path: string; line: number; detector: string; confidence: string; snippet: string }[];
  }[];
  warnings: string[];
}

export function scanJson(report: ScanReport): ScanJson {
  return {
    target: report.target,
    scannedFiles: report.scannedFiles,
    systems: report.systems.map((s) => ({
      id: s.id,
      name: s.name,
      purpose: s.purpose,
      root: s.root,
      providers: [...s.providers],
      models: s.models.map((m) => ({
        id: m.id,
        provider: m.provider ?? null,
        pinning: m.pinning,
        resolvedFrom: m.resolvedFrom,
      })),
      evidence: s.evidence.map((e) => ({
        path: e.path,
        line: e.line,
        detector: e.detector,
        confidence: e.confidence,
        snippet: e.snippet,
      })),
    })),
    warnings: [...report.warnings],
  };
}
