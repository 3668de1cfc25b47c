// Stage 1 and Stage 2 rules stated in the words an auditor reads, each with the case that must pass and the
// case that must fail, for the branches no other test reached: methods recorded but unapproved, a partly
// written SoA, missing assessments of each kind, reassessments without a trigger, trigger changes with one
// side unknown, findings with no system, an audit cycle with no audit in it, and which methodology sets a
// trigger's grace period.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyRecord, Draft, RecordOf } from '../../../shared/model';
import { addDays } from '../../../shared/processes/days';
import { readiness, readinessStages, roadmap, type Stage } from '../../../shared/processes/readiness';
import { certificationMilestones, operatingCalendar } from '../../../shared/processes/calendar';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { systemStatuses } from '../../../shared/processes/reassessment';
import {
  TODAY,
  demoRecords,
  demoSnapshot,
  readyRecords,
  snapshotFrom,
  stored,
  system,
  without,
  withRecords,
} from '../../support/certification-fixtures';

const one = <K extends AnyRecord['kind']>(kind: K, id?: string) =>
  readyRecords().find((r) => r.kind === kind && (id === undefined || r.id === id)) as RecordOf<K>;
const judge = (...changes: AnyRecord[]) => readiness(withRecords(readyRecords(), ...changes), TODAY);
const judgeRecords = (records: AnyRecord[]) => readiness(snapshotFrom(records), TODAY);

describe('Stage 1: the documented AIMS, in words', () => {
  it('names each missing foundation of an empty register and the action that closes it', () => {
    const gaps = judgeRecords([]).stage1.gaps;
    expect(gaps).toEqual(
      expect.arrayContaining([
        {
          clause: '4.3',
          what: 'no AIMS scope is documented',
          next: 'write the AIMS scope and have it approved (4.3)',
        },
        { clause: '4.3', what: 'no AI system is in scope', next: 'record the AI systems the AIMS covers' },
        {
          clause: '5.2',
          what: 'no AI policy is documented',
          next: 'write the AI policy and have it approved (5.2)',
        },
        {
          clause: '6.2',
          what: 'no AI objectives is documented',
          next: 'write the AI objectives and have it approved (6.2)',
        },
        {
          clause: '7.2',
          what: 'no competence evidence is documented',
          next: 'write the competence evidence and have it approved (7.2)',
        },
        {
          clause: '6.1.2',
          what: 'no AI risk assessment method and criteria is documented',
          next: 'write the AI risk assessment method and criteria and have it approved (6.1.2)',
        },
        {
          clause: '6.1.4',
          what: 'no AI system impact assessment method is documented',
          next: 'write the AI system impact assessment method and have it approved (6.1.4)',
        },
        {
          clause: '6.1.3',
          what: 'the Statement of Applicability has no entry for any Annex A control',
          next: 'decide applicability and justification for 38 control(s) (aims soa drafts them from linked treatments and evidence)',
        },
        {
          clause: '9.2.2',
          what: 'no internal audit programme is recorded',
          next: 'plan the audit programme: frequency, methods, responsibilities, criteria',
        },
      ]),
    );
  });

  it('a methodology recorded but not approved is a 6.1.2 gap naming its state; an approved one passes', () => {
    const methods = readyRecords().filter(
      (r) => r.kind === 'risk-methodology' || (r.kind === 'document' && r.docType === 'risk-methodology'),
    );
    const draft = { ...one('risk-methodology'), approval: { state: 'draft' as const } };
    const onlyDraft = [...without(readyRecords(), (r) => methods.includes(r)), draft];
    expect(judgeRecords(onlyDraft).stage1.gaps).toEqual([
      {
        clause: '6.1.2',
        what: 'the AI risk assessment method and criteria is not approved (draft)',
        next: 'have top management approve the AI risk assessment method and criteria (6.1.2, 7.5.2)',
      },
    ]);
    const doc = stored('document', {
      id: 'doc-risk-method',
      title: 'Risk method',
      docType: 'risk-methodology',
      version: '0.1',
      owner: 'owner@example.com',
      clauses: ['6.1.2'],
      approval: { state: 'in-review' },
    });
    expect(judgeRecords([...onlyDraft, doc]).stage1.gaps[0]!.what).toBe(
      'the AI risk assessment method and criteria is not approved (doc-risk-method in-review, draft)',
    );
    // An approved methodology record is enough, whatever state a document of the same kind is in.
    const approvedRecord = [
      ...without(readyRecords(), (r) => r.kind === 'document' && r.docType === 'risk-methodology'),
      doc,
    ];
    expect(judgeRecords(approvedRecord).stage1.gaps).toEqual([]);
  });

  it('a partly written SoA names the controls without an entry and counts them', () => {
    const r = judgeRecords(
      without(readyRecords(), (r) => r.kind === 'soa-entry' && ['A.2.3', 'A.2.2'].includes(r.controlId)),
    );
    expect(r.stage1.gaps).toEqual([
      {
        clause: '6.1.3',
        what: 'the Statement of Applicability has no entry for A.2.2, A.2.3',
        next: 'decide applicability and justification for 2 control(s) (aims soa drafts them from linked treatments and evidence)',
      },
    ]);
  });
});

