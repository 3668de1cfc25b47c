// The periodic schedule: every `intervalMinutes` an alarm wakes the worker, which starts the
// register scan and, when a GitHub scope is set, a GitHub sync — each only when no job of its kind
// is still pending. Kept in the background's storage.local next to the connections.
import { z } from 'zod';
import type { JobKind } from './job';
import { GithubSyncScope } from './sync-job';

/** The alarm's name; one alarm for the whole schedule. */
export const SCHEDULE_ALARM = 'aims-lens-schedule';
/** Longest interval: a week, in minutes. */
export const MAX_INTERVAL_MINUTES = 7 * 24 * 60;

export const Schedule = z.strictObject({
  /** Minutes between runs (whole minutes, 1 to a week); 0 turns the schedule off. */
  intervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(MAX_INTERVAL_MINUTES, `at most ${MAX_INTERVAL_MINUTES} minutes (a week)`),
  /** Run the register scan (calendar triggers, escalations). */
  scan: z.boolean(),
  /** Sync this GitHub scope (needs a GitHub connection); absent: no sync. */
  githubScope: GithubSyncScope.optional(),
});
export type Schedule = z.infer<typeof Schedule>;

export const SCHEDULE_OFF: Schedule = { intervalMinutes: 0, scan: false };

export interface ScheduleStore {
  read(): Promise<Schedule>;
  write(schedule: Schedule): Promise<void>;
}

/** A store over one `storage.local` key; a corrupt value reads as the schedule being off. */
export function storageLocalSchedule(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): ScheduleStore {
  const KEY = 'schedule';
  return {
    async read() {
      const parsed = Schedule.safeParse((await area.get(KEY))[KEY]);
      return parsed.success ? parsed.data : SCHEDULE_OFF;
    },
    async write(schedule) {
      await area.set({ [KEY]: Schedule.parse(schedule) });
    },
  };
}

/** The jobs one alarm starts: those the schedule asks for, less kinds with a job still pending. */
export function dueJobs(
  schedule: Schedule,
  pending: ReadonlySet<JobKind>,
): { kind: JobKind; input: Record<string, unknown> }[] {
  if (schedule.intervalMinutes === 0) return [];
  const jobs: { kind: JobKind; input: Record<string, unknown> }[] = [];
  if (schedule.scan && !pending.has('scan')) jobs.push({ kind: 'scan', input: { reason: 'schedule' } });
  if (schedule.githubScope && !pending.has('sync')) {
    jobs.push({ kind: 'sync', input: { connector: 'github', scope: schedule.githubScope } });
  }
  return jobs;
}
