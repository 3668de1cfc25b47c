import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../../shared/model';
import { clausePercent, evidenceChecks, gapAssessment } from '../../../shared/processes/gap-assessment';
import { REQUIRED_INFORMATION } from '../../../shared/standard';
import {
  TODAY,
  demoRecords,
  demoSnapshot,
  evidence,
  snapshotFrom,
  stored,
  withRecords,
} from '../../support/certification-fixtures';

const check = (snap: ReturnType<typeof snapshotFrom>, clause: string, kind: string, control?: string) =>
  evidenceChecks(snap, TODAY).find(
    (c) => c.clause === clause && c.evidenceKind === kind && c.control === control,
  )!;

const doc = (id: string, docType: 'ai-policy' | 'scope', state: 'approved' | 'draft') =>
  stored('document', { id, docType, title: id, version: '1.0', clauses: [], approval: { state } });

describe('gap assessment against REQUIRED_INFORMATION', () => {
  it('has one check per required row and evidence kind, grouped per clause', () => {
    const checks = evidenceChecks(snapshotFrom([]), TODAY);
    expect(checks).toHaveLength(REQUIRED_INFORMATION.reduce((n, r) => n + r.evidenceKinds.length, 0));
    const clauses = gapAssessment(snapshotFrom([]), TODAY).map((c) => c.clause);
    expect(clauses).toEqual([...new Set(REQUIRED_INFORMATION.map((r) => r.clause))]);
  });

  it('reports an empty register as missing everywhere, except records nothing has yet called for', () => {
    const checks = evidenceChecks(snapshotFrom([]), TODAY);
    const notMissing = checks
      .filter((c) => c.state !== 'missing')
      .map((c) => `${c.clause}:${c.evidenceKind}:${c.state}`);
    expect(notMissing).toEqual([
      '10.2:nonconformity:not-applicable',
      '10.2:corrective-action:not-applicable',
    ]);
    expect(check(snapshotFrom([]), '5.2', 'ai-policy').issues[0]!.detail).toBe('no AI policy document');
  });

  it('says present, with the record ids behind it', () => {
    const snap = demoSnapshot();
    expect(check(snap, '4.3', 'scope')).toMatchObject({
      state: 'present',
      recordIds: ['doc-aims-scope'],
      issues: [],
    });
    expect(check(snap, '9.1', 'monitoring')).toMatchObject({
      state: 'present',
      recordIds: ['ev-monitoring-report-2026-q3'],
    });
  });

  it('finds a policy that is not approved: present in the wrong form', () => {
    const result = check(snapshotFrom([doc('pol', 'ai-policy', 'draft')]), '5.2', 'ai-policy');
    expect(result.state).toBe('wrong-form');
    expect(result.issues).toEqual([
      { state: 'wrong-form', recordIds: ['pol'], detail: 'AI policy is not approved (pol: draft)' },
    ]);
  });

  it('finds a risk assessment that is tied to no system in the inventory', () => {
    const orphan = stored('risk-assessment', {
      id: 'ra-orphan',
      systemId: 'sys-ghost',
      assessedOn: '2026-10-01',
      assessor: 'omar@example.com',
      methodologyId: 'risk-method',
      methodologyVersion: '1.1',
      systemSnapshot: { components: [], lifecycleStage: 'operation' },
      risks: [],
      cause: 'initial',
      approval: { state: 'approved' },
    });
    const result = check(withRecords(demoRecords(), orphan), '8.2', 'risk-assessment');
    expect(result.issues).toContainEqual({
      state: 'wrong-form',
      recordIds: ['ra-orphan'],
      detail: 'ra-orphan is not tied to a system in the inventory (sys-ghost)',
    });
  });

  it('finds an assessment older than its trigger and a system with none (the demo gaps)', () => {
    const snap = demoSnapshot();
    const risk = check(snap, '8.2', 'risk-assessment');
    expect(risk.state).toBe('wrong-form');
    expect(risk.issues).toEqual([
      {
        state: 'wrong-form',
        recordIds: ['ra-sys-support-assistant-1', 'trg-support-model-swap'],
        detail:
          'ra-sys-support-assistant-1 for Customer support assistant is overdue: older than its trigger trg-support-model-swap (raised 2026-10-14)',
      },
    ]);
    const impact = check(snap, '8.4', 'impact-assessment');
    expect(impact.state).toBe('missing');
    expect(impact.issues.map((i) => `${i.state}:${i.recordIds[0]}`).sort()).toEqual([
      'missing:sys-doc-extraction',
      'wrong-form:ia-sys-support-assistant-1',
    ]);
  });

  it('finds evidence past its freshness window, unless a fresh item stands beside it', () => {
    const old = evidence({
      id: 'ev-old',
      clauses: ['9.1'],
      capturedAt: '2026-01-01T00:00:00.000Z',
      freshForDays: 90,
    });
    const stale = check(snapshotFrom([old]), '9.1', 'monitoring');
    expect(stale.state).toBe('wrong-form');
    expect(stale.issues[0]!.detail).toBe(
      'ev-old is past its freshness window (captured 2026-01-01, fresh until 2026-04-01)',
    );
    const fresh = evidence({
      id: 'ev-new',
      clauses: ['9.1'],
      capturedAt: '2026-11-01T00:00:00.000Z',
      freshForDays: 90,
    });
    const both = check(snapshotFrom([old, fresh]), '9.1', 'monitoring');
    expect(both).toMatchObject({
      state: 'present',
      recordIds: ['ev-old', 'ev-new'],
      note: '1 stale item(s) alongside fresh ones',
    });
  });

  it('finds an SoA exclusion without approval, and skips a control excluded with approval', () => {
    const records: AnyRecord[] = demoRecords().map((r) =>
      r.kind === 'soa-entry' && r.controlId === 'A.6.2.7'
        ? {
            ...r,
            applicable: false,
            justification: 'Excluded: no technical audiences',
            approval: { state: 'draft' as const },
          }
        : r,
    );
    const soa = check(snapshotFrom(records), '6.1.3', 'soa');
    expect(soa.state).toBe('wrong-form');
    expect(soa.issues).toEqual([
      {
        state: 'wrong-form',
        recordIds: ['soa-A.6.2.7'],
        detail: 'exclusion of A.6.2.7 is not approved (draft)',
      },
    ]);
    const approved = records.map((r) =>
      r.kind === 'soa-entry' && r.controlId === 'A.6.2.7'
        ? { ...r, approval: { state: 'approved' as const } }
        : r,
    );
    const techDocs = check(snapshotFrom(approved), '6.1.3', 'technical-documentation', 'A.6.2.7');
    expect(techDocs).toMatchObject({ state: 'not-applicable', note: 'A.6.2.7 is excluded in the SoA' });
  });

  it('computes a percent per clause from present checks', () => {
    const clauses = gapAssessment(demoSnapshot(), TODAY);
    const percent = Object.fromEntries(clauses.map((c) => [c.clause, clausePercent(c)]));
    expect(percent['4.3']).toBe(100);
    expect(percent['8.4']).toBe(0);
    expect(percent['10.2']).toBe(100);
  });
});
