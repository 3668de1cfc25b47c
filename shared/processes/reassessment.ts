// Clauses 8.2 and 8.4: the reassessment state machine, per AI system and per kind (risk, impact).
// State is derived from records, never stored: the assessments, their approval states, the
// system's current components, the open triggers and the calendar.
//
// | state       | when (checked top to bottom)                                                        |
// |-------------|--------------------------------------------------------------------------------------|
// | missing     | no approved assessment of this kind and no draft                                     |
// | in-progress | no approved assessment, but a draft or in-review one exists                          |
// | overdue     | due (below) for longer than the methodology's overdueAfterDays                        |
// | in-progress | due, and a draft dated on/after the latest approved one exists                        |
// | due         | an open trigger for this kind raised after the latest approved assessment, or the     |
// |             | calendar date passed (risk: assessedOn + reassessmentIntervalDays; impact: nextReview) |
// | stale       | not due, but the system's components no longer match the fingerprint assessed         |
// |             | (a material change after approval that no trigger reported); a draft → in-progress    |
// | current     | otherwise                                                                            |
//
// - A trigger applies to 'risk' when its clauses include 6.1.2, 6.1.3, 8.2 or 8.3, to 'impact' when
//   they include 6.1.4 or 8.4, and to both when they name neither. Open means status open or assessing.
// - An approved assessment dated on or after a trigger's raisedOn answers it (trigger-lifecycle.ts then
//   records the trigger as resolved); one dated before it does not.
// - dueOn is the day the state became (or will become) due: the earliest open trigger's raisedOn or
//   the calendar date. "Due for longer than N days" means today − dueOn > N.
// - Records dated after `today` are ignored, so a status can be asked as of an earlier day.
import type { ImpactAssessment, RiskAssessment, RiskMethodology, Trigger } from '../model';
import { assessmentsOf, latestAssessment, openDrafts, type AssessmentKind } from './assessments';
import { addDays, daysBetween } from './days';
import { systemFingerprint } from './impact-assessment';
import { highestLevel } from './risk-assessment';
import { bySystemId, findById } from './lookup';
import { inScopeSystems } from './roles';
import type { RegisterSnapshot, SystemSummary } from './snapshot';
import { latestApproved } from './versions';

export type { AssessmentKind } from './assessments';
export type AssessmentState = 'missing' | 'current' | 'stale' | 'due' | 'in-progress' | 'overdue';

export interface AssessmentStatus {
  systemId: string;
  kind: AssessmentKind;
  state: AssessmentState;
  latestId?: string;
  assessedOn?: string;
  dueOn?: string;
  causes: string[] /* trigger ids or 'calendar' */;
  openTriggerIds: string[];
}

/** Used when no approved methodology says otherwise. */
export const DEFAULT_REASSESSMENT_INTERVAL_DAYS = 365;
export const DEFAULT_OVERDUE_AFTER_DAYS = 30;

const RISK_CLAUSES = ['6.1.2', '6.1.3', '8.2', '8.3'];
const IMPACT_CLAUSES = ['6.1.4', '8.4'];

/** The assessment kinds a trigger obliges. */
export function triggerKinds(trigger: Pick<Trigger, 'clauses'>): AssessmentKind[] {
  const risk = trigger.clauses.some((c) => RISK_CLAUSES.includes(c));
  const impact = trigger.clauses.some((c) => IMPACT_CLAUSES.includes(c));
  if (!risk && !impact) return ['risk', 'impact'];
  return [...(risk ? (['risk'] as const) : []), ...(impact ? (['impact'] as const) : [])];
}

export const isOpenTrigger = (t: Pick<Trigger, 'status'>) => t.status === 'open' || t.status === 'assessing';

/** The organisation's current risk methodology: the highest approved version. */
export const currentMethodology = (snapshot: RegisterSnapshot): RiskMethodology | undefined =>
  latestApproved(snapshot['risk-methodology']);

export function overdueAfterDays(snapshot: RegisterSnapshot): number {
  return currentMethodology(snapshot)?.overdueAfterDays ?? DEFAULT_OVERDUE_AFTER_DAYS;
}

/** Open triggers for this system and kind, raised on or before `today`, oldest first. */
export function openTriggersFor(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: AssessmentKind,
  today: string,
): Trigger[] {
  return bySystemId
    .all(snapshot.trigger, systemId)
    .filter((t) => isOpenTrigger(t) && t.raisedOn <= today && triggerKinds(t).includes(kind))
    .sort((a, b) => (a.raisedOn !== b.raisedOn ? (a.raisedOn < b.raisedOn ? -1 : 1) : a.id < b.id ? -1 : 1));
}

/** The fingerprint of the system as the assessment saw it. */
export function assessedFingerprint(assessment: RiskAssessment | ImpactAssessment): string {
  return assessment.kind === 'risk-assessment'
    ? systemFingerprint(assessment.systemSnapshot.components)
    : assessment.systemFingerprint;
}

