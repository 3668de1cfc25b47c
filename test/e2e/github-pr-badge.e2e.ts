// The pull-request overlay in Chromium with the built extension and the demo register: the badge by
// the title, the demo's gpt-4o → gpt-4.1 change listed with its clauses, re-rendered after in-page
// navigation (pushState + turbo:render), the floating badge when the title is missing, a screenshot.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './support/fixture';
import { htmlPage } from './support/host-pages';

const PR_URL = 'https://github.com/harbor-mutual/ai-platform/pull/214';
const TITLE =
  '<div class="gh-header-show"><h1 class="gh-header-title"><bdi class="js-issue-title">Move the support assistant to gpt-4.1</bdi> <span>#214</span></h1></div>';
const overlay = (page: Page) => page.locator('aims-lens-overlay[data-aims-overlay="github-pr-badge"]');

const ext = useExtension({ demo: true });
const problems = ext.problems;

describe('github-pr-badge', () => {
  it('shows the systems, the due reassessments and the demo model swap by the pull request title', async () => {
    ext.hosts.serve(
      PR_URL,
      htmlPage('Move the support assistant to gpt-4.1', `${TITLE}<main>Conversation</main>`),
    );
    const page = await ext.newPage();
    await page.goto(PR_URL);
    const host = overlay(page);
    await host.waitFor({ state: 'attached', timeout: 10_000 });
    await expect
      .poll(() => host.getByRole('status').textContent())
      .toMatch(/AIMS\d+ AI systems · \d+ reassessments? due/);
    const changes = host.getByRole('list', { name: 'AI component changes awaiting reassessment' });
    await expect.poll(() => changes.textContent()).toContain('gpt-4o to gpt-4.1');
    expect(await changes.textContent()).toContain('clause 8.2, 8.4');
    const inTitle = await page.evaluate(
      () =>
        document
          .querySelector('aims-lens-overlay[data-aims-overlay="github-pr-badge"]')
          ?.parentElement?.matches('.gh-header-title') ?? false,
    );
    expect(inTitle).toBe(true);
    await ext.screenshot(page, 'github-pr-badge');

    // In-page navigation to the files tab: the old overlay goes, a new one comes.
    await page.evaluate(() => {
      history.pushState({}, '', '/harbor-mutual/ai-platform/pull/214/files');
      document.dispatchEvent(new Event('turbo:render'));
    });
    await expect.poll(() => overlay(page).count()).toBe(1);
    await expect.poll(() => overlay(page).getByRole('status').textContent()).toMatch(/AI systems/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('floats when the title is missing, and says so when the repository has no AI system', async () => {
    const url = 'https://github.com/harbor-mutual/website/pull/3';
    ext.hosts.serve(url, htmlPage('website', '<main>No header here</main>'));
    const page = await ext.newPage();
    await page.goto(url);
    const host = overlay(page);
    await host.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await host.getAttribute('data-aims-floating')).not.toBeNull();
    await expect.poll(() => host.getByRole('status').textContent()).toContain('no AI system registered');
    await ext.screenshot(page, 'github-pr-badge-floating');
    await page.close();
  });
});
