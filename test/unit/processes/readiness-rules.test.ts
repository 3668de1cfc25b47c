// Each readiness rule judged as certification practice does: for every rule, the case that must pass and
// the case that must fail, starting from a register that is ready for both stages.
import { describe, expect, it } from 'vitest';
import type { AnyRecord, RecordOf } from '../../../shared/model';
import { addDays } from '../../../shared/processes/days';
import { readiness } from '../../../shared/processes/readiness';
import { ANNEX_A_CONTROL_IDS } from '../../../shared/standard';
import {
  TODAY,
  readyRecords,
  snapshotFrom,
  stored,
  without,
  withRecords,
} from '../../support/certification-fixtures';

const ready = () => readiness(snapshotFrom(readyRecords()), TODAY);
const judge = (...changes: AnyRecord[]) => readiness(withRecords(readyRecords(), ...changes), TODAY);
const judgeWithout = (drop: (r: AnyRecord) => boolean, records = readyRecords()) =>
  readiness(snapshotFrom(without(records, drop)), TODAY);
const one = <K extends AnyRecord['kind']>(kind: K, id?: string) =>
  readyRecords().find((r) => r.kind === kind && (id === undefined || r.id === id)) as RecordOf<K>;
const clauses = (gaps: ReadonlyArray<{ clause: string }>) => gaps.map((g) => g.clause);

it('starts from a register that is ready for both stages', () => {
  const r = ready();
  expect(r.stage1).toEqual({ ready: true, gaps: [], watch: [] });
  expect(r.stage2).toEqual({ ready: true, gaps: [], watch: [] });
});

describe('10.2: an open minor nonconformity with a planned, in-date action is a watch item', () => {
  const openFinding = () => ({ ...one('finding'), status: 'action-planned' as const, closedOn: undefined });
  const openAction = (dueOn: string) => ({
    ...one('corrective-action'),
    status: 'open' as const,
    effectiveness: undefined,
    dueOn,
  });

  it('passes: minor, action planned and due later', () => {
    const r = judge(openFinding(), openAction('2026-12-12'));
    expect(r.stage2.ready).toBe(true);
    expect(clauses(r.stage2.watch)).toEqual(['A.6.2.8']);
  });

  it('passes on the due day itself', () => {
    expect(judge(openFinding(), openAction(TODAY)).stage2.ready).toBe(true);
  });

  it('fails: the action is overdue', () => {
    const r = judge(openFinding(), openAction(addDays(TODAY, -1)));
    expect(r.stage2.watch).toEqual([]);
    expect(r.stage2.gaps).toEqual([
      expect.objectContaining({
        clause: 'A.6.2.8',
        what: expect.stringContaining(
          'corrective action ca-2026-1-1 for finding-2026-1-1 was due 2026-11-27',
        ),
      }),
    ]);
  });

  it('fails: a major nonconformity blocks even with an in-date action', () => {
    const r = judge({ ...openFinding(), grade: 'major-nc' }, openAction('2026-12-12'));
    expect(r.stage2.watch).toEqual([]);
    expect(r.stage2.gaps[0]!.what).toContain('open major nonconformity finding-2026-1-1');
    expect(r.stage2.gaps[0]!.next).toContain('after a re-audit');
  });

  it('fails: a minor nonconformity with no corrective action', () => {
    const r = judgeWithout(
      (x) => x.kind === 'corrective-action',
      readyRecords().map((x) => (x.kind === 'finding' ? openFinding() : x)),
    );
    expect(r.stage2.gaps[0]!.next).toBe('record the root cause and a corrective action for finding-2026-1-1');
  });

  it('fails: a corrective action found ineffective', () => {
    const ineffective = {
      ...openAction('2026-12-12'),
      status: 'ineffective' as const,
      effectiveness: {
        checkedOn: TODAY,
        checkedBy: 'raj@example.com',
        effective: false,
        note: 'still 7 days',
      },
    };
    expect(judge(openFinding(), ineffective).stage2.ready).toBe(false);
  });
});

