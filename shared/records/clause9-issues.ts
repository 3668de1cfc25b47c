// Turns the clause 9 / 10.2 rule issues into what `aims record` expects: the first error thrown naming
// its field, warnings kept to be said in the event summary.
import { refuse } from '../model';
import type { RuleIssue } from '../processes/rule-issue';

export function throwErrors(issues: readonly RuleIssue[]): string {
  const error = issues.find((i) => i.severity === 'error');
  if (error) throw refuse(error.field, error.message);
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => i.message);
  return warnings.length > 0 ? ` (warning: ${warnings.join('; ')})` : '';
}
