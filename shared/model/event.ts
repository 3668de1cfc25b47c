// One entry of the tamper-evident event log: each entry hashes the one before it.
import { z } from 'zod';
import { Actor, Id, Instant } from './base';

export const EventAction = z.enum(['create', 'update', 'delete', 'transition']);

export const EventEntry = z.object({
  seq: z.number().int().nonnegative(),
  at: Instant,
  actor: Actor,
  action: EventAction,
  recordKind: z.string().min(1),
  recordId: Id,
  /** Why it happened, e.g. 'trigger:trg-12' or 'aims demo'. */
  cause: z.string().min(1),
  summary: z.string(),
  /** SHA-256 of the record as written (empty for a delete). */
  recordHash: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EventEntry = z.infer<typeof EventEntry>;