describe('8.2 / 8.4: due inside the organisation’s own window is not a gap; overdue and missing are', () => {
  const trigger = (daysAgo: number, clauses: string[] = ['8.2']) =>
    stored('trigger', {
      id: 'trg-young',
      systemId: 'sys-claims-triage',
      type: 'model-changed',
      detail: 'Retrained model',
      clauses,
      raisedOn: addDays(TODAY, -daysAgo),
      source: { tool: 'github', ref: 'harbor/claims#1' },
      status: 'open',
    });
  const method = (overdueAfterDays: number, reassessmentIntervalDays = 365) => ({
    ...one('risk-methodology'),
    overdueAfterDays,
    reassessmentIntervalDays,
  });

  it('passes: a trigger raised 10 days ago leaves the risk assessment due, a watch item', () => {
    const r = judge(trigger(10));
    expect(r.stage2.ready).toBe(true);
    expect(r.stage2.watch).toEqual([
      expect.objectContaining({ clause: '8.2', systemId: 'sys-claims-triage' }),
    ]);
    expect(r.stage2.watch[0]!.what).toContain('risk assessment due');
  });

  it('passes on the last day of the 30-day grace period, fails the day after', () => {
    expect(judge(trigger(30)).stage2.ready).toBe(true);
    const late = judge(trigger(31));
    expect(late.stage2.gaps).toEqual([
      expect.objectContaining({ clause: '8.2', what: expect.stringContaining('risk assessment overdue') }),
    ]);
  });

  it('uses the methodology’s own grace period, not the default', () => {
    expect(judge(method(60), trigger(45)).stage2.ready).toBe(true);
    expect(clauses(judge(method(7), trigger(8)).stage2.gaps)).toEqual(['8.2']);
    expect(judge(method(7), trigger(7)).stage2.ready).toBe(true);
  });

  it('uses the methodology’s own reassessment interval: a lapsed calendar date is due, then overdue', () => {
    const ra = one('risk-assessment', 'ra-sys-claims-triage-1');
    const short = judge(method(30, daysSince(ra.assessedOn) - 40));
    expect(short.stage2.gaps).toContainEqual(
      expect.objectContaining({ clause: '8.2', what: expect.stringContaining('planned interval passed') }),
    );
    const lapsesInWindow = daysSince(ra.assessedOn) - 10;
    const due = judge(method(30, lapsesInWindow));
    expect(due.stage2.ready).toBe(true);
    expect(due.stage2.watch[0]!.what).toContain('planned interval passed');
  });

  it('fails: a missing assessment', () => {
    const r = judgeWithout((x) => x.kind === 'impact-assessment' && x.systemId === 'sys-claims-triage');
    expect(r.stage2.gaps[0]).toMatchObject({ clause: '8.4', what: 'Claims triage has no impact assessment' });
  });
});

const daysSince = (day: string) => Math.round((Date.parse(TODAY) - Date.parse(day)) / 86_400_000);

describe('9.2.2: the audit programme covered the whole AIMS before Stage 2', () => {
  const audit = () => one('audit', 'audit-2026-1');

  it('passes: clauses 4–10, every included control and every in-scope system audited this cycle', () => {
    expect(clauses(ready().stage2.gaps)).not.toContain('9.2.2');
  });

  it('fails naming the clauses not audited', () => {
    const partial = {
      ...audit(),
      scope: { ...audit().scope, clauses: ['4', '5', '6', '7', '8', '9.1', '9.3'] },
    };
    const gap = judge(partial).stage2.gaps.find((g) => g.clause === '9.2.2');
    expect(gap?.what).toBe(
      'the internal audits of this cycle (audit-2026-1, audit-2026-2) did not cover clauses 10.1, 10.2',
    );
  });

  it('fails naming the included controls not audited, but not the excluded one', () => {
    const controls = ANNEX_A_CONTROL_IDS.filter((c) => c !== 'A.7.4' && c !== 'A.10.4');
    const gap = judge({ ...audit(), scope: { ...audit().scope, controls } }).stage2.gaps.find(
      (g) => g.clause === '9.2.2',
    );
    expect(gap?.what).toContain('did not cover controls A.7.4');
    expect(gap?.what).not.toContain('A.10.4');
  });

  it('fails naming an in-scope system never sampled', () => {
    const systemIds = ['sys-claims-triage'];
    const gap = judge({ ...audit(), scope: { ...audit().scope, systemIds } }).stage2.gaps.find(
      (g) => g.clause === '9.2.2',
    );
    expect(gap?.what).toContain('did not cover systems Fraud scoring');
  });

  it('fails when the covering audit is older than the programme cycle', () => {
    const old = { ...audit(), plannedOn: '2025-09-01', completedOn: '2025-10-01' };
    const gap = judge(old).stage2.gaps.find((g) => g.clause === '9.2.2');
    expect(gap?.what).toContain('(audit-2026-2)');
    expect(gap?.what).toContain('clauses 4.1');
  });

  it('does not count an audit still in progress', () => {
    const pending = { ...audit(), status: 'in-progress' as const };
    expect(clauses(judge(pending).stage2.gaps)).toContain('9.2.2');
  });
});

