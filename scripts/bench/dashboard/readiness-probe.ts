// Bundled for the browser by the dashboard benchmark: times the shared readiness process on the
// records the page is handed, the same code the dashboard and the CLI run.
import type { AnyRecord } from '../../../shared/model';
import { readiness } from '../../../shared/processes/readiness';
import { snapshotOf } from '../../../shared/processes/snapshot';

/** Milliseconds of each of `runs` readiness computations over the records (snapshot built once). */
export function timeReadiness(
  records: readonly AnyRecord[],
  today: string,
  runs: number,
  now: () => number,
): number[] {
  const snapshot = snapshotOf(records);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    readiness(snapshot, today);
    times.push(now() - start);
  }
  return times;
}

(globalThis as { aimsTimeReadiness?: typeof timeReadiness }).aimsTimeReadiness = timeReadiness;
