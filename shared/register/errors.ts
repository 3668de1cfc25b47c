// Turning schema failures into one line a person can act on.
import type { z } from 'zod';

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

export class RecordInvalidError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${where}: field '${field}': ${reason}`);
    this.name = 'RecordInvalidError';
  }
}

export class RecordNotFoundError extends Error {
  constructor(kind: string, id: string) {
    super(`no ${kind} with id '${id}'`);
    this.name = 'RecordNotFoundError';
  }
}
