// Dashboard forms in Chromium: each change goes to the background's `record/write`, which records
// it through the core's write rules. A missing field is caught in the form, a rule's refusal is
// shown as the rule gave it with nothing written, and an accepted change appears in the view and
// as an event in the history, with the hash chain intact.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useExtension } from './support/fixture';

const ext = useExtension({ demo: true });
let page: Page;

const eventCount = async () => ((await ext.ask({ type: 'register/read' })).events as unknown[]).length;

beforeAll(async () => {
  page = await ext.newPage();
  page.setDefaultTimeout(10_000);
});

describe('forms that change the register', () => {
  it('closes a finding with its corrective action, end to end', async () => {
    await page.goto(ext.url('dashboard.html#audits'));
    await page.getByText('Close a finding with its corrective action').click();
    const form = page.getByTestId('close-finding-finding-2026-1-1');
    const before = await eventCount();

    // Nothing filled in: the form says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Close finding' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe('Fill in: Checked by, Effectiveness note.');
    expect(await eventCount()).toBe(before);

    await form.getByLabel('Corrective action').selectOption('ca-2026-1-1');
    await form.getByLabel('Checked by').fill('quality.lead@harbormutual.example');
    await form
      .getByLabel('Effectiveness note')
      .fill('Sampled 20 scoring runs: every decision logged for 13 months.');
    await form.getByRole('button', { name: 'Close finding' }).click();
    await expect
      .poll(() => page.getByTestId('dashboard-notice').textContent(), { timeout: 10_000 })
      .toBe('Finding finding-2026-1-1 closed with corrective action ca-2026-1-1.');

    const row = page
      .getByRole('table', { name: 'Findings' })
      .getByRole('row')
      .filter({ hasText: 'Minor nonconformity' });
    await expect.poll(() => row.locator('td').last().textContent()).toBe('Closed');
    const history = page.getByRole('list', { name: 'Finding history' });
    await expect
      .poll(() => history.textContent())
      .toMatch(/transition finding finding-2026-1-1: .*action-planned → closed/);
    expect(await history.textContent()).toMatch(/corrective-action ca-2026-1-1/);
    expect(await eventCount()).toBe(before + 2);
    expect(await ext.ask({ type: 'register/verify' })).toMatchObject({ ok: true, verdict: { ok: true } });
    expect(await ext.axe(page)).toEqual([]);
    await ext.screenshot(page, 'dashboard-close-finding');
  });

  it("shows a treatment rule's refusal, writes nothing, then records an accepted status change", async () => {
    await page.goto(ext.url('dashboard.html#system/sys-fraud-scoring'));
    await page.getByText("Record a treatment's status").click();
    const form = page.getByTestId('treatment-status-tr-sys-fraud-scoring-log-retention');
    const before = await eventCount();

    // A checker's name longer than the register allows: the treatment rule refuses, naming the field.
    await form.getByLabel('Status').selectOption('verified-effective');
    await form.getByLabel('Checked by').fill('q'.repeat(201));
    await form.getByLabel('Note').fill('<img src=x onerror=alert(1)>');
    await form.getByRole('button', { name: 'Record status' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/effectiveness\.checkedBy.*200 characters/);
    expect(await eventCount()).toBe(before);

    await form.getByLabel('Status').selectOption('implemented');
    await form.getByRole('button', { name: 'Record status' }).click();
    await expect
      .poll(() => page.getByTestId('dashboard-notice').textContent(), { timeout: 10_000 })
      .toMatch(/^Treatment tr-sys-fraud-scoring-log-retention is now /);
    const history = page.getByRole('list', { name: 'History' });
    await expect
      .poll(() => history.textContent())
      .toMatch(/treatment tr-sys-fraud-scoring-log-retention: .*in-progress → implemented/);
    expect(await eventCount()).toBe(before + 1);
  });

  it('raises a trigger from the system view and closes it again', async () => {
    await page.goto(ext.url('dashboard.html#system/sys-fraud-scoring'));
    await page.getByText('Raise or close a trigger').click();
    const raise = page.getByTestId('raise-trigger');
    await raise.getByRole('button', { name: 'Raise trigger' }).click();
    await expect.poll(() => raise.getByRole('alert').textContent()).toBe('Fill in: What changed.');

    await raise.getByLabel('Change', { exact: true }).selectOption('data-source-changed');
    await raise.getByLabel('What changed').fill('Claims history now includes the 2019 archive');
    await raise.getByRole('button', { name: 'Raise trigger' }).click();
    const triggers = page.getByRole('list', { name: 'Triggers' });
    await expect
      .poll(() => triggers.textContent(), { timeout: 10_000 })
      .toContain('Data source changed · Open: Claims history now includes the 2019 archive');
    const raised = (await ext.ask({ type: 'register/read' })).records as {
      kind: string;
      id: string;
      detail?: string;
    }[];
    const trigger = raised.find(
      (r) => r.kind === 'trigger' && r.detail === 'Claims history now includes the 2019 archive',
    );
    expect(trigger).toBeDefined();

    await page.getByText('Raise or close a trigger').click({ trial: true });
    const close = page.getByTestId(`close-trigger-${trigger?.id ?? ''}`);
    await close.getByLabel('Outcome').selectOption('dismissed');
    await close.getByRole('button', { name: 'Close trigger' }).click();
    await expect
      .poll(() => triggers.textContent(), { timeout: 10_000 })
      .toContain('Data source changed · Dismissed: Claims history now includes the 2019 archive');
    expect(await ext.axe(page)).toEqual([]);
    await ext.screenshot(page, 'dashboard-system-forms');
  });

  it('raised no error and no dialog in any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
