// Harbor Mutual's leadership evidence (5.1), AIMS-level risks and opportunities (6.1.1) and planned
// changes to the AIMS (6.3). The commitment carries out decision d1 of management review mr-2026-1.
import { addDays, atNoon } from './dates';
import { DEMO_PEOPLE as P, type DemoDraft } from './people';

export function leadershipRecords(today: string): DemoDraft[] {
  return [
    {
      kind: 'leadership-commitment',
      id: 'lead-2026-policy',
      type: 'policy-endorsement',
      statement: 'Chief Operating Officer endorsed Responsible AI policy 2.0 at the all-staff briefing',
      by: P.coo,
      on: addDays(today, -195),
    },
    {
      kind: 'leadership-commitment',
      id: 'lead-2026-triggers',
      type: 'resource-commitment',
      statement: 'Funded automated model-change triggers for every AI repository, as decided in the review',
      by: P.coo,
      on: addDays(today, -8),
      reviewId: 'mr-2026-1',
      decisionId: 'd1',
      resources: '0.5 FTE platform engineer for one quarter',
    },
  ];
}

export function aimsRiskRecords(today: string): DemoDraft[] {
  return [
    {
      kind: 'aims-risk',
      id: 'aimsrisk-shadow-ai',
      type: 'risk',
      description: 'Teams adopt AI services outside the inventory, so the AIMS misses systems in scope',
      arisesFrom: ['ctx-foundation-model-change', 'ctx-data-science-team'],
      action: 'Scan every repository weekly for AI providers and models, and review new findings monthly',
      effectivenessMethod:
        'Count systems found by scan that were not in the inventory; target zero per quarter',
      owner: P.ciso,
      dueOn: addDays(today, -60),
      status: 'done',
      effectiveness: {
        checkedOn: addDays(today, -20),
        checkedBy: P.auditor,
        effective: true,
        note: 'No unknown system found in the last two monthly reviews',
      },
    },
    {
      kind: 'aims-risk',
      id: 'aimsrisk-assessment-capacity',
      type: 'risk',
      description: 'Reassessments after model swaps queue behind the small central team and run late',
      arisesFrom: ['ctx-data-science-team'],
      action: 'Train one assessor per business unit and book reassessments within the 30-day window',
      effectivenessMethod:
        'Share of reassessments approved within 30 days of their trigger (9.1 line mon-trigger-response)',
      owner: P.riskLead,
      dueOn: addDays(today, 45),
      status: 'in-progress',
    },
    {
      kind: 'aims-risk',
      id: 'aimsopp-regulator-readiness',
      type: 'opportunity',
      description: 'Certification gives the regulator ready evidence of AI governance in claims handling',
      arisesFrom: ['ctx-regulator-claims-guidance', 'party-regulator'],
      action: 'Share the certified scope and SoA with the regulator after Stage 2',
      effectivenessMethod:
        'Regulator queries on AI governance answered from the evidence pack without new work',
      owner: P.coo,
      dueOn: addDays(today, 200),
      status: 'planned',
    },
  ];
}

export function aimsChangeRecords(today: string): DemoDraft[] {
  return [
    {
      kind: 'aims-change',
      id: 'change-2026-triggers',
      title: 'Automated model-change triggers in every AI repository',
      purpose: 'Reassessment starts the day a model changes rather than at the next audit',
      consequences:
        'More triggers for the risk team; assessor capacity planned in aimsrisk-assessment-capacity',
      resources: 'Platform engineer, CI minutes',
      owner: P.ciso,
      plannedOn: addDays(today, 50),
      status: 'in-progress',
      approval: { state: 'approved', approvedBy: P.coo, approvedAt: atNoon(addDays(today, -8)) },
    },
  ];
}