describe('Stage 2: assessments (8.2, 8.4), in words', () => {
  it('a system never assessed: the method clause is named with each kind', () => {
    const gaps = judgeRecords([system('sys-bare')]).stage2.gaps;
    expect(gaps).toEqual(
      expect.arrayContaining([
        {
          clause: '8.2',
          systemId: 'sys-bare',
          what: 'System sys-bare has no risk assessment',
          next: 'run the risk assessment for System sys-bare and have it approved (6.1.2, 8.2)',
        },
        {
          clause: '8.4',
          systemId: 'sys-bare',
          what: 'System sys-bare has no impact assessment',
          next: 'run the impact assessment for System sys-bare and have it approved (6.1.4, 8.4)',
        },
        {
          clause: '9.2.1',
          what: 'no internal audit has been completed',
          next: 'carry out the first internal audit under the programme and report it',
        },
        {
          clause: '9.3',
          what: 'no management review has been held',
          next: 'hold a management review on the compiled 9.3.2 inputs and record its decisions',
        },
      ]),
    );
  });

  it('an interval lapsed past the grace asks for a reassessment with no trigger to resolve', () => {
    const ra = one('risk-assessment', 'ra-sys-claims-triage-1');
    const short = { ...one('risk-methodology'), reassessmentIntervalDays: 30, overdueAfterDays: 10 };
    const gap = judge(short).stage2.gaps.find(
      (g) => g.systemId === 'sys-claims-triage' && g.clause === '8.2',
    );
    expect(gap).toEqual({
      clause: '8.2',
      systemId: 'sys-claims-triage',
      what: `Claims triage: risk assessment overdue — due since ${addDays(ra.assessedOn, 30)} for planned interval passed`,
      next: 'reassess risk for Claims triage',
    });
  });

  const trigger = (overrides: Partial<Draft<'trigger'>>) =>
    stored('trigger', {
      id: 'trg-x',
      systemId: 'sys-claims-triage',
      type: 'model-changed',
      detail: 'Retrained',
      clauses: ['8.2'],
      raisedOn: addDays(TODAY, -40),
      source: { tool: 'github', ref: 'harbor/claims#1' },
      status: 'open',
      ...overrides,
    });

  it('states a change with one side unknown as ∅, and a trigger with no change as its type alone', () => {
    const raised = addDays(TODAY, -40);
    const what = (t: AnyRecord) =>
      judge(t).stage2.gaps.find((g) => g.systemId === 'sys-claims-triage')?.what ?? '';
    expect(what(trigger({ before: 'v1' }))).toContain(
      `trigger trg-x (model-changed v1 → ∅, raised ${raised})`,
    );
    expect(what(trigger({ after: 'v2' }))).toContain(
      `trigger trg-x (model-changed ∅ → v2, raised ${raised})`,
    );
    expect(what(trigger({ type: 'context-changed' }))).toContain(
      `trigger trg-x (context-changed, raised ${raised})`,
    );
  });

  it('a reassessment drafted inside the window is watched; a first assessment never approved is a gap', () => {
    const draft = {
      ...one('risk-assessment', 'ra-sys-claims-triage-1'),
      id: 'ra-sys-claims-triage-2',
      assessedOn: addDays(TODAY, -2),
      approval: { state: 'draft' as const },
    };
    const r = judge(trigger({ raisedOn: addDays(TODAY, -5) }), draft);
    expect(r.stage2.gaps).toEqual([]);
    expect(r.stage2.watch).toEqual([
      {
        clause: '8.2',
        systemId: 'sys-claims-triage',
        what: `Claims triage: risk assessment in-progress — a reassessment is drafted but not yet approved`,
        next: 'complete and approve the risk assessment of Claims triage in progress',
      },
    ]);
  });
});