describe('8.3: accepted residual risk rests on implemented, checked treatments', () => {
  const treatment = () => one('treatment', 'tr-sys-fraud-scoring-ia-i1');

  it('passes: verified effective, and a plan still in date', () => {
    expect(ready().stage2.ready).toBe(true);
    const inDate = { ...treatment(), status: 'planned' as const, dueOn: TODAY, effectiveness: undefined };
    expect(judge(inDate).stage2.ready).toBe(true);
  });

  it('passes: a valid accept treatment in date', () => {
    const accept = {
      ...treatment(),
      option: 'accept' as const,
      annexAControls: [],
      status: 'planned' as const,
      dueOn: addDays(TODAY, 30),
      effectiveness: undefined,
    };
    expect(judge(accept).stage2.ready).toBe(true);
  });

  it('fails: a planned treatment past its due date', () => {
    const late = {
      ...treatment(),
      status: 'planned' as const,
      dueOn: addDays(TODAY, -1),
      effectiveness: undefined,
    };
    expect(judge(late).stage2.gaps).toEqual([
      expect.objectContaining({
        clause: '8.3',
        what: expect.stringContaining(`was due ${addDays(TODAY, -1)}`),
      }),
    ]);
  });

  it('fails: implemented but its effectiveness never checked', () => {
    const unchecked = { ...treatment(), status: 'implemented' as const, effectiveness: undefined };
    expect(judge(unchecked).stage2.gaps[0]!.what).toContain(
      'effectiveness of tr-sys-fraud-scoring-ia-i1 not verified',
    );
  });

  it('fails: residual risk never accepted', () => {
    const unaccepted = { ...treatment(), residualAcceptance: undefined };
    expect(clauses(judge(unaccepted).stage2.gaps)).toEqual(['6.1.3']);
  });

  it('ignores treatments of systems out of scope', () => {
    const late = {
      ...treatment(),
      status: 'planned' as const,
      dueOn: addDays(TODAY, -1),
      effectiveness: undefined,
    };
    const outOfScope = { ...one('ai-system', 'sys-fraud-scoring'), inScope: false };
    expect(clauses(judge(late, outOfScope).stage2.gaps)).not.toContain('8.3');
  });
});

describe('6.1.3: an included control marked implemented needs evidence or a treatment behind it', () => {
  const entry = () => one('soa-entry', 'soa-A.4.2');

  it('passes: implemented with evidence linked', () => {
    expect(entry().status).toBe('implemented');
    expect(clauses(ready().stage1.gaps)).not.toContain('A.4.2');
  });

  it('fails: implemented with no evidence and no treatment', () => {
    const records = readyRecords().map((r) =>
      r.kind === 'evidence' && r.controls.includes('A.4.2')
        ? { ...r, controls: r.controls.filter((c) => c !== 'A.4.2') }
        : r,
    );
    const r = readiness(withRecords(records, { ...entry(), evidenceIds: [] }), TODAY);
    expect(r.stage1.gaps).toEqual([
      {
        clause: 'A.4.2',
        what: 'A.4.2 is marked implemented but no evidence or treatment links to it',
        next: 'link the evidence that A.4.2 operates, or set its status to what is true',
      },
    ]);
  });

  it('passes when the control is only planned, or excluded', () => {
    const records = readyRecords().map((r) =>
      r.kind === 'evidence' ? { ...r, controls: r.controls.filter((c) => c !== 'A.4.2') } : r,
    );
    const planned = readiness(
      withRecords(records, { ...entry(), evidenceIds: [], status: 'planned' }),
      TODAY,
    );
    expect(clauses(planned.stage1.gaps)).not.toContain('A.4.2');
  });

  it('drafts the demo’s justifications from links, not boilerplate', () => {
    const entries = readyRecords().filter((r) => r.kind === 'soa-entry' && r.applicable);
    for (const e of entries)
      expect(e.kind === 'soa-entry' && e.justification).toMatch(/^Included: .*(treats|evidence)/);
  });
});

