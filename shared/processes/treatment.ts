// Clauses 6.1.3 and 8.3: treating an assessed risk — option, Annex A controls, plan, residual risk
// evaluated with the same method, residual acceptance by the risk owner, and the effectiveness check.
import type { AiSystem, Draft, RiskAssessment, RiskTreatment } from '../model';
import { controlById } from '../standard';
import type { Gap } from './gap-row';
import { refuse, Refusal } from '../model';
import { evaluateRisk, type Consequences, type Methodology, type RiskEvaluation } from './risk-method';
import { latestAssessment } from './assessments';
import { bySystemId } from './lookup';
import { inScopeSystems } from './roles';
import type { RegisterSnapshot } from './snapshot';

export interface TreatmentInput {
  id?: string;
  option: RiskTreatment['option'];
  annexAControls: readonly string[];
  extraControls?: readonly string[];
  plan: string;
  planOwner: string;
  dueOn: string;
  status?: RiskTreatment['status'];
  residual: { likelihood: number; impact: number; level?: string };
  jiraKey?: string;
}

/** What treatment planning reads from a risk assessment; a stored record or a draft both fit. */
type AssessmentRef = Pick<RiskAssessment, 'id' | 'systemId' | 'methodologyId' | 'methodologyVersion'> & {
  risks: ReadonlyArray<{ id: string; score: number }>;
};

/** Refuses any control id that is not an Annex A control of ISO/IEC 42001:2023, naming it. */
export function checkAnnexAControls(ids: readonly string[], field = 'annexAControls'): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!controlById(id)) {
      throw refuse(`${field}[${i}]`, `'${id}' is not an Annex A control of ISO/IEC 42001:2023`);
    }
    if (seen.has(id)) throw refuse(`${field}[${i}]`, `'${id}' is listed twice`);
    seen.add(id);
  });
}

/**
 * Plans the treatment of one risk. The residual risk is rated on the same methodology version that
 * rated the risk, and may not exceed it; mitigation or transfer needs at least one control.
 */
export function planTreatment(
  assessment: AssessmentRef,
  riskId: string,
  method: Methodology,
  input: TreatmentInput,
): Draft<'treatment'> {
  if (assessment.methodologyId !== method.id || assessment.methodologyVersion !== method.version) {
    throw refuse(
      'residual',
      `rate the residual risk with ${assessment.methodologyId} ${assessment.methodologyVersion}, the method that rated the risk, not ${method.id} ${method.version}`,
    );
  }
  const risk = assessment.risks.find((r) => r.id === riskId);
  if (!risk) {
    throw refuse('riskId', `risk assessment ${assessment.id} has no risk '${riskId}'`);
  }
  checkAnnexAControls(input.annexAControls);
  const extra = input.extraControls ?? [];
  if (
    (input.option === 'mitigate' || input.option === 'transfer') &&
    input.annexAControls.length + extra.length === 0
  ) {
    throw refuse('annexAControls', `a '${input.option}' treatment needs at least one control (6.1.3 b)`);
  }
  // The residual keeps one consequence rating; every dimension shares the impact scale.
  const dimension = method.dimensions[0] ?? 'organisation';
  const consequences: Consequences = { [dimension]: input.residual.impact };
  let residual: RiskEvaluation;
  try {
    residual = evaluateRisk(method, { likelihood: input.residual.likelihood, consequences }, 'residual');
  } catch (error) {
    // Name the file's field, not the internal dimension the rating was checked on.
    if (error instanceof Refusal && error.field === `residual.consequences.${dimension}`) {
      throw refuse('residual.impact', error.reason);
    }
    throw error;
  }
  if (residual.score > risk.score) {
    throw refuse(
      'residual',
      `residual score ${residual.score} is above the risk's own score ${risk.score}; a treatment cannot raise a risk`,
    );
  }
  if (input.option === 'accept' && residual.score !== risk.score) {
    throw refuse('residual', `accepting a risk leaves it as it is: residual score must stay ${risk.score}`);
  }
  if (input.residual.level !== undefined && input.residual.level !== residual.level) {
    throw refuse(
      'residual.level',
      `'${input.residual.level}' does not match the methodology, which gives '${residual.level}' (score ${residual.score})`,
    );
  }
  return {
    kind: 'treatment',
    id: input.id ?? `tr-${assessment.systemId}-${riskId}`,
    systemId: assessment.systemId,
    riskAssessmentId: assessment.id,
    riskId,
    option: input.option,
    annexAControls: [...input.annexAControls],
    extraControls: [...extra],
    plan: input.plan,
    planOwner: input.planOwner,
    dueOn: input.dueOn,
    status: input.status ?? 'planned',
    residual: { likelihood: input.residual.likelihood, impact: input.residual.impact, level: residual.level },
    ...(input.jiraKey ? { jiraKey: input.jiraKey } : {}),
  };
}

