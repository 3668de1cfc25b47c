// The overlay feature contract in Chromium: per-host content scripts on routed GitHub, Jira and
// SharePoint pages, a feature's badge in a shadow root (anchored, floating, moved when the anchor
// appears), re-run on in-page navigation, and a content script's limits when it asks the background.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoOrganisation, DEMO_REPOSITORY } from '../../shared/demo';
import { useExtension } from './support/fixture';
import { evaluateInContentScript, htmlPage, overlaysSettled } from './support/host-pages';

const today = new Date().toISOString().slice(0, 10);
const demo = demoOrganisation(today).records;
const REPO_URL = DEMO_REPOSITORY.url;

// What the register links to the demo repository, counted from the demo's own records.
const repoSystems = demo.filter((r) => r.kind === 'ai-system' && r.sources.some((s) => s.url === REPO_URL));
const repoSystemIds = new Set(repoSystems.map((s) => s.id));
const openRepoTriggers = demo.filter(
  (r) =>
    r.kind === 'trigger' &&
    (r.status === 'open' || r.status === 'assessing') &&
    (repoSystemIds.has(r.systemId) ||
      (r.source.tool === 'github' && r.source.ref.startsWith(`${DEMO_REPOSITORY.slug}#`))),
);

const REPO_HEADER = (name: string) =>
  `<header id="repository-container-header"><strong itemprop="name"><a href="#">${name}</a></strong></header>`;
const badge = (page: Page) => page.locator('aims-lens-overlay[data-aims-overlay="github-repo-systems"]');

const ext = useExtension({ demo: true });
const problems = ext.problems;

