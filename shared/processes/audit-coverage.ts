// Clause 9.2.2: before Stage 2 the internal audit programme must have covered the whole AIMS — every
// auditable requirement of clauses 4–10, every Annex A control the SoA includes, and every in-scope AI
// system sampled. Coverage is the union of the scopes of audits completed within one programme cycle.
import { ANNEX_A_CONTROL_IDS } from '../standard';
import { addMonths } from './days';
import { isAuditDone } from './internal-audit';
import { compareRefs, expandRefs } from './requirements';
import { inScopeSystems } from './roles';
import type { RegisterSnapshot } from './snapshot';

export const AIMS_CLAUSES = ['4', '5', '6', '7', '8', '9', '10'] as const;

export interface AuditCoverage {
  auditIds: string[];
  missingClauses: string[];
  missingControls: string[];
  missingSystems: string[];
}

/**
 * What the audits completed in the last programme cycle (the longest programme frequency, 12 months
 * when none is recorded) did not cover, as of `today`. Controls the SoA excludes are not required.
 */
export function auditCoverage(snapshot: RegisterSnapshot, today: string): AuditCoverage {
  const months = Math.max(12, ...snapshot['audit-programme'].map((p) => p.frequencyMonths));
  const audits = snapshot.audit.filter((a) => {
    const on = a.completedOn ?? a.plannedOn;
    return isAuditDone(a) && on <= today && addMonths(on, months) >= today;
  });
  const clauses = new Set(expandRefs(audits.flatMap((a) => a.scope.clauses)).refs);
  const controls = new Set(expandRefs(audits.flatMap((a) => a.scope.controls)).refs);
  const systems = new Set(audits.flatMap((a) => a.scope.systemIds));
  const excluded = new Set(snapshot['soa-entry'].filter((e) => !e.applicable).map((e) => e.controlId));
  return {
    auditIds: audits.map((a) => a.id),
    missingClauses: expandRefs([...AIMS_CLAUSES])
      .refs.filter((c) => !clauses.has(c))
      .sort(compareRefs),
    missingControls: ANNEX_A_CONTROL_IDS.filter((c) => !excluded.has(c) && !controls.has(c)),
    missingSystems: inScopeSystems(snapshot)
      .map((s) => s.id)
      .filter((id) => !systems.has(id)),
  };
}
