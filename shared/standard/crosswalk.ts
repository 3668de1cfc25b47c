// Crosswalk edges between frameworks, each carrying where the link comes from. Every edge points from
// NIST AI RMF or ISO/IEC 42005 to ISO/IEC 42001 (clauses or Annex A controls).
import { z } from 'zod';
import { resolveRef } from './lookup';
import { CrosswalkEdgeSchema, refKey } from './schema';
import type { CrosswalkEdge, FrameworkRef } from './schema';

type Relationship = CrosswalkEdge['relationship'];
type Provenance = CrosswalkEdge['provenance'];

const rmf = (id: string): FrameworkRef => ({ framework: 'nist-ai-rmf', id });
const aiia = (id: string): FrameworkRef => ({ framework: 'iso42005', id });
const clause = (id: string): FrameworkRef => ({ framework: 'iso42001', id });
const control = (id: string): FrameworkRef => ({ framework: 'iso42001-annex-a', id });

const edges = (
  from: FrameworkRef,
  to: readonly FrameworkRef[],
  relationship: Relationship,
  provenance: Provenance,
  note?: string,
): CrosswalkEdge[] => to.map((t) => ({ from, to: t, relationship, provenance, ...(note ? { note } : {}) }));

// The NIST crosswalk lists related sections without grading them, and was built on the FDIS with imperfect
// column alignment, so its rows become 'related' edges. Its Annex B (guidance) sections become the Annex A
// control with the same number, with the original section kept in the note.
const FDIS_CAVEAT = 'NIST crosswalk against the FDIS; indicative only';

function nistRow(subcategory: string, targets: readonly string[]): CrosswalkEdge[] {
  return targets.map((t) => {
    const guidance = t.startsWith('B.');
    return {
      from: rmf(subcategory),
      to: guidance ? control(`A.${t.slice(2)}`) : clause(t),
      relationship: 'related',
      provenance: 'nist-crosswalk-fdis',
      note: guidance
        ? `${FDIS_CAVEAT}; listed as Annex B guidance ${t}, which mirrors A.${t.slice(2)}`
        : FDIS_CAVEAT,
    };
  });
}

const NIST_SAMPLE: CrosswalkEdge[] = [
  ...nistRow('GV1.1', ['4.1', '6.2', 'B.2.2', 'B.2.4']),
  ...nistRow('GV1.2', ['B.9.3', 'B.6.1.2']),
  ...nistRow('GV2.1', ['5.3', '7.1', '7.2', '7.3', '7.4', 'B.3.2']),
  ...nistRow('GV2.2', ['7.2']),
  ...nistRow('MP1.5', ['6.1.1']),
  ...nistRow('MP1.6', ['B.6.2.2']),
  ...nistRow('MP2.1', ['B.6.2.3']),
  ...nistRow('MP2.2', ['B.6.2.7']),
];

// ISO/IEC 42005 Annex A (Table A.1) is reported second-hand to map the guide onto 42001 6.1.4, 8.4 and A.5;
// nobody on the project has read it. So these edges are our own, drawn after that report, from 42005's
// clause headings, until the table is verified.
const ANNEX_A_NOTE =
  'Project-authored after a reported mapping (ISO/IEC 42005 Annex A, Table A.1, not read); element-level rows not verified';
const ISO42005_ANNEX_A: CrosswalkEdge[] = [
  ...edges(
    aiia('5'),
    [clause('6.1.4'), clause('8.4'), control('A.5.2')],
    'related',
    'project-authored',
    ANNEX_A_NOTE,
  ),
  ...edges(
    aiia('6'),
    [control('A.5.3'), control('A.5.4'), control('A.5.5')],
    'related',
    'project-authored',
    ANNEX_A_NOTE,
  ),
];

// Our own reading, element by element, so an assessment section can point at the control it evidences.
const ISO42005_AUTHORED: CrosswalkEdge[] = [
  ...edges(aiia('5.4'), [clause('8.4')], 'intersect', 'project-authored', 'Timing and change triggers'),
  ...edges(
    aiia('5.7'),
    [clause('6.1.1')],
    'intersect',
    'project-authored',
    'Thresholds act as impact criteria',
  ),
  ...edges(aiia('5.10'), [control('A.5.3')], 'intersect', 'project-authored'),
  ...edges(aiia('5.12'), [clause('8.4')], 'intersect', 'project-authored'),
  ...edges(aiia('6.3'), [control('A.9.4')], 'related', 'project-authored', 'Intended and unintended uses'),
  ...edges(aiia('6.4'), [control('A.7.4')], 'related', 'project-authored'),
  ...edges(aiia('6.8'), [control('A.5.4'), control('A.5.5')], 'intersect', 'project-authored'),
];

