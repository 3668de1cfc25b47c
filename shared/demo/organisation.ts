// The embedded example organisation: Harbor Mutual, a mid-size insurer preparing for
// ISO/IEC 42001 certification. Its AIMS is documented and mostly running, with three
// realistic gaps an auditor would find: a system without an impact assessment, a model
// swap whose reassessment is overdue, and an open internal-audit finding.
import type { Draft, RecordKind } from '../model';
import { auditChecklist } from '../processes/internal-audit';
import { snapshotOf } from '../processes/snapshot';
import { buildSoa } from '../processes/soa';
import { sha256Hex } from '../register/hash';
import { addDays, atNoon } from './dates';

export type DemoDraft = { [K in RecordKind]: Draft<K> & { kind: K } }[RecordKind];

export const DEMO_ORGANISATION = 'Harbor Mutual';

export const DEMO_PEOPLE = {
  ciso: 'maya.chen@harbormutual.example',
  riskLead: 'omar.haddad@harbormutual.example',
  privacy: 'lena.fischer@harbormutual.example',
  auditor: 'raj.patel@harbormutual.example',
  coo: 'grace.okafor@harbormutual.example',
  claimsLead: 'tom.reyes@harbormutual.example',
  serviceLead: 'ana.silva@harbormutual.example',
  underwriting: 'ben.walsh@harbormutual.example',
  fraudLead: 'nina.kowalski@harbormutual.example',
  opsLead: 'sam.ito@harbormutual.example',
} as const;

/** The planted gaps, by system id, so tests and the summary can name them. */
export const DEMO_GAPS = {
  missingImpactAssessment: 'sys-doc-extraction',
  overdueReassessment: 'sys-support-assistant',
  openFindingSystem: 'sys-fraud-scoring',
} as const;

const approved = (by: string, on: string) => ({
  state: 'approved' as const,
  approvedBy: by,
  approvedAt: atNoon(on),
});

interface SystemSpec {
  id: string;
  name: string;
  purpose: string;
  owner: string;
  riskOwner: string;
  models: Array<{ id: string; provider: string; pinning: 'snapshot' | 'version' | 'hash' | 'floating' }>;
  datasets: Array<{
    id: string;
    sensitivity: 'public' | 'internal' | 'confidential' | 'personal' | 'special-category';
  }>;
  repo: string;
  sensitivity: 'internal' | 'confidential' | 'personal' | 'special-category';
  tier: 'standard' | 'sensitive' | 'restricted';
  autonomy: 'human-in-the-loop' | 'human-on-the-loop' | 'autonomous';
}

const P = DEMO_PEOPLE;

const SYSTEMS: SystemSpec[] = [
  {
    id: 'sys-claims-triage',
    name: 'Claims triage',
    purpose: 'Routes incoming motor and home claims to the right handling queue and flags complex ones',
    owner: P.claimsLead,
    riskOwner: P.claimsLead,
    models: [{ id: 'claims-triage-xgb-3.2', provider: 'xgboost', pinning: 'version' }],
    datasets: [{ id: 'claims-history-2019-2025', sensitivity: 'personal' }],
    repo: 'harbor-mutual/claims-triage',
    sensitivity: 'personal',
    tier: 'sensitive',
    autonomy: 'human-on-the-loop',
  },
  {
    id: 'sys-support-assistant',
    name: 'Customer support assistant',
    purpose: 'Drafts answers to policyholder questions in web chat for agents to approve',
    owner: P.serviceLead,
    riskOwner: P.serviceLead,
    models: [{ id: 'gpt-4.1', provider: 'azure-openai', pinning: 'floating' }],
    datasets: [{ id: 'policy-wording-kb', sensitivity: 'internal' }],
    repo: 'harbor-mutual/support-assistant',
    sensitivity: 'personal',
    tier: 'sensitive',
    autonomy: 'human-in-the-loop',
  },
  {
    id: 'sys-underwriting-score',
    name: 'Underwriting risk score',
    purpose: 'Scores small-business applications to set the referral level for underwriters',
    owner: P.underwriting,
    riskOwner: P.underwriting,
    models: [{ id: 'uw-gbm-2025-09', provider: 'scikit-learn', pinning: 'snapshot' }],
    datasets: [{ id: 'sme-applications-2018-2025', sensitivity: 'confidential' }],
    repo: 'harbor-mutual/underwriting-score',
    sensitivity: 'confidential',
    tier: 'restricted',
    autonomy: 'human-in-the-loop',
  },
  {
    id: 'sys-fraud-scoring',
    name: 'Fraud scoring',
    purpose: 'Scores each paid claim for fraud indicators and queues high scores for investigation',
    owner: P.fraudLead,
    riskOwner: P.fraudLead,
    models: [{ id: 'fraud-gnn-1.4', provider: 'pytorch', pinning: 'hash' }],
    datasets: [{ id: 'claims-network-graph', sensitivity: 'personal' }],
    repo: 'harbor-mutual/fraud-scoring',
    sensitivity: 'special-category',
    tier: 'restricted',
    autonomy: 'human-in-the-loop',
  },
  {
    id: 'sys-doc-extraction',
    name: 'Claims document extraction',
    purpose: 'Extracts fields from invoices, repair estimates and medical reports attached to claims',
    owner: P.opsLead,
    riskOwner: P.opsLead,
    models: [
      { id: 'anthropic.claude-3-5-sonnet-20240620-v1:0', provider: 'aws-bedrock', pinning: 'version' },
    ],
    datasets: [{ id: 'claims-attachments', sensitivity: 'special-category' }],
    repo: 'harbor-mutual/doc-extraction',
    sensitivity: 'special-category',
    tier: 'sensitive',
    autonomy: 'human-on-the-loop',
  },
];

