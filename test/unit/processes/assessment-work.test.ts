// The assessments to do, grouped by the reassessment states: a system never assessed is missing,
// never "due"; every view (popup, dashboard calendar) counts with this one function.
import { describe, expect, it } from 'vitest';
import {
  assessmentWork,
  describeAssessmentTask,
  describeAssessmentWork,
} from '../../../shared/processes/assessment-work';
import { systemStatuses } from '../../../shared/processes/reassessment';
import { TODAY, demoSnapshot, snapshotFrom, system } from '../../support/certification-fixtures';

const states = (snap: ReturnType<typeof snapshotFrom>, today: string) =>
  systemStatuses(snap, today).flatMap((s) => [s.risk.state, s.impact.state]);

describe('assessment work (8.2, 8.4)', () => {
  it('counts a system with no assessment as missing, not due', () => {
    const snap = snapshotFrom([system('sys-new', { name: 'New bot' })]);
    const work = assessmentWork(snap, TODAY, 30);
    expect(work.missing.map((t) => `${t.status.kind}:${t.system.id}`)).toEqual([
      'risk:sys-new',
      'impact:sys-new',
    ]);
    expect([work.due, work.overdue, work.stale, work.upcoming]).toEqual([[], [], [], []]);
    expect(describeAssessmentWork(work)).toBe('2 missing, 0 overdue, 0 due now, 0 due within 30 days');
    expect(describeAssessmentTask(work.missing[1]!)).toBe('Missing: impact assessment of New bot');
  });

  it('leaves out systems out of scope, and an empty register has nothing to do', () => {
    expect(describeAssessmentWork(assessmentWork(snapshotFrom([]), TODAY, 30))).toBe(
      '0 missing, 0 overdue, 0 due now, 0 due within 30 days',
    );
    const out = snapshotFrom([system('sys-out', { inScope: false })]);
    expect(assessmentWork(out, TODAY, 30).missing).toEqual([]);
  });

  it('groups the demo by the state machine: each state in its own group, nothing counted twice', () => {
    const snap = demoSnapshot();
    const work = assessmentWork(snap, TODAY, 30);
    const all = states(snap, TODAY);
    const count = (state: string) => all.filter((s) => s === state).length;
    expect(work.missing).toHaveLength(count('missing'));
    expect(work.overdue).toHaveLength(count('overdue'));
    expect(work.due).toHaveLength(count('due'));
    expect(work.stale).toHaveLength(count('stale'));
    // The demo has a system without an impact assessment, and it is not among the due ones.
    expect(work.missing.map((t) => `${t.status.kind}:${t.system.id}`)).toContain('impact:sys-doc-extraction');
    expect(work.due.every((t) => t.status.state === 'due')).toBe(true);
    for (const t of work.upcoming) {
      expect(t.status.state).toBe('current');
      expect(t.status.dueOn! > TODAY).toBe(true);
    }
  });

  it('looks ahead only as far as the window, and orders by due day', () => {
    const snap = demoSnapshot();
    const none = assessmentWork(snap, TODAY, 0).upcoming;
    expect(none).toEqual([]);
    const far = assessmentWork(snap, TODAY, 3650).upcoming;
    const days = far.map((t) => t.status.dueOn!);
    expect(days).toEqual([...days].sort());
    expect(far.length).toBeGreaterThan(0);
    expect(describeAssessmentWork(assessmentWork(snap, TODAY, 3650))).toContain(
      `${far.length} due within 3650 days`,
    );
    expect(describeAssessmentTask(far[0]!)).toBe(
      `Due on ${far[0]!.status.dueOn}: ${far[0]!.status.kind} assessment of ${far[0]!.system.name}`,
    );
  });
});
