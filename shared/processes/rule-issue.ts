// A problem with one record, found by a rule that lists what it finds (audits, findings, reviews): the
// refusal detail (code 'rule', the field, the message) with the record it is about and whether it blocks.
import type { RefusalDetail } from '../model';

export interface RuleIssue extends RefusalDetail {
  code: 'rule';
  recordId: string;
  field: string;
  /** 'error' blocks the write or the closure; 'warning' is reported but allowed. */
  severity: 'error' | 'warning';
}

export const ruleError = (recordId: string, field: string, message: string): RuleIssue => ({
  code: 'rule',
  recordId,
  field,
  message,
  severity: 'error',
});

export const ruleWarning = (recordId: string, field: string, message: string): RuleIssue => ({
  code: 'rule',
  recordId,
  field,
  message,
  severity: 'warning',
});

export const errorsOnly = (issues: readonly RuleIssue[]) => issues.filter((i) => i.severity === 'error');
