// Jobs survive the service worker: a job interrupted mid-way is resumed by the next worker from
// its stored checkpoint and finishes with every record and event written exactly once.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AimsDatabase } from '../../../extension/db/schema';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import { importJob, type ImportInput } from '../../../extension/background/jobs/import-job';
import type { JobHandler, JobView } from '../../../extension/background/jobs/job';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import { bundleOf, type WorkspaceBundle } from '../../../shared/exchange/bundle';
import { demoOrganisation } from '../../../shared/demo';
import { RECORD_KINDS, type AnyRecord } from '../../../shared/model';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock } from '../../support/builders';
import { freshDatabases } from '../../support/aims-db';
import { stagedImport } from '../../support/bundle-upload';

const freshDb = freshDatabases('jobs-test');

/** Where an import job stands: records and events copied so far. */
type ImportCheckpoint = z.infer<typeof importJob.checkpoint>;

let cached: WorkspaceBundle | undefined;
async function demoBundle(): Promise<WorkspaceBundle> {
  if (cached) return cached;
  const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
  await register.transact({ actor: 'demo', cause: 'demo' }, async (tx) => {
    for (const draft of demoOrganisation('2026-03-02').records) await tx.put(draft.kind, draft);
  });
  const records: AnyRecord[] = [];
  for (const kind of RECORD_KINDS) records.push(...(await register.list(kind)));
  cached = bundleOf(records, await register.events(), { exportedAt: 'x', exportedBy: 'test' });
  return cached;
}

function runner(db: AimsDatabase, handler: JobHandler<unknown, unknown> = importJob) {
  const seen: JobView[] = [];
  const awake: boolean[] = [];
  let ids = 0;
  const jobs = createJobRunner({
    db,
    handlers: [handler],
    clock: steppingClock(),
    newId: () => `job-${++ids}`,
    broadcast: (job) => void seen.push(job),
    keepAwake: async (pending) => void awake.push(pending),
  });
  return { jobs, seen, awake };
}

/** The import handler, but the worker "stops" (never returns) when step number `stopAt` begins. */
function stoppingAfter(stopAt: number): JobHandler<unknown, unknown> {
  let steps = 0;
  return {
    ...importJob,
    step: (input, checkpoint, context, commit) => {
      steps += 1;
      if (steps >= stopAt) return new Promise(() => undefined);
      return importJob.step(
        input as ImportInput,
        checkpoint as { records: number; events: number },
        context,
        commit,
      );
    },
  } as JobHandler<unknown, unknown>;
}

/**
 * The import handler, noting the checkpoint each step it runs begins from — what a worker actually
 * does, whatever the job's stored progress says.
 */
function countingSteps(): { handler: JobHandler<unknown, unknown>; began: ImportCheckpoint[] } {
  const began: ImportCheckpoint[] = [];
  const handler = {
    ...importJob,
    step: (input: ImportInput, checkpoint: ImportCheckpoint, context, commit) => {
      began.push(structuredClone(checkpoint));
      return importJob.step(input, checkpoint, context, commit);
    },
  } satisfies typeof importJob;
  return { handler: handler as JobHandler<unknown, unknown>, began };
}

/** Counts the record rows and event rows written to `db` from now on, new or overwritten alike. */
function countWrites(db: AimsDatabase): { records: number; events: number } {
  const counts = { records: 0, events: 0 };
  db.records.hook('creating', () => void (counts.records += 1));
  db.records.hook('updating', () => void (counts.records += 1));
  db.events.hook('creating', () => void (counts.events += 1));
  db.events.hook('updating', () => void (counts.events += 1));
  return counts;
}

