// A GitHub sync in Chromium's background: the built extension syncs an organisation through
// Octokit against the mock GitHub (answered at api.github.com by the test), the browser stops the
// service worker mid-sync, a new worker resumes from the per-repository checkpoint and finishes,
// and the register holds every system once with an intact chain. Progress reaches open pages.
// Nothing here waits on a clock: the stop comes while a held request keeps the worker mid-step.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { githubSystemId } from '../../connectors/github/inventory';
import { OPENAI_SUPPORT_BOT } from '../support/github/fixtures';
import { MockGitHub } from '../support/github/mock-github';
import { useExtension, type Reply } from './support/fixture';

const API = 'https://api.github.com';
const ORG = 'harbor-e2e';
const AI_REPOS = Array.from({ length: 24 }, (_, i) => `${ORG}/model-${String(i).padStart(2, '0')}`);
const PLAIN_REPOS = [`${ORG}/website`, `${ORG}/handbook`];
/**
 * Requests about these repositories are held until the test lets them through, so the worker is
 * stopped in the middle of a sync by construction, not by how fast a loaded machine happens to run.
 */
const HELD = new Set(AI_REPOS.slice(12));
let gateOpen = true;
const held: (() => void)[] = [];
const heldOne: { notify?: () => void } = {};

const ext = useExtension();
const mock = new MockGitHub(API);
let page: Page;
const progressSeen: number[] = [];

async function jobById(id: string): Promise<Record<string, unknown> | undefined> {
  const reply = await ext.ask({ type: 'jobs/list' }, page);
  return (reply.jobs as Record<string, unknown>[] | undefined)?.find((j) => j.id === id);
}

