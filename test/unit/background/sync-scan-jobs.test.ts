// Sync and scan jobs in the background: a GitHub organisation synced repository by repository
// through Octokit against the msw-served mock GitHub (payloads typed with @octokit/openapi-types),
// checkpointed per repository so a stopped worker resumes without recording anything twice; the
// register scan recording the calendar's transitions in batches; and the periodic schedule.
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../../connectors/github';
import type { AimsDatabase } from '../../../extension/db/schema';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import type { JobConnectors, JobHandler, JobView, StepResult } from '../../../extension/background/jobs/job';
import { createJobRunner } from '../../../extension/background/jobs/runner';
import { syncJob } from '../../../extension/background/jobs/sync-job';
import { scanJob } from '../../../extension/background/jobs/scan-job';
import {
  Schedule,
  SCHEDULE_OFF,
  dueJobs,
  storageLocalSchedule,
} from '../../../extension/background/jobs/schedule';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { demoOrganisation } from '../../../shared/demo';
import { RECORD_KINDS } from '../../../shared/model';
import { createRegister, type Register } from '../../../shared/register';
import { steppingClock } from '../../support/builders';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';
import { freshDatabases } from '../../support/aims-db';

const API = 'https://api.github.com';
const github = mockGitHubServer(API);

const freshDb = freshDatabases('sync-test');

const NOW = '2026-11-28T09:00:00.000Z';
const githubConnector: JobConnectors = {
  github: () =>
    Promise.resolve(
      createGitHubClient({ token: 'ghp_testtoken', baseUrl: API, retryBaseMs: 1, rateLimitUnitMs: 1 }),
    ),
};

/** A worker's job runner over `db`: its own register, the fixed clock, the GitHub connector. */
function worker(db: AimsDatabase, handlers: JobHandler<unknown, unknown>[], connectors = githubConnector) {
  const seen: JobView[] = [];
  let ids = 0;
  const register = createRegister(createDexieBackend(db), { clock: steppingClock() });
  const jobs = createJobRunner({
    db,
    handlers,
    clock: steppingClock(),
    newId: () => `job-${++ids}`,
    broadcast: (job) => void seen.push(job),
    keepAwake: async () => undefined,
    context: { register, now: () => NOW, connectors },
  });
  return { jobs, seen, register };
}

const asHandler = (h: unknown) => h as JobHandler<unknown, unknown>;

/**
 * The handler, but at step `stopAt` the worker "dies" inside the step's transaction: the register
 * writes run, then the transaction aborts (as when the browser kills the worker) and the step
 * never returns.
 */
function dyingInside(handler: JobHandler<unknown, unknown>, stopAt: number): JobHandler<unknown, unknown> {
  let steps = 0;
  return {
    ...handler,
    step: async (input, checkpoint, context, commit) => {
      steps += 1;
      if (steps < stopAt) return handler.step(input, checkpoint, context, commit);
      const dying = async (write: () => Promise<void>, result: StepResult<unknown>) => {
        await commit(async () => {
          await write();
          throw new Error('worker stopped');
        }, result).catch(() => undefined);
        await new Promise(() => undefined);
      };
      return handler.step(input, checkpoint, context, dying);
    },
  };
}

/** The handler, noting the checkpoint each step it runs begins from (a copy: steps may not mutate it). */
function countingSteps(handler: JobHandler<unknown, unknown>) {
  const began: unknown[] = [];
  const counted: JobHandler<unknown, unknown> = {
    ...handler,
    step: (input, checkpoint, context, commit) => {
      began.push(structuredClone(checkpoint));
      return handler.step(input, checkpoint, context, commit);
    },
  };
  return { handler: counted, began };
}

async function everything(register: Register) {
  const out: string[] = [];
  for (const kind of RECORD_KINDS) for (const r of await register.list(kind)) out.push(`${kind}/${r.id}`);
  return out;
}