describe('Stage 2: findings (10.2), in words', () => {
  const openFinding = (overrides: Record<string, unknown>) => ({
    ...one('finding'),
    status: 'action-planned' as const,
    closedOn: undefined,
    ...overrides,
  });

  it('a finding on no system is named without one; on a system not in the inventory, by its id', () => {
    const r = judge(openFinding({ grade: 'major-nc', systemId: undefined, ref: '9.2' }));
    const gap = r.stage2.gaps.find((g) => g.clause === '9.2')!;
    expect(Object.keys(gap)).not.toContain('systemId');
    expect(gap.what).toMatch(/^open major nonconformity finding-2026-1-1: /);
    const elsewhere = judge(openFinding({ grade: 'major-nc', systemId: 'sys-gone' }));
    expect(elsewhere.stage2.gaps.find((g) => g.systemId === 'sys-gone')!.what).toMatch(
      /^open major nonconformity finding-2026-1-1 on sys-gone: /,
    );
  });

  it('an action already verified effective does not carry a finding that is still open', () => {
    const r = judge(openFinding({}));
    const gap = r.stage2.gaps.find((g) => g.clause === 'A.6.2.8')!;
    expect(r.stage2.watch).toEqual([]);
    expect(gap.next).toBe('record the root cause and a corrective action for finding-2026-1-1');
  });
});

describe('Stage 2: audit coverage (9.2.2) and review (9.3), in words', () => {
  it('an audit completed before this cycle leaves none in the cycle', () => {
    const audits = readyRecords()
      .filter((r): r is RecordOf<'audit'> => r.kind === 'audit')
      .map((a) => ({ ...a, plannedOn: '2024-09-01', completedOn: '2024-10-01' }));
    const gap = judge(...audits).stage2.gaps.find((g) => g.clause === '9.2.2')!;
    expect(gap.what).toMatch(
      /^the internal audits of this cycle \(none in the cycle\) did not cover clauses 4\.1, /,
    );
    expect(gap.next).toBe('plan and complete an audit of what was not covered before Stage 2');
  });

  it('a review held before an audit dated only by its plan predates it', () => {
    const review = one('management-review');
    const audit = one('audit', 'audit-2026-2');
    const later = addDays(review.heldOn, 1);
    const r = judge({ ...audit, plannedOn: later, completedOn: undefined, status: 'reported' });
    expect(r.stage2.gaps).toContainEqual({
      clause: '9.3',
      what: `the last management review (${review.id}, ${review.heldOn}) predates the internal audit completed ${later}`,
      next: 'hold a management review that considers the audit results',
    });
  });
});

