// The read commands' computations grow no faster than linearly with the register (issue: 5,000 systems,
// 50,000 evidence items stay interactive). Measured without a clock: every record and every record list is
// wrapped so each property read is counted, and the count for a register four times larger must be about
// four times the count, not sixteen (a scan of every evidence item per system) — a rule that sorts reads
// n log n times, which stays well under the bound.
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS, type AnyRecord } from '../../../shared/model';
import { operatingCalendar } from '../../../shared/processes/calendar';
import { processGaps } from '../../../shared/processes/process-gaps';
import { readiness } from '../../../shared/processes/readiness';
import { systemStatuses } from '../../../shared/processes/reassessment';
import { snapshotOf, type RegisterSnapshot } from '../../../shared/processes/snapshot';
import { buildSoa, soaGaps } from '../../../shared/processes/soa';
import { TODAY, demoRecords } from '../../support/certification-fixtures';

/** The demo plus `systems` copies of its systems, each with assessments, a trigger, treatments and evidence. */
function register(systems: number): AnyRecord[] {
  const demo = demoRecords();
  const first = <K extends AnyRecord['kind']>(kind: K) => {
    const found = demo.find((r) => r.kind === kind);
    if (!found) throw new Error(`the demo has no ${kind}`);
    return found as Extract<AnyRecord, { kind: K }>;
  };
  const system = first('ai-system');
  const risk = first('risk-assessment');
  const impact = first('impact-assessment');
  const trigger = first('trigger');
  const treatment = first('treatment');
  const evidence = first('evidence');
  const role = demo.find(
    (r): r is Extract<AnyRecord, { kind: 'role-assignment' }> =>
      r.kind === 'role-assignment' && r.role === 'risk-owner',
  );
  if (!role) throw new Error('the demo has no risk-owner assignment');
  const records: AnyRecord[] = [...demo];
  for (let i = 0; i < systems; i++) {
    const n = String(i).padStart(5, '0');
    const systemId = `sys-lin-${n}`;
    records.push({ ...system, id: systemId, name: `Linear system ${systems - i}`, inScope: true });
    // Most systems are assessed; some have an open trigger, a role, an impact assessment.
    if (i % 4 !== 3) {
      records.push({ ...risk, id: `ra-lin-${n}`, systemId });
      records.push({ ...treatment, id: `tr-lin-${n}`, systemId, riskAssessmentId: `ra-lin-${n}` });
    }
    if (i % 3 === 0) records.push({ ...impact, id: `ia-lin-${n}`, systemId });
    if (i % 5 === 0) records.push({ ...trigger, id: `trg-lin-${n}`, systemId });
    if (i % 2 === 0) records.push({ ...role, id: `role-lin-${n}`, systemId });
    for (let e = 0; e < 10; e++) {
      records.push({
        ...evidence,
        id: `ev-lin-${n}-${e}`,
        title: `Evidence ${e} of ${i}`,
        systemIds: [systemId],
      });
    }
  }
  return records;
}

/** The snapshot with every list and record behind a proxy that counts property reads. */
function counted(records: readonly AnyRecord[]): { snapshot: RegisterSnapshot; reads: () => number } {
  let reads = 0;
  const count: ProxyHandler<object> = {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  };
  const plain = snapshotOf(records);
  const snapshot = Object.fromEntries(
    RECORD_KINDS.map((kind) => [
      kind,
      new Proxy(
        plain[kind].map((r) => new Proxy(r, count)),
        count,
      ),
    ]),
  ) as unknown as RegisterSnapshot;
  return { snapshot, reads: () => reads };
}

/** Reads of `compute` on a register of `small` systems and on one four times larger. */
function growth(compute: (snapshot: RegisterSnapshot) => unknown, small = 150): number {
  const readsAt = (systems: number) => {
    const { snapshot, reads } = counted(register(systems));
    compute(snapshot);
    return reads();
  };
  return readsAt(small * 4) / readsAt(small);
}

/** Four times the register: linear work reads about 4×, n log n about 5×, a scan per system 16×. */
const BOUND = 6;

describe('read commands grow linearly with the register (counted reads, no clock)', () => {
  it.each([
    ['readiness (both stages and the roadmap)', (s: RegisterSnapshot) => readiness(s, TODAY)],
    [
      'status (system statuses and process gaps)',
      (s: RegisterSnapshot) => [systemStatuses(s, TODAY), processGaps(s, TODAY)],
    ],
    ['soa (every control with its links and gaps)', (s: RegisterSnapshot) => soaGaps(buildSoa(s))],
    [
      'calendar (every obligation until recertification)',
      (s: RegisterSnapshot) => operatingCalendar(s, TODAY),
    ],
  ])('%s', (_name, compute) => {
    expect(growth(compute)).toBeLessThan(BOUND);
  });

  it('the check itself catches a rule that scans every evidence item for each system', () => {
    const quadratic = (s: RegisterSnapshot) =>
      s['ai-system'].map((system) => s.evidence.filter((e) => e.systemIds.includes(system.id)).length);
    expect(growth(quadratic)).toBeGreaterThan(BOUND * 2);
    const linear = (s: RegisterSnapshot) => s.evidence.filter((e) => e.systemIds.length > 0).length;
    expect(growth(linear)).toBeLessThan(BOUND);
  });
});