// Category-level links so every AI RMF category lands somewhere in 42001. 'intersect' where both sides
// require the same kind of thing in part; 'related' where 42001 only touches the topic.
const authored = (category: string, relationship: Relationship, to: readonly FrameworkRef[], note?: string) =>
  edges(rmf(category), to, relationship, 'project-authored', note);

const RMF_AUTHORED: CrosswalkEdge[] = [
  ...authored('GV1', 'intersect', [clause('5.2'), clause('6.1.2'), control('A.2.2')]),
  ...authored('GV2', 'intersect', [clause('5.3'), clause('7.2'), control('A.3.2')]),
  ...authored(
    'GV3',
    'related',
    [clause('7.2'), control('A.4.6')],
    '42001 has no explicit diversity requirement',
  ).map((e) => ({ ...e, noRequirement: true as const })),
  ...authored('GV4', 'intersect', [clause('7.3'), clause('7.4'), control('A.3.3')]),
  ...authored('GV5', 'intersect', [clause('4.2')]),
  ...authored('GV5', 'related', [control('A.8.3')], 'Channel for outside parties to report adverse impacts'),
  ...authored('GV6', 'intersect', [control('A.10.2'), control('A.10.3')]),
  ...authored('MP1', 'intersect', [clause('4.1'), control('A.9.4')]),
  ...authored('MP2', 'intersect', [control('A.6.2.2'), control('A.6.2.3')]),
  ...authored('MP3', 'intersect', [control('A.9.4')]),
  ...authored('MP3', 'related', [clause('6.1.4')], 'Benefits and costs feed the impact assessment'),
  ...authored('MP4', 'intersect', [clause('6.1.2'), control('A.10.3')]),
  ...authored('MP4', 'related', [control('A.4.2')], 'Component inventory'),
  ...authored('MP5', 'intersect', [clause('6.1.4'), control('A.5.4'), control('A.5.5')]),
  ...authored('MS1', 'intersect', [clause('9.1'), control('A.6.2.4')]),
  ...authored('MS2', 'intersect', [control('A.6.2.4')]),
  ...authored('MS2', 'related', [control('A.7.4'), control('A.6.2.6')]),
  ...authored('MS3', 'intersect', [clause('9.1'), control('A.6.2.6')]),
  ...authored('MS4', 'related', [clause('9.1'), clause('10.1')], 'Improving the measurement itself'),
  ...authored('MG1', 'intersect', [clause('6.1.2'), clause('6.1.3'), clause('8.3')]),
  ...authored('MG2', 'intersect', [clause('6.1.3')]),
  ...authored('MG2', 'related', [control('A.9.2')]),
  ...authored('MG3', 'intersect', [control('A.10.3')]),
  ...authored('MG3', 'related', [control('A.10.2')]),
  ...authored('MG4', 'intersect', [clause('8.3'), clause('10.2'), control('A.8.4')]),
];

/**
 * Checks crosswalk rows: both ends resolve, no duplicates, and an edge whose note says 42001 has no
 * requirement is marked noRequirement (so coverage cannot count it). Throws a ZodError otherwise.
 */
export const buildCrosswalk = (rows: readonly CrosswalkEdge[]): readonly CrosswalkEdge[] =>
  CrosswalkRows.parse(rows);

const CrosswalkRows = z
  .array(CrosswalkEdgeSchema)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((e, index) => {
      for (const end of [e.from, e.to]) {
        if (!resolveRef(end))
          ctx.addIssue({ code: 'custom', message: `unknown ${refKey(end)}`, path: [index] });
      }
      if (e.note && /\bno\b[^.;]*\brequirement\b/i.test(e.note) && !e.noRequirement)
        ctx.addIssue({
          code: 'custom',
          message: 'a note saying there is no requirement needs noRequirement',
          path: [index],
        });
      const key = `${refKey(e.from)}->${refKey(e.to)}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate edge ${key}`, path: [index] });
      seen.add(key);
    });
  })
  .readonly();

export const CROSSWALK: readonly CrosswalkEdge[] = buildCrosswalk([
  ...NIST_SAMPLE,
  ...ISO42005_ANNEX_A,
  ...ISO42005_AUTHORED,
  ...RMF_AUTHORED,
]);
