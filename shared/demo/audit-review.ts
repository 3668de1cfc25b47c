// The internal audit programme, audits, findings and corrective actions (9.2, 10.2), the evidence the
// audit sampled, and the management review (9.3).
import { auditChecklist } from '../processes/internal-audit';
import { sha256Hex } from '../register/hash';
import { ANNEX_A_CONTROL_IDS } from '../standard';
import { addDays, atNoon } from './dates';
import { DEMO_PEOPLE, type DemoDraft } from './people';
import { DEMO_GAPS, SYSTEMS } from './systems';
import { EXCLUDED_CONTROLS } from './soa';

const P = DEMO_PEOPLE;

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

export function auditAndReviewRecords(today: string): DemoDraft[] {
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
