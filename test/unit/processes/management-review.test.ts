import { describe, expect, it } from 'vitest';
import {
  compileReviewInputs,
  planReview,
  recordedInputs,
  reviewCadence,
  validateReview,
} from '../../../shared/processes/management-review';
import { errorsOnly } from '../../../shared/processes/rule-issue';
import {
  TODAY,
  audit,
  demoSnapshot,
  finding,
  programme,
  snapshotFrom,
  stored,
  system,
} from '../../support/certification-fixtures';

const review = (overrides: Partial<Parameters<typeof stored<'management-review'>>[1]> = {}) =>
  stored('management-review', {
    id: 'mr-1',
    heldOn: '2026-06-01',
    chair: 'coo@example.com',
    attendees: ['coo@example.com', 'ciso@example.com'],
    inputs: { previousActions: [], contextChanges: [], performance: [], auditResults: [], opportunities: [] },
    decisions: [
      {
        id: 'd1',
        topic: 'improvement',
        decision: 'Automate triggers',
        actionOwner: 'ciso@example.com',
        dueOn: '2026-09-01',
        status: 'open',
      },
      { id: 'd2', topic: 'resources', decision: 'Hire an auditor', status: 'done' },
    ],
    nextReviewOn: '2026-12-01',
    ...overrides,
  });

const trigger = (
  id: string,
  type: 'context-changed' | 'data-source-changed' | 'model-changed',
  raisedOn: string,
) =>
  stored('trigger', {
    id,
    systemId: 'sys-a',
    type,
    detail: `${type} detail`,
    clauses: ['8.2'],
    raisedOn,
    source: { tool: 'github', ref: 'acme/a#1' },
    status: 'open',
  });

describe('review cadence (9.3.1)', () => {
  it('says never held when no review exists', () => {
    expect(reviewCadence(snapshotFrom([]), TODAY)).toEqual({ state: 'never-held' });
  });

  it('takes the next due day from the last review and grades it scheduled, due or overdue', () => {
    const snap = snapshotFrom([
      review({ id: 'mr-0', heldOn: '2025-12-01', nextReviewOn: '2026-06-01' }),
      review(),
    ]);
    expect(reviewCadence(snap, '2026-09-01')).toMatchObject({
      state: 'scheduled',
      lastReviewId: 'mr-1',
      nextDueOn: '2026-12-01',
    });
    expect(reviewCadence(snap, TODAY).state).toBe('due');
    expect(reviewCadence(snap, '2026-12-02').state).toBe('overdue');
  });
});

