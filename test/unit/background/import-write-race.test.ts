// Nothing writes the register while an import is pending, checked where the write commits: a write
// whose handler spent a network round trip after the dispatch-time check is refused at commit, a job
// that comes due while an interrupted import waits to resume runs after it, and a failed import takes
// back only its own rows, never leaving a log whose chain is broken.
import { describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { IMPORT_PENDING_REFUSAL, pagesRegister } from '../../../extension/background/jobs/import-guard';
import { importJob } from '../../../extension/background/jobs/import-job';
import type { JobHandler, JobView } from '../../../extension/background/jobs/job';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import { scanJob } from '../../../extension/background/jobs/scan-job';
import type { SenderRole } from '../../../extension/background/senders';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import { toRow, type AimsDatabase } from '../../../extension/db/schema';
import type { WorkspaceBundle } from '../../../shared/exchange/bundle';
import { demoOrganisation } from '../../../shared/demo';
import type { AnyRecord } from '../../../shared/model';
import {
  createRegister,
  verifyChain,
  type Register,
  type RegisterWriter,
  type TransactionContext,
} from '../../../shared/register';
import { demoBundle as demoRecordsBundle } from '../../support/demo-records';
import { steppingClock } from '../../support/builders';
import { freshDatabases } from '../../support/aims-db';
import { stagedImport } from '../../support/bundle-upload';

const PAGE: SenderRole = { kind: 'extension-page' };
const TODAY = '2026-03-02';
const freshDb = freshDatabases('import-write-race-test');
const asHandler = (handler: unknown) => handler as JobHandler<unknown, unknown>;

const demoBundle = () => demoRecordsBundle(TODAY);

/** A register whose every transaction first waits for `gate`: a handler's network time before it writes. */
function afterRoundTrip(register: Register, gate: Promise<void>): Register {
  return {
    ...register,
    transact: async <T>(context: TransactionContext, fn: (tx: RegisterWriter) => Promise<T>) => {
      await gate;
      return register.transact(context, fn);
    },
  };
}

/**
 * A worker over `db` as the background builds it: a job runner with its own register, and the pages'
 * register, whose writes wait for a round trip that ends once the import's progress reaches `openAt`.
 */
function worker(db: AimsDatabase, pages: Register, openAt: number) {
  let open!: () => void;
  const roundTrip = new Promise<void>((resolve) => (open = resolve));
  const clock = steppingClock('2026-03-02T08:00:00.000Z');
  let ids = 0;
  const jobs = createJobRunner({
    db,
    handlers: [asHandler(importJob), asHandler(scanJob)],
    clock,
    newId: () => `job-${++ids}`,
    broadcast: (job) => {
      if (job.kind === 'import' && job.progress.done >= openAt) open();
    },
    keepAwake: async () => undefined,
    context: { register: createRegister(createDexieBackend(db), { clock }), now: clock },
  });
  const deps: BackgroundDeps = {
    register: afterRoundTrip(pages, roundTrip),
    jobs,
    today: () => TODAY,
    now: clock,
  };
  return { jobs, deps };
}

/** A new evidence record's draft, linked to no system, from the bundle's first evidence. */
function evidenceDraft(bundle: WorkspaceBundle, id: string): Record<string, unknown> {
  const first = bundle.records.find((r) => (r as { kind: string }).kind === 'evidence');
  const draft: Record<string, unknown> = { ...(first as object), id, systemIds: [] };
  for (const meta of ['kind', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'revision'])
    delete draft[meta];
  return draft;
}

/** A write that passed the dispatch-time check before the import began, committing while it runs. */
async function raceAnImport(db: AimsDatabase, pages: Register) {
  const bundle = await demoBundle();
  // The round trip ends once the records and the first event batch are in: the write lands mid-log.
  const { jobs, deps } = worker(db, pages, bundle.records.length + 10);
  const value = evidenceDraft(bundle, 'ev-during-import');
  const written = handleMessage({ type: 'record/write', kind: 'evidence', value }, deps, PAGE);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await jobs.start('import', await stagedImport(db, bundle, { name: 'b.json', batchSize: 10 }));
  await jobs.resume();
  return { bundle, written: await written, job: (await jobs.list())[0] };
}

/** A job row as a runner stores it, `queued` unless `rest` says otherwise. */
const stored = (
  id: string,
  kind: string,
  createdAt: string,
  rest: Partial<JobView> & { checkpoint: unknown },
) => ({
  id,
  kind,
  title: kind,
  progress: { done: 0, total: 0, phase: '' },
  createdAt,
  updatedAt: createdAt,
  resumed: 0,
  state: 'queued',
  ...rest,
});

describe('writes racing an import', () => {
  it('refuses, at commit, a page write that passed the dispatch check before the import began', async () => {
    const db = freshDb();
    const clock = steppingClock('2026-03-02T09:00:00.000Z');
    const { bundle, written, job } = await raceAnImport(db, pagesRegister(db, clock));

    expect(written).toMatchObject({ ok: false, error: `record/write: ${IMPORT_PENDING_REFUSAL}` });
    expect(job).toMatchObject({ kind: 'import', state: 'done' });
    expect(await db.records.get(['evidence', 'ev-during-import'])).toBeUndefined();
    expect(await db.records.count()).toBe(bundle.records.length);
    expect(await db.events.count()).toBe(bundle.events.length);
    const register = createRegister(createDexieBackend(db), { clock });
    expect(await register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
  });

  it('takes back only its own rows, and none when a foreign entry chains onto them', async () => {
    // A writer that skips every check (an older build's register over the same database).
    const db = freshDb();
    const clock = steppingClock('2026-03-02T09:00:00.000Z');
    const { written, job } = await raceAnImport(db, createRegister(createDexieBackend(db), { clock }));

    expect(written).toMatchObject({ ok: true });
    expect(job?.state).toBe('failed');
    expect(job?.error).toMatch(/ConstraintError|already exists|Key already/i);
    expect(job?.error).toMatch(/kept the imported rows: taking them back would break the event log/);
    // The foreign entry is still chained onto the import's entries: the log verifies from genesis.
    const events = await db.events.orderBy('seq').toArray();
    expect(events.length).toBeGreaterThan(10);
    expect(verifyChain(events)).toMatchObject({ ok: true, entries: events.length });
    expect(await db.records.get(['evidence', 'ev-during-import'])).toBeDefined();
  });

  it('resumes an interrupted import before a job created earlier that came due, which then runs', async () => {
    const bundle = await demoBundle();
    const db = freshDb();
    const clock = steppingClock('2026-03-02T08:00:00.000Z');
    // The state a worker stop leaves: the import began and wrote its first batch of records.
    const first = bundle.records.slice(0, 10) as AnyRecord[];
    await db.records.bulkPut(first.map(toRow));
    await db.jobs.bulkPut([
      stored('scan-early', 'scan', '2026-03-02T07:00:00.000Z', { checkpoint: null }),
      stored('import-1', 'import', '2026-03-02T07:30:00.000Z', {
        state: 'running',
        checkpoint: { records: 10, events: 0 },
      }),
    ]);
    await db.jobInputs.bulkPut([
      { id: 'scan-early', input: { today: '2027-06-01', batchSize: 50, reason: 'schedule' } },
      { id: 'import-1', input: await stagedImport(db, bundle, { name: 'b.json', batchSize: 10 }) },
    ]);
    const order: string[] = [];
    const jobs = createJobRunner({
      db,
      handlers: [asHandler(importJob), asHandler(scanJob)],
      clock,
      newId: () => 'unused',
      broadcast: (job) => void (order.at(-1) === job.id || order.push(job.id)),
      keepAwake: async () => undefined,
      context: { register: createRegister(createDexieBackend(db), { clock }), now: clock },
    });
    await jobs.resume();

    expect(order[0]).toBe('import-1');
    const states = Object.fromEntries((await jobs.list()).map((job) => [job.id, job.state]));
    expect(states).toEqual({ 'import-1': 'done', 'scan-early': 'done' });
    const register = createRegister(createDexieBackend(db), { clock });
    expect(await register.verify()).toMatchObject({ ok: true });
    expect((await register.events()).length).toBeGreaterThan(bundle.events.length);
  });

  it("refuses another job's step while an import has begun, writing nothing of it", async () => {
    const db = freshDb();
    const clock = steppingClock('2026-03-02T08:00:00.000Z');
    const register = createRegister(createDexieBackend(db), { clock });
    await register.transact({ actor: 'demo', cause: 'demo' }, async (tx) => {
      for (const draft of demoOrganisation(TODAY).records) await tx.put(draft.kind, draft);
    });
    const before = await db.events.count();
    // An import that began and now waits (its state says it may write again): not due for a year.
    await db.jobs.put(
      stored('import-1', 'import', '2026-03-02T07:30:00.000Z', {
        state: 'waiting',
        waitingUntil: '2027-03-02T00:00:00.000Z',
        checkpoint: { records: 0, events: 0 },
      }),
    );
    const jobs = createJobRunner({
      db,
      handlers: [asHandler(importJob), asHandler(scanJob)],
      clock,
      newId: () => 'scan-1',
      broadcast: () => undefined,
      keepAwake: async () => undefined,
      context: { register, now: clock },
    });
    await jobs.start('scan', { today: '2027-06-01' });
    await jobs.resume();

    const scan = (await jobs.list()).find((job) => job.id === 'scan-1');
    expect(scan).toMatchObject({ state: 'failed', error: IMPORT_PENDING_REFUSAL });
    expect(await db.events.count()).toBe(before);
    expect(await register.verify()).toMatchObject({ ok: true, entries: before });
  });
});
