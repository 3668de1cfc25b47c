// Finding a system's assessment records: the latest approved one, and drafts being worked on.
import type { ImpactAssessment, RiskAssessment } from '../model';
import { bySystemId } from './lookup';
import type { RegisterSnapshot } from './snapshot';

/** The two kinds of assessment a system is reassessed by: risk (6.1.2, 8.2) and impact (6.1.4, 8.4). */
export type AssessmentKind = 'risk' | 'impact';

export type AssessmentOf<K extends AssessmentKind> = K extends 'risk' ? RiskAssessment : ImpactAssessment;

export const RECORD_KIND_OF = { risk: 'risk-assessment', impact: 'impact-assessment' } as const;

export function assessmentsOf<K extends AssessmentKind>(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: K,
): ReadonlyArray<AssessmentOf<K>> {
  const all: ReadonlyArray<RiskAssessment | ImpactAssessment> = snapshot[RECORD_KIND_OF[kind]];
  return bySystemId.all(all, systemId) as unknown as ReadonlyArray<AssessmentOf<K>>;
}

/** Later assessment first: by assessment day, then approval instant, then id. */
function later(a: RiskAssessment | ImpactAssessment, b: RiskAssessment | ImpactAssessment): boolean {
  if (a.assessedOn !== b.assessedOn) return a.assessedOn > b.assessedOn;
  const at = a.approval.approvedAt ?? '';
  const bt = b.approval.approvedAt ?? '';
  return at !== bt ? at > bt : a.id > b.id;
}

/** The latest approved assessment of this kind, optionally as of a day (later ones ignored). */
export function latestAssessment<K extends AssessmentKind>(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: K,
  asOf?: string,
): AssessmentOf<K> | undefined {
  return assessmentsOf(snapshot, systemId, kind)
    .filter((a) => a.approval.state === 'approved' && (asOf === undefined || a.assessedOn <= asOf))
    .reduce<AssessmentOf<K> | undefined>((best, a) => (!best || later(a, best) ? a : best), undefined);
}

/** Drafts or assessments in review that are newer than the latest approved one. */
export function openDrafts<K extends AssessmentKind>(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: K,
  asOf?: string,
): ReadonlyArray<AssessmentOf<K>> {
  const latest = latestAssessment(snapshot, systemId, kind, asOf);
  return assessmentsOf(snapshot, systemId, kind).filter(
    (a) =>
      (a.approval.state === 'draft' || a.approval.state === 'in-review') &&
      (asOf === undefined || a.assessedOn <= asOf) &&
      (!latest || a.assessedOn >= latest.assessedOn),
  );
}
