// The embedded example organisation: Harbor Mutual, a mid-size insurer preparing for
// ISO/IEC 42001 certification. Its AIMS is documented and mostly running, with three
// realistic gaps an auditor would find: a system without an impact assessment, a model
// swap whose reassessment is overdue, and an open internal-audit finding.
import { RECORD_SCHEMAS, type AnyRecord, type Draft } from '../model';
import { approveImpactAssessment, planImpactAssessment } from '../processes/impact-assessment';
import { currentMethodology, overdueAfterDays } from '../processes/reassessment';
import {
  approveRiskAssessment,
  highestLevel,
  planRiskAssessment,
  risksFromImpactAssessment,
} from '../processes/risk-assessment';
import { acceptResidual, planTreatment, recordEffectiveness } from '../processes/treatment';
import { applyTransitions, raiseTrigger } from '../processes/trigger-lifecycle';
import { latestApproved } from '../processes/versions';
import { draftOf, withWrite, writeOf, type RecordWrite } from '../processes/writes';
import type { RegisterSnapshot } from '../processes/snapshot';
import { auditChecklist } from '../processes/internal-audit';
import { snapshotOf } from '../processes/snapshot';
import { buildSoa } from '../processes/soa';
import { sha256Hex } from '../register/hash';
import { ANNEX_A_CONTROL_IDS } from '../standard';
import { defaultRiskMethodology } from '../processes/risk-method';
import { addDays, atNoon } from './dates';
import { DEMO_PEOPLE, type DemoDraft } from './people';

export { DEMO_ORGANISATION, DEMO_PEOPLE, type DemoDraft } from './people';
import { contextRecords, interestedPartyRecords } from './context';
import { controlEvidenceRecords } from './control-evidence';
import { improvementRecords, monitoringRecords } from './performance';
import { aimsChangeRecords, aimsRiskRecords, leadershipRecords } from './planning';
import { supportRecords } from './support';
import { DEMO_MODEL_FILES, DEMO_REPOSITORY, MODEL_SWAP_DAYS_AGO, type DemoModelFile } from './repository';

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
  /** As a scan of the repository reports them, sorted: a scan then confirms what was assessed. */
  providers: string[];
  models: Array<{
    id: string;
    provider: string;
    pinning: 'snapshot' | 'version' | 'hash' | 'floating';
    resolvedFrom: string;
    contentHash?: string;
  }>;
  datasets: Array<{
    id: string;
    sensitivity: 'public' | 'internal' | 'confidential' | 'personal' | 'special-category';
  }>;
  /** The system's folder in the AI monorepo (DEMO_REPOSITORY). */
  root: string;
  sensitivity: 'internal' | 'confidential' | 'personal' | 'special-category';
  tier: 'standard' | 'sensitive' | 'restricted';
  autonomy: 'human-in-the-loop' | 'human-on-the-loop' | 'autonomous';
}

const P = DEMO_PEOPLE;

/** A model kept in the repository with Git LFS: identified by its path, pinned by its hash. */
const lfsModel = (file: DemoModelFile) => ({
  id: file.path,
  provider: file.provider,
  pinning: 'hash' as const,
  resolvedFrom: 'file',
  contentHash: file.contentHash,
});

