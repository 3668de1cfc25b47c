// What `verify` answers, as a schema: the CLI prints it and the extension sends it across contexts.
import { z } from 'zod';

export const RegisterProblemKind = z.enum([
  // the event log itself (event-chain.ts)
  'edited',
  'link-broken',
  'sequence-broken',
  // records against the log (binding.ts)
  'record-edited',
  'record-missing',
  'record-without-event',
  'record-after-delete',
  // outside references (anchor and signed checkpoints)
  'anchor-not-found',
  'checkpoint-missing',
  'checkpoint-bad-signature',
  'checkpoint-mismatch',
]);
export type RegisterProblemKind = z.infer<typeof RegisterProblemKind>;

export const RegisterProblem = z.strictObject({
  problem: RegisterProblemKind,
  /** One line a person can act on; names the file (where known), the record and the event. */
  detail: z.string().min(1),
  seq: z.number().int().optional(),
  recordKind: z.string().optional(),
  recordId: z.string().optional(),
  /** Where the record lives, e.g. 'records/risk/risk-1.json' in a file workspace. */
  location: z.string().optional(),
});
export type RegisterProblem = z.infer<typeof RegisterProblem>;

export const RegisterVerdict = z.strictObject({
  ok: z.boolean(),
  /** Events in the log as stored. */
  entries: z.number().int().nonnegative(),
  /** Hash of the last stored entry (64 hex digits; all zeros for an empty log). */
  head: z.string().regex(/^[0-9a-f]{64}$/),
  /** Records checked against the log. */
  records: z.number().int().nonnegative(),
  problems: z.array(RegisterProblem),
  /** Seq of the anchor entry, when an anchor was given and found. */
  anchorSeq: z.number().int().nonnegative().optional(),
  /** Last seq covered by a checkpoint signed with the trusted key, when one was given. */
  signedThrough: z.number().int().nonnegative().optional(),
});
export type RegisterVerdict = z.infer<typeof RegisterVerdict>;
