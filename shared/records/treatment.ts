// treatment (6.1.3, 8.3): Annex A controls checked against the standard, the residual risk rated with
// the method that rated the risk, residual acceptance by the system's risk owner only, and an
// effectiveness check only once the treatment is implemented.
import { RiskTreatment, type Draft } from '../model';
import { refuse } from '../model';
import { riskOwnerOf } from '../processes/roles';
import { validateTreatment } from '../processes/treatment';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { parseFields, requireRecord } from './fields';

const TreatmentFile = RiskTreatment.omit({
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  updatedBy: true,
  revision: true,
})
  .extend({
    kind: RiskTreatment.shape.kind.optional(),
    id: RiskTreatment.shape.id.optional(),
    systemId: RiskTreatment.shape.systemId.optional(),
    status: RiskTreatment.shape.status.default('planned'),
    residual: RiskTreatment.shape.residual.extend({
      level: RiskTreatment.shape.residual.shape.level.optional(),
    }),
  })
  .strict();

export const treatmentRule: RecordRule = {
  summary:
    'checks Annex A controls and rates the residual risk with the same method; only the risk owner accepts it',
  prepare(value, { snapshot }) {
    const file = parseFields(TreatmentFile, value);
    const assessment = requireRecord(snapshot, 'risk-assessment', file.riskAssessmentId, 'riskAssessmentId');
    const systemId = file.systemId ?? assessment.systemId;
    const stored = requireRecord(snapshot, 'ai-system', systemId, 'systemId');
    const system = { ...stored, riskOwner: riskOwnerOf(snapshot, stored.id) };
    const method = requireRecord(snapshot, 'risk-methodology', assessment.methodologyId, 'riskAssessmentId');
    if (method.version !== assessment.methodologyVersion) {
      throw refuse(
        'residual',
        `risk assessment ${assessment.id} used ${method.id} ${assessment.methodologyVersion}, which is now ${method.version}; reassess before treating`,
      );
    }
    const treatment = validateTreatment(
      {
        ...file,
        kind: 'treatment',
        id: file.id ?? `tr-${systemId}-${file.riskId}`,
        systemId,
      },
      { assessment, method, system },
    );
    const before = snapshot.treatment.find((t) => t.id === treatment.id);
    const label = `${system.name} risk ${treatment.riskId}`;
    if (treatment.residualAcceptance && !before?.residualAcceptance) {
      // Acceptance is a decision of its own: recorded as a transition after the plan it accepts.
      const { residualAcceptance, ...plan } = treatment;
      return [
        ...(before ? [] : [writeOf('treatment', plan, { summary: planned(label, plan) })]),
        writeOf('treatment', treatment, {
          action: 'transition',
          summary: `${label}: residual ${treatment.residual.level} accepted by risk owner ${residualAcceptance.acceptedBy}`,
        }),
      ];
    }
    if (before && before.status !== treatment.status) {
      return [
        writeOf('treatment', treatment, {
          action: 'transition',
          summary: `${label}: treatment ${treatment.id} ${before.status} → ${treatment.status}`,
        }),
      ];
    }
    return [writeOf('treatment', treatment, { summary: planned(label, treatment) })];
  },
};

const planned = (label: string, t: Draft<'treatment'>) =>
  `${label}: ${t.option} with ${[...t.annexAControls, ...(t.extraControls ?? [])].join(', ') || 'no controls'}, residual ${t.residual.level}`;
