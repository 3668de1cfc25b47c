// Clause 9.1: each monitoring plan line and its latest result. A result is fresh for the plan's own
// cadence (everyDays) from the day it was measured; after that the line is stale, and a line never
// measured is unmeasured.
import type { Measurement, MonitoringPlan } from '../model';
import { addDays } from './days';
import type { RegisterSnapshot } from './snapshot';

export interface MonitoringStatus {
  plan: MonitoringPlan;
  latest?: Measurement;
  /** The day the next result is due: last measured + everyDays; absent when never measured. */
  dueOn?: string;
  state: 'fresh' | 'stale' | 'unmeasured';
}

/** Latest result of a plan line measured on or before `today` (later ones are ignored). */
export function latestMeasurement(
  snapshot: RegisterSnapshot,
  planId: string,
  today: string,
): Measurement | undefined {
  return snapshot.measurement
    .filter((m) => m.planId === planId && m.measuredOn <= today)
    .reduce<Measurement | undefined>(
      (a, b) => (a === undefined || b.measuredOn > a.measuredOn ? b : a),
      undefined,
    );
}

/** Every plan line with its state as of `today` (YYYY-MM-DD). Stale means today is past dueOn. */
export function monitoringStatuses(snapshot: RegisterSnapshot, today: string): MonitoringStatus[] {
  return snapshot['monitoring-plan'].map((plan) => {
    const latest = latestMeasurement(snapshot, plan.id, today);
    if (!latest) return { plan, state: 'unmeasured' as const };
    const dueOn = addDays(latest.measuredOn, plan.everyDays);
    return { plan, latest, dueOn, state: dueOn < today ? ('stale' as const) : ('fresh' as const) };
  });
}
