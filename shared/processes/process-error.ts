// A process rule that refused its input, phrased so a person can fix the named field.

/** Thrown by process logic; `field` is a path like 'risks[0].likelihood' when one field is at fault. */
export class ProcessError extends Error {
  constructor(
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(field ? `field '${field}': ${reason}` : reason);
    this.name = 'ProcessError';
  }
}

/** A problem found while validating, before deciding whether to throw. */
export interface Problem {
  field?: string;
  message: string;
}

/** Throws the first problem, if any. */
export function throwFirst(problems: readonly Problem[]): void {
  const first = problems[0];
  if (first) throw new ProcessError(first.field, first.message);
}
