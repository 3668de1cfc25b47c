// A GitHub sync that meets a rate limit waits instead of failing or spinning: the job is stored as
// waiting until the time GitHub gave, pages hear "waiting for GitHub rate limit until HH:MM", an alarm
// is asked for at that time, and when it fires — in a new worker, the old one having stopped — the
// job goes on from its checkpoint and finishes with nothing recorded twice. GitHub is the msw-served
// mock (payloads typed with @octokit/openapi-types); the clock is the test's, so nothing really waits.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGitHubClient, getJson, GitHubError } from '../../../connectors/github';
import type { AimsDatabase } from '../../../extension/db/schema';
import { createDexieBackend } from '../../../extension/db/dexie-backend';
import type { JobConnectors, JobHandler, JobView } from '../../../extension/background/jobs/job';
import { clockTime, createJobRunner } from '../../../extension/background/jobs/runner';
import {
  IN_STEP_RATE_LIMIT_WAIT_SECONDS,
  resumeTime,
  syncJob,
} from '../../../extension/background/jobs/sync-job';
import { RECORD_KINDS } from '../../../shared/model';
import { createRegister, type Register } from '../../../shared/register';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';
import { freshDatabases } from '../../support/aims-db';

const API = 'https://api.github.com';
const github = mockGitHubServer(API);

const freshDb = freshDatabases('rate-limit-test');

/**
 * The test's clock, starting at the real second (the throttling plugin compares x-ratelimit-reset
 * with the real time, so the mock's reset must be real-time consistent). Only the test moves it.
 */
const START = Math.floor(Date.now() / 1000) * 1000;
let nowMs = START;
const clock = () => new Date(nowMs).toISOString();

const githubConnector: JobConnectors = {
  github: () =>
    Promise.resolve(
      createGitHubClient({
        token: 'ghp_testtoken',
        baseUrl: API,
        retryBaseMs: 1,
        rateLimitUnitMs: 1,
        // As the background builds it: longer limits end the step.
        maxRateLimitWaitSeconds: IN_STEP_RATE_LIMIT_WAIT_SECONDS,
      }),
    ),
};

/** One service-worker life: a runner over `db`, recording what it broadcast and which alarms it asked for. */
function worker(db: AimsDatabase) {
  const seen: JobView[] = [];
  const wakes: (string | undefined)[] = [];
  const awake: boolean[] = [];
  let ids = 0;
  const register = createRegister(createDexieBackend(db), { clock });
  const jobs = createJobRunner({
    db,
    handlers: [syncJob as JobHandler<unknown, unknown>],
    clock,
    newId: () => `job-${++ids}`,
    broadcast: (job) => void seen.push(job),
    keepAwake: async (pending) => void awake.push(pending),
    wakeAt: async (at) => void wakes.push(at),
    context: { register, now: clock, connectors: githubConnector },
  });
  return { jobs, seen, wakes, awake, register };
}

async function everything(register: Register) {
  const out: string[] = [];
  for (const kind of RECORD_KINDS) for (const r of await register.list(kind)) out.push(`${kind}/${r.id}`);
  return out;
}

function harborOrg(): void {
  github.mock.addRepo('harbor/claims-triage', OPENAI_SUPPORT_BOT('o3-mini'));
  github.mock.addRepo('harbor/pricing-model', OPENAI_SUPPORT_BOT('gpt-4.1'));
  github.mock.addRepo('harbor/support-bot', OPENAI_SUPPORT_BOT('gpt-4o'));
  github.mock.addRepo('harbor/website', { 'index.html': '<h1>Harbor</h1>\n' });
}

const SYNC = { connector: 'github', scope: { org: 'harbor' } };

/** The register a sync of the same organisation leaves when nothing interrupts it. */
async function straightRun() {
  harborOrg();
  const db = freshDb();
  const w = worker(db);
  await w.jobs.start('sync', SYNC);
  await w.jobs.resume();
  const result = {
    records: await everything(w.register),
    events: await db.events.count(),
    summary: (await w.jobs.list())[0]?.result,
  };
  github.reset();
  return result;
}

