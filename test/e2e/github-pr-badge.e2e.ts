// The GitHub overlays in Chromium with the built extension: on the demo's pull request #214 the badge
// by the title (risk level, risk and impact assessment states) and the banner naming the gpt-4o →
// gpt-4.1 swap with its clauses, re-rendered after in-page navigation; with a GitHub connection (the
// API answered by the mock GitHub), *Raise trigger* records the change and the event is in the log;
// hostile names stay inert text; an unrelated github.com page gets nothing and no console error.
// Screenshots of each overlay.
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OPENAI_SUPPORT_BOT } from '../support/github/fixtures';
import { MockGitHub } from '../support/github/mock-github';
import { useExtension } from './support/fixture';
import { htmlPage, overlaysSettled } from './support/host-pages';

const PR_URL = 'https://github.com/harbor-mutual/ai-platform/pull/214';
const HOSTILE = '<img src=x onerror=alert(1)>';
const title = (text: string, number: number) =>
  `<div class="gh-header-show"><h1 class="gh-header-title"><bdi class="js-issue-title">${text}</bdi> <span>#${number}</span></h1></div>`;
const badge = (page: Page) =>
  page.locator('aims-lens-overlay[data-aims-overlay="github-pr-badge"][data-aims-key="default"]');
const banner = (page: Page) =>
  page.locator('aims-lens-overlay[data-aims-overlay="github-pr-badge"][data-aims-key="banner"]');

/** Image elements anywhere: the page and every shadow root in it. */
const images = (page: Page) =>
  page.evaluate(() => {
    let count = document.querySelectorAll('img').length;
    for (const host of document.querySelectorAll('aims-lens-overlay'))
      count += host.shadowRoot?.querySelectorAll('img').length ?? 0;
    return count;
  });

const ext = useExtension({ demo: true });

describe('github-pr-badge on the demo pull request (no GitHub connection)', () => {
  it('shows risk level and assessment states by the title, and the model swap with its clauses below', async () => {
    ext.hosts.serve(
      PR_URL,
      htmlPage(
        'Move the support assistant to gpt-4.1',
        `${title('Move the support assistant to gpt-4.1', 214)}<main>Conversation</main>`,
      ),
    );
    const page = await ext.newPage(PR_URL);
    const status = badge(page).getByRole('status');
    await status.waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toMatch(
      /^AIMS\d+ AI systems · risk [^·]+ · risk assessment (overdue|due|missing|stale \(system changed\)|in progress|current) · impact assessment (overdue|due|missing|stale \(system changed\)|in progress|current)$/,
    );
    // The demo's swap is overdue for reassessment: the badge says so.
    expect(await status.textContent()).toMatch(/assessment overdue/);
    expect(await badge(page).evaluate((el) => el.parentElement?.matches('.gh-header-title') ?? false)).toBe(
      true,
    );

    const changes = banner(page).getByRole('list', { name: 'AI component changes in this pull request' });
    await changes.waitFor({ timeout: 10_000 });
    const text = await changes.textContent();
    expect(text).toContain('gpt-4o → gpt-4.1');
    expect(text).toContain('in Customer support assistant');
    expect(text).toContain('reassess under clause 8.2, 8.4');
    expect(text).toMatch(/✓ Trigger raised \d{4}-\d{2}-\d{2}/);
    expect(await banner(page).textContent()).toBe('');
    expect(await banner(page).locator('.note').textContent()).toMatch(/Connect GitHub/);
    // Under the header, not inside the title.
    expect(
      await banner(page).evaluate((el) => el.previousElementSibling?.matches('.gh-header-show') ?? false),
    ).toBe(true);
    await ext.screenshot(page, 'github-pr-badge');
    // A narrow window: the badge wraps inside the header instead of running past it.
    await page.setViewportSize({ width: 640, height: 700 });
    const widths = await page.evaluate(() => {
      const host = document.querySelector('aims-lens-overlay[data-aims-overlay="github-pr-badge"]');
      return { page: document.documentElement.scrollWidth, host: host?.getBoundingClientRect().right ?? 0 };
    });
    expect(widths.host).toBeLessThanOrEqual(640);
    expect(widths.page).toBeLessThanOrEqual(640);
    await ext.screenshot(page, 'github-pr-badge-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });

    // In-page navigation to the files tab: each overlay is replaced, never doubled.
    await page.evaluate(() => {
      history.pushState({}, '', '/harbor-mutual/ai-platform/pull/214/files');
      document.dispatchEvent(new Event('turbo:render'));
    });
    await expect.poll(() => badge(page).count()).toBe(1);
    await expect.poll(() => banner(page).count()).toBe(1);
    await expect.poll(() => badge(page).getByRole('status').textContent()).toMatch(/AI systems · risk/);
    // And to another repository's pull request: the overlays follow the new address.
    await page.evaluate(() => {
      document.body.innerHTML =
        '<div class="gh-header-show"><h1 class="gh-header-title"><bdi>Docs</bdi> <span>#3</span></h1></div>';
      history.pushState({}, '', '/harbor-mutual/website/pull/3');
      document.dispatchEvent(new Event('turbo:render'));
    });
    await expect
      .poll(() => badge(page).getByRole('status').textContent(), { timeout: 10_000 })
      .toBe('AIMSno AI system registered from this repository');
    await expect.poll(() => banner(page).count()).toBe(0);
    await page.close();
  });

  it('floats when the title is missing, and says so when the repository has no AI system', async () => {
    const url = 'https://github.com/harbor-mutual/website/pull/3';
    ext.hosts.serve(url, htmlPage('website', '<main>No header here</main>'));
    const page = await ext.newPage(url);
    const host = badge(page);
    await host.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await host.getAttribute('data-aims-floating')).not.toBeNull();
    await expect.poll(() => host.getByRole('status').textContent()).toContain('no AI system registered');
    await ext.screenshot(page, 'github-pr-badge-floating');
    await page.close();
  });

  it('shows the repository home badge: systems found, last scan, open triggers', async () => {
    const url = 'https://github.com/harbor-mutual/ai-platform';
    ext.hosts.serve(
      url,
      htmlPage(
        'ai-platform',
        '<header id="repository-container-header"><strong itemprop="name"><a href="#">ai-platform</a></strong></header><main>Readme</main>',
      ),
    );
    const page = await ext.newPage(url);
    const status = page
      .locator('aims-lens-overlay[data-aims-overlay="github-repo-systems"]')
      .getByRole('status');
    await status.waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toMatch(
      /^AIMS\d+ AI systems · (last scan \d{4}-\d{2}-\d{2}|not scanned yet) · (\d+ open triggers?|no open trigger)$/,
    );
    await ext.screenshot(page, 'github-repo-systems');
    await page.close();
  });
});

