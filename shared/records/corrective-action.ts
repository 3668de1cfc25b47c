// corrective-action (10.2): root cause, owner and due day; its status follows the effectiveness check
// (verified-effective or ineffective only with a check that says so).
import { validateCorrectiveAction } from '../processes/internal-audit';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { throwErrors } from './clause9-issues';
import { parseDraft } from './fields';

export const correctiveActionRule: RecordRule = {
  summary: 'needs root cause, owner and due day; effective or ineffective only with an effectiveness check',
  prepare(value, { snapshot }) {
    const action = parseDraft('corrective-action', value);
    const warning = throwErrors(validateCorrectiveAction(snapshot, action));
    const before = snapshot['corrective-action'].find((a) => a.id === action.id);
    if (before && before.status !== action.status) {
      return [
        writeOf('corrective-action', action, {
          action: 'transition',
          summary: `corrective action ${action.id} for ${action.findingId} ${before.status} → ${action.status}${warning}`,
        }),
      ];
    }
    return [
      writeOf('corrective-action', action, {
        summary: `corrective action ${action.id} for ${action.findingId}, owner ${action.owner}, due ${action.dueOn}${warning}`,
      }),
    ];
  },
};
