// Clauses 4.1 and 4.2: the issues that bear on the AIMS and the interested parties with their requirements.
import { z } from 'zod';
import { Actor, Day, Id, RecordMeta, RequirementRef } from './base';

/**
 * One external or internal issue (4.1). `climate` records the determination the 2024 amendment asks
 * for: whether climate change is a relevant issue, with `relevant` saying which way it was decided.
 */
export const ContextIssue = RecordMeta.extend({
  kind: z.literal('context-issue'),
  nature: z.enum(['external', 'internal']),
  category: z.enum([
    'legal-regulatory',
    'market',
    'technology',
    'societal',
    'climate',
    'organisational',
    'contractual',
    'other',
  ]),
  issue: z.string().min(1),
  /** How the issue bears on the AIMS and its intended outcomes (or why it does not, when not relevant). */
  effect: z.string().min(1),
  relevant: z.boolean().default(true),
  owner: Actor,
  reviewedOn: Day,
  nextReview: Day,
});
export type ContextIssue = z.infer<typeof ContextIssue>;

export const PartyRequirement = z.object({
  id: Id,
  requirement: z.string().min(1),
  /** Whether the AIMS takes the requirement on (4.2 c). */
  addressed: z.boolean(),
  /** Clauses, controls or record ids through which it is addressed. */
  addressedBy: z.array(z.string().min(1)).default([]),
});

/** A change in an interested party's needs and expectations, an input to management review (9.3.2 c). */
export const PartyChange = z.object({ on: Day, change: z.string().min(1) });

export const InterestedParty = RecordMeta.extend({
  kind: z.literal('interested-party'),
  name: z.string().min(1),
  nature: z.enum(['external', 'internal']),
  requirements: z.array(PartyRequirement).min(1),
  changes: z.array(PartyChange).default([]),
  clauses: z.array(RequirementRef).default([]),
  owner: Actor,
  reviewedOn: Day,
  nextReview: Day,
});
export type InterestedParty = z.infer<typeof InterestedParty>;
