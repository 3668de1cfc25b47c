// The documented `aims scan --format json` shape: stable keys, nothing more, so scripts can rely on it.
import type { ScanCoverage, ScanReport } from '../../../shared/discovery';

export interface ScanJson {
  target: string;
  scannedFiles: number;
  /** Files read, skipped by reason and unreadable; folders whose status is unknown. */
  coverage?: ScanCoverage;
  systems: {
    id: string;
    name: string;
    purpose: string;
    root: string;
    providers: string[];
    /** `version`, `deployment` and `supplier` appear only when known. */
    models: {
      id: string;
      provider: string | null;
      pinning: string;
      resolvedFrom: string;
      version?: string;
      deployment?: string;
      supplier?: string;
    }[];
    components: { kind: string; name: string; via?: string; acts?: boolean; path: string; line: number }[];
    evidence: { path: string; line: number; detector: string; confidence: string; snippet: string }[];
  }[];
  warnings: string[];
}

export function scanJson(report: ScanReport): ScanJson {
  return {
    target: report.target,
    scannedFiles: report.scannedFiles,
    ...(report.coverage ? { coverage: report.coverage } : {}),
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
        ...(m.version ? { version: m.version } : {}),
        ...(m.deployment ? { deployment: m.deployment } : {}),
        ...(m.supplier ? { supplier: m.supplier } : {}),
      })),
      components: (s.components ?? []).map((c) => ({
        kind: c.kind,
        name: c.name,
        ...(c.via ? { via: c.via } : {}),
        ...(c.acts !== undefined ? { acts: c.acts } : {}),
        path: c.evidence.path,
        line: c.evidence.line,
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
