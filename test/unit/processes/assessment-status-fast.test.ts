// A system with nothing recorded for a kind (no assessment of it, no trigger) is answered without running
// the rules; the answer must be what the rules give, for any register.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../../shared/model';
import { assessmentStatus, assessmentStatusByRules } from '../../../shared/processes/reassessment';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { demoRecords } from '../../support/certification-fixtures';

const demo = demoRecords();
const first = <K extends AnyRecord['kind']>(kind: K) => {
  const found = demo.find((r): r is Extract<AnyRecord, { kind: K }> => r.kind === kind);
  if (!found) throw new Error(`the demo has no ${kind}`);
  return found;
};
const risk = first('risk-assessment');
const impact = first('impact-assessment');
const trigger = first('trigger');
const system = first('ai-system');

const systemId = fc.constantFrom('sys-a', 'sys-b', 'sys-c');
const day = fc.constantFrom('2025-01-01', '2026-06-01', '2026-11-01', '2027-01-01');
const record = fc.oneof(
  fc
    .record({
      kind: fc.constantFrom('risk', 'impact'),
      id: fc.constantFrom('a-1', 'a-2'),
      systemId,
      assessedOn: day,
      state: fc.constantFrom('approved', 'draft', 'in-review'),
    })
    .map(({ kind, state, ...rest }): AnyRecord => {
      const base = kind === 'risk' ? risk : impact;
      return { ...base, ...rest, approval: { ...base.approval, state } };
    }),
  fc
    .record({
      id: fc.constantFrom('trg-1', 'trg-2'),
      systemId,
      raisedOn: day,
      status: fc.constantFrom('open', 'assessing', 'resolved'),
      clauses: fc.constantFrom([], ['8.2'], ['8.4'], ['6.1.2', '6.1.4']),
    })
    .map((t): AnyRecord => ({ ...trigger, ...t, clauses: [...t.clauses] })),
);

describe('assessmentStatus answers a system with nothing recorded as the rules do', () => {
  it('for any assessments and triggers, every system and kind: the same status, keys in the same order', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), day, (records, today) => {
        const snapshot = snapshotOf([
          ...records,
          ...['sys-a', 'sys-b', 'sys-c'].map((id): AnyRecord => ({ ...system, id })),
        ]);
        for (const id of ['sys-a', 'sys-b', 'sys-c', 'sys-unknown'])
          for (const kind of ['risk', 'impact'] as const) {
            const fast = assessmentStatus(snapshot, id, kind, today);
            const plain = assessmentStatusByRules(snapshot, id, kind, today);
            expect(fast).toEqual(plain);
            expect(JSON.stringify(fast)).toBe(JSON.stringify(plain));
          }
      }),
      { numRuns: 500 },
    );
  });
});
