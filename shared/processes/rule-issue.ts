// A problem with one record, phrased so a person can fix it: which record, which field, what is wrong.
export interface RuleIssue {
  recordId: string;
  field: string;
  problem: string;
  /** 'error' blocks the write or the closure; 'warning' is reported but allowed. */
  severity: 'error' | 'warning';
}

export const ruleError = (recordId: string, field: string, problem: string): RuleIssue => ({
  recordId,
  field,
  problem,
  severity: 'error',
});

export const ruleWarning = (recordId: string, field: string, problem: string): RuleIssue => ({
  recordId,
  field,
  problem,
  severity: 'warning',
});

export const errorsOnly = (issues: readonly RuleIssue[]) => issues.filter((i) => i.severity === 'error');