describe('hostile names and unrelated pages', () => {
  it('renders a system named like markup as inert text: no image element, no dialog', async () => {
    const recorded = await ext.ask({
      type: 'record/write',
      kind: 'ai-system',
      value: {
        id: 'sys-hostile',
        name: HOSTILE,
        purpose: 'A name an attacker chose',
        lifecycleStage: 'development',
        deploymentStatus: 'experimental',
        inventoryState: 'confirmed',
        inScope: true,
        components: [],
        sources: [{ tool: 'github', url: 'https://github.com/acme/hostile' }],
      },
    });
    expect(recorded, JSON.stringify(recorded)).toMatchObject({ ok: true });
    const url = 'https://github.com/acme/hostile/pull/1';
    ext.hosts.serve(url, htmlPage('hostile', title('Harmless title', 1)));
    const page = await ext.newPage(url);
    const status = badge(page).getByRole('status');
    await status.waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toContain(HOSTILE);
    expect(await images(page)).toBe(0);
    await ext.screenshot(page, 'github-pr-badge-hostile-name');
    await page.close();
  });

  it('gives a repository address named like markup nothing to render, and raises no error or dialog', async () => {
    const url = `https://github.com/acme/${encodeURIComponent(HOSTILE)}`;
    ext.hosts.serve(url, htmlPage('hostile', '<main>repository</main>'));
    const page = await ext.newPage(url);
    // The repository feature starts (the address looks like a repository) and its request is refused
    // by the schema (not owner/name): once it has finished, nothing was mounted.
    expect(await overlaysSettled(page, ext.extensionId)).toContain('github-repo-systems');
    expect(await images(page)).toBe(0);
    expect(await page.locator('aims-lens-overlay[data-aims-overlay]').count()).toBe(0);
    await page.close();
  });

  it('leaves an unrelated github.com page alone', async () => {
    const url = 'https://github.com/settings/profile';
    ext.hosts.serve(url, htmlPage('Your profile', '<main>Profile</main>'));
    const page = await ext.newPage(url);
    expect(await overlaysSettled(page, ext.extensionId)).toEqual([]);
    expect(await page.locator('aims-lens-overlay').count()).toBe(0);
    expect(await page.locator('main').textContent()).toBe('Profile');
    await page.close();
  });
});