/** The calendar day the next planned reassessment falls on (8.2, 8.4 "planned intervals"). */
export function calendarDueOn(
  snapshot: RegisterSnapshot,
  assessment: RiskAssessment | ImpactAssessment,
): string {
  if (assessment.kind === 'impact-assessment') return assessment.nextReview;
  const interval =
    currentMethodology(snapshot)?.reassessmentIntervalDays ?? DEFAULT_REASSESSMENT_INTERVAL_DAYS;
  return addDays(assessment.assessedOn, interval);
}

/**
 * The system's status for one kind, by the rules in the table above. A system with no assessment of that kind
 * and no trigger at all is `missing` with no cause: answered from two index lookups rather than by the rules'
 * filters and sorts (at 5,000 discovered systems, most are such a system).
 */
export function assessmentStatus(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: AssessmentKind,
  today: string,
): AssessmentStatus {
  if (
    assessmentsOf(snapshot, systemId, kind).length === 0 &&
    bySystemId.all(snapshot.trigger, systemId).length === 0
  ) {
    // One list for both, as the rules give: no trigger is open, so none is a cause.
    const none: string[] = [];
    return { systemId, kind, state: 'missing', causes: none, openTriggerIds: none };
  }
  return assessmentStatusByRules(snapshot, systemId, kind, today);
}

/** {@link assessmentStatus} by the rules alone, for every system. */
export function assessmentStatusByRules(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: AssessmentKind,
  today: string,
): AssessmentStatus {
  const open = openTriggersFor(snapshot, systemId, kind, today);
  const openTriggerIds = open.map((t) => t.id);
  // Keys in the interface's order, so JSON output reads the same way.
  const status = (
    state: AssessmentState,
    rest: { latestId?: string; assessedOn?: string; dueOn?: string; causes: string[] },
  ): AssessmentStatus => ({ systemId, kind, state, ...rest, openTriggerIds });
  const latest: RiskAssessment | ImpactAssessment | undefined = latestAssessment(
    snapshot,
    systemId,
    kind,
    today,
  );
  const drafting = openDrafts(snapshot, systemId, kind, today).length > 0;

  if (!latest) {
    return status(drafting ? 'in-progress' : 'missing', {
      ...(open[0] ? { dueOn: open[0].raisedOn } : {}),
      causes: openTriggerIds,
    });
  }

  const assessed = { latestId: latest.id, assessedOn: latest.assessedOn };
  const pending = open.filter((t) => t.raisedOn > latest.assessedOn);
  const calendar = calendarDueOn(snapshot, latest);
  const calendarPassed = calendar <= today && !pending.some((t) => t.type === 'calendar');
  const causes = [...pending.map((t) => t.id), ...(calendarPassed ? ['calendar'] : [])];

  if (causes.length > 0) {
    const dueOn =
      [...pending.map((t) => t.raisedOn), ...(calendarPassed ? [calendar] : [])].sort()[0] ?? today;
    const state: AssessmentState =
      daysBetween(dueOn, today) > overdueAfterDays(snapshot) ? 'overdue' : drafting ? 'in-progress' : 'due';
    return status(state, { ...assessed, dueOn, causes });
  }

  const system = findById(snapshot['ai-system'], systemId);
  const changed =
    system !== undefined && assessedFingerprint(latest) !== systemFingerprint(system.components);
  const state: AssessmentState = changed ? (drafting ? 'in-progress' : 'stale') : 'current';
  return status(state, { ...assessed, dueOn: calendar, causes: [] });
}

/**
 * The highest risk level in the system's latest approved risk assessment, ranked by the bands of
 * the methodology it was assessed with (inherent level: treatments do not lower it here).
 */
export function systemRiskLevel(
  snapshot: RegisterSnapshot,
  systemId: string,
  today: string,
): string | undefined {
  const latest = latestAssessment(snapshot, systemId, 'risk', today);
  if (!latest) return undefined;
  const method =
    snapshot['risk-methodology'].find(
      (m) => m.id === latest.methodologyId && m.version === latest.methodologyVersion,
    ) ?? currentMethodology(snapshot);
  return method ? highestLevel(method, latest.risks) : latest.risks[0]?.level;
}

// What String#localeCompare does without arguments, without building a collator on every comparison.
const byName = new Intl.Collator();

/** Every in-scope system with both statuses, by system name. */
export function systemStatuses(
  snapshot: RegisterSnapshot,
  today: string,
): Array<{ system: SystemSummary; risk: AssessmentStatus; impact: AssessmentStatus; riskLevel?: string }> {
  return [...inScopeSystems(snapshot)]
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
    .map((system) => {
      const riskLevel = systemRiskLevel(snapshot, system.id, today);
      return {
        system,
        risk: assessmentStatus(snapshot, system.id, 'risk', today),
        impact: assessmentStatus(snapshot, system.id, 'impact', today),
        ...(riskLevel ? { riskLevel } : {}),
      };
    });
}