describe('a rate-limited GitHub sync', () => {
  it('waits until the quota resets, survives a worker stop, and resumes from its checkpoint', async () => {
    nowMs = START;
    const expected = await straightRun();
    harborOrg();
    const resetEpoch = START / 1000 + 3600;
    // The third repository's tree: the primary quota is spent (403, x-ratelimit-remaining: 0).
    github.mock.fail(
      /\/repos\/harbor\/support-bot\/git\/trees\//,
      {
        kind: 'status',
        status: 403,
        message: 'API rate limit exceeded for user ID 1.',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetEpoch) },
      },
      1,
    );
    const db = freshDb();
    const first = worker(db);
    const job = await first.jobs.start('sync', SYNC);
    await first.jobs.resume();

    const until = new Date((resetEpoch + 1) * 1000).toISOString();
    const [waiting] = await first.jobs.list();
    expect(waiting).toMatchObject({
      id: job.id,
      state: 'waiting',
      waitingUntil: until,
      progress: { done: 2, total: 4, phase: `waiting for GitHub rate limit until ${clockTime(until)}` },
    });
    expect(waiting?.error).toBeUndefined();
    // Pages heard it, an alarm was asked for at that time, and the keep-awake alarm let go.
    expect(first.seen.at(-1)).toMatchObject({ state: 'waiting', waitingUntil: until });
    expect(first.wakes.at(-1)).toBe(until);
    expect(first.awake.at(-1)).toBe(false);
    // The checkpoint in IndexedDB still points at the third repository; its writes are not there.
    expect((await db.jobs.get(job.id))?.checkpoint).toMatchObject({ next: 2 });

    // Not spinning: waking early (the periodic alarm, a page's message) sends GitHub nothing.
    const requests = github.mock.log.length;
    nowMs = START + 30 * 60_000;
    await first.jobs.resume();
    expect(github.mock.log.length).toBe(requests);
    expect((await first.jobs.list())[0]?.state).toBe('waiting');

    // The worker stops; the alarm fires after the reset and a new worker goes on from the checkpoint.
    nowMs = Date.parse(until);
    const second = worker(db);
    await second.jobs.resume();
    const [done] = await second.jobs.list();
    expect(done).toMatchObject({ state: 'done', progress: { done: 4, total: 4 } });
    expect(done?.waitingUntil).toBeUndefined();
    expect(done?.result).toBe(expected.summary);
    expect(expected.summary).toBe('4 repositories scanned, 0 unchanged, 0 skipped');
    expect(second.wakes.at(-1)).toBeUndefined();
    // Only the interrupted repository was asked again: the first two were not rescanned.
    const again = github.mock.log.slice(requests).map((r) => r.path);
    expect(again.some((p) => p.includes('/repos/harbor/claims-triage/'))).toBe(false);
    expect(await everything(second.register)).toEqual(expected.records);
    expect(await db.events.count()).toBe(expected.events);
    expect(await second.register.verify()).toMatchObject({ ok: true, entries: expected.events });
  });

  it('waits for Retry-After when listing the repositories answers 429, then starts from the beginning', async () => {
    nowMs = START;
    harborOrg();
    github.mock.fail(
      /\/orgs\/harbor\/repos/,
      { kind: 'status', status: 429, message: 'Too Many Requests', headers: { 'retry-after': '120' } },
      10,
    );
    const db = freshDb();
    const first = worker(db);
    await first.jobs.start('sync', SYNC);
    await first.jobs.resume();
    const until = new Date(START + 120_000).toISOString();
    expect((await first.jobs.list())[0]).toMatchObject({
      state: 'waiting',
      waitingUntil: until,
      progress: { phase: `waiting for GitHub rate limit until ${clockTime(until)}` },
    });
    // GitHub answers again.
    github.reset();
    harborOrg();
    nowMs = START + 121_000;
    const second = worker(db);
    await second.jobs.resume();
    expect((await second.jobs.list())[0]).toMatchObject({ state: 'done', progress: { done: 4, total: 4 } });
    expect((await second.register.list('ai-system')).length).toBe(3);
  });

  it('still fails on a 403 that is not a rate limit (a missing scope), naming the repository', async () => {
    nowMs = START;
    harborOrg();
    github.mock.fail(/\/repos\/harbor\/support-bot\/git\/trees\//, {
      kind: 'status',
      status: 403,
      message: 'Resource not accessible by personal access token',
      headers: { 'x-ratelimit-remaining': '4990' },
    });
    const db = freshDb();
    const w = worker(db);
    await w.jobs.start('sync', SYNC);
    await w.jobs.resume();
    const [failed] = await w.jobs.list();
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatch(/^harbor\/support-bot: .*forbidden/);
    expect(w.wakes.at(-1)).toBeUndefined();
  });

  it('refuses a second sync while one is waiting', async () => {
    nowMs = START;
    harborOrg();
    github.mock.fail(
      /\/orgs\/harbor\/repos/,
      { kind: 'status', status: 429, message: 'x', headers: { 'retry-after': '600' } },
      10,
    );
    const db = freshDb();
    const w = worker(db);
    await w.jobs.start('sync', SYNC);
    await w.jobs.resume();
    expect(await w.jobs.pending('sync')).toBe(true);
  });
});

