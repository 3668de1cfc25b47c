// Harbor Mutual's support records: resources (7.1), awareness (7.3) and the communication plan (7.4).
import { addDays } from './dates';
import { DEMO_PEOPLE as P, type DemoDraft } from './people';

export function supportRecords(today: string): DemoDraft[] {
  const reviewedOn = addDays(today, -90);
  const nextReview = addDays(reviewedOn, 365);
  const resource = (
    id: string,
    category: 'people' | 'expertise' | 'compute' | 'data' | 'tooling' | 'budget',
    description: string,
    systemIds: string[] = [],
  ): DemoDraft => ({
    kind: 'resource',
    id,
    category,
    description,
    systemIds,
    owner: P.ciso,
    reviewedOn,
    nextReview,
  });
  return [
    resource('res-ai-governance-team', 'people', 'AI governance lead and two risk analysts (2.5 FTE)'),
    resource(
      'res-fairness-expertise',
      'expertise',
      'External fairness testing partner under framework contract',
    ),
    resource('res-ml-platform', 'compute', 'Managed ML platform for training and batch scoring', [
      'sys-claims-triage',
      'sys-underwriting-score',
      'sys-fraud-scoring',
    ]),
    resource('res-aims-budget-2026', 'budget', 'AIMS budget 2026, including certification fees'),
    {
      kind: 'awareness',
      id: 'aware-2026-policy',
      topics: ['ai-policy', 'contribution', 'nonconformance-implications'],
      audience: 'Everyone who builds, operates or relies on the five AI systems',
      method: 'Live briefing by the COO, then a 20-minute e-learning module with a quiz',
      deliveredOn: addDays(today, -190),
      reached: 212,
      audienceSize: 224,
      owner: P.ciso,
      nextOn: addDays(today, 175),
    },
    {
      kind: 'communication',
      id: 'comm-aims-newsletter',
      what: 'AIMS status: open triggers, assessments due, audit results',
      direction: 'internal',
      withWhom: 'System owners and the data-science team',
      how: 'Intranet newsletter',
      everyDays: 90,
      owner: P.ciso,
      lastOn: addDays(today, -35),
    },
    {
      kind: 'communication',
      id: 'comm-customer-ai-notice',
      what: 'Which claims steps use AI and how to ask for a person',
      direction: 'external',
      withWhom: 'Policyholders and claimants',
      how: 'Notice on the claims portal and in claim acknowledgement letters',
      everyDays: 365,
      owner: P.claimsLead,
      lastOn: addDays(today, -150),
    },
  ];
}