describe('Stage 2: an unanswered trigger waits out the current methodology’s grace', () => {
  const outOfScope = (daysAgo: number) =>
    stored('trigger', {
      id: 'trg-out',
      systemId: 'sys-elsewhere',
      type: 'context-changed',
      detail: 'New market',
      clauses: ['8.4'],
      raisedOn: addDays(TODAY, -daysAgo),
      source: { tool: 'jira', ref: 'AIMS-1' },
      status: 'open',
    });
  const draftMethod = (overdueAfterDays: number) => ({
    ...one('risk-methodology'),
    id: 'a-draft-method',
    approval: { state: 'draft' as const },
    overdueAfterDays,
  });

  it('takes the approved methodology’s grace, not a draft listed before it', () => {
    const approved = { ...one('risk-methodology'), overdueAfterDays: 45 };
    const records = [
      draftMethod(5),
      ...without(readyRecords(), (r) => r.kind === 'risk-methodology'),
      approved,
    ];
    expect(judgeRecords([...records, outOfScope(40)]).stage2.ready).toBe(true);
    expect(judgeRecords([...records, outOfScope(46)]).stage2.gaps.map((g) => g.clause)).toEqual(['8.4']);
  });

  it('with no approved methodology, the first recorded one’s; with none at all, 30 days', () => {
    const onlyDraft = [...without(readyRecords(), (r) => r.kind === 'risk-methodology'), draftMethod(5)];
    const late = judgeRecords([...onlyDraft, outOfScope(6)]).stage2.gaps.find(
      (g) => g.systemId === 'sys-elsewhere',
    );
    expect(late?.what).toBe(
      'trigger trg-out (context-changed) on sys-elsewhere open for 6 days, past the 5-day limit',
    );
    const none = without(readyRecords(), (r) => r.kind === 'risk-methodology');
    const gaps = (days: number) =>
      judgeRecords([...none, outOfScope(days)]).stage2.gaps.filter((g) => g.systemId === 'sys-elsewhere');
    expect(gaps(30)).toEqual([]);
    expect(gaps(31)[0]!.what).toContain('past the 30-day limit');
  });
});

