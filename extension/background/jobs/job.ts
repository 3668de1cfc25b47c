// A background job: long work (import, sync, scan) done in small steps, each step's checkpoint
// stored in IndexedDB, so a job resumes where it was when the browser stopped the service worker.
import { z } from 'zod';
import type { GitHubClient } from '../../../connectors/github/client';
import type { Register } from '../../../shared/register';
import type { AimsDatabase } from '../../db/schema';

export const JobKind = z.enum(['import', 'sync', 'scan']);
export type JobKind = z.infer<typeof JobKind>;

/** `waiting`: paused until `waitingUntil` (a service's rate limit), then resumed from its checkpoint. */
export const JobState = z.enum(['queued', 'running', 'waiting', 'done', 'failed']);
export type JobState = z.infer<typeof JobState>;

/** States of a job that is not over yet: a schedule starts no second job of its kind meanwhile. */
export const PENDING_STATES: readonly JobState[] = ['queued', 'running', 'waiting'];

export const JobProgress = z.strictObject({
  /** Units finished and units in all (records, files, issues: the job says which in `phase`). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** What the job is doing now, one line for people. */
  phase: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** What pages see of a job: everything but its checkpoint and input. */
export const JobView = z.strictObject({
  id: z.string(),
  kind: JobKind,
  title: z.string(),
  state: JobState,
  progress: JobProgress,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** How many times a new service worker picked the job up where an earlier one left it. */
  resumed: z.number().int().nonnegative(),
  error: z.string().optional(),
  result: z.string().optional(),
  /** While `waiting`: when the job resumes (ISO instant). */
  waitingUntil: z.iso.datetime().optional(),
});
export type JobView = z.infer<typeof JobView>;

export const StoredJob = JobView.extend({ checkpoint: z.unknown() });
export type StoredJob = z.infer<typeof StoredJob>;

/** The connector clients a job may ask for, built by the background from its stored connections. */
export interface JobConnectors {
  /** A GitHub client with the stored token; rejects when GitHub is not configured. */
  github(): Promise<GitHubClient>;
}

export interface JobContext {
  db: AimsDatabase;
  /** The register over `db`; its writes inside `commit` join the step's transaction. */
  register?: Register;
  /** The current instant (ISO). */
  now?: () => string;
  connectors?: JobConnectors;
}

/**
 * Thrown by `begin` or `step` when a service asks to be left alone until `until` (ISO): the job keeps
 * its checkpoint (nothing of the interrupted step was committed), waits in state `waiting` without
 * running, and resumes from that checkpoint when an alarm fires at `until` — in whatever worker is
 * alive then. `what` names what it waits for, for people ("GitHub rate limit").
 */
export class JobWait extends Error {
  constructor(
    readonly until: string,
    readonly what: string,
    options?: { cause?: unknown },
  ) {
    super(`waiting for ${what} until ${until}`, options);
    this.name = 'JobWait';
  }
}

/** One step's outcome. `finished` ends the job with `result` as its one-line summary. */
export interface StepResult<C> {
  checkpoint: C;
  progress: JobProgress;
  finished: boolean;
  result?: string;
}

/**
 * How one kind of job works. `begin` checks the input and gives the first checkpoint; `step` does
 * one bounded piece of work and must store its effects and the new checkpoint together through
 * `commit` (one IndexedDB transaction), so a step is either fully done or not at all.
 */
export interface JobHandler<I, C> {
  kind: JobKind;
  input: z.ZodType<I>;
  checkpoint: z.ZodType<C>;
  title(input: I): string;
  begin(input: I, context: JobContext): Promise<{ checkpoint: C; progress: JobProgress }>;
  step(
    input: I,
    checkpoint: C,
    context: JobContext,
    commit: (write: () => Promise<void>, result: StepResult<C>) => Promise<void>,
  ): Promise<StepResult<C>>;
  /**
   * Takes back what the steps committed up to `checkpoint`, when the job fails after `begin` (a job
   * whose effects must be all or nothing, as an import). Absent: committed steps stay.
   */
  undo?(input: I, checkpoint: C, context: JobContext): Promise<void>;
  /**
   * Frees what the input kept aside for the job (an import's staged upload) once the job is over,
   * done or failed (after `undo`). Absent: nothing to free.
   */
  release?(input: I, context: JobContext): Promise<void>;
}