/** A short fingerprint of a system's components, compared to spot change since approval. */
export function componentFingerprint(models: ReadonlyArray<{ id: string; provider: string }>): string {
  return models
    .map((m) => `${m.provider}:${m.id}`)
    .sort()
    .join('|');
}

function systemRecords(s: SystemSpec, today: string): DemoDraft[] {
  return [
    {
      kind: 'ai-system',
      id: s.id,
      name: s.name,
      purpose: s.purpose,
      owner: s.owner,
      riskOwner: s.riskOwner,
      lifecycleStage: 'operation',
      deploymentStatus: 'production',
      inventoryState: 'confirmed',
      inScope: true,
      scopeJustification: 'Production system affecting policyholders or claims decisions',
      components: [
        ...s.models.map((m) => ({ kind: 'model' as const, ...m, resolvedFrom: 'literal' })),
        ...[...new Set(s.models.map((m) => m.provider))].map((id) => ({ kind: 'provider' as const, id })),
        ...s.datasets.map((d) => ({ kind: 'dataset' as const, ...d })),
      ],
      sources: [{ tool: 'github', url: `https://github.com/${s.repo}`, label: s.repo }],
      discoveryRoot: '.',
      lastSeen: today,
      tags: [],
    },
    {
      kind: 'role-assignment',
      id: `role-risk-owner-${s.id}`,
      role: 'risk-owner',
      person: s.riskOwner,
      systemId: s.id,
      communicated: true,
    },
    {
      kind: 'role-assignment',
      id: `role-system-owner-${s.id}`,
      role: 'system-owner',
      person: s.owner,
      systemId: s.id,
      communicated: true,
    },
  ];
}