describe('roadmap checks on the edges of their rules', () => {
  /** The score of the check whose label ends with `label`, for the given records. */
  const score = (records: AnyRecord[], label: string) => {
    const checks = roadmap(snapshotFrom(records), TODAY).flatMap((p) => p.checks);
    const found = checks.filter((c) => c.label.endsWith(label));
    expect(found, label).toHaveLength(1);
    return found[0]!.score;
  };
  const ready = readyRecords;

  it('the inventory check fails while a discovered system is unreviewed, and passes once it is', () => {
    const label = 'AI system inventory recorded, every discovered system reviewed for scope';
    expect(score(ready(), label)).toBe(1);
    const shadow = system('sys-shadow', { inventoryState: 'discovered-unreviewed', inScope: false });
    expect(score([...ready(), shadow], label)).toBe(0);
  });

  it('a methodology kept only as an approved document passes 6.1.2 and 6.1.4', () => {
    const docs = ready().filter(
      (r) =>
        r.kind === 'document' && (r.docType === 'risk-methodology' || r.docType === 'impact-methodology'),
    );
    expect(docs.map((d) => d.kind === 'document' && d.docType).sort()).toEqual([
      'impact-methodology',
      'risk-methodology',
    ]);
    const onlyDocs = without(ready(), (r) => r.kind === 'risk-methodology' || r.kind === 'impact-template');
    expect(score(onlyDocs, 'risk criteria and method approved')).toBe(1);
    expect(score(onlyDocs, 'impact assessment method approved')).toBe(1);
    expect(judgeRecords(onlyDocs).stage1.gaps.map((g) => g.clause)).not.toContain('6.1.2');
    const neither = without(onlyDocs, (r) => docs.includes(r));
    expect(score(neither, 'risk criteria and method approved')).toBe(0);
    expect(score(neither, 'impact assessment method approved')).toBe(0);
  });

  it('one unapproved exclusion fails "every SoA exclusion approved"', () => {
    const exclusion = ready().find((r) => r.kind === 'soa-entry' && r.applicable === false)!;
    expect(score(ready(), 'every SoA exclusion approved')).toBe(1);
    const draft = [
      ...without(ready(), (r) => r === exclusion),
      { ...exclusion, approval: { state: 'draft' } } as AnyRecord,
    ];
    expect(score(draft, 'every SoA exclusion approved')).toBe(0);
  });

  it('a risk owner, and a treatment of that very risk whose residual risk is accepted, are each needed', () => {
    expect(score(ready(), 'Fraud scoring: risk owner assigned')).toBe(1);
    const orphan = { ...one('ai-system', 'sys-fraud-scoring'), riskOwner: undefined };
    const noOwner = without(
      ready(),
      (r) =>
        (r.kind === 'ai-system' && r.id === 'sys-fraud-scoring') ||
        (r.kind === 'role-assignment' && r.role === 'risk-owner' && r.systemId === 'sys-fraud-scoring'),
    );
    expect(score([...noOwner, orphan], 'Fraud scoring: risk owner assigned')).toBe(0);
    const label = 'Fraud scoring: unacceptable risks treated, residual risk accepted';
    expect(score(ready(), label)).toBe(1);
    const treatments = ready().filter((r) => r.kind === 'treatment' && r.systemId === 'sys-fraud-scoring');
    const unaccepted = [
      ...without(ready(), (r) => treatments.includes(r)),
      ...treatments.map((t) => ({ ...t, residualAcceptance: undefined }) as AnyRecord),
    ];
    expect(score(unaccepted, label)).toBe(0);
    const otherRisk = [
      ...without(ready(), (r) => treatments.includes(r)),
      ...treatments.map((t) => ({ ...t, riskId: 'another-risk' }) as AnyRecord),
    ];
    expect(score(otherRisk, label)).toBe(0);
  });

  it('an impact assessment current but only drafted fails the approved-impact check', () => {
    const label = 'Claims triage: current, approved impact assessment';
    expect(score(ready(), label)).toBe(1);
    const ia = ready().filter((r) => r.kind === 'impact-assessment' && r.systemId === 'sys-claims-triage');
    const drafted = [
      ...without(ready(), (r) => ia.includes(r)),
      ...ia.map((a) => ({ ...a, approval: { state: 'draft' } }) as AnyRecord),
    ];
    expect(score(drafted, label)).toBe(0);
  });

  it('nonconformities: every one needs an action; the closed share counts each', () => {
    const nc = one('finding');
    const second = { ...nc, id: 'finding-2', status: 'action-planned' as const, closedOn: undefined };
    expect(score([...ready(), second], 'nonconformities closed (share)')).toBe(0.5);
    expect(score([...ready(), second], 'every nonconformity has a corrective action')).toBe(0);
    expect(score(ready(), 'every nonconformity has a corrective action')).toBe(1);
  });
});

describe('each gap in its own stage', () => {
  it('an organisation-wide role left unassigned is a Stage 1 gap, not repeated in Stage 2', () => {
    const r = judgeRecords(
      without(readyRecords(), (r) => r.kind === 'role-assignment' && r.role === 'internal-audit-owner'),
    );
    expect(r.stage1.gaps.map((g) => g.clause)).toContain('5.3');
    expect(r.stage2.gaps.filter((g) => g.clause === '5.3')).toEqual([]);
  });

  it('an audit counts from the day it was completed, not the day it was planned', () => {
    const review = one('management-review');
    const audit = one('audit', 'audit-2026-2');
    const spanning = {
      ...audit,
      plannedOn: addDays(review.heldOn, -5),
      completedOn: addDays(review.heldOn, 1),
    };
    const checks = roadmap(withRecords(readyRecords(), spanning), TODAY).flatMap((p) => p.checks);
    expect(checks.find((c) => c.label === 'management review held after the last audit')?.score).toBe(0);
    expect(judge(spanning).stage2.gaps.map((g) => g.clause)).toContain('9.3');
  });
});

