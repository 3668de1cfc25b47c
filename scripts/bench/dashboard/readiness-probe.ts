// Bundled for the browser by the dashboard benchmark: times the shared readiness process on the
// records the page is handed, the same code the dashboard and the CLI run.
import type { AnyRecord } from '../../../shared/model';
import { readiness } from '../../../shared/processes/readiness';
import { snapshotOf } from '../../../shared/processes/snapshot';

/**
 * Milliseconds of each of `runs` readiness computations over the records. `fresh`: each run on a
 * snapshot of new record objects (copied outside the timing), so nothing a previous run indexed is
 * reused — the recompute after the register changed (grouping into a snapshot included). Otherwise one snapshot for every run — the same
 * view shown again.
 */
export function timeReadiness(
  records: readonly AnyRecord[],
  today: string,
  runs: number,
  now: () => number,
  fresh = false,
): number[] {
  const once = snapshotOf(records);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const copies = fresh ? records.map((r) => ({ ...r })) : undefined;
    const start = now();
    readiness(copies ? snapshotOf(copies) : once, today);
    times.push(now() - start);
  }
  return times;
}

(globalThis as { aimsTimeReadiness?: typeof timeReadiness }).aimsTimeReadiness = timeReadiness;