describe('overlay features on host pages', () => {
  it('the demo links systems to the demo repository (the fixture is meaningful)', () => {
    expect(repoSystems.length).toBeGreaterThan(1);
  });

  it('puts the repository badge next to the repository name, inside a shadow root', async () => {
    ext.hosts.serve(
      REPO_URL,
      htmlPage('ai-platform', `${REPO_HEADER('ai-platform')}<main id="readme">Readme</main>`),
    );
    const page = await ext.newPage();
    await page.goto(REPO_URL);
    const host = badge(page);
    await host.waitFor({ state: 'attached', timeout: 10_000 });
    const triggers = openRepoTriggers.length;
    const lastSeen = repoSystems
      .flatMap((s) => (s.kind === 'ai-system' && s.lastSeen ? [s.lastSeen] : []))
      .sort()
      .at(-1);
    const scan = lastSeen ? `last scan ${lastSeen}` : 'not scanned yet';
    const expected =
      triggers === 0
        ? `${repoSystems.length} AI systems · ${scan} · no open trigger`
        : `${repoSystems.length} AI systems · ${scan} · ${triggers} open trigger${triggers === 1 ? '' : 's'}`;
    await expect.poll(() => host.getByRole('status').textContent()).toBe(`AIMS${expected}`);
    expect(await host.getByRole('status').getAttribute('aria-label')).toBe(`AIMS Lens: ${expected}`);

    const placement = await page.evaluate(() => {
      const el = document.querySelector('aims-lens-overlay[data-aims-overlay="github-repo-systems"]');
      return {
        shadow: el?.shadowRoot !== null && el?.shadowRoot !== undefined,
        afterAnchor: el?.previousElementSibling?.matches('strong[itemprop="name"]') ?? false,
        floating: el?.hasAttribute('data-aims-floating') ?? true,
        lightDomText: el?.textContent ?? null,
        count: document.querySelectorAll('aims-lens-overlay[data-aims-overlay]').length,
      };
    });
    expect(placement).toEqual({
      shadow: true,
      afterAnchor: true,
      floating: false,
      lightDomText: '',
      count: 1,
    });
    // The page itself is untouched.
    expect(await page.locator('#readme').textContent()).toBe('Readme');
    await page.close();
  });

  it('floats the badge when the anchor is missing, and moves it when the anchor appears', async () => {
    const address = `${REPO_URL}/tree/main/apps`;
    ext.hosts.serve(
      address,
      htmlPage(
        'apps',
        `<main id="files">files</main>
         <script>setTimeout(() => document.body.insertAdjacentHTML('afterbegin', ${JSON.stringify(REPO_HEADER('ai-platform'))}), 1500)</script>`,
      ),
    );
    const page = await ext.newPage();
    await page.goto(address);
    const floating = page.locator(
      'aims-lens-overlay[data-aims-floating][data-aims-overlay="github-repo-systems"]',
    );
    await floating.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await floating.getByRole('status').textContent()).toMatch(/AI systems/);
    // Once the page inserts the header, the same badge sits next to it and the dock is gone.
    await expect
      .poll(
        () =>
          page.evaluate(() => document.querySelector('strong[itemprop="name"] + aims-lens-overlay') !== null),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    expect(await badge(page).count()).toBe(1);
    expect(await page.locator('#aims-lens-overlay-dock').count()).toBe(0);
    await page.close();
  });

  it('re-runs on in-page navigation: another repository updates the badge, a non-repository page removes it', async () => {
    ext.hosts.serve(REPO_URL, htmlPage('ai-platform', REPO_HEADER('ai-platform')));
    const page = await ext.newPage();
    await page.goto(REPO_URL);
    await badge(page).getByRole('status').waitFor({ timeout: 10_000 });

    await page.evaluate(() => history.pushState({}, '', '/harbor-mutual/website'));
    await expect
      .poll(() => badge(page).getByRole('status').textContent(), { timeout: 10_000 })
      .toBe('AIMSno AI system registered from this repository');

    await page.evaluate(() => history.pushState({}, '', '/settings/profile'));
    await expect.poll(() => badge(page).count(), { timeout: 10_000 }).toBe(0);
    await page.close();
  });

  it('re-runs after a Turbo render at the same address', async () => {
    ext.hosts.serve(REPO_URL, htmlPage('ai-platform', REPO_HEADER('ai-platform')));
    const page = await ext.newPage();
    await page.goto(REPO_URL);
    await badge(page).getByRole('status').waitFor({ timeout: 10_000 });
    // Turbo swaps the body: the badge goes with it, and turbo:render brings it back.
    await page.evaluate((header) => {
      document.body.innerHTML = header;
      document.dispatchEvent(new Event('turbo:render'));
    }, REPO_HEADER('ai-platform'));
    await badge(page).getByRole('status').waitFor({ timeout: 10_000 });
    expect(await badge(page).count()).toBe(1);
    await page.close();
  });

  it('loads one content script per host and no feature where none applies', async () => {
    // A Jira page that shows no one issue, so the issue panel does not apply.
    const jira = 'https://harbormutual.atlassian.net/jira/your-work';
    // A site page: neither a document nor a library, so no SharePoint feature applies.
    const sharepoint = 'https://harbormutual.sharepoint.com/sites/aims/SitePages/Home.aspx';
    ext.hosts.serve(jira, htmlPage('Your work', '<h1>Your work</h1>'));
    ext.hosts.serve(sharepoint, htmlPage('report', '<h1>Report</h1>'));
    for (const address of [jira, sharepoint]) {
      const page = await ext.newPage();
      await page.goto(address);
      const location = await evaluateInContentScript(page, ext.extensionId, 'location.href');
      expect(location).toBe(address);
      expect(await overlaysSettled(page, ext.extensionId)).toEqual([]);
      expect(await page.locator('aims-lens-overlay').count()).toBe(0);
      await page.close();
    }
  });

  it('answers a content script only what its own host needs', async () => {
    ext.hosts.serve(REPO_URL, htmlPage('ai-platform', REPO_HEADER('ai-platform')));
    const page = await ext.newPage();
    await page.goto(REPO_URL);
    await badge(page).waitFor({ state: 'attached', timeout: 10_000 });
    const ask = (message: unknown) =>
      evaluateInContentScript(
        page,
        ext.extensionId,
        `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
      );

    expect(await ask({ type: 'overlay/github-status', repo: DEMO_REPOSITORY.slug })).toMatchObject({
      ok: true,
      status: { systems: expect.any(Array) },
    });
    expect(await ask({ type: 'demo/load' })).toEqual({
      ok: false,
      error: 'refused: demo/load is not available to the github content script',
    });
    expect(await ask({ type: 'inventory/list' })).toMatchObject({ ok: false });
    // A bundle upload is for extension pages: a content script can neither begin one nor feed one.
    expect(await ask({ type: 'workspace/upload-begin', name: 'x.json', size: 10 })).toEqual({
      ok: false,
      error: 'refused: workspace/upload-begin is not available to the github content script',
    });
    expect(await ask({ type: 'workspace/upload-chunk', upload: 'upload-x', index: 0, text: '{' })).toEqual({
      ok: false,
      error: 'refused: workspace/upload-chunk is not available to the github content script',
    });
    expect(await ask({ type: 'overlay/jira-status', key: 'AIMS-142' })).toMatchObject({ ok: false });
    expect(await ask({ type: 'overlay/github-status', repo: 'x', token: 'y' })).toMatchObject({ ok: false });
    await page.close();
  });

  it('raised no uncaught error on any page', () => {
    expect(problems).toEqual([]);
  });
});
