// The roadmap's checks named exactly, and how each scores on the edges of its rule.
import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../../shared/model';
import { readiness, readinessJson, roadmap, statusReason } from '../../../shared/processes/readiness';
import {
  TODAY,
  demoRecords,
  demoSnapshot,
  snapshotFrom,
  without,
} from '../../support/certification-fixtures';

describe('roadmap checks', () => {
  it('names every check of the demo with its clause and score', () => {
    const [p1, p2, p3, p4] = roadmap(demoSnapshot(), TODAY);
    expect(p1!.checks.map((c) => [c.clause, c.label, c.score])).toEqual([
      ['4.3', 'AIMS scope documented and approved', 1],
      ['4.3', 'AI system inventory recorded, every discovered system reviewed for scope', 1],
      ['4.3', 'at least one AI system in scope', 1],
      ['5.2', 'AI policy documented and approved', 1],
      ['5.3', 'AIMS roles assigned and communicated', 1],
    ]);
    expect(p2!.checks.map((c) => [c.clause, c.label, c.score])).toEqual([
      ['6.1.2', 'risk criteria and method approved', 1],
      ['6.1.4', 'impact assessment method approved', 1],
      ['6.1.3', 'SoA entry for every Annex A control (share recorded)', 1],
      ['6.1.3', 'every SoA exclusion approved', 1],
      ['6.2', 'AI objectives recorded and approved', 1],
      ['9.2.2', 'internal audit programme recorded', 1],
      ['7.5.2', 'documented information approved (share of documents)', 1],
    ]);
    expect(p3!.checks.slice(0, 4).map((c) => [c.clause, c.label, c.score])).toEqual([
      ['8.2', 'Claims triage: current risk assessment', 1],
      ['8.4', 'Claims triage: current, approved impact assessment', 1],
      ['5.3', 'Claims triage: risk owner assigned', 1],
      ['6.1.3', 'Claims triage: unacceptable risks treated, residual risk accepted', 1],
    ]);
    expect(p4!.checks.map((c) => [c.clause, c.label, c.score])).toEqual([
      ['9.2.1', 'internal audit completed', 1],
      ['10.2', 'every nonconformity has a corrective action', 1],
      ['10.2', 'nonconformities closed (share)', 0],
      ['9.3', 'management review held after the last audit', 1],
      ['9.3.3', 'management review decisions recorded', 1],
    ]);
  });

  it('scores documents approved as a share, and gives partial credit only between 0 and 1', () => {
    const records = demoRecords().map((r): AnyRecord =>
      r.kind === 'document' && r.docType === 'procedure' ? { ...r, approval: { state: 'draft' } } : r,
    );
    const docs = demoRecords().filter((r) => r.kind === 'document').length;
    const share = roadmap(snapshotFrom(records), TODAY)[1]!.checks.find((c) => c.clause === '7.5.2')!;
    expect(share.score).toBeCloseTo((docs - 1) / docs);
  });

  it('treats an unanswered risk as untreated and a missing risk assessment as failing', () => {
    const noTreatments = without(demoRecords(), (r) => r.kind === 'treatment');
    const checks = roadmap(snapshotFrom(noTreatments), TODAY)[2]!.checks.filter((c) => c.clause === '6.1.3');
    expect(checks.filter((c) => c.score === 0).length).toBeGreaterThan(0);
    const noRa = without(
      demoRecords(),
      (r) => r.kind === 'risk-assessment' && r.systemId === 'sys-claims-triage',
    );
    const triage = roadmap(snapshotFrom(noRa), TODAY)[2]!.checks.find(
      (c) => c.label === 'Claims triage: unacceptable risks treated, residual risk accepted',
    )!;
    expect(triage.score).toBe(0);
  });

  it('fails "held after the last audit" for a review before it, and "decisions" for none', () => {
    const early = demoRecords().map((r): AnyRecord =>
      r.kind === 'management-review' ? { ...r, heldOn: '2026-10-01' } : r,
    );
    const p4 = roadmap(snapshotFrom(early), TODAY)[3]!;
    expect(p4.checks.find((c) => c.clause === '9.3')!.score).toBe(0);
    const none = demoRecords().map((r): AnyRecord =>
      r.kind === 'management-review' ? { ...r, decisions: [] } : r,
    );
    expect(roadmap(snapshotFrom(none), TODAY)[3]!.checks.find((c) => c.clause === '9.3.3')!.score).toBe(0);
    const sameDay = demoRecords().map((r): AnyRecord =>
      r.kind === 'management-review' ? { ...r, heldOn: '2026-10-29' } : r,
    );
    expect(roadmap(snapshotFrom(sameDay), TODAY)[3]!.checks.find((c) => c.clause === '9.3')!.score).toBe(1);
  });

  it('with no nonconformities, "closed" passes once an audit is done and fails before', () => {
    const noNc = without(demoRecords(), (r) => r.kind === 'finding' || r.kind === 'corrective-action');
    expect(roadmap(snapshotFrom(noNc), TODAY)[3]!.checks.map((c) => c.score)).toEqual([1, 1, 1, 1, 1]);
    const noAudit = without(noNc, (r) => r.kind === 'audit');
    expect(roadmap(snapshotFrom(noAudit), TODAY)[3]!.checks.map((c) => c.score)).toEqual([0, 0, 0, 0, 1]);
  });
});

