// NIST AI RMF 1.0 (AI 100-1) functions and categories, paraphrased, with subcategory counts (72 in total;
// some third-party code claims 73, which is unverified).
import { RmfCategorySchema, RmfFunctionSchema, tableOf } from './schema';
import type { RmfCategory, RmfFunction, RmfFunctionId } from './schema';

export const RMF_FUNCTIONS: readonly RmfFunction[] = tableOf(RmfFunctionSchema).parse([
  { id: 'GOVERN', summary: 'Build and sustain an organizational culture of AI risk management.' },
  { id: 'MAP', summary: 'Establish context so the risks of an AI system can be identified.' },
  { id: 'MEASURE', summary: 'Analyse, assess, benchmark and track AI risks and their impacts.' },
  {
    id: 'MANAGE',
    summary: 'Prioritise risks and act on them, including response, recovery and communication.',
  },
]);

// Category ids carry their function's prefix; the check below keeps the two in step.
const PREFIX: Record<RmfFunctionId, string> = { GOVERN: 'GV', MAP: 'MP', MEASURE: 'MS', MANAGE: 'MG' };

const category = (id: string, fn: RmfFunctionId, title: string, subcategoryCount: number): RmfCategory => ({
  id,
  function: fn,
  title,
  subcategoryCount,
});

export const RMF_CATEGORIES: readonly RmfCategory[] = tableOf(RmfCategorySchema)
  .superRefine((rows, ctx) => {
    rows.forEach((r, index) => {
      if (!r.id.startsWith(PREFIX[r.function])) {
        ctx.addIssue({ code: 'custom', message: `${r.id} does not belong to ${r.function}`, path: [index] });
      }
    });
  })
  .parse([
    category(
      'GV1',
      'GOVERN',
      'Transparent policies and processes for mapping, measuring and managing AI risk',
      7,
    ),
    category('GV2', 'GOVERN', 'Accountability structures with empowered, trained people', 3),
    category('GV3', 'GOVERN', 'Workforce diversity, equity, inclusion and accessibility in risk work', 2),
    category('GV4', 'GOVERN', 'A culture that weighs and communicates AI risk', 3),
    category('GV5', 'GOVERN', 'Engagement with relevant AI actors', 2),
    category('GV6', 'GOVERN', 'Handling risks from third-party software, data and supply chains', 2),

    category('MP1', 'MAP', 'Context is established and understood', 6),
    category('MP2', 'MAP', 'The AI system is categorised', 3),
    category('MP3', 'MAP', 'Capabilities, usage, benefits and costs understood against benchmarks', 5),
    category('MP4', 'MAP', 'Risks and benefits mapped for every component, third-party ones included', 2),
    category(
      'MP5',
      'MAP',
      'Impacts on individuals, groups, communities, organizations and society characterised',
      2,
    ),

    category('MS1', 'MEASURE', 'Suitable methods and metrics are chosen and applied', 3),
    category('MS2', 'MEASURE', 'The system is evaluated for trustworthy characteristics', 13),
    category('MS3', 'MEASURE', 'Identified risks are tracked over time', 3),
    category('MS4', 'MEASURE', 'Feedback on how well measurement works is gathered and assessed', 3),

    category('MG1', 'MANAGE', 'Risks are prioritised and responded to', 4),
    category('MG2', 'MANAGE', 'Strategies to maximise benefit and minimise harm are planned and applied', 4),
    category('MG3', 'MANAGE', 'Risks from third parties are managed', 2),
    category(
      'MG4',
      'MANAGE',
      'Treatments, response, recovery and communication are documented and monitored',
      3,
    ),
  ]);
