// One refusal type for the whole core: when a rule, a schema or a parser turns an input down, it says
// so with a code (what kind of refusal), the field at fault and a message a person can act on. Thrown
// as `Refusal`; listed (a validation that reports several) as `RefusalDetail`s. The CLI prints the
// message on one line; the extension shows it next to the field.
import { z } from 'zod';

export const RefusalCode = z.enum([
  /** A process or write rule refused the input (a missing owner, an unapproved methodology, …). */
  'rule',
  /** A record failed its schema. */
  'invalid-record',
  /** The record named does not exist. */
  'not-found',
  /** The text is not what it claims to be (invalid JSON, a duplicate key). */
  'malformed',
]);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** One refusal as data; `field` is a path like 'risks[0].likelihood' when one field is at fault. */
export const RefusalDetail = z.object({
  code: RefusalCode,
  field: z.string().optional(),
  message: z.string(),
});
export type RefusalDetail = z.infer<typeof RefusalDetail>;

/**
 * What the core throws when it refuses an input. `reason` is the bare explanation; `message` is
 * "field 'x': reason" (or the reason alone), prefixed with `where` ("trigger 't'") when given.
 */
export class Refusal extends Error {
  readonly code: RefusalCode;
  readonly field: string | undefined;
  readonly reason: string;
  readonly where: string | undefined;

  constructor(code: RefusalCode, field: string | undefined, reason: string, where?: string) {
    super([where, field ? `field '${field}': ${reason}` : reason].filter(Boolean).join(': '));
    this.name = 'Refusal';
    this.code = code;
    this.field = field;
    this.reason = reason;
    this.where = where;
  }

  /** "field 'x': reason" without `where`: what a caller that names the input itself prints after it. */
  get fieldMessage(): string {
    return this.field ? `field '${this.field}': ${this.reason}` : this.reason;
  }

  /** The refusal as data (for a message to the extension, a JSON report). */
  get detail(): RefusalDetail {
    return {
      code: this.code,
      ...(this.field === undefined ? {} : { field: this.field }),
      message: this.reason,
    };
  }
}

/** A rule refusal (code 'rule'): the most common one, so it has a short name. */
export const refuse = (field: string | undefined, reason: string) => new Refusal('rule', field, reason);

/** A problem a validation found, before deciding whether to throw: a refusal detail without its code. */
export type Problem = Omit<RefusalDetail, 'code'>;

/** Throws the first problem as a rule refusal, if there is one. */
export function throwFirst(problems: readonly Problem[]): void {
  const first = problems[0];
  if (first) throw refuse(first.field, first.message);
}