beforeAll(async () => {
  for (const [i, name] of AI_REPOS.entries()) mock.addRepo(name, OPENAI_SUPPORT_BOT(`gpt-4.${i}`));
  for (const name of PLAIN_REPOS) mock.addRepo(name, { 'README.md': `# ${name}\n` });
  await ext.context.route(`${API}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const repo = /^\/repos\/([^/]+\/[^/]+)/.exec(url.pathname)?.[1];
    if (!gateOpen && repo !== undefined && HELD.has(repo)) {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        heldOne.notify?.();
      });
    }
    const answer = mock.handle(
      request.method(),
      url.pathname + url.search,
      await request.allHeaders(),
      undefined,
    );
    const headers = { ...answer.headers, 'access-control-allow-origin': '*' };
    // A request held while its worker was stopped has no one left to answer: that is expected.
    const gone = () => undefined;
    if (answer.status === 304) return route.fulfill({ status: 304, headers }).catch(gone);
    await route
      .fulfill({
        status: answer.status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: answer.raw ?? JSON.stringify(answer.body ?? null),
      })
      .catch(gone);
  });
  page = await ext.newPage(ext.url('options.html'));
  // Progress as an open page receives it, straight from the background's broadcast.
  await page.exposeFunction('__progress', (done: number) => void progressSeen.push(done));
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      chrome: { runtime: { onMessage: { addListener: (f: (m: unknown) => void) => void } } };
      __progress: (done: number) => void;
    };
    g.chrome.runtime.onMessage.addListener((m) => {
      const message = m as { type?: string; job?: { kind?: string; progress?: { done?: number } } };
      if (message.type === 'jobs/progress' && message.job?.kind === 'sync')
        g.__progress(message.job.progress?.done ?? -1);
    });
  });
});

describe('GitHub sync in the background', () => {
  it('refuses a sync while GitHub is not configured, naming the Connections page', async () => {
    const started = await ext.ask(
      { type: 'jobs/start', kind: 'sync', input: { connector: 'github', scope: { org: ORG } } },
      page,
    );
    const id = (started.job as { id: string }).id;
    await expect.poll(async () => (await jobById(id))?.state, { timeout: 30_000 }).toBe('failed');
    expect((await jobById(id))?.error).toBe('GitHub is not configured (Connections page)');
  });

  it('finishes a sync the browser interrupted by stopping the worker, with every system once', async () => {
    expect(
      await ext.ask(
        { type: 'connections/save', connection: { service: 'github', token: 'ghp_e2eTOKEN0123456789' } },
        page,
      ),
    ).toMatchObject({ ok: true });
    gateOpen = false;
    const blocked = new Promise<void>((resolve) => (heldOne.notify = resolve));
    const started: Reply = await ext.ask(
      { type: 'jobs/start', kind: 'sync', input: { connector: 'github', scope: { org: ORG } } },
      page,
    );
    expect(started).toMatchObject({ ok: true, job: { kind: 'sync', state: 'queued' } });
    const id = (started.job as { id: string }).id;
    const total = AI_REPOS.length + PLAIN_REPOS.length;

    // The worker is inside a step, its request about a held repository unanswered; earlier
    // repositories are committed.
    await blocked;
    await expect
      .poll(async () => ((await jobById(id))?.progress as { done: number } | undefined)?.done ?? 0, {
        timeout: 30_000,
      })
      .toBeGreaterThan(3);
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const atStop = (await jobById(id)) as { state: string; progress: { done: number } };
    expect(atStop.state).toBe('running');
    expect(atStop.progress.done).toBeLessThan(total);
    gateOpen = true;
    for (const release of held.splice(0)) release();

    await expect
      .poll(async () => (await jobById(id))?.state, { timeout: 60_000, interval: 200 })
      .toMatch(/^(done|failed)$/);
    const job = await jobById(id);
    expect(job).toMatchObject({
      state: 'done',
      progress: { done: total, total },
      result: `${total} repositories scanned, 0 unchanged, 0 skipped`,
    });
    expect(job?.resumed).toBeGreaterThanOrEqual(1);

    const listed = await ext.ask({ type: 'inventory/list' }, page);
    const ids = (listed.systems as { id: string }[]).map((s) => s.id).sort();
    expect(ids).toEqual(AI_REPOS.map((name) => githubSystemId(name, '')).sort());
    const read = await ext.ask({ type: 'register/read' }, page);
    const events = read.events as { recordKind: string; recordId: string; action: string }[];
    const created = events.filter((e) => e.action === 'create').map((e) => `${e.recordKind}/${e.recordId}`);
    expect(new Set(created).size).toBe(created.length);
    expect(await ext.ask({ type: 'register/verify' }, page)).toMatchObject({
      ok: true,
      verdict: { ok: true, entries: events.length },
    });
    // The page heard the progress as it went, up to the end (its messages arrive on their own time).
    await expect.poll(() => progressSeen.includes(total), { timeout: 30_000 }).toBe(true);
    expect(progressSeen.length).toBeGreaterThan(3);
  });

  it('a second sync finds every repository unchanged and records nothing', async () => {
    const before = ((await ext.ask({ type: 'register/read' }, page)).events as unknown[]).length;
    const started = await ext.ask(
      { type: 'jobs/start', kind: 'sync', input: { connector: 'github', scope: { org: ORG } } },
      page,
    );
    const id = (started.job as { id: string }).id;
    await expect
      .poll(async () => (await jobById(id))?.state, { timeout: 60_000, interval: 200 })
      .toBe('done');
    const total = AI_REPOS.length + PLAIN_REPOS.length;
    expect((await jobById(id))?.result).toBe(`0 repositories scanned, ${total} unchanged, 0 skipped`);
    expect(((await ext.ask({ type: 'register/read' }, page)).events as unknown[]).length).toBe(before);
  });

  it('never shows the token to a page', async () => {
    const listed = JSON.stringify(await ext.ask({ type: 'jobs/list' }, page));
    expect(listed).not.toContain('ghp_e2eTOKEN');
    expect(JSON.stringify(await ext.ask({ type: 'connections/list' }, page))).not.toContain('ghp_e2eTOKEN');
  });

  it('raised no error in any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
