// risk-assessment (6.1.2, 8.2): every risk evaluated with the named methodology version; refused when
// the methodology is not approved or the system has no risk owner. Derived fields (score, level,
// acceptable, priority) may be left out; if given they must match what the method computes.
import { z } from 'zod';
import { IdentifiedRisk, RiskAssessment } from '../../../shared/model';
import { latestAssessment } from '../../../shared/processes/assessments';
import { systemFingerprint } from '../../../shared/processes/impact-assessment';
import { ProcessError } from '../../../shared/processes/process-error';
import { openTriggersFor } from '../../../shared/processes/reassessment';
import {
  approveRiskAssessment,
  checkDerivedRisks,
  eventCauseOf,
  highestLevel,
  planRiskAssessment,
} from '../../../shared/processes/risk-assessment';
import { riskOwnerOf } from '../../../shared/processes/roles';
import type { RegisterSnapshot } from '../../../shared/processes/snapshot';
import { writeOf } from '../../../shared/processes/writes';
import type { RecordRule } from '../record-rules';
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
      throw new ProcessError(
        'methodologyVersion',
        `methodology ${method.id} is at version ${method.version}; assess with that version, not ${file.methodologyVersion}`,
      );
    }
    if (file.impactAssessmentId !== undefined) {
      const ia = requireRecord(snapshot, 'impact-assessment', file.impactAssessmentId, 'impactAssessmentId');
      if (ia.systemId !== system.id) {
        throw new ProcessError(
          'impactAssessmentId',
          `impact assessment ${ia.id} is for ${ia.systemId}, not ${system.id}`,
        );
      }
    }
    if (
      file.systemSnapshot &&
      systemFingerprint(file.systemSnapshot.components) !== systemFingerprint(system.components)
    ) {
      throw new ProcessError(
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
    const existing = snapshot['risk-assessment'].find((a) => a.id === draft.id);
    if (existing && existing.approval.state !== 'draft' && existing.approval.state !== 'in-review') {
      throw new ProcessError(
        'id',
        `risk assessment ${draft.id} is ${existing.approval.state} and stays as it was approved; record a reassessment under a new id`,
      );
    }

    const cause = eventCauseOf(draft.cause);
    const approval = file.approval ?? { state: 'draft' as const };
    const highest = highestLevel(method, draft.risks) ?? '—';
    const recorded = writeOf(
      'risk-assessment',
      { ...draft, approval: approval.state === 'approved' ? { state: 'draft' } : approval },
      {
        cause,
        summary: `${system.name} risk assessment ${draft.id}: ${draft.risks.length} risks, highest ${highest}`,
      },
    );
    if (approval.state === 'superseded') {
      throw new ProcessError(
        'approval.state',
        'an assessment is superseded by a newer approved one, not by hand',
      );
    }
    if (approval.state !== 'approved') return [recorded];
    if (!approval.approvedBy) throw new ProcessError('approval.approvedBy', 'say who approved it');
    const approved = approveRiskAssessment(draft, {
      snapshot,
      system,
      method,
      approver: approval.approvedBy,
      at: approval.approvedAt ?? now,
      ...(approval.note ? { note: approval.note } : {}),
    });
    return [
      recorded,
      writeOf('risk-assessment', approved, {
        action: 'transition',
        cause,
        summary: `${system.name} risk assessment ${draft.id} draft → approved by ${approval.approvedBy}`,
      }),
    ];
  },
};
