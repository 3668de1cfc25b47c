// Turning schema failures into one line a person can act on.
import type { z } from 'zod';
import { Refusal } from '../model/refusal';

/** 'components[0].pinning' style path for a zod issue. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** The first issue, phrased as "field 'x': message". */
export function describeIssues(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '(root)', message: 'invalid' };
  return { field: fieldPath(issue.path), message: issue.message };
}

/** The refusal (code 'invalid-record') for a record that fails its schema: "where: field 'x': reason". */
export class RecordInvalidError extends Refusal {
  declare readonly where: string;
  declare readonly field: string;

  constructor(where: string, field: string, reason: string) {
    super('invalid-record', field, reason, where);
    this.name = 'RecordInvalidError';
  }
}

/** The refusal (code 'not-found') for a record id the register does not hold. */
export class RecordNotFoundError extends Refusal {
  constructor(kind: string, id: string) {
    super('not-found', undefined, `no ${kind} with id '${id}'`);
    this.name = 'RecordNotFoundError';
  }
}