function governanceRecords(today: string): DemoDraft[] {
  const policyDay = addDays(today, -200);
  const docs: DemoDraft[] = [
    ['doc-aims-scope', 'scope', 'AIMS scope statement', '1.2', ['4.3']],
    ['doc-ai-policy', 'ai-policy', 'Responsible AI policy', '2.0', ['5.2']],
    [
      'doc-risk-method',
      'risk-methodology',
      'AI risk assessment and treatment procedure',
      '1.1',
      ['6.1.2', '6.1.3'],
    ],
    ['doc-impact-method', 'impact-methodology', 'AI system impact assessment procedure', '1.0', ['6.1.4']],
    ['doc-audit-procedure', 'procedure', 'Internal audit procedure', '1.0', ['9.2']],
    ['doc-ai-objectives', 'objectives', 'AI objectives 2026', '1.0', ['6.2']],
  ].map(([id, docType, title, version, clauses]) => ({
    kind: 'document' as const,
    id: id as string,
    docType: docType as 'scope',
    title: title as string,
    version: version as string,
    clauses: clauses as string[],
    approval: approved(P.coo, policyDay),
    owner: P.ciso,
    nextReview: addDays(policyDay, 365),
    location: {
      tool: 'sharepoint' as const,
      url: `https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/${id as string}.docx`,
    },
  }));
  const roles: DemoDraft[] = (
    [
      ['aims-owner', P.ciso],
      ['risk-assessment-owner', P.riskLead],
      ['impact-assessment-owner', P.privacy],
      ['internal-audit-owner', P.auditor],
      ['management-review-owner', P.coo],
    ] as const
  ).map(([role, person]) => ({
    kind: 'role-assignment',
    id: `role-${role}`,
    role,
    person,
    communicated: true,
  }));
  return [
    ...docs,
    ...roles,
    {
      kind: 'risk-methodology',
      id: 'risk-method',
      version: '1.1',
      likelihood: [
        { value: 1, label: 'Rare', meaning: 'Not expected within five years' },
        { value: 2, label: 'Unlikely', meaning: 'Could happen once in five years' },
        { value: 3, label: 'Possible', meaning: 'Could happen once in two years' },
        { value: 4, label: 'Likely', meaning: 'Expected within a year' },
        { value: 5, label: 'Almost certain', meaning: 'Expected several times a year' },
      ],
      impact: [
        { value: 1, label: 'Negligible', meaning: 'No lasting effect on anyone' },
        { value: 2, label: 'Minor', meaning: 'Inconvenience, quickly corrected' },
        { value: 3, label: 'Moderate', meaning: 'Financial or service harm to some customers' },
        { value: 4, label: 'Major', meaning: 'Unfair outcomes or regulatory breach for many' },
        { value: 5, label: 'Severe', meaning: 'Serious harm to individuals or society; licence at stake' },
      ],
      dimensions: ['organisation', 'individuals', 'society'],
      bands: [
        { name: 'low', min: 1, max: 4, acceptable: true, responseDays: 180 },
        { name: 'medium', min: 5, max: 9, acceptable: true, responseDays: 90 },
        { name: 'high', min: 10, max: 16, acceptable: false, responseDays: 30 },
        { name: 'critical', min: 17, max: 25, acceptable: false, responseDays: 7 },
      ],
      appetite: 'Risks rated high or critical for individuals are never accepted without treatment.',
      reassessmentIntervalDays: 365,
      overdueAfterDays: 30,
      approval: approved(P.coo, policyDay),
    },
    {
      kind: 'impact-template',
      id: 'impact-template',
      title: 'AI system impact assessment',
      version: '2.0',
      sections: [
        {
          id: 'scope',
          title: 'Scope',
          element: '6.2',
          prompt: 'What the assessment covers and excludes',
          required: true,
        },
        {
          id: 'system',
          title: 'System information',
          element: '6.3',
          prompt: 'Purpose, intended and unintended uses',
          required: true,
        },
        {
          id: 'data',
          title: 'Data and quality',
          element: '6.4',
          prompt: 'Data per lifecycle stage and its sensitivity',
          required: true,
        },
        {
          id: 'parties',
          title: 'Interested parties',
          element: '6.7',
          prompt: 'Who is affected or has a stake',
          required: true,
        },
        {
          id: 'impacts',
          title: 'Impacts',
          element: '6.8',
          prompt: 'Benefits and harms, likelihood and severity',
          required: true,
        },
        {
          id: 'measures',
          title: 'Measures',
          element: '6.9',
          prompt: 'How harms are reduced and benefits kept',
          required: true,
        },
      ],
      thresholds: [
        { tier: 'restricted', when: 'Decides eligibility, price or fraud suspicion for an individual' },
        { tier: 'sensitive', when: 'Processes personal or special-category data, or talks to customers' },
        { tier: 'standard', when: 'Anything else' },
      ],
      approval: approved(P.coo, policyDay),
    },
  ];
}

