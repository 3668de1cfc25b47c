// The register scan: what the calendar makes due by today (clause 8.2, 8.4 reassessments, 9.1
// monitoring cadence through the triggers it raises) recorded as the core's transitions — calendar
// triggers raised, overdue reassessments escalated, resolved triggers closed, older assessments
// superseded. A batch of systems per step, each batch and the checkpoint after it in one
// transaction; transitions already made plan nothing, so a resumed scan writes nothing twice.
import { z } from 'zod';
import { applyTransitions } from '../../../shared/processes/trigger-lifecycle';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import { putAll } from '../../../shared/processes/writes';
import type { JobHandler, JobProgress } from './job';

export const ScanInput = z.strictObject({
  /** The day to evaluate (YYYY-MM-DD); the worker's today when absent. */
  today: z.iso.date().optional(),
  /** Systems per step. */
  batchSize: z.number().int().min(1).max(1000).default(50),
  /** Why it runs: 'schedule' (the periodic alarm) or 'manual'. */
  reason: z.enum(['schedule', 'manual']).default('manual'),
});
export type ScanInput = z.infer<typeof ScanInput>;

const ScanCheckpoint = z.strictObject({
  today: z.iso.date(),
  systemIds: z.array(z.string()),
  next: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
});
type ScanCheckpoint = z.infer<typeof ScanCheckpoint>;

const progressOf = (at: ScanCheckpoint): JobProgress => ({
  done: at.next,
  total: at.systemIds.length,
  phase: at.next < at.systemIds.length ? 'checking the calendar per system' : 'finished',
});

export const scanJob: JobHandler<ScanInput, ScanCheckpoint> = {
  kind: 'scan',
  input: ScanInput,
  checkpoint: ScanCheckpoint,
  title: (input) => (input.reason === 'schedule' ? 'Scheduled register scan' : 'Register scan'),

  async begin(input, { register, now }) {
    if (!register) throw new Error('the scan needs the register');
    const today = input.today ?? (now ? now() : new Date().toISOString()).slice(0, 10);
    const systems = await register.list('ai-system');
    const checkpoint: ScanCheckpoint = {
      today,
      systemIds: systems.map((s) => s.id).sort(),
      next: 0,
      written: 0,
    };
    return { checkpoint, progress: progressOf(checkpoint) };
  },

  async step(input, at, { register }, commit) {
    if (!register) throw new Error('the scan needs the register');
    const batch = at.systemIds.slice(at.next, at.next + input.batchSize);
    const next: ScanCheckpoint = { ...at, next: at.next + batch.length };
    const finished = next.next >= at.systemIds.length;
    const result = {
      checkpoint: next,
      progress: progressOf(next),
      finished,
      ...(finished ? { result: '' } : {}),
    };
    await commit(async () => {
      await register.transact({ actor: 'aims-lens-scan', cause: `register scan ${at.today}` }, async (tx) => {
        const writes = applyTransitions(await loadSnapshot(tx), at.today, { systemIds: batch });
        await putAll(tx, writes);
        // Counted inside the step's transaction, which stores this checkpoint after the write.
        next.written += writes.length;
        if (finished) Object.assign(result, { result: `${next.written} transitions recorded` });
      });
    }, result);
    return result;
  },
};
