// Runs stored jobs one at a time. Each step's effects and checkpoint land in one IndexedDB
// transaction; after every step the job's progress goes to every open extension page. A new
// service worker calls resume() when it starts (and an alarm wakes it while work is pending).
import type { AimsDatabase } from '../../db/schema';
import { IMPORT_BEGUN, refuseWhileImporting } from './import-guard';
import {
  JobView,
  JobWait,
  PENDING_STATES,
  StoredJob,
  type JobContext,
  type JobHandler,
  type JobKind,
  type StepResult,
} from './job';

export interface JobRunnerOptions {
  db: AimsDatabase;
  /** Each handler validates its own input and checkpoint with its schemas. */
  handlers: readonly JobHandler<unknown, unknown>[];
  clock: () => string;
  newId: () => string;
  /** Tells open pages about a job's new state; failures (no page open) are ignored by the caller. */
  broadcast: (job: JobView) => void;
  /** Keeps a wake-up alarm while work is pending, clears it when none is. */
  keepAwake: (pending: boolean) => Promise<void>;
  /**
   * Sets the one alarm that wakes the worker when the earliest waiting job may go on (ISO instant),
   * or clears it (undefined) when no job waits. An alarm outlives the worker that set it.
   */
  wakeAt?: (at: string | undefined) => Promise<void>;
  /** Reports a job that failed, for the worker's log. */
  report?: (job: JobView) => void;
  /** What handlers get besides the database: the register, the clock, connector clients. */
  context?: Omit<JobContext, 'db'>;
}

export interface JobRunner {
  /** Validates the input, stores the job and starts it; resolves with the queued job. */
  start(kind: JobKind, input: unknown): Promise<JobView>;
  /** Continues queued and interrupted jobs; resolves when none is left. */
  resume(): Promise<void>;
  list(): Promise<JobView[]>;
  /** True while a job of `kind` is queued or running (a schedule then starts no second one). */
  pending(kind: JobKind): Promise<boolean>;
}

/** Local wall-clock time of an ISO instant, HH:MM, for a phase people read. */
export const clockTime = (iso: string): string => new Date(iso).toTimeString().slice(0, 5);

/** An import a worker stop interrupted: it goes on before any other job, which may not write meanwhile. */
const importBegun = (job: StoredJob) => job.kind === 'import' && IMPORT_BEGUN.includes(job.state);

