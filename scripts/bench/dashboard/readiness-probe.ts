// Bundled for the browser by the dashboard benchmark: times the shared readiness process on the
// records the page is handed, the same code the dashboard and the CLI run.
import type { AnyRecord } from '../../../shared/model';
import { readiness } from '../../../shared/processes/readiness';
import { snapshotOf, type RegisterSnapshot } from '../../../shared/processes/snapshot';

/**
 * Milliseconds of each of `runs` readiness computations over the records. `fresh`: each run on a
 * snapshot of new record objects (copied outside the timing), so nothing a previous run indexed is
 * reused — the recompute after the register changed (grouping into a snapshot included). Otherwise
 * one snapshot for every run — the same view shown again.
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

// In the page, a run is split in two calls, so the bench can read the main thread's CPU time
// around the timed one alone: prepare (copy the records, untimed), then run.
let copies: AnyRecord[] | undefined;
let kept: { records: readonly AnyRecord[]; snapshot: RegisterSnapshot } | undefined;

/** Readies the next run: fresh copies of the records, or the one snapshot kept for every run. */
export function prepareRun(records: readonly AnyRecord[], fresh: boolean): void {
  copies = fresh ? records.map((r) => ({ ...r })) : undefined;
  if (!fresh && kept?.records !== records) kept = { records, snapshot: snapshotOf(records) };
}

/** One readiness computation as prepared; its milliseconds by `now`. */
export function timedRun(today: string, now: () => number): number {
  const start = now();
  readiness(copies ? snapshotOf(copies) : kept!.snapshot, today);
  const ms = now() - start;
  copies = undefined;
  return ms;
}

Object.assign(globalThis, {
  aimsTimeReadiness: timeReadiness,
  aimsPrepareRun: prepareRun,
  aimsTimedRun: timedRun,
});