function harborOrg(): void {
  github.mock.addRepo('harbor/support-bot', OPENAI_SUPPORT_BOT('gpt-4o'));
  github.mock.addRepo('harbor/pricing-model', OPENAI_SUPPORT_BOT('gpt-4.1'));
  github.mock.addRepo('harbor/website', { 'index.html': '<h1>Harbor</h1>\n' });
  github.mock.addRepo('harbor/claims-triage', OPENAI_SUPPORT_BOT('o3-mini'));
  github.mock.addRepo('harbor/old-site', { 'README.md': 'old\n' }, { archived: true });
}

const SYNC = { connector: 'github', scope: { org: 'harbor' } };

describe('GitHub sync job', () => {
  it('syncs an organisation one repository per step, reporting progress, into the register', async () => {
    harborOrg();
    const db = freshDb();
    const { jobs, seen, register } = worker(db, [asHandler(syncJob)]);
    const job = await jobs.start('sync', SYNC);
    expect(job).toMatchObject({ kind: 'sync', title: 'Sync GitHub harbor', state: 'queued' });
    await jobs.resume();
    const [done] = await jobs.list();
    expect(done).toMatchObject({ state: 'done', progress: { done: 4, total: 4, phase: 'finished' } });
    expect(done?.result).toBe('4 repositories scanned, 0 unchanged, 1 skipped');
    const running = seen.filter((j) => j.state === 'running').map((j) => j.progress.phase);
    expect(running).toContain('scanning harbor/claims-triage');
    const systems = (await register.list('ai-system')).map((s) => s.id).sort();
    expect(systems).toEqual(['sys-claims-triage', 'sys-pricing-model', 'sys-support-bot']);
    // Every system points back at its repository and evidence is pinned.
    expect(await register.list('evidence')).not.toHaveLength(0);
    expect(await register.verify()).toMatchObject({ ok: true });
    // The per-repository results are kept for the next, conditional run.
    expect(await db.connectorState.where('key').startsWith('github:repo:').count()).toBe(4);
  });

  it('resumes after the worker died inside a repository step, and records nothing twice', async () => {
    harborOrg();
    const reference = freshDb();
    const straight = worker(reference, [asHandler(syncJob)]);
    await straight.jobs.start('sync', SYNC);
    await straight.jobs.resume();
    const expected = await everything(straight.register);
    const expectedEvents = await reference.events.count();

    const db = freshDb();
    // The fourth repository (claims-triage) holds an AI system: its step writes to the register.
    const first = worker(db, [dyingInside(asHandler(syncJob), 4)]);
    await first.jobs.start('sync', SYNC);
    void first.jobs.resume();
    await expect.poll(async () => (await first.jobs.list())[0]?.progress.done, { timeout: 10_000 }).toBe(3);
    const before = await db.events.count();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The fourth repository's writes were rolled back with the transaction that held its checkpoint.
    expect(await db.events.count()).toBe(before);
    expect(await first.register.get('ai-system', 'sys-claims-triage')).toBeUndefined();
    expect((await first.jobs.list())[0]).toMatchObject({ state: 'running', progress: { done: 3 } });

    const second = worker(db, [asHandler(syncJob)]);
    await second.jobs.resume();
    expect((await second.jobs.list())[0]).toMatchObject({ state: 'done', resumed: 1 });
    expect(await everything(second.register)).toEqual(expected);
    expect(await db.events.count()).toBe(expectedEvents);
    expect(await second.register.verify()).toMatchObject({ ok: true, entries: expectedEvents });
  });

  it('resumed, scans only the repositories the stopped worker had not committed, asking GitHub only about them', async () => {
    harborOrg();
    const db = freshDb();
    const first = worker(db, [dyingInside(asHandler(syncJob), 4)]);
    await first.jobs.start('sync', SYNC);
    void first.jobs.resume();
    await expect.poll(async () => (await first.jobs.list())[0]?.progress.done, { timeout: 10_000 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const firstWorker = github.mock.log.length;
    // The stopped worker listed the organisation and scanned all four repositories (the fourth rolled back).
    expect(github.mock.log.some((r) => r.path.startsWith('/orgs/harbor/repos'))).toBe(true);
    for (const name of ['support-bot', 'pricing-model', 'website', 'claims-triage'])
      expect(github.mock.log.some((r) => r.path.startsWith(`/repos/harbor/${name}`))).toBe(true);

    const counted = countingSteps(asHandler(syncJob));
    const second = worker(db, [counted.handler]);
    await second.jobs.resume();
    // One step, from the fourth repository: no listing page and no repository before it fetched again.
    expect(counted.began).toHaveLength(1);
    expect(counted.began[0]).toMatchObject({ next: 3, scanned: 3 });
    const after = github.mock.log.slice(firstWorker);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => !r.path.startsWith('/repos/harbor/claims-triage/'))).toEqual([]);
    expect((await second.jobs.list())[0]).toMatchObject({
      state: 'done',
      resumed: 1,
      result: '4 repositories scanned, 0 unchanged, 1 skipped',
    });
    expect(await second.register.get('ai-system', 'sys-claims-triage')).toBeDefined();
  });

  it('a second sync of unchanged repositories is conditional and writes no event', async () => {
    harborOrg();
    const db = freshDb();
    const { jobs } = worker(db, [asHandler(syncJob)]);
    await jobs.start('sync', SYNC);
    await jobs.resume();
    const events = await db.events.count();
    const requests = github.mock.log.length;
    await jobs.start('sync', SYNC);
    await jobs.resume();
    const [latest] = await jobs.list();
    expect(latest).toMatchObject({ state: 'done', result: '0 repositories scanned, 4 unchanged, 1 skipped' });
    expect(await db.events.count()).toBe(events);
    const again = github.mock.log.slice(requests);
    expect(again.filter((r) => r.status === 304).length).toBeGreaterThan(0);
  });

  it('fails with the reason when GitHub refuses the token, writing nothing', async () => {
    harborOrg();
    github.mock.fail(/\/orgs\/harbor\/repos/, { kind: 'status', status: 401, message: 'Bad credentials' });
    const db = freshDb();
    const { jobs } = worker(db, [asHandler(syncJob)]);
    await jobs.start('sync', SYNC);
    await jobs.resume();
    const [failed] = await jobs.list();
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatch(/401|credentials|token/i);
    expect(await db.events.count()).toBe(0);
  });

  it('fails clearly when no GitHub connection is configured', async () => {
    const db = freshDb();
    const none: JobConnectors = {
      github: () => Promise.reject(new Error('GitHub is not configured (Connections page)')),
    };
    const { jobs } = worker(db, [asHandler(syncJob)], none);
    await jobs.start('sync', SYNC);
    await jobs.resume();
    expect((await jobs.list())[0]).toMatchObject({
      state: 'failed',
      error: 'GitHub is not configured (Connections page)',
    });
  });

  it.each([
    [{ connector: 'github', scope: { org: '../../admin' } }, /scope/],
    [{ connector: 'github', scope: { repos: ['no-slash'] } }, /scope/],
    [{ connector: 'github', scope: { repos: [] } }, /scope/],
    [{ connector: 'jira', scope: { org: 'x' } }, /connector/],
    [{ connector: 'github', scope: { org: 'harbor' }, token: 'ghp_smuggled' }, /Unrecognized key/i],
  ])('refuses malformed sync input %j before storing a job', async (input, message) => {
    const db = freshDb();
    const { jobs } = worker(db, [asHandler(syncJob)]);
    await expect(jobs.start('sync', input)).rejects.toThrow(message);
    expect(await db.jobs.count()).toBe(0);
    expect(await db.jobInputs.count()).toBe(0);
  });
});

