// Clauses 6.1.1 and 6.3: AIMS-level risks and opportunities with planned actions, and planned changes
// to the AIMS. Distinct from the per-system AI risk of 6.1.2 (risk.ts).
import { z } from 'zod';
import { Actor, Approval, Day, Id, RecordMeta } from './base';

export const ActionEffectiveness = z.object({
  checkedOn: Day,
  checkedBy: Actor,
  effective: z.boolean(),
  note: z.string().min(1),
});

/** A risk or an opportunity for the AIMS itself (6.1.1), with the action planned and how it is judged. */
export const AimsRisk = RecordMeta.extend({
  kind: z.literal('aims-risk'),
  type: z.enum(['risk', 'opportunity']),
  description: z.string().min(1),
  /** Context issues or interested parties it arises from (4.1, 4.2). */
  arisesFrom: z.array(Id).default([]),
  action: z.string().min(1),
  /** How the action's effectiveness will be evaluated (6.1.1 e 2). */
  effectivenessMethod: z.string().min(1),
  owner: Actor,
  dueOn: Day,
  status: z.enum(['planned', 'in-progress', 'done', 'closed']),
  effectiveness: ActionEffectiveness.optional(),
});
export type AimsRisk = z.infer<typeof AimsRisk>;

/** A change to the AIMS carried out in a planned manner (6.3). */
export const AimsChange = RecordMeta.extend({
  kind: z.literal('aims-change'),
  title: z.string().min(1),
  purpose: z.string().min(1),
  /** Potential consequences considered before the change. */
  consequences: z.string().min(1),
  resources: z.string().optional(),
  owner: Actor,
  plannedOn: Day,
  status: z.enum(['proposed', 'approved', 'in-progress', 'done', 'rejected']),
  approval: Approval,
  doneOn: Day.optional(),
});
export type AimsChange = z.infer<typeof AimsChange>;
