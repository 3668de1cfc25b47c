// finding (9.2, 10.2): graded major NC / minor NC / observation / opportunity, tied to a clause or control
// of the standard and to evidence in the register; it closes only when its corrective action is verified
// effective, and a major nonconformity only after a re-audit.
import { GRADE_LABEL, validateFinding } from '../processes/internal-audit';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { throwErrors } from './clause9-issues';
import { parseDraft } from './fields';

export const findingRule: RecordRule = {
  summary:
    'checks the clause or control and the evidence cited; closes only after an effective corrective action',
  prepare(value, { snapshot }) {
    const finding = parseDraft('finding', value);
    const warning = throwErrors(validateFinding(snapshot, finding));
    const before = snapshot.finding.find((f) => f.id === finding.id);
    const label = `${GRADE_LABEL[finding.grade]} ${finding.id} (${finding.ref})`;
    if (before && before.status !== finding.status) {
      return [
        writeOf('finding', finding, {
          action: 'transition',
          summary: `${label} ${before.status} → ${finding.status}${warning}`,
        }),
      ];
    }
    return [
      writeOf('finding', finding, {
        summary: `${label}${finding.systemId ? ` on ${finding.systemId}` : ''}${warning}`,
      }),
    ];
  },
};
