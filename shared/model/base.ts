// Fields every register record carries: a stable id, timestamps and who changed it.
import { z } from 'zod';

export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits, ".", "_", ":" or "-"');

/** ISO-8601 instant, as produced by Date.prototype.toISOString. */
export const Instant = z.iso.datetime({ offset: true });
/** Calendar day, YYYY-MM-DD. */
export const Day = z.iso.date();

/** A person or a process, e.g. 'alice@example.com' or 'aims-scan'. */
export const Actor = z.string().min(1).max(200);

export const RecordMeta = z.object({
  id: Id,
  createdAt: Instant,
  updatedAt: Instant,
  createdBy: Actor,
  updatedBy: Actor,
  /** Increments on every write; lets readers detect a concurrent change. */
  revision: z.number().int().positive(),
});
export type RecordMeta = z.infer<typeof RecordMeta>;

/** Approval state shared by documented information, assessments and exclusions. */
export const Approval = z.object({
  state: z.enum(['draft', 'in-review', 'approved', 'rejected', 'superseded']),
  approvedBy: Actor.optional(),
  approvedAt: Instant.optional(),
  note: z.string().optional(),
});
export type Approval = z.infer<typeof Approval>;

/** A reference to a requirement in a framework, e.g. { framework: 'iso42001', id: '8.2' }. */
export const RequirementRef = z
  .string()
  .regex(/^(\d+(\.\d+)*|A\.\d+(\.\d+)*)$/, 'a clause like 8.2 or a control like A.5.2');
