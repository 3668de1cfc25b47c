// Clause 5.3: named people answerable for each AIMS process.
import { z } from 'zod';
import { Actor, Id, RecordMeta } from './base';

export const AimsRole = z.enum([
  'aims-owner',
  'risk-assessment-owner',
  'impact-assessment-owner',
  'internal-audit-owner',
  'management-review-owner',
  'risk-owner',
  'system-owner',
]);
export type AimsRole = z.infer<typeof AimsRole>;

export const RoleAssignment = RecordMeta.extend({
  kind: z.literal('role-assignment'),
  role: AimsRole,
  person: Actor,
  /** Set for per-system roles such as risk-owner. */
  systemId: Id.optional(),
  communicated: z.boolean().default(false),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;
