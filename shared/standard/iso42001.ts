// ISO/IEC 42001:2023 clauses 4–10, in our own words. Clauses 1–3 (scope, references, terms) carry no
// requirements, so they are left out. Headings are kept as parents so progress can roll up.
import { z } from 'zod';
import { ClauseSchema, RequiredInformationSchema, tableOf } from './schema';
import type { Clause, RequiredInformation } from './schema';

const heading = (id: string, title: string, summary: string): Clause => ({
  id,
  title,
  summary,
  auditable: false,
  ...(id.includes('.') ? { parent: id.slice(0, id.lastIndexOf('.')) } : {}),
});

const clause = (id: string, title: string, summary: string): Clause => ({
  id,
  title,
  summary,
  parent: id.slice(0, id.lastIndexOf('.')),
  auditable: true,
});

export const CLAUSES: readonly Clause[] = tableOf(ClauseSchema)
  .superRefine((rows, ctx) => {
    const ids = new Set(rows.map((r) => r.id));
    rows.forEach((r, index) => {
      if (r.parent !== undefined && !ids.has(r.parent)) {
        ctx.addIssue({ code: 'custom', message: `${r.id}: unknown parent ${r.parent}`, path: [index] });
      }
    });
  })
  .parse([
    heading(
      '4',
      'Context of the organization',
      'Understand the setting the AI management system operates in.',
    ),
    clause(
      '4.1',
      'Organization and its context',
      'Identify the internal and external issues that bear on AI, and the roles the organization plays (for example developer, provider or user).',
    ),
    clause(
      '4.2',
      'Interested parties',
      'Know who has a stake in the AIMS and which of their requirements matter.',
    ),
    clause(
      '4.3',
      'Scope of the AIMS',
      'Write down the boundaries and applicability of the AIMS, drawing on the context and interested parties.',
    ),
    clause(
      '4.4',
      'AI management system',
      'Set up, run, keep up and improve the AIMS and the processes it needs.',
    ),

    heading('5', 'Leadership', 'Top management direction for the AI management system.'),
    clause(
      '5.1',
      'Leadership and commitment',
      'Top management shows, with evidence, that it backs the AIMS and integrates it into the business.',
    ),
    clause('5.2', 'AI policy', 'Maintain an AI policy in writing and make sure people know about it.'),
    clause(
      '5.3',
      'Roles, responsibilities and authorities',
      'Assign who is responsible for what in the AIMS and tell them.',
    ),

    heading('6', 'Planning', 'Plan how risks, impacts, objectives and changes are handled.'),
    heading('6.1', 'Actions to address risks and opportunities', 'Risk, treatment and impact planning.'),
    clause(
      '6.1.1',
      'Risks and opportunities: general',
      'Considering the issues (4.1) and requirements (4.2), determine the risks and opportunities to address so the AIMS achieves its outcomes, prevents or reduces undesired effects and improves continually; set AI risk criteria that tell acceptable from unacceptable risk, as the basis for risk assessment, treatment and impact assessment, considering domain, intended use and context; plan actions for them, build the actions into AIMS processes, evaluate their effectiveness, and keep documented information on the actions.',
    ),
    clause(
      '6.1.2',
      'AI risk assessment process',
      'Define a repeatable method that yields comparable results: identify risks, analyse consequences and likelihood, evaluate against criteria and prioritise.',
    ),
    clause(
      '6.1.3',
      'AI risk treatment process',
      'Pick treatment options, derive the needed controls, check them against Annex A, record the Statement of Applicability and a treatment plan, and get residual risk accepted by management.',
    ),
    clause(
      '6.1.4',
      'AI system impact assessment process',
      'Define how to assess the consequences an AI system may have for individuals and societies, including foreseeable misuse, and feed the results into risk assessment.',
    ),
    clause('6.2', 'AI objectives and planning', 'Set measurable AI objectives and plan how to reach them.'),
    clause('6.3', 'Planning of changes', 'Make changes to the AIMS in a planned, controlled way.'),

    heading('7', 'Support', 'Resources, people, communication and documentation behind the AIMS.'),
    clause('7.1', 'Resources', 'Provide what the AIMS needs to be set up and run.'),
    clause(
      '7.2',
      'Competence',
      'Make sure people whose work affects AI performance are competent, and show it.',
    ),
    clause(
      '7.3',
      'Awareness',
      'People know the AI policy, their part in the AIMS and what happens if requirements are not met.',
    ),
    clause('7.4', 'Communication', 'Decide what is communicated about the AIMS, to whom, when and how.'),
    heading('7.5', 'Documented information', 'What must be written down and how it is managed.'),
    clause(
      '7.5.1',
      'Documented information: general',
      'Keep the documented information the standard asks for plus whatever the organization judges necessary.',
    ),
    clause(
      '7.5.2',
      'Creating and updating',
      'Give documents identification and a suitable format, and review and approve them.',
    ),
    clause(
      '7.5.3',
      'Control of documented information',
      'Keep documented information available, protected, version-controlled and retained as needed.',
    ),

    heading('8', 'Operation', 'Run the planned processes day to day.'),
    clause(
      '8.1',
      'Operational planning and control',
      'Plan and control the processes the AIMS needs, outsourced ones included, and keep proof they ran as planned.',
    ),
    clause(
      '8.2',
      'AI risk assessment (operation)',
      'Carry out risk assessments at planned intervals and whenever significant changes are proposed or occur, and keep the results.',
    ),
    clause(
      '8.3',
      'AI risk treatment (operation)',
      'Put the treatment plan into effect, check it works, treat newly found risks and rework options that fall short.',
    ),
    clause(
      '8.4',
      'AI system impact assessment (operation)',
      'Carry out impact assessments at planned intervals and when significant changes are proposed, and keep the results.',
    ),

    heading('9', 'Performance evaluation', 'Check whether the AIMS works.'),
    clause(
      '9.1',
      'Monitoring, measurement, analysis and evaluation',
      'Decide what to measure, how and when, and evaluate the results.',
    ),
    heading('9.2', 'Internal audit', 'Independent checks of the AIMS.'),
    clause(
      '9.2.1',
      'Internal audit: general',
      'Audit at planned intervals whether the AIMS meets requirements and is effectively implemented.',
    ),
    clause(
      '9.2.2',
      'Internal audit programme',
      'Plan audit frequency, methods, responsibilities and reporting; set criteria and scope per audit; use impartial auditors and report results to management.',
    ),
    heading('9.3', 'Management review', 'Top management looks at the AIMS as a whole.'),
    clause('9.3.1', 'Management review: general', 'Top management reviews the AIMS at planned intervals.'),
    clause(
      '9.3.2',
      'Management review inputs',
      'Cover prior actions, changes in issues and stakeholder needs, performance trends (nonconformities, monitoring, audits) and chances to improve.',
    ),
    clause(
      '9.3.3',
      'Management review results',
      'Record the decisions on improvement and on changes to the AIMS.',
    ),

    heading('10', 'Improvement', 'Make the AIMS better and fix what goes wrong.'),
    clause(
      '10.1',
      'Continual improvement',
      'Keep improving how suitable, adequate and effective the AIMS is.',
    ),
    clause(
      '10.2',
      'Nonconformity and corrective action',
      'When something does not conform, contain it, find the cause, act so it does not recur, check the action worked and keep records.',
    ),
  ]);

