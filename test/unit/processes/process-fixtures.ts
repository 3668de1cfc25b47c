// Records for process tests: parsed through their schemas so defaults apply as in the register.
import { RECORD_SCHEMAS, Refusal, type Draft, type RecordKind, type RecordOf } from '../../../shared/model';
import {
  planImpactAssessment,
  type ImpactAssessmentInput,
} from '../../../shared/processes/impact-assessment';
import { approveRiskAssessment, planRiskAssessment } from '../../../shared/processes/risk-assessment';
import { triggerDraft } from '../../../shared/processes/trigger-lifecycle';
import { defaultRiskMethodology, type RiskInput } from '../../../shared/processes/risk-method';
import { snapshotOf, type RegisterSnapshot } from '../../../shared/processes/snapshot';
import { systemDraft } from '../../support/builders';

export const TODAY = '2026-11-28';
export const OWNER = 'olga@example.com';
export const RISK_OWNER = 'rita@example.com';
export const ASSESSOR = 'ali@example.com';

const META = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'test',
  updatedBy: 'test',
  revision: 1,
};

export function rec<K extends RecordKind>(kind: K, draft: Draft<K>): RecordOf<K> {
  return RECORD_SCHEMAS[kind].parse({ ...draft, ...META, kind }) as RecordOf<K>;
}

export const approvedBy = (who: string, day = '2026-01-02') => ({
  state: 'approved' as const,
  approvedBy: who,
  approvedAt: `${day}T12:00:00.000Z`,
});

export const method = (overrides: Partial<Draft<'risk-methodology'>> = {}) =>
  rec('risk-methodology', {
    ...defaultRiskMethodology({ approval: approvedBy('ceo@example.com') }),
    ...overrides,
  });

export const system = (overrides: Partial<Draft<'ai-system'>> = {}) =>
  rec('ai-system', systemDraft({ owner: OWNER, riskOwner: RISK_OWNER, ...overrides }));

export const template = (overrides: Partial<Draft<'impact-template'>> = {}) =>
  rec('impact-template', {
    kind: 'impact-template',
    id: 'impact-template',
    title: 'AI system impact assessment',
    version: '2.0',
    sections: [
      { id: 'scope', title: 'Scope', element: '6.2', prompt: 'What it covers', required: true },
      {
        id: 'system',
        title: 'System information',
        element: '6.3',
        prompt: 'Purpose and uses',
        required: true,
      },
      { id: 'data', title: 'Data', element: '6.4', prompt: 'Data per stage', required: true },
      { id: 'parties', title: 'Interested parties', element: '6.7', prompt: 'Who', required: true },
      { id: 'impacts', title: 'Impacts', element: '6.8', prompt: 'Benefits and harms', required: true },
      { id: 'measures', title: 'Measures', element: '6.9', prompt: 'Measures', required: true },
      { id: 'redress', title: 'Redress', prompt: 'How a person contests an outcome', required: true },
    ],
    thresholds: [
      { tier: 'restricted', when: 'Severe harm possible', rule: { harmSeverityAtLeast: 5 } },
      {
        tier: 'sensitive',
        when: 'Personal data or autonomy',
        rule: { dataSensitivityAtLeast: 'personal', autonomyAtLeast: 'autonomous' },
      },
      { tier: 'standard', when: 'Anything else' },
    ],
    approval: approvedBy('ceo@example.com'),
    ...overrides,
  });

const STAGES = ['design', 'development', 'verification', 'deployment', 'operation', 'retirement'] as const;

export function impactInput(overrides: Partial<ImpactAssessmentInput> = {}): ImpactAssessmentInput {
  return {
    scope: 'Support bot in production',
    purpose: 'Answers customer questions',
    intendedUses: ['Answering questions about orders'],
    unintendedUses: ['Giving legal advice'],
    dataByStage: STAGES.map((stage) => ({ stage, data: `${stage} data`, sensitivity: 'internal' as const })),
    complexity: { autonomy: 'human-in-the-loop', operationalComplexity: 'low' },
    interestedParties: ['Customers'],
    impacts: [
      {
        id: 'i1',
        affected: 'individuals',
        description: 'A customer gets a wrong answer',
        nature: 'harm',
        likelihood: 3,
        severity: 3,
        measures: ['Links to the source page'],
      },
    ],
    answers: { redress: 'Customers can ask for a person at any time' },
    ...overrides,
  };
}

