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
  'component-changed',
]);
export type TriggerType = z.infer<typeof TriggerType>;

/**
 * The clauses each kind of significant change obliges: 8.2 (risk reassessment) and 8.4 (impact
 * reassessment, 6.1.4). The one table: `aims diff`, a trigger recorded by hand or by Jira, and the
 * extension all read it; a trigger may still name its own clauses.
 *
 * A pinning change alone (`gpt-4o-2024-08-06` → `gpt-4o`, or back) obliges a risk reassessment only: it
 * changes how well the model is controlled (a floating alias can move under the system), not what the
 * system does or whom it affects, which is what an impact assessment weighs. When the model itself
 * changes, `model-changed` obliges both. A system that disappears obliges both: retiring a system changes
 * who is affected and how, and its impact assessment should record that.
 */
export const TRIGGER_CLAUSES: Readonly<Record<TriggerType, readonly ['8.2'] | readonly ['8.2', '8.4']>> = {
  'model-added': ['8.2', '8.4'],
  'model-removed': ['8.2', '8.4'],
  'model-changed': ['8.2', '8.4'],
  'pinning-changed': ['8.2'],
  'provider-changed': ['8.2', '8.4'],
  'model-file-changed': ['8.2', '8.4'],
  'system-appeared': ['8.2', '8.4'],
  'system-disappeared': ['8.2', '8.4'],
  'reached-production': ['8.2', '8.4'],
  'data-source-changed': ['8.2', '8.4'],
  'context-changed': ['8.2', '8.4'],
  calendar: ['8.2', '8.4'],
  // An agent's tools, MCP servers and guardrails: what the system can do and what limits it.
  'component-changed': ['8.2', '8.4'],
};

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
