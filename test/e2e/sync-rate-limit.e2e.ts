// A GitHub sync that meets a rate limit, in Chromium with the built extension: the job waits instead
// of failing, the dashboard's job list says until when, an alarm is set for that time in the service
// worker, and both the waiting job and its alarm outlive a stopped worker. (Resuming when the alarm
// fires is unit-tested with a controlled clock; Chromium's alarm clock cannot be moved.)
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPENAI_SUPPORT_BOT } from '../support/github/fixtures';
import { MockGitHub } from '../support/github/mock-github';
import { useExtension } from './support/fixture';

const API = 'https://api.github.com';
const ORG = 'harbor-limited';
const ext = useExtension();
const mock = new MockGitHub(API);
let page: Page;
/** The quota refills in an hour: longer than a step waits, so the job must wait for an alarm. */
const resetEpoch = Math.floor(Date.now() / 1000) + 3600;

interface AlarmInfo {
  scheduledTime: number;
}
async function waitAlarm(): Promise<AlarmInfo | null> {
  const worker = ext.context.serviceWorkers()[0] ?? ext.worker;
  return worker.evaluate(async () => {
    const alarms = (globalThis as unknown as { chrome: { alarms: { get: (n: string) => Promise<unknown> } } })
      .chrome.alarms;
    return ((await alarms.get('aims-lens-jobs-wait')) as AlarmInfo | undefined) ?? null;
  });
}

async function syncJob(): Promise<Record<string, unknown> | undefined> {
  const reply = await ext.ask({ type: 'jobs/list' }, page);
  return (reply.jobs as Record<string, unknown>[] | undefined)?.find((j) => j.kind === 'sync');
}

beforeAll(async () => {
  mock.addRepo(`${ORG}/support-bot`, OPENAI_SUPPORT_BOT('gpt-4o'));
  mock.addRepo(`${ORG}/website`, { 'README.md': '# site\n' });
  // Every tree read is refused: the primary quota is spent until the reset.
  mock.fail(
    /\/git\/trees\//,
    {
      kind: 'status',
      status: 403,
      message: 'API rate limit exceeded for user ID 1.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetEpoch) },
    },
    1000,
  );
  await ext.context.route(`${API}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const answer = mock.handle(request.method(), url.pathname + url.search, await request.allHeaders());
    // CORS as api.github.com answers it: the rate-limit headers are exposed to a cross-origin caller
    // (the worker, until the user grants the host).
    const headers = {
      ...answer.headers,
      'access-control-allow-origin': '*',
      'access-control-expose-headers':
        'ETag, Link, Location, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset',
    };
    if (answer.status === 304) return route.fulfill({ status: 304, headers });
    await route.fulfill({
      status: answer.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: answer.raw ?? JSON.stringify(answer.body ?? null),
    });
  });
  page = await ext.newPage(ext.url('dashboard.html#jobs'));
});

describe('a rate-limited sync in the browser', () => {
  it('waits until the reset, says so on the dashboard, and sets an alarm for then', async () => {
    expect(
      await ext.ask(
        { type: 'connections/save', connection: { service: 'github', token: 'ghp_e2eTOKEN0123456789' } },
        page,
      ),
    ).toMatchObject({ ok: true });
    const started = await ext.ask(
      { type: 'jobs/start', kind: 'sync', input: { connector: 'github', scope: { org: ORG } } },
      page,
    );
    expect(started).toMatchObject({ ok: true });
    await expect.poll(async () => (await syncJob())?.state, { timeout: 30_000 }).toBe('waiting');
    const until = new Date((resetEpoch + 1) * 1000);
    const hhmm = until.toTimeString().slice(0, 5);
    expect(await syncJob()).toMatchObject({
      state: 'waiting',
      waitingUntil: until.toISOString(),
      progress: { done: 0, total: 2, phase: `waiting for GitHub rate limit until ${hhmm}` },
    });
    expect((await syncJob())?.error).toBeUndefined();
    expect((await waitAlarm())?.scheduledTime).toBe(until.getTime());
    // The open dashboard heard it.
    const item = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem').first();
    await expect
      .poll(() => item.textContent(), { timeout: 10_000 })
      .toContain(`Sync GitHub ${ORG}: Waiting for GitHub rate limit until ${hhmm}`);
    await ext.screenshot(page, 'sync-rate-limited');
    expect(await ext.axe(page)).toEqual([]);
  });

  it('does not ask GitHub again while waiting, and the wait outlives a stopped worker', async () => {
    const asked = mock.log.length;
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    // A message wakes a new worker, which resumes pending jobs: the waiting one stays waiting.
    await expect.poll(async () => (await syncJob())?.state, { timeout: 15_000 }).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await syncJob())?.state).toBe('waiting');
    expect(mock.log.length).toBe(asked);
    expect((await waitAlarm())?.scheduledTime).toBe((resetEpoch + 1) * 1000);
    // A second sync of any scope is refused while this one waits.
    expect(
      await ext.ask(
        { type: 'jobs/start', kind: 'sync', input: { connector: 'github', scope: { org: ORG } } },
        page,
      ),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/already pending/) });
  });

  it('the popup lists the waiting job as running, with its progress bar', async () => {
    const popup = await ext.newPage(ext.url('popup.html'));
    await expect
      .poll(() => popup.getByRole('heading', { name: /^Running jobs/ }).textContent(), { timeout: 10_000 })
      .toBe('Running jobs (1)');
    const item = popup.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain(`Sync GitHub ${ORG}: Waiting for GitHub rate limit until`);
    // A connection exists, so the popup does not offer the demo (it does on a fresh profile).
    expect(await popup.getByTestId('popup-demo').count()).toBe(0);
    const bar = item.getByRole('progressbar', { name: new RegExp(`^Sync GitHub ${ORG}`) });
    expect(await bar.evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([0, 2]);
    await ext.screenshot(popup, 'popup-running-job');
    await popup.close();
  });

  it('raised no error in any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