const SYSTEMS: SystemSpec[] = [
  {
    id: 'sys-claims-triage',
    name: 'Claims triage',
    purpose: 'Routes incoming motor and home claims to the right handling queue and flags complex ones',
    owner: P.claimsLead,
    riskOwner: P.claimsLead,
    providers: ['onnxruntime', 'xgboost'],
    models: [lfsModel(DEMO_MODEL_FILES.claimsTriage)],
    datasets: [{ id: 'claims-history-2019-2025', sensitivity: 'personal' }],
    root: 'apps/claims-triage',
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
    // Assessed on gpt-4o; the process run swaps it to gpt-4.1 and raises the trigger.
    providers: ['azure-openai'],
    models: [{ id: 'gpt-4o', provider: 'azure-openai', pinning: 'floating', resolvedFrom: 'literal' }],
    datasets: [{ id: 'policy-wording-kb', sensitivity: 'internal' }],
    root: 'apps/support-assistant',
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
    providers: ['scikit-learn'],
    models: [lfsModel(DEMO_MODEL_FILES.underwriting)],
    datasets: [{ id: 'sme-applications-2018-2025', sensitivity: 'confidential' }],
    root: 'apps/underwriting-score',
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
    providers: ['pytorch'],
    models: [lfsModel(DEMO_MODEL_FILES.fraudScoring)],
    datasets: [{ id: 'claims-network-graph', sensitivity: 'personal' }],
    root: 'apps/fraud-scoring',
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
    providers: ['aws-bedrock'],
    models: [
      {
        id: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        provider: 'aws-bedrock',
        pinning: 'version',
        resolvedFrom: 'literal',
      },
    ],
    datasets: [{ id: 'claims-attachments', sensitivity: 'special-category' }],
    root: 'apps/doc-extraction',
    sensitivity: 'special-category',
    tier: 'sensitive',
    autonomy: 'human-on-the-loop',
  },
];

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
      // In the order a scan merge writes them (providers, models, datasets), so a rescan changes nothing.
      components: [
        ...s.providers.map((id) => ({ kind: 'provider' as const, id })),
        ...s.models.map((m) => ({ kind: 'model' as const, ...m })),
        ...s.datasets.map((d) => ({ kind: 'dataset' as const, ...d })),
      ],
      sources: [{ tool: 'github', url: DEMO_REPOSITORY.url, label: `${DEMO_REPOSITORY.slug}/${s.root}` }],
      discoveryRoot: s.root,
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
    ['doc-soa', 'soa', 'Statement of Applicability', '3.0', ['6.1.3']],
    [
      'doc-competence-matrix',
      'competence-record',
      'AIMS competence matrix and training records',
      '1.3',
      ['7.2'],
    ],
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
    // The demo has no real files; the hash stands for the approved version's captured content (7.5.3).
    contentHash: sha256Hex(`${id as string}.docx@${version as string}`),
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
      ...defaultRiskMethodology({ version: '1.1', approval: approved(P.coo, policyDay) }),
      appetite: 'Risks rated high or critical for individuals are never accepted without treatment.',
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
        {
          tier: 'restricted',
          when: 'Decides eligibility, price or fraud suspicion for an individual',
          rule: { harmSeverityAtLeast: 5 },
        },
        {
          tier: 'sensitive',
          when: 'Processes personal or special-category data, or talks to customers',
          rule: { dataSensitivityAtLeast: 'personal', autonomyAtLeast: 'autonomous' },
        },
        { tier: 'standard', when: 'Anything else' },
      ],
      approval: approved(P.coo, policyDay),
    },
  ];
}

// ── The processes at work: assessments, treatments and the model change, run through the process rules ──

/** One dated step of the process run: its writes land in one transaction, each with its own event. */
export interface DemoProcessStep {
  on: string;
  systemId: string;
  /** One line for the demo's output. */
  headline: string;
  /** The transaction's cause; each write may name a more precise one. */
  cause: string;
  writes: RecordWrite[];
}

interface DemoRisk {
  id: string;
  title: string;
  likelihood: number;
  consequences: Partial<Record<'organisation' | 'individuals' | 'society', number>>;
  treat?: DemoTreatment;
}
interface DemoTreatment {
  controls: string[];
  plan: string;
  residual: [likelihood: number, impact: number];
  /** Still being implemented: due this many days after the demo's today. */
  dueInDays?: number;
}
interface DemoHarm {
  description: string;
  likelihood: number;
  severity: number;
  measures: string[];
  treat?: DemoTreatment;
}

