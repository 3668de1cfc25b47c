// An import is all or nothing: a bundle broken deep inside is refused before anything is written, a
// failure part-way through the writing (a full disk) takes back every batch already committed, and no
// other write reaches the register while an import is pending, so taking back removes only the
// import's own rows. The bundle arrives in chunks and waits staged in IndexedDB; the job holds only
// where it is.
import { describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { importJob } from '../../../extension/background/jobs/import-job';
import type { JobHandler, JobView } from '../../../extension/background/jobs/job';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import type { SenderRole } from '../../../extension/background/senders';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import type { AimsDatabase } from '../../../extension/db/schema';
import { createRegister } from '../../../shared/register';
import { demoBundle as demoRecordsBundle } from '../../support/demo-records';
import { steppingClock, triggerDraft } from '../../support/builders';
import { freshDatabases } from '../../support/aims-db';
import { stagedImport, uploadThroughMessages, uploadsOver } from '../../support/bundle-upload';

const PAGE: SenderRole = { kind: 'extension-page' };
const TODAY = '2026-03-02';
const freshDb = freshDatabases('import-atomic-test');

const demoBundle = () => demoRecordsBundle(TODAY);

/** A worker over a fresh database: its deps with a job runner, and the jobs' last states. */
function worker() {
  const db = freshDb();
  const clock = steppingClock('2026-03-02T08:00:00.000Z');
  const register = createRegister(createDexieBackend(db), { clock });
  const seen = new Map<string, JobView>();
  let ids = 0;
  const jobs = createJobRunner({
    db,
    handlers: [importJob as JobHandler<unknown, unknown>],
    clock,
    newId: () => `job-${++ids}`,
    broadcast: (job) => void seen.set(job.id, job),
    keepAwake: async () => undefined,
    context: { register, now: clock },
  });
  const uploads = uploadsOver(db, clock);
  const deps: BackgroundDeps = { register, jobs, uploads, today: () => TODAY, now: clock };
  return { db, register, jobs, deps, seen };
}

/** The `nth` record or event row written from now on fails as a full disk does. */
function diskFullAt(db: AimsDatabase, table: 'records' | 'events', nth: number): void {
  let rows = 0;
  const full = () => {
    if (++rows === nth) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  db[table].hook('creating', full);
}

async function expectEmpty(db: AimsDatabase, register: ReturnType<typeof worker>['register']) {
  expect(await db.records.count()).toBe(0);
  expect(await db.events.count()).toBe(0);
  expect(await register.verify()).toMatchObject({ ok: true, entries: 0 });
}

describe('importing a bundle, all or nothing', () => {
  it('refuses a bundle with a malformed record deep inside, before any job or write', async () => {
    const bundle = await demoBundle();
    const deep = bundle.records.length - 3;
    bundle.records[deep] = { ...bundle.records[deep]!, createdAt: 'yesterday' };
    const w = worker();
    const reply = await uploadThroughMessages(w.deps, bundle, { name: 'deep.json', batchSize: 5 });
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^workspace\/upload-finish: refused: .*Invalid ISO datetime; the upload was discarded$/,
      ),
    });
    expect(await w.jobs.list()).toEqual([]);
    expect(await w.db.stagedItems.count()).toBe(0);
    await expectEmpty(w.db, w.register);
  });

  it('refuses a malformed event late in the log, naming where it is', async () => {
    const bundle = await demoBundle();
    const late = bundle.events.length - 2;
    (bundle.events as unknown[])[late] = { ...bundle.events[late]!, seq: 'two' };
    const w = worker();
    const reply = await uploadThroughMessages(w.deps, bundle, { name: 'late.json' });
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringContaining(`not a workspace bundle: events.${late}.seq`),
    });
    await expectEmpty(w.db, w.register);
  });

  it('fails a job started on a broken bundle without writing, even past the page check', async () => {
    const bundle = await demoBundle();
    const w = worker();
    // Checked whole when the upload finished; a record changed in storage before the job began.
    const input = await stagedImport(w.db, bundle, { name: 'broken.json', batchSize: 5 });
    const staged = await w.db.stagedItems.get([input.upload, 'records', 40]);
    await w.db.stagedItems.put({
      ...staged!,
      text: JSON.stringify({ ...bundle.records[40]!, kind: 'no-such-kind' }),
    });
    await w.jobs.start('import', input);
    await w.jobs.resume();
    expect((await w.jobs.list())[0]).toMatchObject({ state: 'failed', error: /unknown record kind/ });
    await expectEmpty(w.db, w.register);
  });

  it('takes back every committed batch when the disk fills while copying records', async () => {
    const bundle = await demoBundle();
    const w = worker();
    // Batches of 10: six batches land before the 61st record fails.
    diskFullAt(w.db, 'records', 61);
    const reply = await uploadThroughMessages(w.deps, bundle, { name: 'full.json', batchSize: 10 });
    expect(reply).toMatchObject({ ok: true });
    await w.jobs.resume();
    const job = (await w.jobs.list())[0];
    expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/quota/i) });
    expect(job?.progress.done).toBe(60);
    await expectEmpty(w.db, w.register);
  });

  it('takes back every record and event when the disk fills while copying the event log', async () => {
    const bundle = await demoBundle();
    const w = worker();
    diskFullAt(w.db, 'events', 25);
    await w.jobs.start('import', await stagedImport(w.db, bundle, { name: 'full.json', batchSize: 10 }));
    await w.jobs.resume();
    const job = (await w.jobs.list())[0];
    expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/quota/i) });
    expect(job?.progress.done).toBe(bundle.records.length + 20);
    await expectEmpty(w.db, w.register);
    // The same bundle imports whole once there is room.
    const again = worker();
    await again.jobs.start(
      'import',
      await stagedImport(again.db, bundle, { name: 'again.json', batchSize: 10 }),
    );
    await again.jobs.resume();
    expect((await again.jobs.list())[0]).toMatchObject({ state: 'done' });
    expect(await again.register.verify()).toMatchObject({ ok: true, entries: bundle.events.length });
  });

  it('refuses dashboard and overlay writes while an import is pending, and takes them once it is done', async () => {
    const bundle = await demoBundle();
    const w = worker();
    await w.jobs.start('import', await stagedImport(w.db, bundle, { name: 'slow.json', batchSize: 10 }));
    const write = () =>
      handleMessage(
        {
          type: 'record/write',
          kind: 'trigger',
          value: {
            ...triggerDraft({ id: 'trg-during', systemId: 'sys-claims-triage', raisedOn: TODAY }),
            kind: undefined,
          },
        },
        w.deps,
        PAGE,
      );
    for (const request of [
      write(),
      handleMessage({ type: 'demo/load' }, w.deps, PAGE),
      handleMessage(
        { type: 'overlay/record', kind: 'trigger', value: triggerDraft({ id: 'trg-overlay' }) },
        w.deps,
        PAGE,
      ),
    ]) {
      expect(await request).toMatchObject({ ok: false, error: expect.stringMatching(/import is running/) });
    }
    await w.jobs.resume();
    expect((await w.jobs.list())[0]).toMatchObject({ state: 'done' });
    const after = await write();
    expect(after, JSON.stringify(after)).toMatchObject({ ok: true });
    expect(await w.register.verify()).toMatchObject({ ok: true, entries: bundle.events.length + 1 });
  });
});