export const roles = () => [
  rec('role-assignment', {
    kind: 'role-assignment',
    id: 'r-risk',
    role: 'risk-assessment-owner',
    person: ASSESSOR,
    communicated: true,
  }),
  rec('role-assignment', {
    kind: 'role-assignment',
    id: 'r-impact',
    role: 'impact-assessment-owner',
    person: 'ines@example.com',
    communicated: true,
  }),
  rec('role-assignment', {
    kind: 'role-assignment',
    id: 'r-audit',
    role: 'internal-audit-owner',
    person: 'aud@example.com',
    communicated: true,
  }),
  rec('role-assignment', {
    kind: 'role-assignment',
    id: 'r-review',
    role: 'management-review-owner',
    person: 'ceo@example.com',
    communicated: true,
  }),
];

/** A register snapshot with an approved methodology and template, the roles and one system. */
export function baseSnapshot(extra: ReadonlyArray<{ kind: RecordKind }> = []): RegisterSnapshot {
  return snapshotOf([method(), template(), ...roles(), system(), ...extra]);
}

export const approved = {
  state: 'approved' as const,
  approvedBy: RISK_OWNER,
  approvedAt: '2026-06-01T12:00:00.000Z',
};
export type ApprovalState = Draft<'risk-assessment'>['approval'];

export const riskAssessment = (
  id: string,
  assessedOn: string,
  approval: ApprovalState = approved,
  sys = system(),
) =>
  rec('risk-assessment', {
    ...planRiskAssessment(
      sys,
      method(),
      [
        {
          id: 'r1',
          title: 'Wrong answers',
          source: 'workshop',
          likelihood: 4,
          consequences: { individuals: 3 },
        },
      ],
      {
        assessor: ASSESSOR,
        today: assessedOn,
        cause: 'initial',
        id,
      },
    ),
    approval,
  });

export const impactAssessment = (
  id: string,
  assessedOn: string,
  approval: ApprovalState = approved,
  sys = system(),
) =>
  rec('impact-assessment', {
    ...planImpactAssessment(sys, template(), impactInput(), {
      assessor: ASSESSOR,
      today: assessedOn,
      cause: 'initial',
      id,
    }),
    approval,
  });

export const trigger = (id: string, raisedOn: string, overrides: Partial<Draft<'trigger'>> = {}) =>
  rec('trigger', {
    ...triggerDraft({
      id,
      systemId: 'sys-support-bot',
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      detail: 'swap',
      raisedOn,
      source: { tool: 'github', ref: 'acme/bot#1' },
    }),
    ...overrides,
  });

/** Wrong answers: likelihood 4 × individuals 3, score 12, 'high' under the default method — not acceptable. */
export const WRONG_ANSWERS: RiskInput = {
  id: 'wrong',
  title: 'Wrong answers',
  source: 'workshop',
  likelihood: 4,
  consequences: { individuals: 3 },
};

/**
 * Risk assessment ra-1 of the support bot over `risks`, run on 2026-06-01 by the assessor with the
 * default method and approved by the risk owner through the approval rule: what a treatment is planned on.
 */
export const approvedRiskAssessment = (risks: readonly RiskInput[] = [WRONG_ANSWERS]) =>
  rec(
    'risk-assessment',
    approveRiskAssessment(
      planRiskAssessment(system(), method(), risks, {
        assessor: ASSESSOR,
        today: '2026-06-01',
        cause: 'initial',
        id: 'ra-1',
      }),
      {
        snapshot: baseSnapshot(),
        system: system(),
        method: method(),
        approver: RISK_OWNER,
        at: '2026-06-01T12:00:00.000Z',
      },
    ),
  );

/** The Refusal `run` throws, as its field (when it names one) and reason; any other outcome fails the test. */
export function refusalOf(run: () => unknown): { field?: string; reason: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof Refusal)
      return { ...(error.field ? { field: error.field } : {}), reason: error.reason };
    throw error;
  }
  throw new Error('expected a Refusal, got none');
}
