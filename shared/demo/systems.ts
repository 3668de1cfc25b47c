// Harbor Mutual's AI systems as its inventory holds them: each with its owners, models, data and folder
// in the AI monorepo, and the planted gaps an auditor would find among them.
import { DEMO_PEOPLE, type DemoDraft } from './people';
import { DEMO_MODEL_FILES, DEMO_REPOSITORY, type DemoModelFile } from './repository';

const P = DEMO_PEOPLE;

/** The planted gaps, by system id, so tests and the summary can name them. */
export const DEMO_GAPS = {
  missingImpactAssessment: 'sys-doc-extraction',
  overdueReassessment: 'sys-support-assistant',
  openFindingSystem: 'sys-fraud-scoring',
} as const;

export interface SystemSpec {
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

/** A model kept in the repository with Git LFS: identified by its path, pinned by its hash. */
const lfsModel = (file: DemoModelFile) => ({
  id: file.path,
  provider: file.provider,
  pinning: 'hash' as const,
  resolvedFrom: 'file',
  contentHash: file.contentHash,
});

export const SYSTEMS: SystemSpec[] = [
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

export function systemRecords(s: SystemSpec, today: string): DemoDraft[] {
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

export const DEMO_SYSTEM_IDS = SYSTEMS.map((s) => s.id);
