// impact-assessment (6.1.4, 8.4; ISO/IEC 42005): validated against the template version it answers,
// the threshold tier derived from the template when left out, and the system fingerprint filled in.
import { ImpactAssessment } from '../model';
import { approveImpactAssessment, planImpactAssessment } from '../processes/impact-assessment';
import { refuse } from '../model';
import { currentMethodology } from '../processes/reassessment';
import { eventCauseOf } from '../processes/risk-assessment';
import type { RecordRule } from './rule';
import { assessmentWrites, refuseApprovedRewrite } from './assessment-writes';
import { parseFields, requireRecord } from './fields';
import { defaultCause } from './risk-assessment';

const ImpactAssessmentFile = ImpactAssessment.omit({
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  updatedBy: true,
  revision: true,
})
  .extend({
    kind: ImpactAssessment.shape.kind.optional(),
    id: ImpactAssessment.shape.id.optional(),
    templateVersion: ImpactAssessment.shape.templateVersion.optional(),
    assessedOn: ImpactAssessment.shape.assessedOn.optional(),
    thresholdTier: ImpactAssessment.shape.thresholdTier.optional(),
    systemFingerprint: ImpactAssessment.shape.systemFingerprint.optional(),
    cause: ImpactAssessment.shape.cause.optional(),
    approval: ImpactAssessment.shape.approval.optional(),
    nextReview: ImpactAssessment.shape.nextReview.optional(),
  })
  .strict();

export const impactAssessmentRule: RecordRule = {
  summary:
    'checks every required template section, data per lifecycle stage and the threshold tier; fills the fingerprint',
  prepare(value, { snapshot, today, now }) {
    const file = parseFields(ImpactAssessmentFile, value);
    const system = requireRecord(snapshot, 'ai-system', file.systemId, 'systemId');
    const template = requireRecord(snapshot, 'impact-template', file.templateId, 'templateId');
    const assessedOn = file.assessedOn ?? today;
    if (file.templateVersion !== undefined && file.templateVersion !== template.version) {
      throw refuse(
        'templateVersion',
        `template ${template.id} is at version ${template.version}; answer that version, not ${file.templateVersion}`,
      );
    }
    // The fingerprint is always taken from the system as it is now, whatever the file says.
    const {
      kind: _kind,
      id,
      assessor,
      cause,
      approval: fileApproval,
      systemId: _system,
      templateId: _template,
      templateVersion: _version,
      assessedOn: _on,
      systemFingerprint: _fingerprint,
      ...answers
    } = file;
    const draft = planImpactAssessment(system, template, answers, {
      assessor,
      today: assessedOn,
      cause: cause ?? defaultCause(snapshot, system.id, 'impact', assessedOn),
      reviewIntervalDays: currentMethodology(snapshot)?.reassessmentIntervalDays ?? 365,
      ...(id ? { id } : {}),
    });
    const label = `${system.name} impact assessment ${draft.id}`;
    refuseApprovedRewrite(
      snapshot['impact-assessment'].find((a) => a.id === draft.id),
      'impact assessment',
      draft.id,
    );
    return assessmentWrites('impact-assessment', draft, fileApproval, {
      cause: eventCauseOf(draft.cause),
      label,
      recordedSummary: `${label} on template ${template.id} ${template.version}, tier ${draft.thresholdTier}`,
      now,
      approve: (approver, at, note) =>
        approveImpactAssessment(draft, {
          snapshot,
          template,
          system,
          approver,
          at,
          ...(note ? { note } : {}),
        }),
    });
  },
};
