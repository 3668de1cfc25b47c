// Harbor Mutual's monitoring and measurement plan (9.1) with results, and its continual improvement
// log (10.1). Each result is inside its line's cadence on the demo day.
import { addDays, atNoon } from './dates';
import { DEMO_PEOPLE as P, type DemoDraft } from './people';

export function monitoringRecords(today: string): DemoDraft[] {
  const approval = {
    state: 'approved' as const,
    approvedBy: P.coo,
    approvedAt: atNoon(addDays(today, -180)),
  };
  const line = (
    id: string,
    what: string,
    method: string,
    everyDays: number,
    target: string,
    clauses: string[],
    systemIds: string[] = [],
  ): DemoDraft => ({
    kind: 'monitoring-plan',
    id,
    what,
    method,
    everyDays,
    measuredBy: P.riskLead,
    analysedBy: P.ciso,
    target,
    clauses,
    systemIds,
    approval,
  });
  const result = (
    id: string,
    planId: string,
    daysAgo: number,
    value: string,
    meetsTarget: boolean,
    analysis: string,
  ): DemoDraft => ({
    kind: 'measurement',
    id,
    planId,
    measuredOn: addDays(today, -daysAgo),
    value,
    meetsTarget,
    analysis,
    evidenceIds: [],
  });
  return [
    line(
      'mon-fraud-precision',
      'Fraud scoring precision on investigated claims',
      'Share of queued claims confirmed as fraud by investigators, from the case system',
      30,
      '≥ 60 %',
      ['9.1', '6.2'],
      ['sys-fraud-scoring'],
    ),
    line(
      'mon-trigger-response',
      'Days from reassessment trigger to approved reassessment',
      'Computed from trigger and assessment records in the register',
      90,
      '≤ 30 days for every trigger',
      ['9.1', '8.2'],
    ),
    line(
      'mon-objectives',
      'Progress on AI objectives 2026',
      'Objective owners report against each objective’s measure',
      90,
      'Every objective on track',
      ['9.1', '6.2'],
    ),
    result(
      'meas-fraud-precision-2026-11',
      'mon-fraud-precision',
      12,
      '64 %',
      true,
      'Stable after storm-season retraining; no action',
    ),
    result(
      'meas-trigger-response-2026-q4',
      'mon-trigger-response',
      6,
      'The support assistant model swap has waited 39 days for its reassessment',
      false,
      'Misses target: capacity risk aimsrisk-assessment-capacity confirmed; raised as improvement imp-2026-2',
    ),
    result(
      'meas-objectives-2026-q3',
      'mon-objectives',
      60,
      '4 of 5 on track',
      false,
      'Training objective behind',
    ),
  ];
}

export function improvementRecords(today: string): DemoDraft[] {
  return [
    {
      kind: 'improvement',
      id: 'imp-2026-1',
      source: 'internal-audit',
      sourceRef: 'audit-2026-1',
      raisedOn: addDays(today, -30),
      description: 'Automate model-change detection in pull requests',
      decision: {
        outcome: 'adopted',
        decidedOn: addDays(today, -10),
        decidedBy: P.coo,
        rationale: 'Management review mr-2026-1 decision d1; funded in lead-2026-triggers',
      },
      owner: P.ciso,
      status: 'in-progress',
    },
    {
      kind: 'improvement',
      id: 'imp-2026-2',
      source: 'monitoring',
      sourceRef: 'meas-trigger-response-2026-q4',
      raisedOn: addDays(today, -5),
      description: 'Book reassessments into a shared queue the day a trigger is raised',
      owner: P.riskLead,
      status: 'raised',
    },
  ];
}
