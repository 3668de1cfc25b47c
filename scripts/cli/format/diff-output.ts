// `aims diff` output: a table for people, or a stable JSON document for pipelines.
import { evidenceRef, type DiscoveryTrigger } from '../../../shared/discovery/scan-diff';

export interface DiffSide {
  ref: string;
  commit: string;
}

export interface DiffJson {
  base: DiffSide;
  head: DiffSide;
  triggers: {
    type: string;
    systemId: string;
    systemName: string;
    root: string;
    before: string | null;
    after: string | null;
    detail: string;
    clauses: string[];
    /** 'material' or 'benign'; agent component changes carry it with a reason, other changes are material. */
    materiality: 'material' | 'benign';
    reason: string | null;
    evidence: { path: string; line: number; detector: string; confidence: string; snippet: string }[];
  }[];
  warnings: string[];
}

export function diffJson(
  base: DiffSide,
  head: DiffSide,
  triggers: readonly DiscoveryTrigger[],
  warnings: string[],
): DiffJson {
  return {
    base,
    head,
    triggers: triggers.map((t) => ({
      type: t.type,
      systemId: t.systemId,
      systemName: t.systemName,
      root: t.root,
      before: t.before ?? null,
      after: t.after ?? null,
      detail: t.detail,
      clauses: [...t.clauses],
      materiality: t.materiality ?? 'material',
      reason: t.reason ?? null,
      evidence: t.evidence.map((e) => ({ ...e })),
    })),
    warnings: [...warnings],
  };
}

export function diffTable(
  base: DiffSide,
  head: DiffSide,
  triggers: readonly DiscoveryTrigger[],
  warnings: string[],
): string[] {
  const range = `${base.ref} (${base.commit.slice(0, 12)}) → ${head.ref} (${head.commit.slice(0, 12)})`;
  if (triggers.length === 0) {
    return [`No reassessment triggers between ${range}`, ...warningLines(warnings)];
  }
  const lines = [
    `${triggers.length} reassessment trigger${triggers.length === 1 ? '' : 's'} between ${range}`,
  ];
  for (const t of triggers) {
    lines.push('', `${t.type}  ${t.systemName} [${t.systemId}] at ${t.root}`);
    lines.push(`  before:   ${t.before ?? '—'}`, `  after:    ${t.after ?? '—'}`, `  detail:   ${t.detail}`);
    lines.push(`  clauses:  ${t.clauses.join(', ')}`);
    if (t.materiality) lines.push(`  ${t.materiality}: ${t.reason ?? ''}`.trimEnd());
    if (t.evidence.length > 0) lines.push(`  evidence: ${t.evidence.map(evidenceRef).join(', ')}`);
  }
  return [...lines, ...warningLines(warnings)];
}

function warningLines(warnings: string[]): string[] {
  if (warnings.length === 0) return [];
  return ['', `Warnings (${warnings.length}):`, ...warnings.slice(0, 20).map((w) => `  ${w}`)];
}
