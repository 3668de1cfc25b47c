// risk-assessment (6.1.2, 8.2): every risk evaluated with the named methodology version; refused when
// the methodology is not approved or the system has no risk owner. Derived fields (score, level,
// acceptable, priority) may be left out; if given they must match what the method computes.
import { z } from 'zod';
import { IdentifiedRisk, RiskAssessment } from '../model';
import { latestAssessment } from '../processes/assessments';
import { systemFingerprint } from '../processes/impact-assessment';
import { refuse } from '../model';
import { openTriggersFor } from '../processes/reassessment';
import {
  approveRiskAssessment,
  checkDerivedRisks,
  eventCauseOf,
  highestLevel,
  planRiskAssessment,
} from '../processes/risk-assessment';
import { riskOwnerOf } from '../processes/roles';
import type { RegisterSnapshot } from '../processes/snapshot';
import type { RecordRule } from './rule';
import { assessmentWrites, refuseApprovedRewrite } from './assessment-writes';
import { parseFields, requireRecord } from './fields';

const RiskFile = IdentifiedRisk.extend({
  score: IdentifiedRisk.shape.score.optional(),
  level: IdentifiedRisk.shape.level.optional(),
  acceptable: IdentifiedRisk.shape.acceptable.optional(),
  priority: IdentifiedRisk.shape.priority.optional(),
}).strict();

const RiskAssessmentFile = RiskAssessment.pick({
  systemId: true,
  assessor: true,
  methodologyId: true,
  impactAssessmentId: true,
})
  .extend({
    kind: RiskAssessment.shape.kind.optional(),
    id: RiskAssessment.shape.id.optional(),
    assessedOn: RiskAssessment.shape.assessedOn.optional(),
    methodologyVersion: RiskAssessment.shape.methodologyVersion.optional(),
    systemSnapshot: RiskAssessment.shape.systemSnapshot.optional(),
    risks: z.array(RiskFile),
    cause: RiskAssessment.shape.cause.optional(),
    approval: RiskAssessment.shape.approval.optional(),
  })
  .strict();

/** Without a stated cause: the oldest open trigger, else 'initial' for a first run, else 'calendar'. */
export function defaultCause(
  snapshot: RegisterSnapshot,
  systemId: string,
  kind: 'risk' | 'impact',
  today: string,
) {
  const trigger = openTriggersFor(snapshot, systemId, kind, today)[0];
  if (trigger) return trigger.id;
  return latestAssessment(snapshot, systemId, kind) ? 'calendar' : 'initial';
}

export const riskAssessmentRule: RecordRule = {
  summary: 'evaluates every risk with the approved methodology; refuses a system without a risk owner',
  prepare(value, { snapshot, today, now }) {
    const file = parseFields(RiskAssessmentFile, value);
    const stored = requireRecord(snapshot, 'ai-system', file.systemId, 'systemId');
    const system = { ...stored, riskOwner: riskOwnerOf(snapshot, stored.id) };
    const method = requireRecord(snapshot, 'risk-methodology', file.methodologyId, 'methodologyId');
    if (file.methodologyVersion !== undefined && file.methodologyVersion !== method.version) {
      throw refuse(
        'methodologyVersion',
        `methodology ${method.id} is at version ${method.version}; assess with that version, not ${file.methodologyVersion}`,
      );
    }
    if (file.impactAssessmentId !== undefined) {
      const ia = requireRecord(snapshot, 'impact-assessment', file.impactAssessmentId, 'impactAssessmentId');
      if (ia.systemId !== system.id) {
        throw refuse(
          'impactAssessmentId',
          `impact assessment ${ia.id} is for ${ia.systemId}, not ${system.id}`,
        );
      }
    }
    if (
      file.systemSnapshot &&
      systemFingerprint(file.systemSnapshot.components) !== systemFingerprint(system.components)
    ) {
      throw refuse(
        'systemSnapshot',
        `does not match ${system.name}'s components in the register; leave it out and it is taken from the system`,
      );
    }
    const assessedOn = file.assessedOn ?? today;
    const draft = planRiskAssessment(system, method, file.risks, {
      assessor: file.assessor,
      today: assessedOn,
      cause: file.cause ?? defaultCause(snapshot, system.id, 'risk', assessedOn),
      ...(file.impactAssessmentId ? { impactAssessmentId: file.impactAssessmentId } : {}),
      ...(file.id ? { id: file.id } : {}),
    });
    checkDerivedRisks(file.risks, draft.risks);
    refuseApprovedRewrite(
      snapshot['risk-assessment'].find((a) => a.id === draft.id),
      'risk assessment',
      draft.id,
    );
    const label = `${system.name} risk assessment ${draft.id}`;
    return assessmentWrites('risk-assessment', draft, file.approval, {
      cause: eventCauseOf(draft.cause),
      label,
      recordedSummary: `${label}: ${draft.risks.length} risks, highest ${highestLevel(method, draft.risks) ?? '—'}`,
      now,
      approve: (approver, at, note) =>
        approveRiskAssessment(draft, { snapshot, system, method, approver, at, ...(note ? { note } : {}) }),
    });
  },
};
