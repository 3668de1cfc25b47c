// Risk and impact assessments are recorded the same way: refused if an approved one would be
// rewritten, written as a draft, then (when the file says approved) approved as its own transition.
import type { Approval, Draft } from '../model';
import { refuse } from '../model';
import { writeOf, type RecordWrite } from '../processes/writes';

type AssessmentKind = 'risk-assessment' | 'impact-assessment';

/** An approved or superseded assessment stays as it was; a reassessment takes a new id. */
export function refuseApprovedRewrite(
  stored: { approval: Approval } | undefined,
  label: string,
  id: string,
): void {
  if (stored && stored.approval.state !== 'draft' && stored.approval.state !== 'in-review') {
    throw refuse(
      'id',
      `${label} ${id} is ${stored.approval.state} and stays as it was approved; record a reassessment under a new id`,
    );
  }
}

export function assessmentWrites<K extends AssessmentKind>(
  kind: K,
  draft: Draft<K>,
  fileApproval: Approval | undefined,
  options: {
    cause: string;
    /** e.g. 'Support bot risk assessment ra-1' */
    label: string;
    /** Event summary of the draft write. */
    recordedSummary: string;
    now: string;
    approve: (approver: string, at: string, note: string | undefined) => Draft<K>;
  },
): RecordWrite[] {
  const approval = fileApproval ?? { state: 'draft' as const };
  if (approval.state === 'superseded') {
    throw refuse('approval.state', 'an assessment is superseded by a newer approved one, not by hand');
  }
  const recorded = writeOf(
    kind,
    { ...draft, approval: approval.state === 'approved' ? { state: 'draft' } : approval },
    { cause: options.cause, summary: options.recordedSummary },
  );
  if (approval.state !== 'approved') return [recorded];
  if (!approval.approvedBy) throw refuse('approval.approvedBy', 'say who approved it');
  const approved = options.approve(approval.approvedBy, approval.approvedAt ?? options.now, approval.note);
  return [
    recorded,
    writeOf(kind, approved, {
      action: 'transition',
      cause: options.cause,
      summary: `${options.label} draft → approved by ${approval.approvedBy}`,
    }),
  ];
}
