// impact-assessment (6.1.4, 8.4; ISO/IEC 42005): validated against the template version it answers,
// the threshold tier derived from the template when left out, and the system fingerprint filled in.
import { ImpactAssessment } from '../../../shared/model';
import { approveImpactAssessment, planImpactAssessment } from '../../../shared/processes/impact-assessment';
import { ProcessError } from '../../../shared/processes/process-error';
import { currentMethodology } from '../../../shared/processes/reassessment';
import { eventCauseOf } from '../../../shared/processes/risk-assessment';
import { writeOf } from '../../../shared/processes/writes';
import type { RecordRule } from '../record-rules';
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
      throw new ProcessError(
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
    const eventCause = eventCauseOf(draft.cause);
    const stored = snapshot['impact-assessment'].find((a) => a.id === draft.id);
    if (stored && stored.approval.state !== 'draft' && stored.approval.state !== 'in-review') {
      throw new ProcessError(
        'id',
        `impact assessment ${draft.id} is ${stored.approval.state} and stays as it was approved; record a reassessment under a new id`,
      );
    }
    const approval = fileApproval ?? { state: 'draft' as const };
    const recorded = writeOf(
      'impact-assessment',
      { ...draft, approval: approval.state === 'approved' ? { state: 'draft' } : approval },
      {
        cause: eventCause,
        summary: `${system.name} impact assessment ${draft.id} on template ${template.id} ${template.version}, tier ${draft.thresholdTier}`,
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
    const approved = approveImpactAssessment(draft, {
      snapshot,
      template,
      system,
      approver: approval.approvedBy,
      at: approval.approvedAt ?? now,
      ...(approval.note ? { note: approval.note } : {}),
    });
    return [
      recorded,
      writeOf('impact-assessment', approved, {
        action: 'transition',
        cause: eventCause,
        summary: `${system.name} impact assessment ${draft.id} draft → approved by ${approval.approvedBy}`,
      }),
    ];
  },
};
