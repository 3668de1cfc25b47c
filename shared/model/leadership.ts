// Clause 5.1: evidence that top management leads the AIMS — decisions and resource commitments,
// linked to the management review output (9.3.3) they carry out where there is one.
import { z } from 'zod';
import { Actor, Day, Id, RecordMeta } from './base';

export const LeadershipCommitment = RecordMeta.extend({
  kind: z.literal('leadership-commitment'),
  type: z.enum(['decision', 'resource-commitment', 'communication', 'policy-endorsement']),
  statement: z.string().min(1),
  /** A member of top management. */
  by: Actor,
  on: Day,
  /** The management review and its decision this carries out. */
  reviewId: Id.optional(),
  decisionId: Id.optional(),
  /** For a resource commitment: what is committed, in words (people, budget, compute). */
  resources: z.string().optional(),
});
export type LeadershipCommitment = z.infer<typeof LeadershipCommitment>;
