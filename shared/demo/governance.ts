// The AIMS documents (scope, policy, procedures, objectives, SoA; 4.3, 5.2, 6.1, 7.5), the AIMS roles
// (5.3), the approved risk methodology (6.1.2) and the impact-assessment template (6.1.4).
import { sha256Hex } from '../register/hash';
import { defaultRiskMethodology } from '../processes/risk-method';
import { addDays } from './dates';
import { DEMO_PEOPLE, type DemoDraft } from './people';
import { approved } from './approval';

const P = DEMO_PEOPLE;

export function governanceRecords(today: string): DemoDraft[] {
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
