import { describe, expect, it } from 'vitest';
import {
  approveRiskAssessment,
  checkDerivedRisks,
  eventCauseOf,
  planRiskAssessment,
  risksFromImpactAssessment,
} from '../../../shared/processes/risk-assessment';
import type { RiskInput } from '../../../shared/processes/risk-method';
import { ASSESSOR, RISK_OWNER, TODAY, baseSnapshot, method, system } from './process-fixtures';

const inputs: RiskInput[] = [
  {
    id: 'leak',
    title: 'Personal data leaks in answers',
    source: 'workshop',
    likelihood: 2,
    consequences: { individuals: 4 },
  },
  {
    id: 'wrong',
    title: 'Wrong answers',
    source: 'impact-assessment',
    sourceRef: 'ia-1#i1',
    likelihood: 4,
    consequences: { organisation: 3, individuals: 3 },
  },
];
const options = { assessor: ASSESSOR, today: TODAY, cause: 'initial' };

describe('risk assessment (8.2)', () => {
  it('plans a draft with the component snapshot, evaluated risks with their source, and priorities', () => {
    const draft = planRiskAssessment(system(), method(), inputs, { ...options, impactAssessmentId: 'ia-1' });
    expect(draft).toMatchObject({
      kind: 'risk-assessment',
      id: `ra-sys-support-bot-${TODAY}`,
      systemId: 'sys-support-bot',
      assessedOn: TODAY,
      methodologyId: 'risk-method',
      methodologyVersion: '1.0',
      impactAssessmentId: 'ia-1',
      systemSnapshot: { components: system().components, lifecycleStage: 'operation' },
      approval: { state: 'draft' },
    });
    expect(draft.risks.map((r) => [r.id, r.source, r.score, r.level, r.acceptable, r.priority])).toEqual([
      ['leak', 'workshop', 8, 'medium', true, 2],
      ['wrong', 'impact-assessment', 12, 'high', false, 1],
    ]);
    expect(draft.risks[1]?.sourceRef).toBe('ia-1#i1');
  });

  it('refuses a system without a risk owner and an unapproved methodology', () => {
    expect(() => planRiskAssessment(system({ riskOwner: undefined }), method(), inputs, options)).toThrow(
      "field 'systemId': Support bot (sys-support-bot) has no risk owner; assign one before assessing its risks (5.3, 6.1.3)",
    );
    expect(() =>
      planRiskAssessment(system(), method({ approval: { state: 'in-review' } }), inputs, options),
    ).toThrow('risk methodology risk-method 1.0 is in-review, not approved');
    expect(() => planRiskAssessment(system(), method(), [], options)).toThrow(
      "field 'risks': identify at least one risk",
    );
  });

  it('carries impact-assessment harms over as risks rated against the group they affect', () => {
    const risks = risksFromImpactAssessment({
      id: 'ia-7',
      impacts: [
        {
          id: 'i1',
          affected: 'society',
          nature: 'harm',
          description: 'Trust in insurers drops',
          likelihood: 2,
          severity: 4,
        },
        {
          id: 'i2',
          affected: 'groups',
          nature: 'harm',
          description: 'One region priced up',
          likelihood: 3,
          severity: 5,
        },
        {
          id: 'i3',
          affected: 'individuals',
          nature: 'benefit',
          description: 'Faster',
          likelihood: 4,
          severity: 3,
        },
      ],
    });
    expect(risks).toEqual([
      {
        id: 'ia-i1',
        title: 'Trust in insurers drops',
        source: 'impact-assessment',
        sourceRef: 'ia-7#i1',
        likelihood: 2,
        consequences: { society: 4 },
      },
      {
        id: 'ia-i2',
        title: 'One region priced up',
        source: 'impact-assessment',
        sourceRef: 'ia-7#i2',
        likelihood: 3,
        consequences: { individuals: 5 },
      },
    ]);
  });

  it('insists that stated derived fields agree with the method, naming the field', () => {
    const draft = planRiskAssessment(system(), method(), inputs, options);
    expect(() => checkDerivedRisks([{}, { level: 'medium' }], draft.risks)).toThrow(
      `field 'risks[1].level': "medium" does not match the methodology, which gives "high"`,
    );
    expect(() =>
      checkDerivedRisks([{ score: 8, priority: 2 }, { acceptable: false }], draft.risks),
    ).not.toThrow();
  });

  it('is approved only by the risk owner or the risk-assessment owner, with the method it used', () => {
    const snapshot = baseSnapshot();
    const draft = planRiskAssessment(system(), method(), inputs, options);
    const context = { snapshot, system: system(), method: method(), at: `${TODAY}T10:00:00.000Z` };
    expect(approveRiskAssessment(draft, { ...context, approver: RISK_OWNER }).approval).toEqual({
      state: 'approved',
      approvedBy: RISK_OWNER,
      approvedAt: `${TODAY}T10:00:00.000Z`,
    });
    expect(approveRiskAssessment(draft, { ...context, approver: ASSESSOR }).approval.state).toBe('approved');
    expect(() => approveRiskAssessment(draft, { ...context, approver: 'mallory@example.com' })).toThrow(
      "field 'approvedBy': mallory@example.com may not approve risk assessments of Support bot",
    );
    expect(() =>
      approveRiskAssessment(draft, { ...context, method: method({ version: '2.0' }), approver: RISK_OWNER }),
    ).toThrow(
      "field 'methodologyVersion': assessment ra-sys-support-bot-2026-11-28 used risk-method 1.0, not risk-method 2.0",
    );
  });

  it('turns a run cause into an event cause', () => {
    expect(eventCauseOf('trg-12')).toBe('trigger:trg-12');
    expect(eventCauseOf('initial')).toBe('initial');
    expect(eventCauseOf('calendar')).toBe('calendar');
  });
});