const need = (
  clauseId: string,
  kind: RequiredInformation['kind'],
  what: string,
  evidenceKinds: RequiredInformation['evidenceKinds'],
  control?: string,
): RequiredInformation => ({ clause: clauseId, kind, what, evidenceKinds, ...(control ? { control } : {}) });

/** Documented information to look for in a gap assessment. Other Annex A expectations: Control.evidenceHints. */
export const REQUIRED_INFORMATION: readonly RequiredInformation[] = z
  .array(RequiredInformationSchema)
  .readonly()
  .parse([
    need('4.3', 'document', 'AIMS scope: boundaries, applicability and the AI systems it covers', ['scope']),
    need('5.2', 'document', 'AI policy, communicated and available to those concerned', ['ai-policy']),
    need('5.3', 'evidence', 'AIMS roles, responsibilities and authorities, assigned and communicated', [
      'role-assignment',
    ]),
    need('6.1.2', 'document', 'AI risk assessment process, including risk criteria and method', [
      'risk-methodology',
    ]),
    need('6.1.2', 'record', 'Results of the AI risk assessment', ['risk-assessment']),
    need('6.1.3', 'document', 'AI risk treatment process', ['risk-treatment']),
    need(
      '6.1.3',
      'document',
      'Statement of Applicability with reasons for including or excluding each control',
      ['soa'],
    ),
    need('6.1.3', 'record', 'Risk treatment plan, its management approval and acceptance of residual risk', [
      'treatment-plan',
    ]),
    need('6.1.4', 'document', 'AI system impact assessment process', ['impact-methodology']),
    need('6.1.4', 'record', 'Results of each AI system impact assessment', ['impact-assessment']),
    need('6.2', 'record', 'AI objectives and the plans to achieve them', ['objectives']),
    need('7.2', 'record', 'Proof of competence of people whose work affects AI performance', ['competence']),
    need(
      '7.5',
      'control',
      'Documented information is identified, reviewed, approved, versioned, protected and retained',
      ['doc-control'],
    ),
    need('8.1', 'record', 'Enough to show processes, outsourced ones included, ran as planned', [
      'operational-records',
    ]),
    need('8.2', 'record', 'Results of every AI risk assessment, scheduled or change-triggered', [
      'risk-assessment',
    ]),
    need('8.3', 'record', 'Results of every AI risk treatment, with effectiveness checks', [
      'risk-treatment',
    ]),
    need('8.4', 'record', 'Results of every AI system impact assessment, scheduled or change-triggered', [
      'impact-assessment',
    ]),
    need('9.1', 'record', 'Monitoring and measurement results', ['monitoring']),
    need('9.2.2', 'record', 'Audit programme and how it was carried out', ['audit-programme']),
    need('9.2.2', 'record', 'Audit results', ['audit-report']),
    need('9.3.3', 'record', 'Management review decisions on improvement and on changes', [
      'management-review',
    ]),
    need('10.2', 'record', 'Each nonconformity and the action taken', ['nonconformity']),
    need('10.2', 'record', 'Results of each corrective action', ['corrective-action']),
    // Annex A controls add their own documentation once included in the SoA (decided under 6.1.3).
    need(
      '6.1.3',
      'record',
      'Impact assessments retained for the agreed period',
      ['impact-assessment'],
      'A.5.3',
    ),
    need(
      '6.1.3',
      'document',
      'Technical documentation per AI system for each audience',
      ['technical-documentation'],
      'A.6.2.7',
    ),
    need('6.1.3', 'record', 'Event logs of AI systems in use', ['operational-records'], 'A.6.2.8'),
  ]);
