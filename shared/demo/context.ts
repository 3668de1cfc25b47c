// Harbor Mutual's context (4.1) and interested parties (4.2), reviewed yearly by the AIMS owner.
import { addDays } from './dates';
import { DEMO_PEOPLE as P, type DemoDraft } from './people';

export function contextRecords(today: string): DemoDraft[] {
  const reviewedOn = addDays(today, -120);
  const nextReview = addDays(reviewedOn, 365);
  const issue = (
    id: string,
    nature: 'external' | 'internal',
    category: 'legal-regulatory' | 'market' | 'technology' | 'climate' | 'organisational',
    text: string,
    effect: string,
    relevant = true,
  ): DemoDraft => ({
    kind: 'context-issue',
    id,
    nature,
    category,
    issue: text,
    effect,
    relevant,
    owner: P.ciso,
    reviewedOn,
    nextReview,
  });
  return [
    issue(
      'ctx-eu-ai-act',
      'external',
      'legal-regulatory',
      'EU AI Act obligations for high-risk AI in insurance pricing and claims',
      'Underwriting and fraud scoring may fall under Annex III; drives the restricted tier and impact assessments',
    ),
    issue(
      'ctx-regulator-claims-guidance',
      'external',
      'legal-regulatory',
      "Insurance regulator's guidance on AI in claims handling (2026)",
      'Customers must be able to contest automated claim decisions; shapes redress in impact assessments',
    ),
    issue(
      'ctx-foundation-model-change',
      'external',
      'technology',
      'Hosted foundation models are retired and replaced on the provider’s schedule',
      'Model swaps must trigger reassessment; motivates automated model-change detection',
    ),
    issue(
      'ctx-climate',
      'external',
      'climate',
      'Climate change: more frequent flood and storm claims',
      'Relevant: claims triage and fraud scoring see shifting claim volumes and patterns after severe weather, so drift monitoring is tightened in storm season',
    ),
    issue(
      'ctx-data-science-team',
      'internal',
      'organisational',
      'A small central data-science team supports five business-owned AI systems',
      'Limits assessment capacity; system owners hold risk ownership and the team reviews',
    ),
  ];
}

export function interestedPartyRecords(today: string): DemoDraft[] {
  const reviewedOn = addDays(today, -120);
  const nextReview = addDays(reviewedOn, 365);
  return [
    {
      kind: 'interested-party',
      id: 'party-policyholders',
      name: 'Policyholders and claimants',
      nature: 'external',
      requirements: [
        {
          id: 'explain',
          requirement: 'Understand when AI affected a decision about them and how to contest it',
          addressed: true,
          addressedBy: ['A.8.2', 'A.9.4'],
        },
        {
          id: 'fair',
          requirement: 'Be treated fairly regardless of protected characteristics',
          addressed: true,
          addressedBy: ['A.6.2.4', 'A.7.4'],
        },
      ],
      changes: [
        {
          on: addDays(today, -40),
          change: 'Consumer group survey: policyholders expect a named human for disputed claim outcomes',
        },
      ],
      clauses: ['4.2'],
      owner: P.ciso,
      reviewedOn,
      nextReview,
    },
    {
      kind: 'interested-party',
      id: 'party-regulator',
      name: 'Insurance regulator',
      nature: 'external',
      requirements: [
        {
          id: 'governance',
          requirement: 'Documented governance and human oversight of AI in claims and underwriting',
          addressed: true,
          addressedBy: ['5.2', '5.3', 'A.9.2'],
        },
      ],
      changes: [],
      clauses: ['4.2'],
      owner: P.coo,
      reviewedOn,
      nextReview,
    },
    {
      kind: 'interested-party',
      id: 'party-claims-handlers',
      name: 'Claims handlers and underwriters',
      nature: 'internal',
      requirements: [
        {
          id: 'override',
          requirement: 'Be able to override a model recommendation and have the override logged',
          addressed: true,
          addressedBy: ['A.9.3'],
        },
        {
          id: 'training',
          requirement: 'Training on the limits of each AI system they use',
          addressed: true,
          addressedBy: ['7.2', '7.3'],
        },
      ],
      changes: [],
      clauses: ['4.2'],
      owner: P.opsLead,
      reviewedOn,
      nextReview,
    },
  ];
}