// The doc-extraction system has no impact assessment: one of the planted gaps.
const ASSESSMENT_INPUTS: Record<string, { harm?: DemoHarm; risks: DemoRisk[] }> = {
  'sys-claims-triage': {
    harm: {
      description: 'A complex claim is routed to the fast-track queue and under-handled',
      likelihood: 2,
      severity: 4,
      measures: ['Handlers can re-route any claim', 'Weekly sample review of fast-track decisions'],
    },
    risks: [
      {
        id: 'drift',
        title: 'Routing quality drifts after a data change without anyone noticing',
        likelihood: 3,
        consequences: { organisation: 3, individuals: 2 },
      },
    ],
  },
  'sys-support-assistant': {
    harm: {
      description: 'A customer is given a wrong answer about their cover',
      likelihood: 4,
      severity: 3,
      measures: ['An agent approves every drafted answer', 'Answers cite the policy wording they rely on'],
      treat: {
        controls: ['A.9.2', 'A.8.2', 'A.6.2.6'],
        plan: 'Agent approval of every draft; monthly answer-quality sampling',
        residual: [2, 3],
      },
    },
    risks: [
      {
        id: 'provider-retention',
        title: 'Personal data in prompts is retained by the model provider',
        likelihood: 2,
        consequences: { individuals: 4, organisation: 4 },
      },
    ],
  },
  'sys-underwriting-score': {
    harm: {
      description: 'Applicants from one region or sector are referred or priced unfairly',
      likelihood: 4,
      severity: 5,
      measures: ['Quarterly fairness tests per segment', 'Underwriters decide every referral'],
      treat: {
        controls: ['A.5.4', 'A.6.2.4', 'A.7.4'],
        plan: 'Quarterly segment fairness tests with thresholds; underwriter sign-off on referrals',
        residual: [2, 4],
      },
    },
    risks: [
      {
        id: 'out-of-segment',
        title: 'The score is used for business types it was not validated on',
        likelihood: 3,
        consequences: { organisation: 4, individuals: 3 },
        treat: {
          controls: ['A.9.4', 'A.6.2.6'],
          plan: 'Refuse to score outside validated segments; monitor input drift',
          residual: [1, 4],
        },
      },
    ],
  },
  'sys-fraud-scoring': {
    harm: {
      description: 'A genuine claimant is wrongly flagged for fraud and paid late',
      likelihood: 3,
      severity: 5,
      measures: [
        'An investigator confirms every flag before action',
        'Flagged claims keep the payment deadline',
      ],
      treat: {
        controls: ['A.6.2.4', 'A.9.2'],
        plan: 'Investigator confirmation of every flag; false-positive rate reported monthly',
        residual: [2, 4],
      },
    },
    risks: [
      {
        id: 'log-retention',
        title: 'Inference logs are too short-lived to reconstruct a decision',
        likelihood: 4,
        consequences: { organisation: 3 },
        treat: {
          controls: ['A.6.2.8'],
          plan: 'Keep inference logs for 12 months and check retention at deployment',
          residual: [2, 3],
          dueInDays: 14,
        },
      },
    ],
  },
  'sys-doc-extraction': {
    risks: [
      {
        id: 'misread',
        title: 'A misread medical report changes a claim payout',
        likelihood: 3,
        consequences: { individuals: 4, organisation: 3 },
        treat: {
          controls: ['A.6.2.4', 'A.9.2'],
          plan: 'Handlers confirm extracted amounts above a threshold; monthly accuracy sample',
          residual: [2, 3],
        },
      },
      {
        id: 'provider-retention',
        title: 'Special-category data is retained by the model provider',
        likelihood: 2,
        consequences: { individuals: 5 },
        treat: {
          controls: ['A.10.3', 'A.7.5'],
          plan: 'Zero-retention terms with the provider; data-flow record per attachment type',
          residual: [1, 5],
        },
      },
    ],
  },
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A system's first impact and risk assessments, approved, with its treatments: one process step. */
function assessmentRecords(s: SystemSpec, working: RegisterSnapshot, today: string): DemoProcessStep {
  const inputs = ASSESSMENT_INPUTS[s.id] ?? { risks: [] };
  const system = working['ai-system'].find((x) => x.id === s.id);
  const method = currentMethodology(working);
  const template = latestApproved(working['impact-template']);
  if (!system || !method || !template)
    throw new Error(`demo: ${s.id}, its methodology or template is missing`);
  const assessed = addDays(today, -120);
  const writes: RecordWrite[] = [];
  const parts: string[] = [];

  let impact: Draft<'impact-assessment'> | undefined;
  if (inputs.harm) {
    const iaDay = addDays(assessed, -7);
    const draft = planImpactAssessment(
      system,
      template,
      {
        scope: `${s.name} in production, all channels`,
        purpose: s.purpose,
        intendedUses: [s.purpose],
        unintendedUses: ['Fully automated decisions without human review'],
        dataByStage: [
          { stage: 'design', data: 'Requirements and anonymised sample cases', sensitivity: 'internal' },
          { stage: 'development', data: s.datasets.map((d) => d.id).join(', '), sensitivity: s.sensitivity },
          {
            stage: 'verification',
            data: 'Held-out test set from the same sources',
            sensitivity: s.sensitivity,
          },
          {
            stage: 'deployment',
            data: 'Configuration and prompts, no customer data',
            sensitivity: 'internal',
          },
          { stage: 'operation', data: 'Live customer and claim records', sensitivity: s.sensitivity },
          {
            stage: 'retirement',
            data: 'Logs kept for the retention period, then deleted',
            sensitivity: s.sensitivity,
          },
        ],
        complexity: { autonomy: s.autonomy, operationalComplexity: 'medium' },
        interestedParties: ['Policyholders', 'Claims handlers', 'Regulator'],
        impacts: [
          { id: 'i1', affected: 'individuals', nature: 'harm', ...inputs.harm },
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
        nextReview: addDays(assessed, 365),
      },
      { assessor: P.privacy, today: iaDay, cause: 'initial', id: `ia-${s.id}-1` },
    );
    impact = approveImpactAssessment(draft, {
      snapshot: working,
      template,
      system,
      approver: s.riskOwner,
      at: atNoon(addDays(iaDay, 2)),
    });
    writes.push(
      writeOf('impact-assessment', draft, {
        cause: 'initial',
        summary: `${s.name} impact assessment ${draft.id} drafted on template ${template.id} ${template.version}`,
      }),
      writeOf('impact-assessment', impact, {
        action: 'transition',
        cause: 'initial',
        summary: `${s.name} impact assessment ${draft.id} draft → approved by ${s.riskOwner} (tier ${impact.thresholdTier})`,
      }),
    );
    parts.push(`impact assessed (${impact.thresholdTier})`);
  }

  const fromImpact = impact ? risksFromImpactAssessment(impact) : [];
  const planned = planRiskAssessment(
    system,
    method,
    [...fromImpact, ...inputs.risks.map((r) => ({ ...r, source: 'workshop' as const }))],
    {
      assessor: P.riskLead,
      today: assessed,
      cause: 'initial',
      impactAssessmentId: impact?.id,
      id: `ra-${s.id}-1`,
    },
  );
  const assessment = approveRiskAssessment(planned, {
    snapshot: working,
    system,
    method,
    approver: s.riskOwner,
    at: atNoon(assessed),
  });
  const highest = highestLevel(method, assessment.risks) ?? '—';
  writes.push(
    writeOf('risk-assessment', planned, {
      cause: 'initial',
      summary: `${s.name} risk assessment ${planned.id}: ${plural(planned.risks.length, 'risk')}, highest ${highest}`,
    }),
    writeOf('risk-assessment', assessment, {
      action: 'transition',
      cause: 'initial',
      summary: `${s.name} risk assessment ${planned.id} draft → approved by ${s.riskOwner}`,
    }),
  );
  parts.push(`risk assessed: ${plural(assessment.risks.length, 'risk')}, highest ${highest}`);

  const treat: Array<[string, DemoTreatment]> = [
    ...(inputs.harm?.treat ? [['ia-i1', inputs.harm.treat] as [string, DemoTreatment]] : []),
    ...inputs.risks.flatMap((r) => (r.treat ? [[r.id, r.treat] as [string, DemoTreatment]] : [])),
  ];
  let pending = 0;
  for (const [riskId, t] of treat) {
    const implemented = t.dueInDays === undefined;
    pending += implemented ? 0 : 1;
    const plan = planTreatment(assessment, riskId, method, {
      id: `tr-${s.id}-${riskId}`,
      option: 'mitigate',
      annexAControls: t.controls,
      plan: t.plan,
      planOwner: s.owner,
      dueOn: implemented ? addDays(assessed, 60) : addDays(today, t.dueInDays ?? 0),
      status: implemented ? 'implemented' : 'in-progress',
      residual: { likelihood: t.residual[0], impact: t.residual[1] },
    });
    const accepted = acceptResidual(plan, system, { by: s.riskOwner, at: atNoon(addDays(assessed, 2)) });
    writes.push(
      writeOf('treatment', plan, {
        cause: 'initial',
        summary: `${s.name} risk ${riskId}: ${plan.option} with ${plan.annexAControls.join(', ')}, residual ${plan.residual.level}`,
      }),
      writeOf('treatment', accepted, {
        action: 'transition',
        cause: 'initial',
        summary: `${s.name} risk ${riskId}: residual ${plan.residual.level} accepted by risk owner ${s.riskOwner}`,
      }),
    );
    if (implemented) {
      const checked = recordEffectiveness(accepted, {
        checkedOn: addDays(assessed, 60),
        checkedBy: P.riskLead,
        effective: true,
        note: 'Sampled the last month of decisions; the controls operated as planned',
      });
      writes.push(
        writeOf('treatment', checked, {
          action: 'transition',
          cause: 'initial',
          summary: `${s.name} treatment ${plan.id} implemented → verified-effective`,
        }),
      );
    }
  }
  if (treat.length > 0) {
    parts.push(
      `${plural(treat.length, 'treatment')}${pending > 0 ? `, ${pending} in progress` : ', effective'}`,
    );
  }
  return { on: assessed, systemId: s.id, headline: parts.join(' · '), cause: 'initial', writes };
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
  const supersededBy = (draft: DemoDraft, by: { versionId: string; detectedAt: string }): DemoDraft =>
    draft.kind === 'evidence' ? { ...draft, supersededBy: by } : draft;
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
    // The report was revised after the audit sampled it: the pinned 4.0 waits for a person to confirm.
    supersededBy(
      item(
        'ev-monitoring-report-2026-q3',
        'Model performance and drift monitoring report, Q3 2026',
        { tool: 'sharepoint', url: sp('monitoring-report-2026-q3.pdf'), version: '4.0' },
        { clauses: ['9.1'], controls: ['A.6.2.6'], systemIds: SYSTEMS.map((s) => s.id) },
        120,
      ),
      { versionId: '5.0', detectedAt: atNoon(addDays(audited, 20)) },
    ),
    item(
      'ev-fairness-tests-2026-q3',
      'Quarterly segment fairness test results',
      { tool: 'jira', url: 'https://harbormutual.atlassian.net/browse/AIMS-142', version: 'changelog-20931' },
      {
        controls: ['A.6.2.4', 'A.7.4'],
        systemIds: ['sys-claims-triage', 'sys-underwriting-score', 'sys-fraud-scoring'],
      },
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
  // The first cycle covers the whole AIMS: clauses 4–10 (9.2 in a separate audit, so the programme's
  // owner does not audit it), every included Annex A control, and every in-scope system sampled.
  const sampled = SYSTEMS.map((s) => s.id);
  const included = ANNEX_A_CONTROL_IDS.filter((id) => !(id in EXCLUDED_CONTROLS));
  const scope = { clauses: ['4', '5', '6', '7', '8', '9.1', '9.3', '10'], controls: included };
  const sampledEvidence: Record<string, string[]> = {
    '9.1': ['ev-monitoring-report-2026-q3'],
    'A.6.2.6': ['ev-monitoring-report-2026-q3'],
    'A.6.2.8': ['ev-fraud-logging-config'],
    '8.2': sampled.map((id) => `ra-${id}-1`),
    '8.4': sampled.map((id) => `ia-${id}-1`),
    '6.1.2': ['risk-method'],
  };
  const processScope = { clauses: ['9.2'], controls: [] };
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
      kind: 'audit',
      id: 'audit-2026-2',
      programmeId: 'audit-programme-2026',
      title: 'Audit of the internal audit process',
      scope: { ...processScope, systemIds: [] },
      criteria: ['ISO/IEC 42001:2023'],
      auditors: [P.ciso],
      plannedOn: addDays(audited, -21),
      completedOn: addDays(audited, -7),
      status: 'reported',
      checklist: auditChecklist(processScope).map((item) => ({
        ...item,
        result: 'conforming',
        evidenceIds: ['ev-audit-report-2026-1'],
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
        interestedParties: [
          `${addDays(today, -40)} Policyholders and claimants (party-policyholders): Consumer group survey: policyholders expect a named human for disputed claim outcomes`,
        ],
        monitoring: [
          `Fraud scoring precision on investigated claims (mon-fraud-precision): 61 % on ${addDays(today, -42)}, meets target ≥ 60 %`,
          `Progress on AI objectives 2026 (mon-objectives): 4 of 5 on track on ${addDays(today, -60)}, misses target Every objective on track`,
        ],
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
        (linked
          ? row.justification
          : `Included: applies to every AI system Harbor Mutual develops or operates (${row.title}).`),
      // The open internal-audit finding on event logs keeps A.6.2.8 partial until it is closed.
      status: excluded
        ? ('not-started' as const)
        : row.controlId === 'A.6.2.8'
          ? ('partial' as const)
          : ('implemented' as const),
      owner: P.ciso,
      riskIds: row.riskIds,
      treatmentIds: row.treatmentIds,
      evidenceIds: row.evidenceIds,
      approval: approved(P.coo, decided),
    };
  });
}

const MODEL_SWAP = { from: 'gpt-4o', to: 'gpt-4.1', ref: 'harbor-mutual/support-assistant#214' };

/** The support assistant's model swap: the trigger (current → due), then the escalation (due → overdue). */
function triggerRecords(working: RegisterSnapshot, today: string): DemoProcessStep[] {
  const systemId = DEMO_GAPS.overdueReassessment;
  const system = working['ai-system'].find((x) => x.id === systemId);
  if (!system) throw new Error(`demo: no system ${systemId}`);
  const on = addDays(today, -MODEL_SWAP_DAYS_AGO);
  const trigger = raiseTrigger(working, {
    id: 'trg-support-model-swap',
    systemId,
    type: 'model-changed',
    before: MODEL_SWAP.from,
    after: MODEL_SWAP.to,
    detail: `Pull request ${MODEL_SWAP.ref} moved the chat deployment from ${MODEL_SWAP.from} to ${MODEL_SWAP.to}`,
    raisedOn: on,
    source: { tool: 'github', ref: MODEL_SWAP.ref },
  });
  const swapped = {
    ...draftOf<'ai-system'>(system),
    components: system.components.map((c) =>
      c.kind === 'model' && c.id === MODEL_SWAP.from ? { ...c, id: MODEL_SWAP.to } : c,
    ),
  };
  const change: DemoProcessStep = {
    on,
    systemId,
    headline: `${MODEL_SWAP.from} → ${MODEL_SWAP.to} (${MODEL_SWAP.ref.split('/')[1] ?? MODEL_SWAP.ref}): ${withoutName(system.name, trigger.options.summary)}`,
    cause: `trigger:${trigger.draft.id}`,
    writes: [
      trigger,
      writeOf('ai-system', swapped, {
        cause: `github:${MODEL_SWAP.ref}`,
        summary: `${system.name}: model ${MODEL_SWAP.from} → ${MODEL_SWAP.to} found in ${MODEL_SWAP.ref}`,
      }),
    ],
  };
  const after = change.writes.reduce(withWrite, working);
  const escalations = applyTransitions(after, today, { systemIds: [systemId] });
  const overdueSince = escalations.flatMap((w) =>
    w.kind === 'trigger' && w.draft.overdueSince ? [w.draft.overdueSince] : [],
  )[0];
  const escalation: DemoProcessStep[] =
    escalations.length === 0
      ? []
      : [
          {
            on: overdueSince ?? today,
            systemId,
            headline: `no reassessment within ${overdueAfterDays(after)} days: ${escalations.map((w) => withoutName(system.name, w.options.summary)).join('; ')}`,
            cause: `trigger:${trigger.draft.id}`,
            writes: escalations,
          },
        ];
  return [change, ...escalation];
}

/** A transition summary without the system's name in front or the parenthesised detail at the end. */
function withoutName(name: string, summary: string | undefined): string {
  const text = (summary ?? '').replace(/ \([^)]*\)$/, '');
  return text.startsWith(`${name} `) ? text.slice(name.length + 1) : text;
}

/** Drafts as stored records (schema defaults applied), so process logic reads them as the register would. */
function asSnapshot(drafts: readonly DemoDraft[], day: string): RegisterSnapshot {
  const at = atNoon(day);
  const meta = { createdAt: at, updatedAt: at, createdBy: 'aims-demo', updatedBy: 'aims-demo', revision: 1 };
  return snapshotOf(drafts.map((d) => RECORD_SCHEMAS[d.kind].parse({ ...d, ...meta }) as AnyRecord));
}

/** The records before the processes ran: who and what the AIMS covers, its documents, audits and reviews. */
function baselineRecords(today: string): DemoDraft[] {
  return [
    ...governanceRecords(today),
    ...contextRecords(today),
    ...interestedPartyRecords(today),
    ...leadershipRecords(today),
    ...aimsRiskRecords(today),
    ...aimsChangeRecords(today),
    ...supportRecords(today),
    ...monitoringRecords(today),
    ...improvementRecords(today),
    ...SYSTEMS.flatMap((s) => systemRecords(s, today)),
    ...controlEvidenceRecords(today, Object.keys(EXCLUDED_CONTROLS)),
    ...auditAndReviewRecords(today),
  ];
}

/**
 * The process run, step by step and in date order: every system's assessments (built by the risk,
 * impact and treatment processes), then the support assistant's model change and its escalation.
 */
export function demoProcessSteps(today: string): DemoProcessStep[] {
  let working = asSnapshot(baselineRecords(today), today);
  const steps: DemoProcessStep[] = [];
  const run = (step: DemoProcessStep) => {
    steps.push(step);
    working = step.writes.reduce(withWrite, working);
  };
  for (const s of SYSTEMS) run(assessmentRecords(s, working, today));
  for (const step of triggerRecords(working, today)) run(step);
  return steps;
}

/**
 * The whole example organisation as drafts, dated relative to `today` (YYYY-MM-DD): the baseline
 * with the process run's results folded in. `processResults: false` leaves them out, for a caller
 * that records the run itself step by step (the CLI demo does, so each transition gets its event).
 */
export function demoOrganisation(
  today: string,
  options: { processResults?: boolean } = {},
): { records: DemoDraft[] } {
  const baseline = baselineRecords(today);
  const folded = new Map<string, DemoDraft>(baseline.map((d) => [`${d.kind}/${d.id}`, d]));
  for (const write of demoProcessSteps(today).flatMap((s) => s.writes)) {
    folded.set(`${write.kind}/${String(write.draft.id)}`, { ...write.draft, kind: write.kind } as DemoDraft);
  }
  const all = [...folded.values()];
  const soa = soaRecords(today, all);
  return { records: options.processResults === false ? [...baseline, ...soa] : [...all, ...soa] };
}

export const DEMO_SYSTEM_IDS = SYSTEMS.map((s) => s.id);
