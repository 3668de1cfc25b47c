// risk-methodology (6.1.1, 6.1.2): scales contiguous, bands covering every score without gaps or
// overlaps and a monotone appetite; an approved methodology must name its approver.
import { throwFirst, refuse } from '../model';
import { validateMethodology } from '../processes/risk-method';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { parseDraft } from './fields';

export const riskMethodologyRule: RecordRule = {
  summary: 'checks scales, bands and appetite; an approved methodology must name its approver',
  prepare(value) {
    const method = parseDraft('risk-methodology', value);
    throwFirst(validateMethodology(method));
    if (method.approval.state === 'approved' && !method.approval.approvedBy) {
      throw refuse('approval.approvedBy', 'say who approved it');
    }
    return [
      writeOf('risk-methodology', method, {
        summary: `risk methodology ${method.id} ${method.version} (${method.approval.state})`,
      }),
    ];
  },
};
