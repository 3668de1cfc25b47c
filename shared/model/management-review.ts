// Clause 9.3: management review with its recorded inputs and decisions.
import { z } from 'zod';
import { Actor, Day, Id, RecordMeta } from './base';

export const ReviewDecision = z.object({
  id: Id,
  topic: z.enum(['improvement', 'change', 'resources', 'objectives', 'other']),
  decision: z.string().min(1),
  actionOwner: Actor.optional(),
  dueOn: Day.optional(),
  status: z.enum(['open', 'done']).default('open'),
});

export const ManagementReview = RecordMeta.extend({
  kind: z.literal('management-review'),
  heldOn: Day,
  chair: Actor,
  attendees: z.array(Actor).min(1),
  /** The input pack as compiled from the register, kept verbatim for the record. */
  inputs: z.object({
    previousActions: z.array(z.string()),
    contextChanges: z.array(z.string()),
    performance: z.array(z.string()),
    auditResults: z.array(z.string()),
    opportunities: z.array(z.string()),
    /** Changes in interested parties' needs and expectations (9.3.2 c). */
    interestedParties: z.array(z.string()).default([]),
    /** Monitoring and measurement results (9.3.2 d). */
    monitoring: z.array(z.string()).default([]),
  }),
  decisions: z.array(ReviewDecision),
  nextReviewOn: Day,
});
export type ManagementReview = z.infer<typeof ManagementReview>;