describe('edges of the review and owner rules', () => {
  it('a management review held on the day the last audit completed has considered it', () => {
    const review = one('management-review');
    const audit = one('audit', 'audit-2026-2');
    const sameDay = judge({ ...audit, completedOn: review.heldOn, plannedOn: addDays(review.heldOn, -3) });
    expect(sameDay.stage2.gaps.map((g) => g.clause)).not.toContain('9.3');
  });

  it('a system without a risk owner is a Stage 2 gap only, never a Stage 1 one', () => {
    const orphan = { ...one('ai-system', 'sys-claims-triage'), riskOwner: undefined };
    const records = without(
      readyRecords(),
      (r) =>
        (r.kind === 'ai-system' && r.id === 'sys-claims-triage') ||
        (r.kind === 'role-assignment' && r.role === 'risk-owner' && r.systemId === 'sys-claims-triage'),
    );
    const r = judgeRecords([...records, orphan]);
    expect(r.stage1.gaps).toEqual([]);
    expect(r.stage2.gaps.map((g) => `${g.clause} ${g.systemId}`)).toContain('5.3 sys-claims-triage');
  });
});

describe('the stages alone (what the operating calendar asks for)', () => {
  it('are the full evaluation without its roadmap, and carry the statuses the evaluation used', () => {
    const registers = [
      demoSnapshot(),
      snapshotFrom(readyRecords()),
      snapshotFrom([]),
      withRecords(readyRecords(), system('sys-unowned', { riskOwner: undefined })),
    ];
    for (const snapshot of registers) {
      const { stage1, stage2, basis } = readinessStages(snapshot, TODAY);
      const full = readiness(snapshot, TODAY);
      expect({ stage1, stage2 }).toEqual({ stage1: full.stage1, stage2: full.stage2 });
      expect(basis.statuses).toEqual(systemStatuses(snapshot, TODAY));
      expect(roadmap(snapshot, TODAY, basis)).toEqual(full.phases);
    }
  });
});

describe('the stages without their text (what the calendar counts)', () => {
  // Each gap of the plain stages is the full stages' gap at the same place: same clause and system, and its
  // text either the same or left empty. So the counts and `ready` are the full evaluation's.
  const sameGaps = (plain: Stage, full: Stage) => {
    expect(plain.ready).toBe(full.ready);
    for (const [mine, theirs] of [
      [plain.gaps, full.gaps],
      [plain.watch, full.watch],
    ] as const) {
      expect(mine.map((g) => [g.clause, g.systemId])).toEqual(theirs.map((g) => [g.clause, g.systemId]));
      mine.forEach((g, i) => {
        expect([theirs[i]!.what, '']).toContain(g.what);
        expect([theirs[i]!.next, '']).toContain(g.next);
      });
    }
  };

  it('find the same gaps in the same order, for any part of the demo or ready register on any day', () => {
    const records = [...demoRecords(), ...readyRecords()];
    fc.assert(
      fc.property(fc.subarray(records), fc.integer({ min: -400, max: 800 }), (subset, offset) => {
        const snapshot = snapshotOf(subset);
        const today = addDays(TODAY, offset);
        const full = readinessStages(snapshot, today);
        const plain = readinessStages(snapshot, today, { describe: false });
        sameGaps(plain.stage1, full.stage1);
        sameGaps(plain.stage2, full.stage2);
        expect(plain.basis).toEqual(full.basis);
        // The calendar proposes its dates from the plain stages: the same as from the full evaluation.
        expect(operatingCalendar(snapshot, today).milestones).toEqual(
          certificationMilestones(snapshot, today, readiness(snapshot, today)),
        );
      }),
      { numRuns: 80 },
    );
  });

  it('leave the per-system text empty and keep the rest (a system without assessments or owner)', () => {
    const snapshot = withRecords(readyRecords(), system('sys-unowned', { riskOwner: undefined }));
    const plain = readinessStages(snapshot, TODAY, { describe: false });
    const full = readinessStages(snapshot, TODAY);
    const unowned = (s: Stage) => s.gaps.filter((g) => g.systemId === 'sys-unowned');
    expect(unowned(full.stage2).length).toBeGreaterThan(0);
    expect(unowned(plain.stage2).map((g) => [g.clause, g.what, g.next])).toEqual(
      unowned(full.stage2).map((g) => [g.clause, '', '']),
    );
    sameGaps(plain.stage2, full.stage2);
  });
});
