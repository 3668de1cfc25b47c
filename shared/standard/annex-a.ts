// ISO/IEC 42001 Annex A: 9 objective groups and 38 controls, paraphrased. Some secondary sources claim 39
// controls or renumber the groups; these IDs follow two independent catalogues that agree with each other.
// Objectives for A.5–A.10 are paraphrased from general knowledge, not checked against the text.
import { ControlGroupSchema, ControlSchema, tableOf } from './schema';
import type { Control, ControlGroup } from './schema';

export const CONTROL_GROUPS: readonly ControlGroup[] = tableOf(ControlGroupSchema).parse([
  {
    id: 'A.2',
    title: 'Policies related to AI',
    objective: 'Management gives direction and support for AI systems in line with business needs.',
  },
  {
    id: 'A.3',
    title: 'Internal organization',
    objective: 'Accountability exists inside the organization for a responsible approach to AI.',
  },
  {
    id: 'A.4',
    title: 'Resources for AI systems',
    objective:
      'All resources of an AI system (components and assets) are accounted for, so its risks and impacts can be understood and addressed.',
  },
  {
    id: 'A.5',
    title: 'Assessing impacts of AI systems',
    objective:
      'Consequences of AI systems for individuals, groups and society are assessed throughout the life cycle.',
  },
  {
    id: 'A.6',
    title: 'AI system life cycle',
    objective:
      'A.6.1: objectives and processes for responsible design and development are set; A.6.2: criteria and requirements are defined for each life-cycle stage.',
  },
  {
    id: 'A.7',
    title: 'Data for AI systems',
    objective: 'The role and impact of data in AI systems is understood across the life cycle.',
  },
  {
    id: 'A.8',
    title: 'Information for interested parties',
    objective:
      'Interested parties get the information they need to understand and weigh AI risks and impacts.',
  },
  {
    id: 'A.9',
    title: 'Use of AI systems',
    objective: 'AI systems are used responsibly and as organizational policies require.',
  },
  {
    id: 'A.10',
    title: 'Third-party and customer relationships',
    objective:
      'Responsibilities are understood and risks fairly apportioned when third parties take part at any life-cycle stage.',
  },
]);

const control = (id: string, title: string, summary: string, evidenceHints: string[]): Control => ({
  id,
  // Group is the first two segments: 'A.6.2.4' belongs to 'A.6'.
  group: id.split('.').slice(0, 2).join('.'),
  title,
  summary,
  evidenceHints,
});

