// Clause 9.1: what is monitored and measured, how, when, and who analyses it; and the results.
import { z } from 'zod';
import { Actor, Approval, Day, Id, RecordMeta, RequirementRef } from './base';

export const MonitoringPlan = RecordMeta.extend({
  kind: z.literal('monitoring-plan'),
  what: z.string().min(1),
  method: z.string().min(1),
  /** Days between measurements; a result older than this is stale. */
  everyDays: z.number().int().positive(),
  measuredBy: Actor,
  analysedBy: Actor,
  /** Target the result is judged against, in words ("≥ 95 %"). */
  target: z.string().min(1),
  clauses: z.array(RequirementRef).default([]),
  systemIds: z.array(Id).default([]),
  approval: Approval,
});
export type MonitoringPlan = z.infer<typeof MonitoringPlan>;

export const Measurement = RecordMeta.extend({
  kind: z.literal('measurement'),
  planId: Id,
  measuredOn: Day,
  value: z.string().min(1),
  meetsTarget: z.boolean(),
  analysis: z.string().min(1),
  evidenceIds: z.array(Id).default([]),
});
export type Measurement = z.infer<typeof Measurement>;