const viewOf = (job: StoredJob): JobView => {
  const { checkpoint: _checkpoint, ...view } = job;
  return JobView.parse(view);
};

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, broadcast } = options;
  const handlers = new Map(options.handlers.map((h) => [h.kind, h]));
  const context: JobContext = { ...options.context, db };
  let active: Promise<void> | undefined;
  // Jobs this worker life started: any other job found running was interrupted by a worker stop.
  const ownRunning = new Set<string>();

  const save = async (job: StoredJob) => {
    await db.jobs.put(job);
    broadcast(viewOf(job));
  };

  /**
   * Takes back a failed job's committed steps when its handler can (see JobHandler.undo), from the
   * last stored checkpoint; gives the error to report, saying so when taking back failed too.
   */
  async function undone(
    handler: JobHandler<unknown, unknown>,
    input: unknown,
    job: StoredJob,
    error: unknown,
  ): Promise<unknown> {
    if (!handler.undo || input === undefined || job.checkpoint === null) return error;
    try {
      await handler.undo(input, handler.checkpoint.parse(job.checkpoint), context);
      return error;
    } catch (undoError) {
      const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
      return new Error(`${message(error)}; taking back its writes failed too: ${message(undoError)}`);
    }
  }

  /** Frees a job's kept input once it is over; a failure here leaves it to the next sweep. */
  async function released(handler: JobHandler<unknown, unknown>, input: unknown): Promise<void> {
    if (!handler.release || input === undefined) return;
    await handler.release(input, context).catch(() => undefined);
  }

  async function runOne(stored: StoredJob): Promise<void> {
    const handler = handlers.get(stored.kind);
    let job = stored;
    const fail = async (error: unknown) => {
      job = {
        ...job,
        state: 'failed',
        updatedAt: clock(),
        error: error instanceof Error ? error.message : String(error),
      };
      await save(job);
      options.report?.(viewOf(job));
    };
    if (!handler) return fail(new Error(`no handler for ${stored.kind} jobs`));
    if (job.state === 'waiting') {
      // Its time has come: go on from the stored checkpoint (or from the start when the wait came
      // before the first checkpoint). Not a resumption after a worker stop.
      const { waitingUntil: _until, ...rest } = job;
      job = { ...rest, state: job.checkpoint === null ? 'queued' : 'running', updatedAt: clock() };
      if (job.state === 'running') ownRunning.add(job.id);
      await save(job);
    }
    // The input once read, for taking back a failed job's steps.
    let input: unknown;
    try {
      const row = await db.jobInputs.get(job.id);
      input = handler.input.parse(row?.input);
      if (job.state === 'queued') {
        const first = await handler.begin(input, context);
        job = {
          ...job,
          state: 'running',
          checkpoint: first.checkpoint,
          progress: first.progress,
          updatedAt: clock(),
        };
        await save(job);
      } else if (!ownRunning.has(job.id)) {
        job = { ...job, resumed: job.resumed + 1, updatedAt: clock() };
        await save(job);
      }
      ownRunning.add(job.id);
      let checkpoint = handler.checkpoint.parse(job.checkpoint);
      for (;;) {
        const commit = async (write: () => Promise<void>, result: StepResult<unknown>) => {
          let next: StoredJob | undefined;
          await db.transaction('rw', [db.records, db.events, db.jobs, db.connectorState], async () => {
            // Another job's step may not write while an import has begun (it would be taken back
            // with the import's rows should the import fail); checked with the write, in one transaction.
            await refuseWhileImporting(db, IMPORT_BEGUN, job.id);
            await write();
            // Built after the write: a write may complete its own result (counts of what it wrote).
            next = {
              ...job,
              checkpoint: result.checkpoint,
              progress: result.progress,
              updatedAt: clock(),
              ...(result.finished
                ? { state: 'done' as const, ...(result.result ? { result: result.result } : {}) }
                : {}),
            };
            await db.jobs.put(next);
          });
          if (next) job = next;
        };
        const result = await handler.step(input, checkpoint, context, commit);
        broadcast(viewOf(job));
        if (result.finished) break;
        checkpoint = result.checkpoint;
      }
      await db.jobInputs.delete(job.id);
      await released(handler, input);
    } catch (error) {
      if (!(error instanceof JobWait)) {
        await fail(await undone(handler, input, job, error));
        return await released(handler, input);
      }
      // Nothing of the interrupted step was committed: the stored checkpoint is where it goes on.
      job = {
        ...job,
        state: 'waiting',
        waitingUntil: error.until,
        progress: { ...job.progress, phase: `waiting for ${error.what} until ${clockTime(error.until)}` },
        updatedAt: clock(),
      };
      await save(job);
    } finally {
      ownRunning.delete(job.id);
    }
  }

  async function loop(): Promise<void> {
    for (;;) {
      const pending = (await db.jobs.where('state').anyOf(PENDING_STATES).toArray())
        .map((row) => StoredJob.parse(row))
        .sort(
          (a, b) =>
            Number(importBegun(b)) - Number(importBegun(a)) ||
            a.createdAt.localeCompare(b.createdAt) ||
            a.id.localeCompare(b.id),
        );
      const now = Date.parse(clock());
      const due = (job: StoredJob) =>
        job.state !== 'waiting' || !job.waitingUntil || Date.parse(job.waitingUntil) <= now;
      const runnable = pending.filter(due);
      // A waiting job is not polled: its own alarm wakes the worker when it may go on.
      const waits = pending.filter((job) => !due(job)).map((job) => job.waitingUntil ?? '');
      await options.wakeAt?.(waits.sort()[0]);
      await options.keepAwake(runnable.length > 0);
      const next = runnable[0];
      if (!next) return;
      await runOne(next);
    }
  }

  // Set by every resume(): a pass that already read "nothing runnable" and is still awaiting the
  // alarm API when a job is started must look again, or that job sits queued until the next worker.
  let again = false;
  const drain = async (): Promise<void> => {
    try {
      do {
        again = false;
        await loop();
      } while (again);
    } finally {
      // Cleared in the same turn as the last look, so a later resume() starts a new pass.
      active = undefined;
    }
  };
  const resume = () => {
    again = true;
    active ??= drain();
    return active;
  };

  return {
    async pending(kind) {
      const rows = await db.jobs.where('state').anyOf(PENDING_STATES).toArray();
      return rows.some((row) => row.kind === kind);
    },
    async start(kind, raw) {
      const handler = handlers.get(kind);
      if (!handler) throw new Error(`no handler for ${kind} jobs`);
      const parsed = handler.input.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`invalid ${kind} job: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? ''}`);
      }
      const input = parsed.data;
      const now = clock();
      const job: StoredJob = {
        id: options.newId(),
        kind,
        title: handler.title(input),
        state: 'queued',
        progress: { done: 0, total: 0, phase: 'queued' },
        createdAt: now,
        updatedAt: now,
        resumed: 0,
        checkpoint: null,
      };
      await db.transaction('rw', [db.jobs, db.jobInputs], async () => {
        await db.jobInputs.put({ id: job.id, input });
        await db.jobs.put(job);
      });
      broadcast(viewOf(job));
      void resume();
      return viewOf(job);
    },
    resume,
    async list() {
      const rows = await db.jobs.toArray();
      return rows
        .map((row) => viewOf(StoredJob.parse(row)))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    },
  };
}
