// Clauses 7.1, 7.3 and 7.4: resources, awareness and communication.
import { z } from 'zod';
import { Actor, Day, Id, RecordMeta } from './base';

/** A resource the AIMS needs and has (7.1; Annex A.4 lists AI-specific ones). */
export const AimsResource = RecordMeta.extend({
  kind: z.literal('resource'),
  category: z.enum(['people', 'expertise', 'compute', 'data', 'tooling', 'budget']),
  description: z.string().min(1),
  /** AI systems it serves; empty for the AIMS as a whole. */
  systemIds: z.array(Id).default([]),
  owner: Actor,
  reviewedOn: Day,
  nextReview: Day,
});
export type AimsResource = z.infer<typeof AimsResource>;

/** An awareness activity (7.3): the policy, the person's contribution, what nonconformance implies. */
export const Awareness = RecordMeta.extend({
  kind: z.literal('awareness'),
  topics: z.array(z.enum(['ai-policy', 'contribution', 'nonconformance-implications'])).min(1),
  audience: z.string().min(1),
  method: z.string().min(1),
  deliveredOn: Day,
  /** People reached of those in the audience. */
  reached: z.number().int().nonnegative(),
  audienceSize: z.number().int().positive(),
  owner: Actor,
  nextOn: Day,
});
export type Awareness = z.infer<typeof Awareness>;

/** One line of the communication plan (7.4): what, when, with whom, how, by whom. */
export const Communication = RecordMeta.extend({
  kind: z.literal('communication'),
  what: z.string().min(1),
  direction: z.enum(['internal', 'external']),
  withWhom: z.string().min(1),
  how: z.string().min(1),
  /** Days between occasions. */
  everyDays: z.number().int().positive(),
  owner: Actor,
  lastOn: Day.optional(),
});
export type Communication = z.infer<typeof Communication>;