describe('when a rate-limited sync may go on', () => {
  const NOW = '2026-11-28T09:00:00.000Z';
  const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();
  const limited = (rateLimit: ConstructorParameters<typeof GitHubError>[3]) =>
    new GitHubError('rate-limited', 'GET /x: rate limit exceeded', 403, rateLimit);

  it('prefers Retry-After, then the reset plus a second, then a minute', () => {
    expect(resumeTime(limited({ retryAfterSeconds: 90, resetEpochSeconds: 1 }), NOW)).toBe(at(90_000));
    const reset = Date.parse(NOW) / 1000 + 600;
    expect(resumeTime(limited({ resetEpochSeconds: reset }), NOW)).toBe(at(601_000));
    expect(resumeTime(limited({}), NOW)).toBe(at(60_000));
    expect(resumeTime(limited(undefined), NOW)).toBe(at(60_000));
  });

  it('bounds hostile or stale times: at least 30 s, at most 6 hours', () => {
    expect(resumeTime(limited({ retryAfterSeconds: 0 }), NOW)).toBe(at(30_000));
    expect(resumeTime(limited({ resetEpochSeconds: 1 }), NOW)).toBe(at(30_000));
    expect(resumeTime(limited({ retryAfterSeconds: 999_999_999_999 }), NOW)).toBe(at(6 * 3600_000));
    expect(resumeTime(limited({ resetEpochSeconds: 4_102_444_800 }), NOW)).toBe(at(6 * 3600_000));
  });

  it('reads GitHub’s headers, leaving malformed ones out', async () => {
    github.mock.addRepo('harbor/website', { 'index.html': '<h1>Harbor</h1>\n' });
    const client = createGitHubClient({ token: 't', baseUrl: API, retryBaseMs: 1, rateLimitUnitMs: 1 });
    for (const [headers, hint] of [
      [{ 'retry-after': '30' }, { retryAfterSeconds: 30 }],
      [{ 'retry-after': 'soon', 'x-ratelimit-reset': '-5' }, {}],
      [{ 'retry-after': '1e9' }, {}],
    ] as const) {
      github.mock.fail(
        /\/repos\/harbor\/website$/,
        { kind: 'status', status: 429, message: 'slow down', headers },
        4,
      );
      const error = await getJson(client, '/repos/harbor/website', z.unknown()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubError);
      expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
      expect((error as GitHubError).rateLimit).toMatchObject(hint);
      if (!('x-ratelimit-reset' in headers)) continue;
      expect((error as GitHubError).rateLimit?.resetEpochSeconds).toBeUndefined();
    }
  });
});
