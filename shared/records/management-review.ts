// management-review (9.3): decisions and attendees recorded; inputs left out are compiled from the register
// as it stood on the day of the review (9.3.2), so the record keeps what top management actually saw.
import { ManagementReview } from '../model';
import { planReview, validateReview } from '../processes/management-review';
import { writeOf } from '../processes/writes';
import type { RecordRule } from './rule';
import { throwErrors } from './clause9-issues';
import { parseFields } from './fields';

const ReviewFile = ManagementReview.omit({
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  updatedBy: true,
  revision: true,
})
  .extend({ kind: ManagementReview.shape.kind.optional(), inputs: ManagementReview.shape.inputs.optional() })
  .strict();

export const managementReviewRule: RecordRule = {
  summary: 'needs decisions and the chair among attendees; compiles the 9.3.2 inputs if left out',
  prepare(value, { snapshot }) {
    const file = parseFields(ReviewFile, value);
    const review = file.inputs
      ? { ...file, kind: 'management-review' as const, inputs: file.inputs }
      : planReview(snapshot, file);
    const warning = throwErrors(validateReview(snapshot, review));
    return [
      writeOf('management-review', review, {
        summary: `management review ${review.id} held ${review.heldOn}: ${review.decisions.length} decision(s), ${review.attendees.length} attending, next ${review.nextReviewOn}${file.inputs ? '' : ', inputs compiled from the register'}${warning}`,
      }),
    ];
  },
};
