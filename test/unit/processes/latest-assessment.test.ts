// A system's latest approved assessment is found for every system in one pass and remembered per list and
// day; it must answer what filtering and reducing that system's assessments answers, for any register.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../../shared/model';
import { latestAssessment, latestAssessmentByScan } from '../../../shared/processes/assessments';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { demoRecords } from '../../support/certification-fixtures';

const demo = demoRecords();
const risk = demo.find(
  (r): r is Extract<AnyRecord, { kind: 'risk-assessment' }> => r.kind === 'risk-assessment',
);
const impact = demo.find(
  (r): r is Extract<AnyRecord, { kind: 'impact-assessment' }> => r.kind === 'impact-assessment',
);
if (!risk || !impact) throw new Error('the demo has a risk and an impact assessment');

const systemId = fc.constantFrom('sys-a', 'sys-b', 'sys-c');
const day = fc.constantFrom('2026-01-01', '2026-06-01', '2026-06-02', '2027-01-01');
const state = fc.constantFrom('approved', 'approved', 'draft', 'in-review', 'rejected');
// Few ids and instants, so ties on day, on approval instant and on id all occur.
const approvedAt = fc.option(fc.constantFrom('2026-06-01T10:00:00Z', '2026-06-01T11:00:00Z'), {
  nil: undefined,
});
const id = fc.constantFrom('a-1', 'a-2', 'a-3');

const assessment = fc
  .record({ kind: fc.constantFrom('risk', 'impact'), id, systemId, assessedOn: day, state, approvedAt })
  .map(({ kind, state: s, approvedAt: at, ...rest }): AnyRecord => {
    const base = kind === 'risk' ? risk : impact;
    return { ...base, ...rest, approval: { ...base.approval, state: s, ...(at ? { approvedAt: at } : {}) } };
  });

describe('latestAssessment (one pass, remembered) answers what a scan of the system’s assessments does', () => {
  it('for any assessments, system, kind and day (or none), the very same record', () => {
    fc.assert(
      fc.property(
        fc.array(assessment, { maxLength: 14 }),
        systemId,
        fc.constantFrom('risk' as const, 'impact' as const),
        fc.option(day, { nil: undefined }),
        (records, system, kind, asOf) => {
          const snapshot = snapshotOf(records);
          // Asked twice: the second answer comes from what the first remembered.
          for (let i = 0; i < 2; i++) {
            expect(latestAssessment(snapshot, system, kind, asOf)).toBe(
              latestAssessmentByScan(snapshot, system, kind, asOf),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a list appended to after it was asked about is searched again', () => {
    const list = [{ ...risk, id: 'ra-1', systemId: 'sys-a', assessedOn: '2026-01-01' }];
    const snapshot = { ...snapshotOf([]), 'risk-assessment': list };
    expect(latestAssessment(snapshot, 'sys-a', 'risk')?.id).toBe('ra-1');
    list.push({ ...risk, id: 'ra-2', systemId: 'sys-a', assessedOn: '2026-02-01' });
    expect(latestAssessment(snapshot, 'sys-a', 'risk')?.id).toBe('ra-2');
    expect(latestAssessment(snapshot, 'sys-a', 'risk', '2026-01-15')?.id).toBe('ra-1');
  });
});
