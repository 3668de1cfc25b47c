// Clauses 8.2 and 8.4: reassessment on significant change, not only on the calendar.
import { z } from 'zod';
import { Day, Id, RecordMeta, RequirementRef } from './base';

export const TriggerType = z.enum([
  'model-added',
  'model-removed',
  'model-changed',
  'pinning-changed',
  'provider-changed',
  'model-file-changed',
  'system-appeared',
  'system-disappeared',
  'reached-production',
  'data-source-changed',
  'context-changed',
  'calendar',
]);
export type TriggerType = z.infer<typeof TriggerType>;

export const Trigger = RecordMeta.extend({
  kind: z.literal('trigger'),
  systemId: Id,
  type: TriggerType,
  before: z.string().optional(),
  after: z.string().optional(),
  detail: z.string().min(1),
  /** Clauses that oblige the reassessment. */
  clauses: z.array(RequirementRef).min(1),
  raisedOn: Day,
  source: z.object({ tool: z.string(), ref: z.string() }),
  status: z.enum(['open', 'assessing', 'resolved', 'dismissed']),
  resolvedBy: z.string().optional(),
  /** First day the reassessment this trigger demands was overdue; recorded when it escalates. */
  overdueSince: Day.optional(),
});
export type Trigger = z.infer<typeof Trigger>;