describe('register scan job', () => {
  async function demoDb(today: string) {
    const db = freshDb();
    const register = createRegister(createDexieBackend(db), { clock: steppingClock() });
    await register.transact({ actor: 'demo', cause: 'demo' }, async (tx) => {
      for (const draft of demoOrganisation(today).records) await tx.put(draft.kind, draft);
    });
    return db;
  }
  // A year and a half after the demo's day: reassessments have come due and gone overdue.
  const LATER = '2028-06-01';

  it('records the calendar transitions in batches, then nothing on a second run', async () => {
    const db = await demoDb('2026-11-28');
    const { jobs, register } = worker(db, [asHandler(scanJob)]);
    const before = await db.events.count();
    await jobs.start('scan', { today: LATER, batchSize: 2 });
    await jobs.resume();
    const [done] = await jobs.list();
    const systems = (await register.list('ai-system')).length;
    expect(done).toMatchObject({ state: 'done', title: 'Register scan', progress: { done: systems } });
    const written = (await db.events.count()) - before;
    expect(written).toBeGreaterThan(0);
    expect(done?.result).toBe(`${written} transitions recorded`);
    const calendar = (await register.list('trigger')).filter((t) => t.id.startsWith('trg-calendar-'));
    expect(calendar.length).toBeGreaterThan(0);

    await jobs.start('scan', { today: LATER });
    await jobs.resume();
    expect((await jobs.list())[0]?.result).toBe('0 transitions recorded');
    expect(await db.events.count()).toBe(before + written);
  });

  it('resumes after the worker died inside a batch, with the same outcome as an uninterrupted scan', async () => {
    const reference = await demoDb('2026-11-28');
    const straight = worker(reference, [asHandler(scanJob)]);
    await straight.jobs.start('scan', { today: LATER, batchSize: 2 });
    await straight.jobs.resume();
    const expected = await everything(straight.register);
    const expectedEvents = await reference.events.count();

    const db = await demoDb('2026-11-28');
    const first = worker(db, [dyingInside(asHandler(scanJob), 2)]);
    await first.jobs.start('scan', { today: LATER, batchSize: 2 });
    void first.jobs.resume();
    await expect.poll(async () => (await first.jobs.list())[0]?.progress.done, { timeout: 10_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = worker(db, [asHandler(scanJob)]);
    await second.jobs.resume();
    expect((await second.jobs.list())[0]).toMatchObject({ state: 'done', resumed: 1 });
    expect(await everything(second.register)).toEqual(expected);
    expect(await db.events.count()).toBe(expectedEvents);
    expect(await second.register.verify()).toMatchObject({ ok: true });
  });

  it('resumed, checks only the batches of systems the stopped worker had not committed', async () => {
    const db = await demoDb('2026-11-28');
    const first = worker(db, [dyingInside(asHandler(scanJob), 3)]);
    await first.jobs.start('scan', { today: LATER, batchSize: 2 });
    void first.jobs.resume();
    await expect.poll(async () => (await first.jobs.list())[0]?.progress.done, { timeout: 10_000 }).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const systems = (await first.register.list('ai-system')).length;

    const counted = countingSteps(asHandler(scanJob));
    const second = worker(db, [counted.handler]);
    await second.jobs.resume();
    expect((await second.jobs.list())[0]).toMatchObject({ state: 'done', resumed: 1 });
    // Batches start at systems 4, 6, …: the two committed batches are not checked again.
    const starts = [];
    for (let at = 4; at < systems; at += 2) starts.push(at);
    expect(starts.length).toBeGreaterThan(0);
    expect(counted.began.map((c) => (c as { next: number }).next)).toEqual(starts);
  });
});

describe('the periodic schedule', () => {
  it('starts the scan and the sync it names, skipping kinds still pending, nothing when off', () => {
    const schedule: Schedule = { intervalMinutes: 60, scan: true, githubScope: { org: 'harbor' } };
    expect(dueJobs(schedule, new Set())).toEqual([
      { kind: 'scan', input: { reason: 'schedule' } },
      { kind: 'sync', input: { connector: 'github', scope: { org: 'harbor' } } },
    ]);
    expect(dueJobs(schedule, new Set(['sync']))).toEqual([{ kind: 'scan', input: { reason: 'schedule' } }]);
    expect(dueJobs({ ...schedule, intervalMinutes: 0 }, new Set())).toEqual([]);
    expect(dueJobs({ intervalMinutes: 30, scan: false }, new Set())).toEqual([]);
  });

  it.each([
    [{ intervalMinutes: -5, scan: true }],
    [{ intervalMinutes: 1.5, scan: true }],
    [{ intervalMinutes: 7 * 24 * 60 + 1, scan: true }],
    [{ intervalMinutes: 60, scan: 'yes' }],
    [{ intervalMinutes: 60, scan: true, githubScope: { org: 'a b' } }],
    [{ intervalMinutes: 60, scan: true, token: 'x' }],
  ])('refuses %j', (value) => {
    expect(Schedule.safeParse(value).success).toBe(false);
  });

  it('reads a missing or corrupt stored schedule as off, and keeps what it was given', async () => {
    const area = new Map<string, unknown>();
    const store = storageLocalSchedule({
      get: (key) => Promise.resolve(area.has(key) ? { [key]: area.get(key) } : {}),
      set: (items) => Promise.resolve(void Object.entries(items).forEach(([k, v]) => area.set(k, v))),
    });
    expect(await store.read()).toEqual(SCHEDULE_OFF);
    area.set('schedule', { intervalMinutes: 'often' });
    expect(await store.read()).toEqual(SCHEDULE_OFF);
    await store.write({ intervalMinutes: 15, scan: true });
    expect(await store.read()).toEqual({ intervalMinutes: 15, scan: true });
  });

  it('answers jobs/start and schedule/set from pages, refusing a second pending job and bad settings', async () => {
    harborOrg();
    const db = freshDb();
    const { jobs, register } = worker(db, [asHandler(syncJob), asHandler(scanJob)]);
    let saved: Schedule = SCHEDULE_OFF;
    const deps: BackgroundDeps = {
      register,
      today: () => NOW.slice(0, 10),
      now: () => NOW,
      // Stored but not started, so the pending check can be seen.
      jobs: { ...jobs, start: jobs.start, resume: () => Promise.resolve() },
      schedule: {
        read: () => Promise.resolve(saved),
        write: (s) => Promise.resolve(void (saved = s)),
        // The alarm as the worker would set it: one interval from now, none when off.
        nextRun: () =>
          Promise.resolve(
            saved.intervalMinutes > 0
              ? new Date(Date.parse(NOW) + saved.intervalMinutes * 60_000).toISOString()
              : undefined,
          ),
      },
    };
    const PAGE = { kind: 'extension-page' } as const;
    expect(await handleMessage({ type: 'jobs/start', kind: 'sync', input: SYNC }, deps, PAGE)).toMatchObject({
      ok: true,
      job: { kind: 'sync', state: 'queued' },
    });
    expect(await handleMessage({ type: 'jobs/start', kind: 'sync', input: SYNC }, deps, PAGE)).toEqual({
      ok: false,
      error: 'jobs/start: refused: a sync job is already pending',
    });
    expect(
      await handleMessage({ type: 'jobs/start', kind: 'scan', input: { batchSize: 0 } }, deps, PAGE),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^jobs\/start: invalid scan job: batchSize/) });
    expect(await handleMessage({ type: 'jobs/start', kind: 'import', input: {} }, deps, PAGE)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^malformed message: kind/),
    });
    expect(
      await handleMessage(
        { type: 'schedule/set', schedule: { intervalMinutes: 0.2, scan: true } },
        deps,
        PAGE,
      ),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^malformed message: schedule.intervalMinutes/),
    });
    expect(
      await handleMessage(
        { type: 'schedule/set', schedule: { intervalMinutes: 30, scan: true } },
        deps,
        PAGE,
      ),
    ).toEqual({
      ok: true,
      schedule: { intervalMinutes: 30, scan: true },
      nextRunAt: '2026-11-28T09:30:00.000Z',
    });
    expect(await handleMessage({ type: 'schedule/get' }, deps, PAGE)).toEqual({
      ok: true,
      schedule: { intervalMinutes: 30, scan: true },
      nextRunAt: '2026-11-28T09:30:00.000Z',
    });
    // Off: no alarm, so no next run.
    expect(
      await handleMessage(
        { type: 'schedule/set', schedule: { intervalMinutes: 0, scan: false } },
        deps,
        PAGE,
      ),
    ).toEqual({ ok: true, schedule: { intervalMinutes: 0, scan: false } });
    // Content scripts may neither start jobs nor change the schedule.
    const GITHUB = { kind: 'content-script', host: 'github' } as const;
    expect(await handleMessage({ type: 'jobs/start', kind: 'scan', input: {} }, deps, GITHUB)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused/),
    });
  });
});
