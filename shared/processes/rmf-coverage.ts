// NIST AI RMF coverage seen through the crosswalk: for each RMF category, the ISO/IEC 42001 clauses and
// controls its edges point to, whether the register evidences each one, and where each edge comes from.
// Coverage is only as good as the crosswalk: FDIS-based NIST rows are 'related', so they are shown as such.
import type { CrosswalkEdge, FrameworkRef, RmfCategory } from '../standard';
import { CROSSWALK, RMF_CATEGORIES, resolveRef } from '../standard';
import { evidenceChecks, staleEvidence, type EvidenceCheck } from './gap-assessment';
import { isUnder } from './requirements';
import { roleGaps } from './roles';
import type { RegisterSnapshot } from './snapshot';
import { buildSoa } from './soa';

export interface RmfEdgeCoverage {
  /** The RMF category or subcategory the edge starts from, e.g. 'GV1' or 'GV1.1'. */
  from: string;
  to: FrameworkRef;
  title: string;
  relationship: CrosswalkEdge['relationship'];
  provenance: CrosswalkEdge['provenance'];
  note?: string;
  /** 42001 does not require this: shown, never counted as coverage. */
  noRequirement?: true;
  evidenced: boolean;
  recordIds: string[];
}

export interface RmfCategoryCoverage {
  id: string;
  function: RmfCategory['function'];
  title: string;
  coverage: 'covered' | 'partial' | 'none';
  edges: RmfEdgeCoverage[];
}

interface Evidenced {
  evidenced: boolean;
  recordIds: string[];
}

/** Whether the register evidences one clause or control, and with which records. */
export function refEvidence(
  snapshot: RegisterSnapshot,
  today: string,
  ref: FrameworkRef,
  checks: readonly EvidenceCheck[],
): Evidenced {
  const id = ref.id;
  const isControl = ref.framework === 'iso42001-annex-a';
  const relevant = checks.filter((c) =>
    isControl ? c.control === id : !c.control && (isUnder(c.clause, id) || isUnder(id, c.clause)),
  );
  if (relevant.length > 0) {
    return {
      // Not-applicable rows do not count against a clause, but alone they evidence nothing.
      evidenced:
        relevant.every((c) => c.state === 'present' || c.state === 'not-applicable') &&
        relevant.some((c) => c.state === 'present'),
      recordIds: [...new Set(relevant.flatMap((c) => c.recordIds))],
    };
  }
  const fresh = snapshot.evidence.filter(
    (e) =>
      (isControl ? e.controls.includes(id) : e.clauses.some((c) => isUnder(c, id))) &&
      !staleEvidence(e, today),
  );
  const docs = isControl
    ? []
    : snapshot.document.filter(
        (d) => d.approval.state === 'approved' && d.clauses.some((c) => isUnder(c, id)),
      );
  const special = specialEvidence(snapshot, id);
  const ids = [...fresh.map((e) => e.id), ...docs.map((d) => d.id), ...special];
  if (!isControl) return { evidenced: ids.length > 0, recordIds: ids };
  // A control counts only when the SoA includes it and something operating links to it.
  const row = buildSoa(snapshot).find((r) => r.controlId === id);
  const operating = snapshot.treatment.filter(
    (t) => t.annexAControls.includes(id) && (t.status === 'implemented' || t.status === 'verified-effective'),
  );
  const all = [...new Set([...ids, ...(row?.evidenceIds ?? []), ...operating.map((t) => t.id)])];
  return { evidenced: row?.applicable === true && all.length > 0, recordIds: all };
}

/** Register records that stand for a requirement without an evidence tag. */
function specialEvidence(snapshot: RegisterSnapshot, id: string): string[] {
  const approved = <T extends { id: string; approval: { state: string } }>(rows: readonly T[]) =>
    rows.filter((r) => r.approval.state === 'approved').map((r) => r.id);
  switch (id) {
    case '6.1.1':
      return approved(snapshot['risk-methodology']);
    case 'A.2.2':
      return approved(snapshot.document.filter((d) => d.docType === 'ai-policy'));
    case 'A.3.2':
      return roleGaps(snapshot).length === 0 ? snapshot['role-assignment'].map((r) => r.id) : [];
    case 'A.5.2':
      return approved(snapshot['impact-template']);
    case 'A.5.4':
    case 'A.5.5':
      return approved(snapshot['impact-assessment']);
    default:
      return [];
  }
}

/** Edges leaving a category or any of its subcategories ('GV1' and 'GV1.1', not 'GV10'). */
const edgesOf = (categoryId: string) =>
  CROSSWALK.filter(
    (e) =>
      e.from.framework === 'nist-ai-rmf' &&
      (e.from.id === categoryId || e.from.id.startsWith(`${categoryId}.`)),
  );

export function rmfCoverage(snapshot: RegisterSnapshot, today: string): RmfCategoryCoverage[] {
  const checks = evidenceChecks(snapshot, today);
  const cache = new Map<string, Evidenced>();
  return RMF_CATEGORIES.map((category) => {
    const edges = edgesOf(category.id).map((edge): RmfEdgeCoverage => {
      const key = `${edge.to.framework}:${edge.to.id}`;
      const found = cache.get(key) ?? refEvidence(snapshot, today, edge.to, checks);
      cache.set(key, found);
      return {
        from: edge.from.id,
        to: edge.to,
        title: resolveRef(edge.to)?.title ?? edge.to.id,
        relationship: edge.relationship,
        provenance: edge.provenance,
        ...(edge.note ? { note: edge.note } : {}),
        ...(edge.noRequirement ? { noRequirement: true } : {}),
        ...found,
      };
    });
    // An edge to something 42001 does not require is shown but never counts towards coverage.
    const counted = edges.filter((e) => !e.noRequirement);
    const targets = new Map(counted.map((e) => [`${e.to.framework}:${e.to.id}`, e.evidenced]));
    const evidenced = [...targets.values()].filter(Boolean).length;
    return {
      id: category.id,
      function: category.function,
      title: category.title,
      coverage:
        targets.size > 0 && evidenced === targets.size ? 'covered' : evidenced > 0 ? 'partial' : 'none',
      edges,
    };
  });
}