describe('9.3.2: the review inputs include interested parties (c) and monitoring results (d)', () => {
  const review = () => one('management-review');

  it('passes when both were considered', () => {
    expect(clauses(ready().stage2.gaps)).not.toContain('9.3.2');
  });

  it('fails naming each input the review left out', () => {
    const noC = judge({ ...review(), inputs: { ...review().inputs, interestedParties: [] } });
    expect(noC.stage2.gaps).toEqual([
      expect.objectContaining({
        clause: '9.3.2',
        what: "management review mr-2026-1 did not consider changes in interested parties' needs (c)",
      }),
    ]);
    const noD = judge({ ...review(), inputs: { ...review().inputs, monitoring: [] } });
    expect(noD.stage2.gaps[0]!.what).toBe(
      'management review mr-2026-1 did not consider monitoring and measurement results (d)',
    );
  });
});

describe('Stage 2 rules a mutation could otherwise delete unnoticed', () => {
  it('5.3: an in-scope system without a risk owner', () => {
    const orphan = { ...one('ai-system', 'sys-claims-triage'), riskOwner: undefined };
    const records = without(
      readyRecords(),
      (r) => r.kind === 'role-assignment' && r.role === 'risk-owner' && r.systemId === 'sys-claims-triage',
    );
    const gaps = readiness(withRecords(records, orphan), TODAY).stage2.gaps.filter((g) => g.clause === '5.3');
    expect(gaps).toEqual([
      {
        clause: '5.3',
        systemId: 'sys-claims-triage',
        what: 'Claims triage has no risk owner',
        next: 'assign a risk owner for Claims triage who can accept its residual risk',
      },
    ]);
  });

  it('9.3.1: the management review overdue, not on its due day', () => {
    const review = one('management-review');
    const late = judge({ ...review, nextReviewOn: addDays(TODAY, -1) });
    expect(late.stage2.gaps).toEqual([
      {
        clause: '9.3.1',
        what: `the management review due ${addDays(TODAY, -1)} has not been held`,
        next: 'hold the overdue management review',
      },
    ]);
    expect(judge({ ...review, nextReviewOn: TODAY }).stage2.ready).toBe(true);
  });

  it('a young open trigger no assessment names waits out its grace period', () => {
    const outOfScope = stored('trigger', {
      id: 'trg-out',
      systemId: 'sys-elsewhere',
      type: 'context-changed',
      detail: 'New market',
      clauses: ['8.2'],
      raisedOn: addDays(TODAY, -30),
      source: { tool: 'jira', ref: 'AIMS-1' },
      status: 'open',
    });
    expect(judge(outOfScope).stage2.ready).toBe(true);
    const older = { ...outOfScope, raisedOn: addDays(TODAY, -31) };
    expect(judge(older).stage2.gaps).toEqual([
      {
        clause: '8.2',
        systemId: 'sys-elsewhere',
        what: 'trigger trg-out (context-changed) on sys-elsewhere open for 31 days, past the 30-day limit',
        next: 'reassess sys-elsewhere or dismiss trg-out with a reason',
      },
    ]);
    const method = { ...one('risk-methodology'), overdueAfterDays: 45 };
    expect(judge(older, method).stage2.ready).toBe(true);
    expect(judge({ ...older, status: 'assessing' }).stage2.ready).toBe(false);
    expect(judge({ ...older, status: 'dismissed', resolvedBy: 'not ours' }).stage2.ready).toBe(true);
  });
});
