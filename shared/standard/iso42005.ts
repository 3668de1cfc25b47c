// ISO/IEC 42005:2025 (AI system impact assessment), paraphrased. Clause 5 shapes the organization's
// process; clause 6 shapes one assessment record. Titles of 6.5 and 6.6 were recalled, not seen.
import { ImpactElementSchema, tableOf } from './schema';
import type { ImpactElement } from './schema';

const head = (id: '5' | '6', part: ImpactElement['part'], title: string, summary: string): ImpactElement => ({
  id,
  part,
  title,
  summary,
  verified: true,
});

const element = (id: string, title: string, summary: string, verified = true): ImpactElement => {
  const parent = id.split('.')[0] ?? id;
  return { id, part: parent === '5' ? 'process' : 'documentation', title, summary, parent, verified };
};

export const IMPACT_ELEMENTS: readonly ImpactElement[] = tableOf(ImpactElementSchema).parse([
  head(
    '5',
    'process',
    'Impact assessment process',
    'How the organization sets up and runs impact assessments.',
  ),
  element('5.1', 'General', 'Account for internal and external factors that shape the process.'),
  element('5.2', 'Documenting the process', 'Write the process down so it is applied consistently.'),
  element(
    '5.3',
    'Integration with other processes',
    'Tie impact assessment into risk and other management processes.',
  ),
  element('5.4', 'Timing', 'Decide when to assess, by life-cycle stage and on significant change.'),
  element('5.5', 'Scope', 'Set what each assessment covers.'),
  element('5.6', 'Allocating responsibilities', 'Say who performs, reviews and owns assessments.'),
  element(
    '5.7',
    'Thresholds',
    'Define thresholds for sensitive and restricted uses and scales for rating impact.',
  ),
  element('5.8', 'Performing the assessment', 'Carry out the assessment as the process describes.'),
  element('5.9', 'Analysing results', 'Interpret findings to decide what follows.'),
  element('5.10', 'Recording and reporting', 'Record outcomes and report them to the right people.'),
  element('5.11', 'Approval', 'Have results signed off by someone with authority.'),
  element('5.12', 'Monitoring and review', 'Revisit assessments as systems and contexts change.'),

  head(
    '6',
    'documentation',
    'Documenting an impact assessment',
    'What one assessment record should contain.',
  ),
  element('6.2', 'Scope of the assessment', 'What system, stage and context this assessment covers.'),
  element(
    '6.3',
    'AI system information',
    'Describe the system, its functions and capabilities, its purpose, intended uses and unintended uses.',
  ),
  element('6.4', 'Data information and quality', 'Describe the data involved and how good it is.'),
  element('6.5', 'Algorithm and model information', 'Describe the algorithms and models used.', false),
  element('6.6', 'Deployment environment', 'Describe where and how the system is deployed.', false),
  element('6.7', 'Relevant interested parties', 'Identify who is affected by or concerned with the system.'),
  element(
    '6.8',
    'Actual and foreseeable impacts',
    'Set out benefits and harms that have occurred or can reasonably be foreseen.',
  ),
  element(
    '6.9',
    'Measures for harms and benefits',
    'State what is done to limit harms and support benefits.',
  ),
]);
