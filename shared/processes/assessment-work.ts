// Clauses 8.2 and 8.4 at a glance: which risk and impact assessments need doing, grouped by the
// reassessment state machine's own states (reassessment.ts), so every view counts them the same way.
// A system with no assessment is *missing* (it was never assessed), not *due* (a reassessment of one
// that was); both are counted, apart.
import { addDays } from './days';
import { systemStatuses, type AssessmentStatus } from './reassessment';
import type { RegisterSnapshot, SystemSummary } from './snapshot';

/** How far ahead the views look for reassessments coming up, in days. */
export const ASSESSMENT_WINDOW_DAYS = 30;

/** One assessment to do: the system, and its status for one kind (risk or impact). */
export interface AssessmentTask {
  system: SystemSummary;
  status: AssessmentStatus;
}

export interface AssessmentWork {
  /** No approved assessment and no draft: a first assessment is needed now. */
  missing: AssessmentTask[];
  /** Due for longer than the methodology's overdueAfterDays. */
  overdue: AssessmentTask[];
  /** A reassessment due now (a trigger or the calendar date passed), not yet overdue. */
  due: AssessmentTask[];
  /** The system changed since its assessment and no trigger said so: reassess. */
  stale: AssessmentTask[];
  /** Current, with the calendar reassessment day after today and within the window (`dueOn` ascending). */
  upcoming: AssessmentTask[];
  /** The window `upcoming` looks ahead, in days. */
  windowDays: number;
}

const byDueOn = (a: AssessmentTask, b: AssessmentTask) =>
  (a.status.dueOn ?? '') < (b.status.dueOn ?? '')
    ? -1
    : (a.status.dueOn ?? '') > (b.status.dueOn ?? '')
      ? 1
      : 0;

/**
 * The assessments of every in-scope system (`systemStatuses`), grouped by state as of `today`
 * (YYYY-MM-DD); `windowDays` (whole days, ≥ 0) is how far ahead `upcoming` looks. Assessments being drafted
 * (`in-progress`) are in no group: someone is on them.
 */
export function assessmentWork(
  snapshot: RegisterSnapshot,
  today: string,
  windowDays: number,
): AssessmentWork {
  const horizon = addDays(today, windowDays);
  const work: AssessmentWork = { missing: [], overdue: [], due: [], stale: [], upcoming: [], windowDays };
  for (const { system, risk, impact } of systemStatuses(snapshot, today)) {
    for (const status of [risk, impact]) {
      const task = { system, status };
      if (status.state === 'missing') work.missing.push(task);
      else if (status.state === 'overdue') work.overdue.push(task);
      else if (status.state === 'due') work.due.push(task);
      else if (status.state === 'stale') work.stale.push(task);
      else if (status.state === 'current' && status.dueOn && status.dueOn <= horizon)
        work.upcoming.push(task);
    }
  }
  for (const group of [work.overdue, work.due, work.upcoming]) group.sort(byDueOn);
  return work;
}

/**
 * "2 missing, 1 overdue, 0 due now, 3 due within 30 days" (and ", 1 stale" when any is): the counts in the
 * words every view uses for them. Missing, overdue, due and upcoming are always stated, zero included.
 */
export function describeAssessmentWork(work: AssessmentWork): string {
  const parts = [
    `${work.missing.length} missing`,
    `${work.overdue.length} overdue`,
    `${work.due.length} due now`,
    ...(work.stale.length > 0 ? [`${work.stale.length} stale`] : []),
    `${work.upcoming.length} due within ${work.windowDays} days`,
  ];
  return parts.join(', ');
}

/** "Missing: impact assessment of Claims triage" — one task in the same words. */
export function describeAssessmentTask({ system, status }: AssessmentTask): string {
  const what = `${status.kind} assessment of ${system.name}`;
  switch (status.state) {
    case 'missing':
      return `Missing: ${what}`;
    case 'overdue':
      return `Overdue since ${status.dueOn ?? '?'}: ${what}`;
    case 'due':
      return `Due since ${status.dueOn ?? '?'}: ${what}`;
    case 'stale':
      return `Stale (the system changed since it was assessed): ${what}`;
    default:
      return `Due on ${status.dueOn ?? '?'}: ${what}`;
  }
}
