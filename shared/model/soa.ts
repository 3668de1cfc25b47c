// Clause 6.1.3 d): the Statement of Applicability, one entry per Annex A control.
import { z } from 'zod';
import { Actor, Approval, Id, RecordMeta } from './base';

export const SoaEntry = RecordMeta.extend({
  kind: z.literal('soa-entry'),
  controlId: z.string().regex(/^A\.\d+(\.\d+)+$/),
  applicable: z.boolean(),
  justification: z.string().min(1),
  status: z.enum(['not-started', 'planned', 'partial', 'implemented']),
  owner: Actor.optional(),
  riskIds: z.array(Id).default([]),
  treatmentIds: z.array(Id).default([]),
  evidenceIds: z.array(Id).default([]),
  /** An exclusion must be approved; an inclusion carries approval too once reviewed. */
  approval: Approval,
});
export type SoaEntry = z.infer<typeof SoaEntry>;
