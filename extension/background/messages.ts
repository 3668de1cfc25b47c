// The protocol between content scripts / extension pages and the background. Both directions are
// validated with these schemas: requests when they arrive, responses before they leave and again
// when they are received.
import { z } from 'zod';
import { AiSystem } from '../../shared/model';

export const InventoryListRequest = z.strictObject({ type: z.literal('inventory/list') });
export const DemoLoadRequest = z.strictObject({
  type: z.literal('demo/load'),
  /** The demo's "today" (YYYY-MM-DD); the background's current day when absent. */
  today: z.iso.date().optional(),
});
export const RegisterVerifyRequest = z.strictObject({ type: z.literal('register/verify') });

export const Request = z.discriminatedUnion('type', [
  InventoryListRequest,
  DemoLoadRequest,
  RegisterVerifyRequest,
]);
export type Request = z.infer<typeof Request>;
export type RequestType = Request['type'];

export const Failure = z.strictObject({ ok: z.literal(false), error: z.string().min(1) });
export type Failure = z.infer<typeof Failure>;

const ChainVerdict = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), entries: z.number().int().nonnegative(), head: z.string() }),
  z.strictObject({
    ok: z.literal(false),
    seq: z.number().int(),
    index: z.number().int().nonnegative(),
    problem: z.enum(['edited', 'removed-or-reordered']),
    detail: z.string(),
  }),
]);

export const SUCCESS = {
  'inventory/list': z.strictObject({ ok: z.literal(true), systems: z.array(AiSystem) }),
  'demo/load': z.strictObject({
    ok: z.literal(true),
    /** Records in the demo, and how many of them this load created or changed. */
    records: z.number().int().nonnegative(),
    written: z.number().int().nonnegative(),
  }),
  'register/verify': z.strictObject({ ok: z.literal(true), verdict: ChainVerdict }),
} satisfies Record<RequestType, z.ZodType>;

export type Success<T extends RequestType> = z.infer<(typeof SUCCESS)[T]>;
export type Response<T extends RequestType> = Success<T> | Failure;

/** The schema a response to `type` must satisfy: its success shape or a failure. */
export function responseSchema<T extends RequestType>(type: T): z.ZodType<Response<T>> {
  return z.union([SUCCESS[type], Failure]) as unknown as z.ZodType<Response<T>>;
}

/** A one-line description of why a value failed a schema, for the `error` field. */
export function describeError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'message';
  return `${path}: ${issue.message}`;
}