/** Only the system's risk owner may accept the residual risk (6.1.3 f). */
export function checkResidualAcceptor(
  system: Pick<AiSystem, 'id' | 'name' | 'riskOwner'>,
  acceptedBy: string,
): void {
  if (!system.riskOwner) {
    throw refuse(
      'residualAcceptance.acceptedBy',
      `${system.name} has no risk owner to accept its residual risk`,
    );
  }
  if (acceptedBy !== system.riskOwner) {
    throw refuse(
      'residualAcceptance.acceptedBy',
      `only ${system.name}'s risk owner ${system.riskOwner} may accept its residual risk, not ${acceptedBy}`,
    );
  }
}

export function acceptResidual(
  treatment: Draft<'treatment'>,
  system: Pick<AiSystem, 'id' | 'name' | 'riskOwner'>,
  acceptance: { by: string; at: string; note?: string },
): Draft<'treatment'> {
  checkResidualAcceptor(system, acceptance.by);
  return {
    ...treatment,
    residualAcceptance: {
      acceptedBy: acceptance.by,
      acceptedAt: acceptance.at,
      ...(acceptance.note ? { note: acceptance.note } : {}),
    },
  };
}

/** Records the effectiveness check of an implemented treatment (8.3); an ineffective one must be revised. */
export function recordEffectiveness(
  treatment: Draft<'treatment'>,
  check: { checkedOn: string; checkedBy: string; effective: boolean; note: string },
): Draft<'treatment'> {
  if (treatment.status === 'planned' || treatment.status === 'in-progress') {
    throw refuse(
      'effectiveness',
      `treatment ${treatment.id} is ${treatment.status}; implement it before checking it works`,
    );
  }
  return {
    ...treatment,
    status: check.effective ? 'verified-effective' : 'ineffective',
    effectiveness: { ...check },
  };
}

/** Checks a whole treatment record (as a file would hold it) against its assessment, method and system. */
export function validateTreatment(
  treatment: Omit<Draft<'treatment'>, 'residual'> & { residual: TreatmentInput['residual'] },
  context: { assessment: AssessmentRef; method: Methodology; system: AiSystem },
): Draft<'treatment'> {
  const { assessment, method, system } = context;
  if (treatment.systemId !== assessment.systemId) {
    throw refuse(
      'systemId',
      `risk assessment ${assessment.id} is for ${assessment.systemId}, not ${treatment.systemId}`,
    );
  }
  const planned = planTreatment(assessment, treatment.riskId, method, {
    ...treatment,
    residual: { ...treatment.residual },
  });
  if (treatment.residualAcceptance) checkResidualAcceptor(system, treatment.residualAcceptance.acceptedBy);
  if (treatment.effectiveness && (treatment.status === 'planned' || treatment.status === 'in-progress')) {
    throw refuse('effectiveness', `a ${treatment.status} treatment cannot have an effectiveness check yet`);
  }
  if (
    (treatment.status === 'verified-effective' || treatment.status === 'ineffective') &&
    (!treatment.effectiveness ||
      treatment.effectiveness.effective !== (treatment.status === 'verified-effective'))
  ) {
    throw refuse('effectiveness', `status '${treatment.status}' needs an effectiveness check that says so`);
  }
  return { ...treatment, residual: planned.residual };
}

/**
 * Treatment gaps for in-scope systems, judged against each system's latest approved risk assessment.
 * A treatment carries over to a reassessment that keeps the risk's id.
 */
export function treatmentGaps(snapshot: RegisterSnapshot, today: string): Gap[] {
  const gaps: Gap[] = [];
  for (const system of inScopeSystems(snapshot)) {
    const latest = latestAssessment(snapshot, system.id, 'risk');
    if (!latest) continue;
    const treatments = bySystemId.all(snapshot.treatment, system.id);
    for (const risk of latest.risks) {
      const mine = treatments.filter((t) => t.riskId === risk.id);
      const label = `${system.name} risk ${risk.id} (${risk.level})`;
      if (!risk.acceptable && mine.length === 0) {
        gaps.push({
          clause: '6.1.3',
          systemId: system.id,
          what: `${label} is not acceptable and has no treatment`,
          next: 'record a treatment plan with Annex A controls',
        });
      }
      for (const t of mine) {
        if ((t.status === 'planned' || t.status === 'in-progress') && t.dueOn < today) {
          gaps.push({
            clause: '8.3',
            systemId: system.id,
            what: `${label}: treatment ${t.id} was due ${t.dueOn}`,
            next: 'implement it or re-plan with a new date',
          });
        }
        if (!t.residualAcceptance) {
          gaps.push({
            clause: '6.1.3',
            systemId: system.id,
            what: `${label}: residual risk of ${t.id} not accepted`,
            next: `risk owner ${system.riskOwner ?? '(none)'} to accept or reject it`,
          });
        }
        if (t.status === 'implemented' && !t.effectiveness) {
          gaps.push({
            clause: '8.3',
            systemId: system.id,
            what: `${label}: effectiveness of ${t.id} not verified`,
            next: 'check that the controls work and record the result',
          });
        }
        if (t.status === 'ineffective') {
          gaps.push({
            clause: '8.3',
            systemId: system.id,
            what: `${label}: treatment ${t.id} was found ineffective`,
            next: 'revise the treatment option or controls',
          });
        }
      }
    }
  }
  return gaps;
}