function assessmentRecords(s: SystemSpec, today: string): DemoDraft[] {
  const assessed = addDays(today, -120);
  const isSwapped = s.id === DEMO_GAPS.overdueReassessment;
  // The support assistant was assessed on gpt-4o; the swap to gpt-4.1 came later.
  const assessedModels = isSwapped ? [{ ...s.models[0]!, id: 'gpt-4o' }] : s.models;
  const records: DemoDraft[] = [
    {
      kind: 'risk-assessment',
      id: `ra-${s.id}-1`,
      systemId: s.id,
      assessedOn: assessed,
      assessor: P.riskLead,
      methodologyId: 'risk-method',
      methodologyVersion: '1.1',
      systemSnapshot: {
        components: assessedModels.map((m) => ({ kind: 'model' as const, ...m })),
        lifecycleStage: 'operation',
      },
      impactAssessmentId: s.id === DEMO_GAPS.missingImpactAssessment ? undefined : `ia-${s.id}-1`,
      risks: [
        {
          id: 'r1',
          title: 'Unfair outcomes for a group of customers',
          description: 'Model errors concentrate on one customer group',
          source: 'impact-assessment',
          likelihood: 3,
          consequences: { organisation: 3, individuals: 4, society: 2 },
          score: 12,
          level: 'high',
          acceptable: false,
          priority: 1,
        },
        {
          id: 'r2',
          title: 'Silent quality drift after a data or model change',
          description: 'Accuracy drops without anyone noticing',
          source: 'workshop',
          likelihood: 3,
          consequences: { organisation: 3, individuals: 2, society: 1 },
          score: 9,
          level: 'medium',
          acceptable: true,
          priority: 2,
        },
      ],
      cause: 'initial',
      approval: approved(s.riskOwner, assessed),
    },
    {
      kind: 'treatment',
      id: `tr-${s.id}-r1`,
      systemId: s.id,
      riskAssessmentId: `ra-${s.id}-1`,
      riskId: 'r1',
      option: 'mitigate',
      annexAControls: ['A.6.2.4', 'A.6.2.6', 'A.7.4'],
      extraControls: [],
      plan: 'Quarterly fairness tests per customer segment; human review of every adverse outcome',
      planOwner: s.owner,
      dueOn: addDays(assessed, 60),
      status: 'implemented',
      residual: { likelihood: 2, impact: 3, level: 'medium' },
      residualAcceptance: { acceptedBy: s.riskOwner, acceptedAt: atNoon(addDays(assessed, 2)) },
    },
  ];
  if (s.id !== DEMO_GAPS.missingImpactAssessment) {
    records.push({
      kind: 'impact-assessment',
      id: `ia-${s.id}-1`,
      systemId: s.id,
      templateId: 'impact-template',
      templateVersion: '2.0',
      assessor: P.privacy,
      assessedOn: addDays(assessed, -7),
      scope: `${s.name} in production, all channels`,
      purpose: s.purpose,
      intendedUses: [s.purpose],
      unintendedUses: ['Fully automated decisions without human review'],
      dataByStage: [
        { stage: 'development', data: s.datasets.map((d) => d.id).join(', '), sensitivity: s.sensitivity },
        { stage: 'operation', data: 'Live customer and claim records', sensitivity: s.sensitivity },
      ],
      complexity: { autonomy: s.autonomy, operationalComplexity: 'medium' },
      interestedParties: ['Policyholders', 'Claims handlers', 'Regulator'],
      impacts: [
        {
          id: 'i1',
          affected: 'individuals',
          description: 'A customer is treated less favourably because of a model error',
          nature: 'harm',
          likelihood: 3,
          severity: 4,
          measures: ['Human review of adverse outcomes', 'Segment fairness tests'],
        },
        {
          id: 'i2',
          affected: 'individuals',
          description: 'Faster, more consistent handling',
          nature: 'benefit',
          likelihood: 4,
          severity: 3,
          measures: [],
        },
      ],
      thresholdTier: s.tier,
      systemFingerprint: componentFingerprint(assessedModels),
      cause: 'initial',
      approval: approved(s.riskOwner, addDays(assessed, -5)),
      nextReview: addDays(assessed, 365),
    });
  }
  return records;
}

