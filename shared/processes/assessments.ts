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

type Assessment = RiskAssessment | ImpactAssessment;

/**
 * Each system's latest approved assessment in `list` as of `asOf` (undefined: any day), found in one pass and
 * remembered per list and day. A status, a risk level, the treatment rules and the drafts check each ask for
 * a system's latest assessment, several times per system; each asking filtered and reduced the system's
 * assessments again. Remembered as lookup.ts remembers an index: per list object, rebuilt when its length
 * changed. Unlike those indexes this one keeps a filter on state (approval, day), so it relies on snapshots
 * being read-only, as their types say: a write makes new lists (withWrite), never edits an item in place.
 */
const latestMemory = new WeakMap<
  readonly Assessment[],
  { length: number; byDay: Map<string | undefined, Map<string, Assessment>> }
>();

function latestBySystem(
  list: readonly Assessment[],
  asOf: string | undefined,
): ReadonlyMap<string, Assessment> {
  let known = latestMemory.get(list);
  if (!known || known.length !== list.length) {
    known = { length: list.length, byDay: new Map() };
    latestMemory.set(list, known);
  }
  let latest = known.byDay.get(asOf);
  if (latest) return latest;
  latest = new Map();
  for (const a of list) {
    if (a.systemId === undefined || a.approval.state !== 'approved') continue;
    if (asOf !== undefined && a.assessedOn > asOf) continue;
    const best = latest.get(a.systemId);
    // In list order, a later one replacing the best so far: what reducing the system's list gives.
    if (!best || later(a, best)) latest.set(a.systemId, a);
  }
  known.byDay.set(asOf, latest);
  return latest;
}

/** The latest approved assessment of this kind, optionally as of a day (later ones ignored). */
export function latestAssessment<K extends AssessmentKind>(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: K,
  asOf?: string,
): AssessmentOf<K> | undefined {
  const all: readonly Assessment[] = snapshot[RECORD_KIND_OF[kind]];
  return latestBySystem(all, asOf).get(systemId) as AssessmentOf<K> | undefined;
}

/** What {@link latestAssessment} answers, by filtering and reducing the system's assessments on each call. */
export function latestAssessmentByScan<K extends AssessmentKind>(
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
