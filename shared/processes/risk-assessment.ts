// Clause 8.2 (running 6.1.2): one risk assessment of one AI system, with the method applied to every risk.
import type { AiSystem, Draft, IdentifiedRisk, Impact } from '../model';
import { refuse } from '../model';
import { holdsRole } from './roles';
import type { RegisterSnapshot } from './snapshot';
import {
  evaluateRisks,
  levelRank,
  requireUsableMethodology,
  type Methodology,
  type RiskInput,
} from './risk-method';

export interface RiskAssessmentOptions {
  assessor: string;
  /** The day of the assessment (YYYY-MM-DD). */
  today: string;
  /** Why it ran: a trigger id, 'calendar' or 'initial'. */
  cause: string;
  /** The impact assessment whose results fed this run (6.1.4 → 6.1.2). */
  impactAssessmentId?: string;
  id?: string;
}

/** The event cause for a run's cause: trigger ids become 'trigger:<id>'. */
export function eventCauseOf(runCause: string): string {
  return runCause === 'initial' || runCause === 'calendar' || runCause.includes(':')
    ? runCause
    : `trigger:${runCause}`;
}

/**
 * Plans a risk assessment as a draft: snapshots the system's components, evaluates every risk
 * with the methodology version and numbers them by priority. Refuses a system without a risk
 * owner (nobody could accept its residual risk) and a methodology that is not approved.
 */
export function planRiskAssessment(
  system: AiSystem,
  method: Methodology,
  inputs: readonly RiskInput[],
  options: RiskAssessmentOptions,
): Draft<'risk-assessment'> {
  if (!system.riskOwner) {
    throw refuse(
      'systemId',
      `${system.name} (${system.id}) has no risk owner; assign one before assessing its risks (5.3, 6.1.3)`,
    );
  }
  requireUsableMethodology(method);
  if (inputs.length === 0) throw refuse('risks', 'identify at least one risk (6.1.2 b)');
  return {
    kind: 'risk-assessment',
    id: options.id ?? `ra-${system.id}-${options.today}`,
    systemId: system.id,
    assessedOn: options.today,
    assessor: options.assessor,
    methodologyId: method.id,
    methodologyVersion: method.version,
    systemSnapshot: { components: structuredClone(system.components), lifecycleStage: system.lifecycleStage },
    ...(options.impactAssessmentId ? { impactAssessmentId: options.impactAssessmentId } : {}),
    risks: evaluateRisks(method, inputs),
    cause: options.cause,
    approval: { state: 'draft' },
  };
}

/**
 * Harms from an impact assessment as risks to rate (6.1.4 results feed 6.1.2): the harm's
 * likelihood and severity carry over, its severity counted against the group it affects.
 */
export function risksFromImpactAssessment(assessment: {
  id: string;
  impacts: ReadonlyArray<
    Pick<Impact, 'id' | 'nature' | 'affected' | 'description' | 'likelihood' | 'severity'>
  >;
}): RiskInput[] {
  return assessment.impacts
    .filter((i) => i.nature === 'harm')
    .map((i) => ({
      id: `ia-${i.id}`,
      title: i.description,
      source: 'impact-assessment' as const,
      sourceRef: `${assessment.id}#${i.id}`,
      likelihood: i.likelihood,
      consequences:
        i.affected === 'society'
          ? { society: i.severity }
          : i.affected === 'organisation'
            ? { organisation: i.severity }
            : { individuals: i.severity },
    }));
}

/** The highest level among the assessment's risks, by the methodology's band order. */
export function highestLevel(
  method: Pick<Methodology, 'bands'>,
  risks: readonly Pick<IdentifiedRisk, 'level'>[],
): string | undefined {
  return risks.reduce<string | undefined>(
    (best, r) =>
      best === undefined || levelRank(method, r.level) > levelRank(method, best) ? r.level : best,
    undefined,
  );
}

type Derived = Pick<IdentifiedRisk, 'score' | 'level' | 'acceptable' | 'priority'>;

/**
 * Derived fields a person wrote down must agree with what the method computes: the same inputs
 * and method version always give the same result (6.1.2 "consistent, valid and comparable").
 */
export function checkDerivedRisks(
  stated: ReadonlyArray<Partial<Derived>>,
  computed: readonly Derived[],
): void {
  stated.forEach((risk, i) => {
    const expected = computed[i];
    if (!expected) return;
    for (const field of ['score', 'level', 'acceptable', 'priority'] as const) {
      if (risk[field] !== undefined && risk[field] !== expected[field]) {
        throw refuse(
          `risks[${i}].${field}`,
          `${JSON.stringify(risk[field])} does not match the methodology, which gives ${JSON.stringify(expected[field])}`,
        );
      }
    }
  });
}

/** Who may approve a risk assessment: the system's risk owner or the risk-assessment owner. */
export function mayApproveRiskAssessment(
  snapshot: RegisterSnapshot,
  person: string,
  system: AiSystem,
): boolean {
  return person === system.riskOwner || holdsRole(snapshot, person, 'risk-assessment-owner');
}

/**
 * Approves a risk assessment: its methodology must be the approved version it names, every derived
 * field must still be what that method computes, and the approver must have the authority.
 */
export function approveRiskAssessment(
  assessment: Draft<'risk-assessment'>,
  context: {
    snapshot: RegisterSnapshot;
    system: AiSystem;
    method: Methodology;
    approver: string;
    at: string;
    note?: string;
  },
): Draft<'risk-assessment'> {
  const { system, method, approver } = context;
  if (assessment.systemId !== system.id) {
    throw refuse('systemId', `assessment ${assessment.id} is for ${assessment.systemId}, not ${system.id}`);
  }
  if (assessment.methodologyId !== method.id || assessment.methodologyVersion !== method.version) {
    throw refuse(
      'methodologyVersion',
      `assessment ${assessment.id} used ${assessment.methodologyId} ${assessment.methodologyVersion}, not ${method.id} ${method.version}`,
    );
  }
  requireUsableMethodology(method);
  checkDerivedRisks(assessment.risks, evaluateRisks(method, assessment.risks));
  if (!mayApproveRiskAssessment(context.snapshot, approver, system)) {
    throw refuse(
      'approvedBy',
      `${approver} may not approve risk assessments of ${system.name}: only its risk owner ${system.riskOwner ?? '(none)'} or the risk-assessment owner may`,
    );
  }
  return {
    ...assessment,
    approval: {
      state: 'approved',
      approvedBy: approver,
      approvedAt: context.at,
      ...(context.note ? { note: context.note } : {}),
    },
  };
}