describe('Raise trigger with a GitHub connection', () => {
  it('reads the pull request through the API, records the trigger through the core and shows it raised', async () => {
    // The background's GitHub requests are answered by the mock GitHub (the API is never reached).
    const mock = new MockGitHub('https://api.github.com');
    mock.addRepo('acme/bot', OPENAI_SUPPORT_BOT('gpt-4o'));
    mock.openPull('acme/bot', 12, OPENAI_SUPPORT_BOT('gpt-4.1'), { title: 'Answer with gpt-4.1' });
    const answer = async (route: Route) => {
      const request = route.request();
      const url = new URL(request.url());
      const answered = mock.handle(request.method(), url.pathname + url.search, await request.allHeaders());
      const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' };
      if (answered.reset) return route.abort('connectionreset');
      await route.fulfill({
        status: answered.status,
        headers: { ...answered.headers, ...cors, 'content-type': 'application/json' },
        body: answered.raw ?? (answered.status === 304 ? '' : JSON.stringify(answered.body)),
      });
    };
    await ext.context.route('https://api.github.com/**', answer);
    try {
      expect(
        await ext.ask({
          type: 'connections/save',
          connection: { service: 'github', token: 'ghp_e2eToken123456' },
        }),
      ).toMatchObject({ ok: true });
      expect(
        await ext.ask({
          type: 'record/write',
          kind: 'ai-system',
          value: {
            id: 'sys-bot',
            name: 'Customer support assistant',
            purpose: 'Answers customer questions about policies',
            lifecycleStage: 'operation',
            deploymentStatus: 'production',
            inventoryState: 'confirmed',
            inScope: true,
            components: [{ kind: 'model', id: 'gpt-4o', provider: 'openai', pinning: 'floating' }],
            sources: [{ tool: 'github', url: 'https://github.com/acme/bot' }],
            discoveryRoot: '.',
          },
        }),
      ).toMatchObject({ ok: true });

      const url = 'https://github.com/acme/bot/pull/12';
      ext.hosts.serve(
        url,
        htmlPage('Answer with gpt-4.1', `${title('Answer with gpt-4.1', 12)}<main>Conversation</main>`),
      );
      const page = await ext.newPage(url);
      const raise = banner(page).getByRole('button', { name: 'Raise trigger' });
      await raise.waitFor({ timeout: 15_000 });
      const item = banner(page).locator('li[data-change-type="model-changed"]');
      expect(await item.textContent()).toContain('gpt-4o → gpt-4.1');
      expect(await item.textContent()).toContain('in Customer support assistant');
      expect(await item.textContent()).toContain('reassess under clause 8.2, 8.4');
      expect(await banner(page).getByRole('heading').textContent()).toBe(
        'AIMS Lens · This pull request changes an AI component',
      );
      await ext.screenshot(page, 'github-pr-banner-raise');

      await raise.click();
      const said = banner(page).getByRole('status');
      await said.waitFor({ timeout: 10_000 });
      expect(await said.textContent()).toBe(
        'Trigger raised: gpt-4o → gpt-4.1 in Customer support assistant now awaits reassessment (clause 8.2, 8.4).',
      );
      await expect
        .poll(() => banner(page).locator('li[data-change-type="model-changed"] .raised').textContent())
        .toMatch(/✓ Trigger raised \d{4}-\d{2}-\d{2}/);
      expect(await banner(page).getByRole('button', { name: 'Raise trigger' }).count()).toBe(0);
      // The badge counts the new open trigger's effect: the assessments are now due.
      await expect
        .poll(() => badge(page).getByRole('status').textContent())
        .toMatch(/Customer support assistant/);
      await ext.screenshot(page, 'github-pr-banner-raised');

      // In the register and in its log, written by the overlay through the core's rules.
      const read = await ext.ask({ type: 'register/read' });
      const records = read.records as {
        kind: string;
        id: string;
        systemId?: string;
        source?: { ref: string };
      }[];
      const trigger = records.find((r) => r.kind === 'trigger' && r.source?.ref === 'acme/bot#12');
      expect(trigger).toMatchObject({
        systemId: 'sys-bot',
        type: 'model-changed',
        before: 'gpt-4o',
        after: 'gpt-4.1',
        clauses: ['8.2', '8.4'],
      });
      const events = read.events as { recordKind: string; recordId: string; actor: string }[];
      expect(events).toContainEqual(
        expect.objectContaining({
          recordKind: 'trigger',
          recordId: trigger?.id,
          actor: 'aims-lens-overlay:github',
        }),
      );
      // The token went to the API and nowhere else.
      expect(JSON.stringify(read)).not.toContain('ghp_e2eToken123456');
      expect(mock.log.some((r) => r.path === '/repos/acme/bot/pulls/12')).toBe(true);
      await page.close();
    } finally {
      await ext.ask({ type: 'connections/remove', service: 'github' });
      await ext.context.unroute('https://api.github.com/**', answer);
    }
  });

  it('raised no page error, console error or dialog anywhere', () => {
    expect(ext.problems).toEqual([]);
  });
});