export const ANNEX_A_CONTROLS: readonly Control[] = tableOf(ControlSchema)
  .superRefine((rows, ctx) => {
    const groups = new Set(CONTROL_GROUPS.map((g) => g.id));
    rows.forEach((r, index) => {
      if (!groups.has(r.group)) {
        ctx.addIssue({ code: 'custom', message: `${r.id}: unknown group ${r.group}`, path: [index] });
      }
    });
  })
  .parse([
    control(
      'A.2.2',
      'AI policy',
      'A written policy sets out how the organization develops, provides or uses AI.',
      [
        'Approved AI policy with owner, version and approval date',
        'Proof the policy reached staff and relevant parties',
      ],
    ),
    control(
      'A.2.3',
      'Alignment with other policies',
      'Other organizational policies that touch AI (security, privacy, quality, safety) are identified and kept consistent with AI aims.',
      ['Cross-reference showing which existing policies apply to AI and how'],
    ),
    control(
      'A.2.4',
      'Review of the AI policy',
      'The AI policy is reviewed on a schedule and when circumstances change, so it stays fit for purpose.',
      ['Dated policy review records with outcomes', 'Version history showing edits that followed reviews'],
    ),

    control(
      'A.3.2',
      'AI roles and responsibilities',
      'Roles and responsibilities for AI are defined and allocated to match what the organization needs.',
      ['Role descriptions or RACI for AI governance', 'Named accountable owner for each AI system'],
    ),
    control(
      'A.3.3',
      'Reporting of concerns',
      'People have a defined way to raise concerns about the organization’s AI systems at any life-cycle stage.',
      [
        'Documented concern-reporting channel with confidentiality and protection from reprisal',
        'Log of concerns raised and how each was resolved',
      ],
    ),

    control(
      'A.4.2',
      'Resource documentation',
      'Resources needed at each life-cycle stage of an AI system are identified and documented.',
      ['Per-system resource inventory covering data, tools, compute and people'],
    ),
    control('A.4.3', 'Data resources', 'Information about the data an AI system uses is documented.', [
      'Dataset register with source, category and intended use per AI system',
    ]),
    control(
      'A.4.4',
      'Tooling resources',
      'The tools behind an AI system, such as models, libraries and development frameworks, are documented.',
      ['List of models, libraries and tooling per AI system, with versions'],
    ),
    control(
      'A.4.5',
      'System and computing resources',
      'The infrastructure and compute an AI system runs on are documented.',
      ['Hosting and compute record: environments, providers and regions'],
    ),
    control(
      'A.4.6',
      'Human resources',
      'The people and competences needed across the AI system life cycle are documented.',
      ['Skills matrix for development, deployment, operation and oversight roles'],
    ),

    control(
      'A.5.2',
      'Impact assessment process',
      'A defined process assesses what an AI system could mean for individuals, groups and society over its life cycle.',
      ['Documented impact-assessment method with triggers and thresholds'],
    ),
    control(
      'A.5.3',
      'Documenting impact assessments',
      'Impact assessment results are written down and kept for a set retention period.',
      ['Completed impact assessment per AI system', 'Retention rule applied to past assessments'],
    ),
    control(
      'A.5.4',
      'Impact on individuals or groups',
      'Possible effects of an AI system on individuals or groups are assessed and recorded.',
      ['Assessment sections on affected people, e.g. fairness, privacy, safety, accessibility'],
    ),
    control(
      'A.5.5',
      'Societal impacts',
      'Possible wider effects of an AI system on society are assessed and recorded.',
      ['Assessment of societal effects, e.g. environment, economy, public discourse'],
    ),

    control(
      'A.6.1.2',
      'Objectives for responsible development',
      'Objectives that steer responsible AI development are set, documented and built into the life cycle.',
      ['Documented responsible-development objectives and where they are applied'],
    ),
    control(
      'A.6.1.3',
      'Responsible design and development processes',
      'Specific processes for designing and developing AI systems responsibly are defined and documented.',
      ['Development procedure with stage gates, reviews and approvals'],
    ),
    control(
      'A.6.2.2',
      'Requirements and specification',
      'Requirements for new AI systems, or material changes to existing ones, are specified and documented.',
      ['Requirements specification per AI system, including trustworthiness requirements'],
    ),
    control(
      'A.6.2.3',
      'Design and development documentation',
      'Design and development choices are documented against the objectives and requirements.',
      ['Design records: architecture, model choice, training approach'],
    ),
    control(
      'A.6.2.4',
      'Verification and validation',
      'Verification and validation measures and acceptance criteria are defined and documented.',
      ['Test and evaluation plans with acceptance criteria', 'Evaluation reports with sign-off'],
    ),
    control(
      'A.6.2.5',
      'Deployment',
      'A deployment plan exists and requirements are confirmed as met before release.',
      ['Deployment plan and go-live approval or checklist'],
    ),
    control(
      'A.6.2.6',
      'Operation and monitoring',
      'What ongoing operation needs, at least performance monitoring, fixes, updates and support, is defined and documented.',
      ['Monitoring reports or dashboards', 'Runbooks and records of updates and repairs'],
    ),
    control(
      'A.6.2.7',
      'Technical documentation',
      'Each audience (users, partners, authorities) gets the technical documentation it needs in a suitable form.',
      ['System or model cards per AI system, tailored to each audience'],
    ),
    control(
      'A.6.2.8',
      'Event logs',
      'The life-cycle stages at which event logging is switched on are decided, at minimum while the system is in use.',
      ['Logging configuration', 'Retained logs for AI systems in use'],
    ),

    control(
      'A.7.2',
      'Data for development and enhancement',
      'Data management processes for building and improving AI systems are defined, documented and applied.',
      ['Data management procedure covering privacy, security and transparency of training data'],
    ),
    control('A.7.3', 'Acquisition of data', 'How data is obtained and chosen is recorded.', [
      'Data sourcing records: origin, rights or licence, selection rationale',
    ]),
    control(
      'A.7.4',
      'Data quality',
      'Data quality requirements are defined and data is checked against them.',
      ['Data quality criteria and check results, e.g. completeness, representativeness, bias'],
    ),
    control(
      'A.7.5',
      'Data provenance',
      'A process records where data came from and how it moved through the life cycle.',
      ['Lineage records from data source to model version'],
    ),
    control(
      'A.7.6',
      'Data preparation',
      'Criteria for choosing data preparation methods, and the methods used, are documented.',
      ['Documented cleaning, labelling and transformation steps'],
    ),

    control(
      'A.8.2',
      'System documentation and information for users',
      'Users receive the information they need about the AI system.',
      ['User documentation on capabilities, limits and proper use', 'Notice that users are dealing with AI'],
    ),
    control(
      'A.8.3',
      'External reporting',
      'Interested parties have a way to report adverse impacts of an AI system.',
      ['Public or customer channel for reporting adverse impacts', 'Log of reports and their handling'],
    ),
    control(
      'A.8.4',
      'Communication of incidents',
      'A plan says how incidents are communicated to users of the AI system.',
      ['Incident communication plan', 'Records of incident notices sent'],
    ),
    control(
      'A.8.5',
      'Information for interested parties',
      'Obligations to report on AI systems to interested parties, such as regulators, are identified and documented.',
      ['Register of reporting obligations', 'Proof obligations were met'],
    ),

    control(
      'A.9.2',
      'Processes for responsible use',
      'Processes for using AI systems responsibly are defined and documented.',
      ['Acceptable-use procedure with approval steps for new uses'],
    ),
    control(
      'A.9.3',
      'Objectives for responsible use',
      'Objectives that guide responsible use of AI systems are set and documented.',
      ['Documented responsible-use objectives and how progress is tracked'],
    ),
    control(
      'A.9.4',
      'Intended use',
      'AI systems are used only as intended and as their documentation describes.',
      ['Intended-use statement per AI system', 'Checks that detect use outside the intended purpose'],
    ),

    control(
      'A.10.2',
      'Allocating responsibilities',
      'Life-cycle responsibilities are split clearly between the organization, partners, suppliers, customers and other third parties.',
      ['Contracts or RACI that allocate AI responsibilities between parties'],
    ),
    control(
      'A.10.3',
      'Suppliers',
      'A process makes sure supplied products, services and data fit the organization’s responsible approach to AI.',
      ['Supplier due-diligence records for AI providers', 'Contract terms on AI use, data and incidents'],
    ),
    control(
      'A.10.4',
      'Customers',
      'The responsible approach to AI takes customer needs and expectations into account.',
      ['Documented customer requirements and terms covering AI'],
    ),
  ]);
