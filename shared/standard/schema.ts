// Schemas for the reference standards. Data files parse through these at load, so a typo fails fast.
import { z } from 'zod';

const CLAUSE_ID = /^(?:[1-9]|10)(?:\.[1-9]\d?){0,2}$/;
const CONTROL_GROUP_ID = /^A\.(?:[2-9]|10)$/;
const CONTROL_ID = /^A\.(?:[2-9]|10)(?:\.\d+){1,2}$/;
const IMPACT_ELEMENT_ID = /^[56](?:\.[1-9]\d?)?$/;
const RMF_CATEGORY_ID = /^(?:GV|MP|MS|MG)[1-9]$/;

export const ClauseIdSchema = z.string().regex(CLAUSE_ID, 'not an ISO/IEC 42001 clause id');
export const ControlGroupIdSchema = z.string().regex(CONTROL_GROUP_ID, 'not an Annex A group id');
export const ControlIdSchema = z.string().regex(CONTROL_ID, 'not an Annex A control id');
export const RmfCategoryIdSchema = z.string().regex(RMF_CATEGORY_ID, 'not an AI RMF category id');

const text = z.string().trim().min(1);

/** One ISO/IEC 42001 clause. Headings (e.g. '6.1') are not audited directly; their children are. */
export const ClauseSchema = z.object({
  id: ClauseIdSchema,
  title: text,
  summary: text,
  parent: ClauseIdSchema.optional(),
  auditable: z.boolean(),
});
export type Clause = z.infer<typeof ClauseSchema>;

/** Machine tags that let evidence from any source satisfy a documented-information obligation. */
export const EVIDENCE_KINDS = [
  'scope',
  'ai-policy',
  'role-assignment',
  'risk-methodology',
  'risk-assessment',
  'risk-treatment',
  'soa',
  'treatment-plan',
  'impact-methodology',
  'impact-assessment',
  'objectives',
  'competence',
  'doc-control',
  'operational-records',
  'technical-documentation',
  'monitoring',
  'audit-programme',
  'audit-report',
  'management-review',
  'nonconformity',
  'corrective-action',
] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/**
 * Documented information the standard expects. `document` is maintained, `record` is retained,
 * `evidence` is proof of an act, `control` is a rule over documented information itself.
 * `control` (the field) is set when the obligation comes from an Annex A control in the SoA.
 */
export const RequiredInformationSchema = z.object({
  clause: ClauseIdSchema,
  control: ControlIdSchema.optional(),
  kind: z.enum(['document', 'record', 'evidence', 'control']),
  what: text,
  evidenceKinds: z.array(EvidenceKindSchema).min(1),
});
export type RequiredInformation = z.infer<typeof RequiredInformationSchema>;

export const ControlGroupSchema = z.object({
  id: ControlGroupIdSchema,
  title: text,
  objective: text,
});
export type ControlGroup = z.infer<typeof ControlGroupSchema>;

export const ControlSchema = z
  .object({
    id: ControlIdSchema,
    group: ControlGroupIdSchema,
    title: text,
    summary: text,
    evidenceHints: z.array(text).min(1).max(3),
  })
  .refine((c) => c.id.startsWith(`${c.group}.`), { message: 'control id must sit inside its group' });
export type Control = z.infer<typeof ControlSchema>;

/** ISO/IEC 42005 element. `verified: false` marks titles recalled rather than checked against the text. */
export const ImpactElementSchema = z.object({
  id: z.string().regex(IMPACT_ELEMENT_ID, 'not an ISO/IEC 42005 element id'),
  part: z.enum(['process', 'documentation']),
  title: text,
  summary: text,
  parent: z.string().optional(),
  verified: z.boolean(),
});
export type ImpactElement = z.infer<typeof ImpactElementSchema>;

export const RMF_FUNCTION_IDS = ['GOVERN', 'MAP', 'MEASURE', 'MANAGE'] as const;
export const RmfFunctionIdSchema = z.enum(RMF_FUNCTION_IDS);
export type RmfFunctionId = z.infer<typeof RmfFunctionIdSchema>;

export const RmfFunctionSchema = z.object({
  id: RmfFunctionIdSchema,
  summary: text,
});
export type RmfFunction = z.infer<typeof RmfFunctionSchema>;

export const RmfCategorySchema = z.object({
  id: RmfCategoryIdSchema,
  function: RmfFunctionIdSchema,
  title: text,
  subcategoryCount: z.number().int().positive(),
});
export type RmfCategory = z.infer<typeof RmfCategorySchema>;

export const FRAMEWORKS = ['iso42001', 'iso42001-annex-a', 'iso42005', 'nist-ai-rmf'] as const;
export const FrameworkSchema = z.enum(FRAMEWORKS);
export type Framework = z.infer<typeof FrameworkSchema>;

/** A pointer into one framework. Resolution against the tables is checked where edges are built. */
export const FrameworkRefSchema = z.object({
  framework: FrameworkSchema,
  id: text,
});
export type FrameworkRef = z.infer<typeof FrameworkRefSchema>;

/**
 * Relationship reads "from is <relationship> to": `subset` means `from` covers less than `to`.
 * `related` claims topical overlap only, no coverage; used where a source lists links without grading them.
 */
export const CrosswalkEdgeSchema = z.object({
  from: FrameworkRefSchema,
  to: FrameworkRefSchema,
  relationship: z.enum(['equivalent', 'subset', 'superset', 'intersect', 'related']),
  /**
   * Only a source someone on the project has read: the NIST crosswalk (FDIS), or the project's own
   * reading. A mapping only reported second-hand is project-authored, with the report named in the note.
   */
  provenance: z.enum(['nist-crosswalk-fdis', 'project-authored']),
  note: text.optional(),
  /** 42001 has no requirement for the topic: the edge is shown, and never counted as coverage. */
  noRequirement: z.literal(true).optional(),
});
export type CrosswalkEdge = z.infer<typeof CrosswalkEdgeSchema>;

/** Stable string key for a reference, e.g. 'iso42001-annex-a:A.2.2'. */
export const refKey = (ref: FrameworkRef): string => `${ref.framework}:${ref.id}`;

/** A readonly table of rows with unique ids; duplicates are rejected at parse time. */
export function tableOf<T extends z.ZodType<{ id: string }>>(row: T) {
  return z
    .array(row)
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((r, index) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${r.id}`, path: [index] });
        seen.add(r.id);
      });
    })
    .readonly();
}