const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('background jobs', () => {
  it('imports a bundle in steps, reporting progress after each, then clears the alarm', async () => {
    const bundle = await demoBundle();
    const db = freshDb();
    const { jobs, seen, awake } = runner(db);
    const job = await jobs.start(
      'import',
      await stagedImport(db, bundle, { name: 'demo.json', batchSize: 40 }),
    );
    expect(job).toMatchObject({ state: 'queued', title: 'Import demo.json', kind: 'import' });
    await jobs.resume();
    const [done] = await jobs.list();
    const total = bundle.records.length + bundle.events.length;
    expect(done).toMatchObject({ state: 'done', resumed: 0, progress: { done: total, total } });
    expect(done?.result).toBe(`${bundle.records.length} records and ${bundle.events.length} events imported`);
    // Progress only goes up, and each step was reported.
    const running = seen.filter((j) => j.state === 'running').map((j) => j.progress.done);
    expect(running.length).toBeGreaterThanOrEqual(Math.ceil(total / 40) - 1);
    expect([...running].sort((a, b) => a - b)).toEqual(running);
    expect(awake.at(0)).toBe(true);
    expect(awake.at(-1)).toBe(false);
    const register = createRegister(createDexieBackend(db), { clock: steppingClock() });
    expect(await register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
    expect(await db.jobInputs.count()).toBe(0);
  });

  it('resumes an interrupted job in a new worker from its checkpoint, with no duplicate', async () => {
    const bundle = await demoBundle();
    const db = freshDb();
    const first = runner(db, stoppingAfter(4));
    await first.jobs.start('import', await stagedImport(db, bundle, { name: 'demo.json', batchSize: 25 }));
    void first.jobs.resume();
    // Three steps of 25 land; the fourth never returns, as if the worker were stopped inside it.
    await expect.poll(async () => (await first.jobs.list())[0]?.progress.done, { timeout: 10_000 }).toBe(75);
    await settle();
    const stopped = (await first.jobs.list())[0];
    expect(stopped).toMatchObject({ state: 'running', progress: { done: 75 } });
    expect(await db.records.count()).toBe(75);

    // The browser stopped the worker; the next one starts and picks the job up.
    const second = runner(db);
    await second.jobs.resume();
    const [finished] = await second.jobs.list();
    expect(finished).toMatchObject({ state: 'done', resumed: 1 });
    expect(await db.records.count()).toBe(bundle.records.length);
    expect(await db.events.count()).toBe(bundle.events.length);
    const register = createRegister(createDexieBackend(db), { clock: steppingClock() });
    expect(await register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
  });

  it('resumed, runs only the steps the stopped worker had not finished, writing each row once', async () => {
    const bundle = await demoBundle();
    const size = 25;
    const db = freshDb();
    const first = runner(db, stoppingAfter(4));
    await first.jobs.start('import', await stagedImport(db, bundle, { name: 'demo.json', batchSize: size }));
    void first.jobs.resume();
    await expect.poll(async () => (await first.jobs.list())[0]?.progress.done, { timeout: 10_000 }).toBe(75);
    await settle();

    // The next worker: every step it runs and every row it writes is counted.
    const counted = countingSteps();
    const writes = countWrites(db);
    await runner(db, counted.handler).jobs.resume();
    expect((await runner(db).jobs.list())[0]).toMatchObject({ state: 'done', resumed: 1 });

    const records = bundle.records.length;
    const events = bundle.events.length;
    // Step 4 (records 75–99) never committed, so it is the first one redone; nothing before it is.
    const remaining: ImportCheckpoint[] = [];
    for (let at = 75; at < records; at += size) remaining.push({ records: at, events: 0 });
    for (let at = 0; at < events; at += size) remaining.push({ records, events: at });
    expect(counted.began[0]).toEqual({ records: 75, events: 0 });
    expect(counted.began).toEqual(remaining);
    expect(writes).toEqual({ records: records - 75, events });
  });

  it('fails a job whose bundle is broken, writing nothing, and goes on with the next', async () => {
    const bundle = await demoBundle();
    const db = freshDb();
    const { jobs } = runner(db);
    // Checked when the upload finished; changed in storage before the job began.
    const input = await stagedImport(db, bundle, { name: 'tampered.json' });
    const key = [input.upload, 'events', 2] as const;
    const staged = await db.stagedItems.get([...key]);
    await db.stagedItems.put({ ...staged!, text: JSON.stringify({ ...bundle.events[2], actor: 'mallory' }) });
    await jobs.start('import', input);
    await jobs.resume();
    const [failed] = await jobs.list();
    expect(failed).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^refused: event chain broken at entry 2/),
    });
    expect(await db.records.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('refuses to import into a register that already holds records', async () => {
    const bundle = await demoBundle();
    const db = freshDb();
    const { jobs } = runner(db);
    await jobs.start('import', await stagedImport(db, bundle, { name: 'a.json' }));
    await jobs.resume();
    await jobs.start('import', await stagedImport(db, bundle, { name: 'again.json' }));
    await jobs.resume();
    const [again] = await jobs.list();
    expect(again).toMatchObject({
      title: 'Import again.json',
      state: 'failed',
      error: expect.stringMatching(/not empty/),
    });
    expect(await db.events.count()).toBe(bundle.events.length);
  });

  it('runs a job started while a finishing pass still waits on the browser (no lost wake-up)', async () => {
    // A worker's start-up pass finds nothing to do and is still awaiting the alarm API (slow on a
    // loaded machine) when a page starts a job: the job must run now, not stay queued until the
    // next worker.
    const bundle = await demoBundle();
    const db = freshDb();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const jobs = createJobRunner({
      db,
      handlers: [importJob],
      clock: steppingClock(),
      newId: () => 'job-late',
      broadcast: () => undefined,
      keepAwake: async () => {
        calls += 1;
        if (calls === 1) await held;
      },
    });
    const startUp = jobs.resume();
    await expect.poll(() => calls).toBe(1);
    await jobs.start('import', await stagedImport(db, bundle, { name: 'late.json', batchSize: 400 }));
    release();
    // The pass the start joined is the one that runs it: nothing else would wake the worker.
    await startUp;
    expect((await jobs.list())[0]).toMatchObject({ id: 'job-late', state: 'done' });
  });

  it('rejects malformed job input before storing anything', async () => {
    const db = freshDb();
    const { jobs } = runner(db);
    await expect(jobs.start('import', { source: 'bundle', name: 'x', bundle: 'nope' })).rejects.toThrow();
    await expect(
      jobs.start('import', { source: 'upload', name: 'x', upload: '', records: 0, events: 0 }),
    ).rejects.toThrow(/upload/);
    await expect(jobs.start('sync', {})).rejects.toThrow(/no handler for sync jobs/);
    expect(await db.jobs.count()).toBe(0);
  });
});
