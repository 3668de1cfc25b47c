// A dashboard form and a running job both append to the one event log: the page's register
// (record/write → recordOne) and the job runner's own register each write through a Dexie back-end
// over the same IndexedDB database. However their writes interleave, every event gets its own
// sequence number, the chain verifies, and neither writer's record is lost or refused.
import { describe, expect, it } from 'vitest';
import type { AimsDatabase } from '../../../extension/db/schema';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import type { JobHandler } from '../../../extension/background/jobs/job';
import type { SenderRole } from '../../../extension/background/senders';
import { createRegister, type Register } from '../../../shared/register';
import { steppingClock, systemDraft, triggerDraft } from '../../support/builders';
import { z } from 'zod';
import { freshDatabases } from '../../support/aims-db';

const PAGE: SenderRole = { kind: 'extension-page' };
const TODAY = '2026-01-10';

const freshDb = freshDatabases('collision-test');

/** A job that records one AI system per step, through the runner's commit (one transaction per step). */
const SystemsInput = z.strictObject({ count: z.number().int().positive() });
const SystemsCheckpoint = z.strictObject({ next: z.number().int().nonnegative() });
function systemsJob(register: Register): JobHandler<unknown, unknown> {
  const handler: JobHandler<z.infer<typeof SystemsInput>, z.infer<typeof SystemsCheckpoint>> = {
    kind: 'scan',
    input: SystemsInput,
    checkpoint: SystemsCheckpoint,
    title: () => 'systems',
    begin: async () => ({ checkpoint: { next: 0 }, progress: { done: 0, total: 0, phase: 'x' } }),
    async step(input, at, _context, commit) {
      const next = { next: at.next + 1 };
      const finished = next.next >= input.count;
      const result = {
        checkpoint: next,
        progress: { done: next.next, total: input.count, phase: 'x' },
        finished,
      };
      await commit(async () => {
        await register.transact({ actor: 'job', cause: 'job step' }, async (tx) => {
          await tx.put('ai-system', systemDraft({ id: `sys-job-${at.next}`, name: `Job system ${at.next}` }));
        });
      }, result);
      return result;
    },
  };
  return handler as JobHandler<unknown, unknown>;
}

/** The background's two registers over one database, as the worker builds them. */
async function worker() {
  const db = freshDb();
  const clock = steppingClock();
  const pages = createRegister(createDexieBackend(db), { clock });
  const jobsRegister = createRegister(createDexieBackend(db), { clock });
  await pages.transact({ actor: 'seed', cause: 'seed' }, async (tx) => {
    await tx.put('ai-system', systemDraft());
  });
  const deps: BackgroundDeps = { register: pages, today: () => TODAY, now: clock };
  const jobs = createJobRunner({
    db,
    handlers: [systemsJob(jobsRegister)],
    clock,
    newId: () => `job-${Math.random()}`,
    broadcast: () => undefined,
    keepAwake: async () => undefined,
    context: { register: jobsRegister },
  });
  return { db, pages, deps, jobs };
}

const pageTrigger = (n: number) =>
  handleMessage(
    {
      type: 'record/write',
      kind: 'trigger',
      value: { ...triggerDraft({ id: `trg-page-${n}`, raisedOn: TODAY }), kind: undefined },
    },
    deps(),
    PAGE,
  );
let current: BackgroundDeps | undefined;
const deps = () => {
  if (!current) throw new Error('no worker');
  return current;
};

async function expectWholeChain(db: AimsDatabase, register: Register, expected: number) {
  const seqs = (await db.events.toArray()).map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i));
  expect(await register.verify()).toMatchObject({ ok: true, entries: expected });
}

describe('a page write and a job step at the same time', () => {
  it('both land: no duplicate sequence number, no lost record, the chain verifies', async () => {
    const w = await worker();
    current = w.deps;
    await w.jobs.start('scan', { count: 6 });
    // Six page writes fired while the job's six steps run.
    const replies = await Promise.all([w.jobs.resume(), ...[0, 1, 2, 3, 4, 5].map((n) => pageTrigger(n))]);
    for (const reply of replies.slice(1)) expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    expect((await w.jobs.list())[0]).toMatchObject({ state: 'done' });
    const systems = (await w.pages.list('ai-system')).map((s) => s.id);
    for (let n = 0; n < 6; n++) expect(systems).toContain(`sys-job-${n}`);
    const triggers = (await w.pages.list('trigger')).map((t) => t.id);
    for (let n = 0; n < 6; n++) expect(triggers).toContain(`trg-page-${n}`);
    // The seed, six systems, six triggers (each trigger's system gets no transition today).
    const events = await w.db.events.count();
    expect(events).toBeGreaterThanOrEqual(13);
    await expectWholeChain(w.db, w.pages, events);
  });

  it('holds however the two interleave (many rounds, each writer starting first in turn)', async () => {
    for (let round = 0; round < 8; round++) {
      const w = await worker();
      current = w.deps;
      await w.jobs.start('scan', { count: 3 });
      const page = Promise.all([0, 1, 2].map((n) => pageTrigger(n)));
      const both =
        round % 2 === 0
          ? [w.jobs.resume(), page]
          : [page, new Promise((r) => setTimeout(r, round)).then(() => w.jobs.resume())];
      await Promise.all(both);
      expect((await page).every((reply) => reply.ok)).toBe(true);
      expect((await w.pages.list('ai-system')).length).toBe(4);
      expect((await w.pages.list('trigger')).length).toBe(3);
      await expectWholeChain(w.db, w.pages, await w.db.events.count());
    }
  });
});
