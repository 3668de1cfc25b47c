// The SharePoint evidence overlay in Chromium with the built extension and the demo organisation:
// a fresh and a superseded evidence badge on harbormutual.sharepoint.com, a library summary, and
// *Register as evidence* recording a document so the badge holds after a reload. Saves a screenshot.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './support/fixture';
import { htmlPage } from './support/host-pages';

const SITE = 'https://harbormutual.sharepoint.com/sites/aims';
const doc = (name: string) => `${SITE}/Shared%20Documents/${name}`;
const overlay = (page: Page) => page.locator('aims-lens-overlay[data-aims-overlay="sharepoint-evidence"]');
const badgeText = (page: Page) => overlay(page).getByRole('status').textContent();

const ext = useExtension({ demo: true });
const problems = ext.problems;

async function open(address: string, title: string): Promise<Page> {
  ext.hosts.serve(address, htmlPage(title, `<h1>${title}</h1><main id="viewer">document viewer</main>`));
  const page = await ext.newPage();
  await page.goto(address);
  await overlay(page).getByRole('status').waitFor({ timeout: 10_000 });
  return page;
}

describe('SharePoint evidence overlay (demo tenant)', () => {
  it('shows fresh evidence with its clause, control and version', async () => {
    const page = await open(doc('ai-training-records-2026.xlsx'), 'ai-training-records-2026.xlsx');
    expect(await badgeText(page)).toBe(
      'AIMSRegistered evidence · 7.2, A.4.6 · no system · fresh (version 12.0)',
    );
    expect(await overlay(page).getByRole('status').getAttribute('data-tone')).toBe('ok');
    await page.close();
  });

  it('shows superseded evidence: a newer version than the one pinned', async () => {
    const page = await open(doc('monitoring-report-2026-q3.pdf'), 'monitoring-report-2026-q3.pdf');
    const text = await badgeText(page);
    expect(text).toMatch(
      /^AIMSRegistered evidence · 9\.1, A\.6\.2\.6 · .*Claims triage.* · superseded: version 5\.0 is newer than pinned 4\.0$/,
    );
    expect(await overlay(page).getByRole('status').getAttribute('data-tone')).toBe('warn');
    await ext.screenshot(page, 'sharepoint-evidence-superseded');
    await page.close();
  });

  it('summarises a library view', async () => {
    const page = await open(`${SITE}/Shared%20Documents/Forms/AllItems.aspx`, 'Documents');
    expect(await badgeText(page)).toMatch(/^AIMS\d+ registered evidence documents here · 1 superseded$/);
    await page.close();
  });

  it('Register as evidence records the document, and the badge holds after a reload', async () => {
    const address = doc('ai-policy-2027.docx');
    const page = await open(address, 'ai-policy-2027.docx');
    expect(await badgeText(page)).toBe('AIMSNot registered evidence');
    await overlay(page).getByRole('button', { name: 'Register as evidence' }).click();
    await overlay(page).getByLabel('Clauses').fill('5.2');
    await overlay(page).getByLabel('Controls').fill('A.2.2, A.2.3');
    await overlay(page).getByLabel('Systems').fill('sys-claims-triage');
    await overlay(page).getByRole('button', { name: 'Record evidence' }).click();
    const registered = 'AIMSRegistered evidence · 5.2, A.2.2, A.2.3 · Claims triage · fresh (version 1.0)';
    await expect.poll(() => badgeText(page), { timeout: 10_000 }).toBe(registered);
    await ext.screenshot(page, 'sharepoint-evidence');
    await page.reload();
    await expect.poll(() => badgeText(page), { timeout: 10_000 }).toBe(registered);
    // The page's own content is untouched, and the overlay lives in a shadow root.
    expect(await page.locator('#viewer').textContent()).toBe('document viewer');
    expect(await page.evaluate(() => document.querySelector('aims-lens-overlay')?.shadowRoot !== null)).toBe(
      true,
    );
    await page.close();
  });

  it('a bad clause is refused with the reason shown, and nothing is recorded', async () => {
    const address = doc('ai-vendor-list.xlsx');
    const page = await open(address, 'ai-vendor-list.xlsx');
    await overlay(page).getByRole('button', { name: 'Register as evidence' }).click();
    await overlay(page).getByLabel('Clauses').fill('<b>9.9.9.x</b>');
    await overlay(page).getByRole('button', { name: 'Record evidence' }).click();
    await expect
      .poll(() => overlay(page).getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/clauses/);
    await page.reload();
    await overlay(page).getByRole('status').waitFor({ timeout: 10_000 });
    expect(await badgeText(page)).toBe('AIMSNot registered evidence');
    await page.close();
  });

  it('a file named with %, # and & gets its panel and is registered under its own name', async () => {
    const name = "100% done #1 & 'final'.pdf";
    const page = await open(doc(encodeURIComponent(name)), 'viewer');
    expect(await badgeText(page)).toBe('AIMSNot registered evidence');
    await overlay(page).getByRole('button', { name: 'Register as evidence' }).click();
    await overlay(page).getByLabel('Clauses').fill('7.5.3');
    await overlay(page).getByRole('button', { name: 'Record evidence' }).click();
    const registered = 'AIMSRegistered evidence · 7.5.3 · no system · fresh (version 1.0)';
    await expect.poll(() => badgeText(page), { timeout: 10_000 }).toBe(registered);
    await page.reload();
    await expect.poll(() => badgeText(page), { timeout: 10_000 }).toBe(registered);
    const read = (await ext.ask({ type: 'register/read' })) as { records: Array<Record<string, unknown>> };
    expect(read.records.filter((r) => r.kind === 'evidence' && r.title === name)).toHaveLength(1);
    await page.close();
  });

  it('raised no uncaught error on any page', () => {
    expect(problems).toEqual([]);
  });
});