describe('9.3.2 input pack compiled from the register', () => {
  const records = () => [
    system('sys-a', {}, '2026-01-01T00:00:00.000Z'),
    system('sys-new', { name: 'New system' }, '2026-08-01T00:00:00.000Z'),
    review(),
    trigger('t-old', 'context-changed', '2026-05-01'),
    trigger('t-ctx', 'context-changed', '2026-07-01'),
    trigger('t-data', 'data-source-changed', '2026-08-01'),
    trigger('t-model', 'model-changed', '2026-09-01'),
    programme(),
    audit({ id: 'audit-0', completedOn: '2026-03-01', plannedOn: '2026-02-20' }),
    audit({ id: 'audit-1', completedOn: '2026-10-10' }),
    finding({ id: 'f-0', auditId: 'audit-0', grade: 'minor-nc', status: 'closed', closedOn: '2026-04-01' }),
    finding({ id: 'f-1', auditId: 'audit-1', grade: 'major-nc' }),
    finding({ id: 'f-2', auditId: 'audit-1', grade: 'minor-nc' }),
    finding({ id: 'f-3', auditId: 'audit-1', grade: 'opportunity', statement: 'Automate evidence capture' }),
  ];

  it('reports the status of the previous review actions, flagging overdue ones', () => {
    const pack = compileReviewInputs(snapshotFrom(records()), TODAY);
    expect(pack.since).toBe('2026-06-01');
    expect(pack.previousActions).toEqual([
      expect.objectContaining({ decisionId: 'd1', status: 'open', overdue: true, owner: 'ciso@example.com' }),
      expect.objectContaining({ decisionId: 'd2', status: 'done', overdue: false }),
    ]);
  });

  it('lists context and data-source changes and new systems since the last review', () => {
    const pack = compileReviewInputs(snapshotFrom(records()), TODAY);
    expect(pack.contextChanges.triggers.map((t) => t.id)).toEqual(['t-ctx', 't-data']);
    expect(pack.contextChanges.newSystems).toEqual([
      { id: 'sys-new', name: 'New system', addedOn: '2026-08-01' },
    ]);
  });

  it('reports performance: triggers, overdue or missing assessments, nonconformities by grade and their trend', () => {
    const pack = compileReviewInputs(snapshotFrom(records()), TODAY);
    expect(pack.performance.triggersRaised).toBe(3);
    expect(pack.performance.triggersOpen).toBe(4);
    expect(pack.performance.overdueAssessments.map((a) => `${a.systemId}:${a.kind}:${a.state}`)).toContain(
      'sys-a:risk:missing',
    );
    expect(pack.performance.nonconformities.byGrade['major-nc']).toEqual({ total: 1, open: 1 });
    expect(pack.performance.nonconformities.byGrade['minor-nc']).toEqual({ total: 2, open: 1 });
    expect(pack.performance.nonconformities.trend.map((t) => t.auditId)).toEqual(['audit-0', 'audit-1']);
    expect(pack.performance.nonconformities.direction).toBe('rising');
    expect(pack.performance.auditResults.map((a) => a.auditId)).toEqual(['audit-1']);
    expect(pack.opportunities).toEqual([expect.objectContaining({ findingId: 'f-3', grade: 'opportunity' })]);
  });

  it('renders the pack as the lines a review record keeps', () => {
    const lines = recordedInputs(compileReviewInputs(snapshotFrom(records()), TODAY));
    expect(lines.previousActions[0]).toBe(
      'mr-1/d1 open (overdue): Automate triggers — ciso@example.com, due 2026-09-01',
    );
    expect(lines.contextChanges).toContain('New AI system New system (sys-new) added 2026-08-01');
    expect(lines.performance[0]).toBe('3 reassessment triggers raised since 2026-06-01; 4 open');
    expect(lines.auditResults[0]).toBe(
      'audit-1 Audit (2026-10-10): 1 major nonconformity, 1 minor nonconformity, 1 opportunity for improvement',
    );
    expect(lines.opportunities[0]).toContain(
      'f-3 opportunity for improvement (8.2): Automate evidence capture',
    );
  });

  it('compiles the demo organisation inputs with its open finding and overdue reassessments', () => {
    const pack = compileReviewInputs(demoSnapshot(), TODAY);
    expect(pack.performance.nonconformities.byGrade['minor-nc'].open).toBe(1);
    expect(pack.performance.overdueAssessments.map((a) => `${a.systemId}:${a.kind}:${a.state}`)).toEqual(
      expect.arrayContaining(['sys-support-assistant:risk:overdue', 'sys-doc-extraction:impact:missing']),
    );
  });
});

describe('recording a review (9.3.3)', () => {
  it('plans a review whose inputs are compiled on the day it is held', () => {
    const snap = snapshotFrom([system('sys-a')]);
    const draft = planReview(snap, {
      id: 'mr-2',
      heldOn: TODAY,
      chair: 'coo@example.com',
      attendees: ['coo@example.com'],
      decisions: [
        {
          id: 'd1',
          topic: 'change',
          decision: 'Extend scope',
          actionOwner: 'coo@example.com',
          dueOn: '2027-01-01',
          status: 'open',
        },
      ],
      nextReviewOn: '2027-05-28',
    });
    expect(draft.inputs.previousActions).toEqual(['None: no earlier review decisions']);
    expect(draft.inputs.performance.some((l) => l.includes('System sys-a: risk assessment missing'))).toBe(
      true,
    );
    expect(errorsOnly(validateReview(snap, draft))).toEqual([]);
  });

  it('refuses a review without decisions, with an absent chair, or a next review not after it', () => {
    const issues = validateReview(
      snapshotFrom([]),
      review({ decisions: [], attendees: ['ciso@example.com'], nextReviewOn: '2026-05-01' }),
    );
    expect(errorsOnly(issues).map((i) => i.field)).toEqual(['decisions', 'attendees', 'nextReviewOn']);
  });

  it('warns about open decisions without owner or due day, and repeated decision ids', () => {
    const issues = validateReview(
      snapshotFrom([]),
      review({
        decisions: [
          { id: 'd1', topic: 'other', decision: 'A', status: 'open' },
          { id: 'd1', topic: 'other', decision: 'B', status: 'done' },
        ],
      }),
    );
    expect(issues.map((i) => `${i.severity}:${i.field}`)).toEqual(
      expect.arrayContaining(['error:decisions', 'warning:decisions[0]', 'warning:inputs.auditResults']),
    );
  });
});