/** Evidence the internal audit sampled: each item pinned to the exact version it was captured at. */
function auditEvidence(audited: string): DemoDraft[] {
  const item = (
    id: string,
    title: string,
    source: { tool: 'github' | 'jira' | 'sharepoint'; url: string; version: string },
    tags: { clauses?: string[]; controls?: string[]; systemIds?: string[] },
    freshForDays?: number,
  ): DemoDraft => ({
    kind: 'evidence',
    id,
    title,
    sourceTool: source.tool,
    url: source.url,
    pinnedVersion: source.version,
    // The demo has no real files; the hash stands for the captured content at that version.
    contentHash: sha256Hex(`${source.url}@${source.version}`),
    capturedAt: atNoon(audited),
    clauses: tags.clauses ?? [],
    controls: tags.controls ?? [],
    systemIds: tags.systemIds ?? [],
    ...(freshForDays ? { freshForDays } : {}),
  });
  const sp = (name: string) => `https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/${name}`;
  return [
    item(
      'ev-fraud-logging-config',
      'Inference log retention setting of Fraud scoring',
      {
        tool: 'github',
        url: 'https://github.com/harbor-mutual/fraud-scoring/blob/3f9d2c41a7b8e6f0d1c2b3a4958677e8f9a0b1c2/deploy/logging.yaml',
        version: '3f9d2c41a7b8e6f0d1c2b3a4958677e8f9a0b1c2',
      },
      { clauses: ['8.1'], controls: ['A.6.2.8'], systemIds: [DEMO_GAPS.openFindingSystem] },
      180,
    ),
    item(
      'ev-claims-triage-model-card',
      'Claims triage model card',
      {
        tool: 'github',
        url: 'https://github.com/harbor-mutual/claims-triage/blob/8a1b2c3d4e5f60718293a4b5c6d7e8f901234567/docs/model-card.md',
        version: '8a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      },
      { controls: ['A.6.2.7', 'A.8.2'], systemIds: ['sys-claims-triage'] },
      365,
    ),
    item(
      'ev-monitoring-report-2026-q3',
      'Model performance and drift monitoring report, Q3 2026',
      { tool: 'sharepoint', url: sp('monitoring-report-2026-q3.pdf'), version: '4.0' },
      { clauses: ['9.1'], controls: ['A.6.2.6'], systemIds: SYSTEMS.map((s) => s.id) },
      120,
    ),
    item(
      'ev-fairness-tests-2026-q3',
      'Quarterly segment fairness test results',
      { tool: 'jira', url: 'https://harbormutual.atlassian.net/browse/AIMS-142', version: 'changelog-20931' },
      { controls: ['A.6.2.4', 'A.7.4'], systemIds: ['sys-claims-triage', 'sys-underwriting-score', 'sys-fraud-scoring'] },
      120,
    ),
    item(
      'ev-ai-training-records-2026',
      'Responsible AI training completion records 2026',
      { tool: 'sharepoint', url: sp('ai-training-records-2026.xlsx'), version: '12.0' },
      { clauses: ['7.2'], controls: ['A.4.6'] },
      365,
    ),
    item(
      'ev-audit-report-2026-1',
      'Internal audit report audit-2026-1',
      { tool: 'sharepoint', url: sp('internal-audit-report-2026-1.pdf'), version: '1.0' },
      { clauses: ['9.2.2'] },
    ),
  ];
}

function auditAndReviewRecords(today: string): DemoDraft[] {
  const audited = addDays(today, -30);
  // Restricted and sensitive-data systems sampled this cycle, as the programme says.
  const sampled = ['sys-claims-triage', 'sys-underwriting-score', 'sys-fraud-scoring'];
  const scope = { clauses: ['6.1.2', '8.2', '8.4', '9.1'], controls: ['A.6.2.6', 'A.6.2.8'] };
  const sampledEvidence: Record<string, string[]> = {
    '9.1': ['ev-monitoring-report-2026-q3'],
    'A.6.2.6': ['ev-monitoring-report-2026-q3'],
    'A.6.2.8': ['ev-fraud-logging-config'],
    '8.2': sampled.map((id) => `ra-${id}-1`),
    '8.4': sampled.map((id) => `ia-${id}-1`),
    '6.1.2': ['risk-method'],
  };
  return [
    ...auditEvidence(audited),
    {
      kind: 'audit-programme',
      id: 'audit-programme-2026',
      title: 'AIMS internal audit programme 2026',
      frequencyMonths: 12,
      methods: ['document-review', 'interview', 'sampling'],
      responsible: P.auditor,
      criteria: ['ISO/IEC 42001:2023', 'Responsible AI policy 2.0'],
      considerations: 'Restricted-tier systems are sampled every cycle',
    },
    {
      kind: 'audit',
      id: 'audit-2026-1',
      programmeId: 'audit-programme-2026',
      title: 'First full AIMS internal audit',
      scope: { ...scope, systemIds: sampled },
      criteria: ['ISO/IEC 42001:2023'],
      auditors: [P.auditor],
      plannedOn: addDays(audited, -14),
      completedOn: audited,
      status: 'reported',
      // The questions come from the standard data; the results are the auditor's.
      checklist: auditChecklist(scope).map((item) => ({
        ...item,
        result: item.ref === 'A.6.2.8' ? 'nonconforming' : 'conforming',
        evidenceIds: sampledEvidence[item.ref] ?? [],
      })),
      reportedTo: P.coo,
    },
    {
      kind: 'finding',
      id: 'finding-2026-1-1',
      auditId: 'audit-2026-1',
      grade: 'minor-nc',
      ref: 'A.6.2.8',
      systemId: DEMO_GAPS.openFindingSystem,
      statement: 'Fraud scoring keeps inference logs for 7 days; the policy requires 12 months',
      evidenceIds: ['ev-fraud-logging-config'],
      status: 'action-planned',
    },
    {
      kind: 'corrective-action',
      id: 'ca-2026-1-1',
      findingId: 'finding-2026-1-1',
      rootCause: 'Log retention was copied from a development template',
      action: 'Set retention to 12 months and add a deployment check',
      owner: P.fraudLead,
      dueOn: addDays(today, 14),
      status: 'open',
    },
    {
      kind: 'management-review',
      id: 'mr-2026-1',
      heldOn: addDays(today, -10),
      chair: P.coo,
      attendees: [P.coo, P.ciso, P.riskLead, P.auditor],
      inputs: {
        previousActions: ['None: first review'],
        contextChanges: ['Regulator guidance on AI in claims handling'],
        performance: ['5 production systems in scope', '1 minor nonconformity from the internal audit'],
        auditResults: ['audit-2026-1: 1 minor NC (A.6.2.8)'],
        opportunities: ['Automate model-change detection in pull requests'],
      },
      decisions: [
        {
          id: 'd1',
          topic: 'improvement',
          decision: 'Adopt automated model-change triggers for every AI repository',
          actionOwner: P.ciso,
          dueOn: addDays(today, 60),
          status: 'open',
        },
      ],
      nextReviewOn: addDays(today, 170),
    },
  ];
}

/** Harbor Mutual provides no AI system to customers, so this control is excluded (with approval). */
const EXCLUDED_CONTROLS: Record<string, string> = {
  'A.10.4':
    'Excluded: Harbor Mutual does not supply AI systems to customers; policyholders receive decisions, covered by A.8.2 and A.9.4.',
};

/**
 * The SoA as the AIMS owner would seed it: every control decided, justifications drafted from live
 * links (treatments naming the control, evidence tagged with it) where there are any.
 */
function soaRecords(today: string, others: readonly DemoDraft[]): DemoDraft[] {
  const decided = addDays(today, -150);
  return buildSoa(snapshotOf(others)).map((row) => {
    const excluded = EXCLUDED_CONTROLS[row.controlId];
    const linked = row.justificationSource === 'draft';
    return {
      kind: 'soa-entry' as const,
      id: `soa-${row.controlId}`,
      controlId: row.controlId,
      applicable: !excluded,
      justification:
        excluded ??
        (linked ? row.justification : `Included: applies to every AI system Harbor Mutual develops or operates (${row.title}).`),
      // The open internal-audit finding on event logs keeps A.6.2.8 partial until it is closed.
      status: excluded ? ('not-started' as const) : row.controlId === 'A.6.2.8' ? ('partial' as const) : ('implemented' as const),
      owner: P.ciso,
      riskIds: row.riskIds,
      treatmentIds: row.treatmentIds,
      evidenceIds: row.evidenceIds,
      approval: approved(P.coo, decided),
    };
  });
}

function triggerRecords(today: string): DemoDraft[] {
  return [
    {
      kind: 'trigger',
      id: 'trg-support-model-swap',
      systemId: DEMO_GAPS.overdueReassessment,
      type: 'model-changed',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      detail:
        'Pull request harbor-mutual/support-assistant#214 moved the chat deployment from gpt-4o to gpt-4.1',
      clauses: ['8.2', '8.4'],
      raisedOn: addDays(today, -45),
      source: { tool: 'github', ref: 'harbor-mutual/support-assistant#214' },
      status: 'open',
    },
  ];
}

/** The whole example organisation as drafts, dated relative to `today` (YYYY-MM-DD). */
export function demoOrganisation(today: string): { records: DemoDraft[] } {
  const records = [
    ...governanceRecords(today),
    ...SYSTEMS.flatMap((s) => systemRecords(s, today)),
    ...SYSTEMS.flatMap((s) => assessmentRecords(s, today)),
    ...triggerRecords(today),
    ...auditAndReviewRecords(today),
  ];
  return { records: [...records, ...soaRecords(today, records)] };
}

export const DEMO_SYSTEM_IDS = SYSTEMS.map((s) => s.id);
