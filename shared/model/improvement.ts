// Clause 10.1: opportunities for continual improvement, where they came from and what was decided.
import { z } from 'zod';
import { Actor, Day, RecordMeta } from './base';

export const Improvement = RecordMeta.extend({
  kind: z.literal('improvement'),
  source: z.enum(['management-review', 'internal-audit', 'monitoring', 'incident', 'other']),
  /** The record it was raised from: a review/decision, a finding, a measurement. */
  sourceRef: z.string().min(1),
  raisedOn: Day,
  description: z.string().min(1),
  decision: z
    .object({
      outcome: z.enum(['adopted', 'deferred', 'rejected']),
      decidedOn: Day,
      decidedBy: Actor,
      rationale: z.string().min(1),
    })
    .optional(),
  owner: Actor,
  status: z.enum(['raised', 'decided', 'in-progress', 'done']),
});
export type Improvement = z.infer<typeof Improvement>;