describe('gap wording', () => {
  it('says why an assessment is not current, in each state', () => {
    const base = { systemId: 's', kind: 'risk' as const, causes: [], openTriggerIds: [] };
    const snap = demoSnapshot();
    expect(statusReason(snap, { ...base, state: 'stale', assessedOn: '2026-01-01' })).toBe(
      "the system's components changed after it was assessed on 2026-01-01",
    );
    expect(statusReason(snap, { ...base, state: 'in-progress', latestId: 'ra' })).toBe(
      'a reassessment is drafted but not yet approved',
    );
    expect(statusReason(snap, { ...base, state: 'in-progress' })).toBe('drafted but never approved');
    expect(statusReason(snap, { ...base, state: 'missing' })).toBe('never assessed');
    expect(statusReason(snap, { ...base, state: 'current', dueOn: '2027-01-01' })).toBe(
      'current until 2027-01-01',
    );
    expect(statusReason(snap, { ...base, state: 'due', dueOn: '2027-01-01', causes: ['calendar'] })).toBe(
      'due since 2027-01-01 for planned interval passed',
    );
    expect(statusReason(snap, { ...base, state: 'due', dueOn: '2027-01-01' })).toBe(
      'due since 2027-01-01 for reassessment',
    );
    expect(
      statusReason(snap, {
        ...base,
        state: 'overdue',
        dueOn: '2027-01-01',
        causes: ['t-x'],
        openTriggerIds: ['t-x'],
      }),
    ).toBe('due since 2027-01-01 for t-x');
  });

  it('names a stale and a drafted-but-unapproved assessment as gaps with their next step', () => {
    const ia = demoRecords().find(
      (r) => r.kind === 'impact-assessment' && r.systemId === 'sys-claims-triage',
    )!;
    const drafted = demoRecords().map((r): AnyRecord =>
      r.kind === 'impact-assessment' && r.id === ia.id ? { ...r, approval: { state: 'draft' } } : r,
    );
    const gap = readiness(snapshotFrom(drafted), TODAY).stage2.gaps.find(
      (g) => g.systemId === 'sys-claims-triage',
    )!;
    expect(gap).toEqual({
      clause: '8.4',
      systemId: 'sys-claims-triage',
      what: 'Claims triage: impact assessment in-progress — drafted but never approved',
      next: 'complete and approve the impact assessment of Claims triage in progress',
    });
  });

  it('prints a system-less gap without a system key in JSON', () => {
    const json = readinessJson(readiness(snapshotFrom([]), TODAY));
    expect(json.stage1.gaps[0]).toEqual({
      clause: '4.3',
      what: 'no AIMS scope is documented',
      next: 'write the AIMS scope and have it approved (4.3)',
    });
    expect(json.stage2.watch).toEqual([]);
  });
});
