// The dashboard's readiness is computed once per register snapshot and day: opening the view again
// reuses it, a new snapshot (the register changed) or a new day computes it afresh.
import { describe, expect, it } from 'vitest';
import { demoRecords } from '../../support/demo-records';
import { readinessOf } from '../../../extension/dashboard/data';
import { readiness } from '../../../shared/processes/readiness';
import { snapshotOf } from '../../../shared/processes/snapshot';

const DAY = '2026-11-29';
/** The demo organisation as stored records: each call gives new objects, as each register read does. */
const records = () => demoRecords(DAY);

describe('readiness in the dashboard', () => {
  it('is what the shared process gives, computed once per snapshot and day', () => {
    const snapshot = snapshotOf(records());
    const first = readinessOf(snapshot, DAY);
    expect(first).toEqual(readiness(snapshot, DAY));
    expect(readinessOf(snapshot, DAY)).toBe(first);
    const later = readinessOf(snapshot, '2027-06-01');
    expect(later).not.toBe(first);
    expect(later).toEqual(readiness(snapshot, '2027-06-01'));
  });

  it('is computed afresh for a new snapshot of the register', () => {
    const one = snapshotOf(records());
    const other = snapshotOf(records());
    expect(readinessOf(other, DAY)).not.toBe(readinessOf(one, DAY));
    expect(readinessOf(other, DAY)).toEqual(readinessOf(one, DAY));
  });
});
