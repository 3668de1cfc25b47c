// The dashboard, popup and Connections page in Chromium with the built extension: demo mode on a
// fresh profile, every view asserted against the shared processes' own results, keyboard and
// axe-core checks, light and dark, hostile names as text, and a screenshot of each view.
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle, type WorkspaceBundle, bundleOf } from '../../shared/exchange/bundle';
import type { AnyRecord } from '../../shared/model';
import { buildSoa } from '../../shared/processes/soa';
import { operatingCalendar } from '../../shared/processes/calendar';
import { readiness } from '../../shared/processes/readiness';
import { systemStatuses } from '../../shared/processes/reassessment';
import { snapshotOf, type FullSnapshot } from '../../shared/processes/snapshot';
import { createMemoryBackend, createRegister } from '../../shared/register';
import { systemDraft } from '../support/builders';
import { useExtension } from './support/fixture';
import { uploadWithMessages } from './support/upload';
import { LABEL_GROUPS, label } from '../../extension/components/labels';

/** Every enum value the views label; a cell showing one of these as it is would be a raw id. */
const RAW_IDS = new Set(Object.values(LABEL_GROUPS).flatMap((group) => Object.keys(group)));

/** Table cells and list items of the page whose whole text is a raw enum id. */
async function rawIds(p: Page): Promise<string[]> {
  const texts = await p.locator('td, th, li').allTextContents();
  return texts.map((t) => t.trim()).filter((t) => RAW_IDS.has(t) && label(t) !== t);
}

const today = new Date().toISOString().slice(0, 10);

// The shared browser fixture; no demo seeded: the first test loads it from the dashboard's own offer.
const ext = useExtension();
let page: Page;
let bundle: WorkspaceBundle;
let snapshot: FullSnapshot;

/** Sends `message` from extension page `p` (the dashboard, the Connections page…). */
const ask = (p: Page, message: unknown) => ext.ask(message, p);
const shot = (name: string, p: Page = page) => ext.screenshot(p, name);
const axe = (p: Page = page) => ext.axe(p);

beforeAll(async () => {
  page = await ext.newPage();
});

describe('demo mode', () => {
  it('offers the example organisation on a fresh profile with no connection, and loads it', async () => {
    await page.goto(ext.url('dashboard.html'));
    const offer = page.getByTestId('demo-offer');
    await offer.waitFor();
    await shot('demo-offer');
    await offer.getByRole('button', { name: 'Load the example organisation' }).click();
    await expect
      .poll(() => page.getByTestId('dashboard-notice').textContent(), { timeout: 20_000 })
      .toMatch(/^Loaded the example organisation/);
    await expect.poll(() => offer.count()).toBe(0);
    const exported = await ask(page, { type: 'workspace/export' });
    bundle = exported.bundle as WorkspaceBundle;
    expect(verifyBundle(bundle).ok).toBe(true);
    snapshot = snapshotOf(bundle.records as AnyRecord[]);
    expect(snapshot['ai-system'].length).toBeGreaterThan(3);
  });
});

describe('dashboard views', () => {
  it('inventory: every system, search, filters, sorting and CSV export', async () => {
    await page.goto(ext.url('dashboard.html#inventory'));
    const systems = [...snapshot['ai-system']].sort((a, b) => a.name.localeCompare(b.name, 'en'));
    const count = page.getByTestId('inventory-count');
    await expect.poll(() => count.textContent()).toBe(`${systems.length} of ${systems.length} AI systems`);
    const names = () => page.locator('table.inventory tbody th[scope="row"]').allTextContents();
    expect(await names()).toEqual(systems.map((s) => s.name));
    await shot('inventory');

    const target = systems[1]!;
    await page.getByRole('searchbox', { name: 'Search' }).fill(target.name);
    await expect.poll(names).toEqual([target.name]);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');

    const stage = target.lifecycleStage;
    await page.getByLabel('Lifecycle').selectOption(stage);
    await expect.poll(names).toEqual(systems.filter((s) => s.lifecycleStage === stage).map((s) => s.name));
    await page.getByLabel('Lifecycle').selectOption('');

    await page.getByRole('button', { name: 'Name' }).click();
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'))
      .toBe('descending');
    await expect.poll(names).toEqual([...systems].reverse().map((s) => s.name));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'id,name,purpose,owner,lifecycle,deployment,inventory state,in scope,models',
    );
    expect(csv.trim().split('\r\n')).toHaveLength(systems.length + 1);
    expect(await axe()).toEqual([]);
  });

  it('system detail: components, evidence linked at the pinned version, risks, impact, triggers, history', async () => {
    const system = snapshot['ai-system'].find(
      (s) =>
        snapshot.evidence.some((e) => e.systemIds.includes(s.id)) &&
        snapshot.trigger.some((t) => t.systemId === s.id),
    )!;
    expect(system).toBeDefined();
    await page.goto(ext.url(`dashboard.html#system/${system.id}`));
    await page.getByRole('heading', { name: system.name, level: 2 }).waitFor();
    expect(await page.getByRole('list', { name: 'Components' }).getByRole('listitem').count()).toBe(
      system.components.length,
    );
    const evidence = snapshot.evidence.filter((e) => e.systemIds.includes(system.id));
    const links = page.getByRole('table', { name: 'Evidence' }).getByRole('link');
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
      evidence.map((e) => e.url),
    );
    const risks = snapshot['risk-assessment'].filter((r) => r.systemId === system.id).flatMap((r) => r.risks);
    expect(await page.getByRole('table', { name: 'Risks and treatments' }).locator('tbody tr').count()).toBe(
      risks.length,
    );
    expect(await page.getByRole('list', { name: 'Impact assessments' }).getByRole('listitem').count()).toBe(
      snapshot['impact-assessment'].filter((i) => i.systemId === system.id).length,
    );
    expect(await page.getByRole('list', { name: 'Triggers' }).getByRole('listitem').count()).toBe(
      snapshot.trigger.filter((t) => t.systemId === system.id).length,
    );
    expect(await page.getByRole('list', { name: 'History' }).getByRole('listitem').count()).toBeGreaterThan(
      0,
    );
    const statuses = await page
      .getByRole('table', { name: 'Risks and treatments' })
      .locator('tbody td:nth-child(4)')
      .allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses)
      expect(s === 'Untreated' || Object.values(LABEL_GROUPS.status).includes(s)).toBe(true);
    expect(await rawIds(page)).toEqual([]);
    // "Back to the inventory" keeps clear of the system's heading.
    const back = await page.getByRole('button', { name: 'Back to the inventory' }).boundingBox();
    const heading = await page.getByRole('heading', { name: system.name, level: 2 }).boundingBox();
    expect(heading!.y - (back!.y + back!.height)).toBeGreaterThanOrEqual(12);
    await shot('system-detail');
    expect(await axe()).toEqual([]);
  });

  it('risk heat map: every identified risk counted once', async () => {
    await page.goto(ext.url('dashboard.html#risks'));
    const cells = page.getByRole('table', { name: 'Risk heat map' }).locator('td');
    await cells.first().waitFor();
    const total = (
      await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))))
    ).reduce((a, b) => a + b, 0);
    expect(total).toBe(snapshot['risk-assessment'].reduce((n, r) => n + r.risks.length, 0));
    await shot('risk-heat-map');
    expect(await axe()).toEqual([]);
  });

  it('Statement of Applicability: one row per Annex A control, as buildSoa gives', async () => {
    await page.goto(ext.url('dashboard.html#soa'));
    const rows = page.getByRole('table', { name: 'Statement of Applicability' }).locator('tbody tr');
    await rows.first().waitFor();
    const expected = buildSoa(snapshot);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-control')))).toEqual(
      expected.map((r) => r.controlId),
    );
    expect(await rawIds(page)).toEqual([]);
    // The demo's excluded control reads as not applicable, never as a control nobody has started.
    const excluded = page.locator('tr[data-control="A.10.4"]');
    expect(await excluded.locator('td, th').allTextContents()).toEqual(
      expect.arrayContaining(['No', 'Not applicable (excluded)']),
    );
    expect(await excluded.textContent()).not.toContain('Not started');
    await shot('statement-of-applicability');
    expect(await axe()).toEqual([]);
  });

  it('audits: programme, audits, findings and corrective actions', async () => {
    await page.goto(ext.url('dashboard.html#audits'));
    await page.getByRole('heading', { name: /Audit programme/ }).waitFor();
    expect(await page.getByRole('list', { name: 'Audit programmes' }).getByRole('listitem').count()).toBe(
      snapshot['audit-programme'].length,
    );
    expect(await page.getByRole('table', { name: 'Audits' }).locator('tbody th').allTextContents()).toEqual(
      snapshot.audit.map((a) => a.title),
    );
    expect(await page.getByRole('table', { name: 'Findings' }).locator('tbody th').allTextContents()).toEqual(
      snapshot.finding.map((f) => f.statement),
    );
    expect(
      await page.getByRole('table', { name: 'Corrective actions' }).locator('tbody th').allTextContents(),
    ).toEqual(snapshot['corrective-action'].map((c) => c.action));
    expect(snapshot.finding.length).toBeGreaterThan(0);
    // Statuses and grades in people's words, from the one label map.
    const findings = page.getByRole('table', { name: 'Findings' });
    expect(await findings.locator('tbody td:nth-child(2)').allTextContents()).toEqual(
      snapshot.finding.map((f) => label(f.grade)),
    );
    expect(await findings.locator('tbody td:nth-child(4)').allTextContents()).toEqual(
      snapshot.finding.map((f) => label(f.status)),
    );
    expect(
      await page
        .getByRole('table', { name: 'Corrective actions' })
        .locator('tbody td:nth-child(4)')
        .allTextContents(),
    ).toEqual(snapshot['corrective-action'].map((c) => label(c.status)));
    // Each action's finding by its statement, with its id beside it for tracing.
    expect(
      await page
        .getByRole('table', { name: 'Corrective actions' })
        .locator('tbody td:nth-child(2)')
        .allTextContents(),
    ).toEqual(
      snapshot['corrective-action'].map(
        (c) => `${snapshot.finding.find((f) => f.id === c.findingId)!.statement} (${c.findingId})`,
      ),
    );
    expect(await rawIds(page)).toEqual([]);
    await shot('audits');
    expect(await axe()).toEqual([]);
  });

  it('management reviews', async () => {
    await page.goto(ext.url('dashboard.html#reviews'));
    const rows = page.getByRole('table', { name: 'Management reviews' }).locator('tbody th');
    await rows.first().waitFor();
    expect(await rows.allTextContents()).toEqual(snapshot['management-review'].map((r) => r.heldOn));
    await shot('management-reviews');
  });

  it('readiness: both stages with each gap’s next action, and progress per phase', async () => {
    await page.goto(ext.url('dashboard.html#readiness'));
    const expected = readiness(snapshot, today);
    await page.getByRole('heading', { name: /^Stage 1:/ }).waitFor();
    for (const [name, stage] of [
      ['Stage 1', expected.stage1],
      ['Stage 2', expected.stage2],
    ] as const) {
      expect(await page.getByRole('heading', { name: new RegExp(`^${name}:`) }).textContent()).toBe(
        `${name}: ${stage.ready ? 'ready' : `${stage.gaps.length} gap${stage.gaps.length === 1 ? '' : 's'}`}`,
      );
      const table = page.getByRole('table', { name: `${name} gaps` });
      // A stage without gaps says so in a line; it shows no table header over nothing.
      expect(await table.count()).toBe(stage.gaps.length > 0 ? 1 : 0);
      expect(await page.getByRole('region', { name }).getByText('No gaps.', { exact: true }).count()).toBe(
        stage.gaps.length > 0 ? 0 : 1,
      );
      const next =
        stage.gaps.length > 0 ? await table.locator('tbody td:nth-child(3)').allTextContents() : [];
      expect(next).toEqual(stage.gaps.map((g) => g.next));
    }
    const bars = page.getByRole('list', { name: 'Phases' }).locator('progress');
    expect(await bars.evaluateAll((ps) => ps.map((p) => Number(p.getAttribute('value'))))).toEqual(
      expected.phases.map((p) => p.percent),
    );
    await shot('readiness');
    expect(await axe()).toEqual([]);
  });

  it('calendar: every obligation, and an .ics download', async () => {
    await page.goto(ext.url('dashboard.html#calendar'));
    const rows = page.getByRole('table', { name: 'Operating calendar' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(operatingCalendar(snapshot, today).events.length);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .ics' }).click();
    const ics = readFileSync((await (await download).path())!, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    // The download is the calendar itself: every obligation once, by its uid, on its date.
    const parsed = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .map((e) => [e.uid, e.startDate.toString().slice(0, 10)]);
    expect(parsed).toEqual(operatingCalendar(snapshot, today).events.map((e) => [e.uid, e.date]));
    // A corrective action due reads by what it does, its id beside it.
    const open = snapshot['corrective-action'].filter((c) => c.status === 'open' || c.status === 'done');
    expect(open.length).toBeGreaterThan(0);
    const whats = await page
      .getByRole('table', { name: 'Operating calendar' })
      .locator('tbody td:nth-child(2)')
      .allTextContents();
    for (const c of open)
      expect(
        whats.filter((w) => w.startsWith('Corrective action due') && w.endsWith(`: ${c.action} (${c.id})`)),
      ).toHaveLength(1);
    await shot('calendar');
  });

  it('auditor trace: each evidence item’s source, hash and recording event', async () => {
    await page.goto(ext.url('dashboard.html#trace'));
    const rows = page.getByRole('table', { name: 'Evidence trace' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(snapshot.evidence.length);
    expect(await page.getByTestId('trace-count').textContent()).toBe(
      `${snapshot.evidence.length} evidence items`,
    );
    for (const item of snapshot.evidence) {
      const row = page.locator(`tr[data-evidence-id="${item.id}"]`);
      expect(await row.getByRole('link').getAttribute('href')).toBe(item.url);
      expect(await row.locator('code').first().textContent()).toBe(item.contentHash);
      const event = [...bundle.events]
        .reverse()
        .find((e) => e.recordKind === 'evidence' && e.recordId === item.id)!;
      expect(await row.locator('td').nth(2).textContent()).toContain(`#${event.seq} ${event.at}`);
    }
    await shot('auditor-trace');
    expect(await axe()).toEqual([]);
  });

  it('verify: the chain is intact and the result says so', async () => {
    await page.goto(ext.url('dashboard.html#verify'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect
      .poll(() => page.getByTestId('verify-result').textContent())
      .toBe(`Intact: ${bundle.events.length} events, head ${bundle.events.at(-1)?.hash}`);
    await shot('verify');
  });

  it('jobs and exchange: export downloads a bundle that verifies', async () => {
    await page.goto(ext.url('dashboard.html#jobs'));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export workspace bundle' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(verifyBundle(exported)).toMatchObject({ ok: true, records: bundle.records.length });
    await shot('jobs-exchange');
    expect(await axe()).toEqual([]);
  });

  it('is keyboard operable: arrow keys move between tabs and focus is visible', async () => {
    await page.goto(ext.url('dashboard.html#inventory'));
    const tab = page.getByRole('tab', { name: 'Inventory' });
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#risks');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Risk heat map' }).getAttribute('aria-selected'))
      .toBe('true');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('End');
    // React re-renders after the key press; a loaded machine can take a moment.
    await expect
      .poll(() => page.getByRole('tab', { name: 'Jobs & exchange' }).getAttribute('aria-selected'))
      .toBe('true');
  });

  it('follows the system’s dark preference', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(ext.url('dashboard.html#readiness'));
    await page.getByRole('heading', { name: /^Stage 1:/ }).waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(13, 17, 23)',
    );
    await shot('readiness-dark');
    expect(await axe()).toEqual([]);
    const first = snapshot['ai-system'][0]!;
    await page.goto(ext.url(`dashboard.html#system/${first.id}`));
    await page.getByRole('heading', { name: first.name, level: 2 }).waitFor();
    await shot('system-detail-dark');
    expect(await axe()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
  });
});

describe('popup', () => {
  it('shows readiness, open triggers, due and overdue assessments and running jobs', async () => {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 420, height: 700 });
    await popup.goto(ext.url('popup.html'));
    const expected = readiness(snapshot, today);
    const lines = popup.getByTestId('popup-readiness').getByRole('listitem');
    await lines.first().waitFor();
    expect(await lines.allTextContents()).toEqual([
      `Stage 1: ${expected.stage1.ready ? 'ready' : `${expected.stage1.gaps.length} gaps`}`,
      `Stage 2: ${expected.stage2.ready ? 'ready' : `${expected.stage2.gaps.length} gaps`}`,
    ]);
    const open = snapshot.trigger.filter((t) => t.status === 'open' || t.status === 'assessing');
    expect(await popup.getByRole('heading', { name: /^Open triggers/ }).textContent()).toBe(
      `Open triggers (${open.length})`,
    );
    // Missing and due counted apart, from the states of the reassessment state machine.
    const statuses = systemStatuses(snapshot, today).flatMap((x) => [x.risk, x.impact]);
    const count = (state: string) => statuses.filter((x) => x.state === state).length;
    expect(count('missing')).toBeGreaterThan(0);
    const heading = await popup.getByRole('heading', { name: /^Assessments:/ }).textContent();
    expect(heading).toMatch(
      new RegExp(
        `^Assessments: ${count('missing')} missing, ${count('overdue')} overdue, ${count('due')} due now, (\\d+ stale, )?\\d+ due within 30 days$`,
      ),
    );
    const items = await popup.getByTestId('popup-assessments').getByRole('listitem').allTextContents();
    expect(items).toContain('Missing: impact assessment of Claims document extraction');
    // The dashboard's calendar states the same counts in the same words.
    await page.goto(ext.url('dashboard.html#calendar'));
    expect(await page.getByTestId('calendar-assessments').textContent()).toBe(heading);
    expect(await popup.getByRole('heading', { name: /^Running jobs/ }).textContent()).toBe(
      'Running jobs (0)',
    );
    expect(await rawIds(popup)).toEqual([]);
    await shot('popup', popup);
    expect(await axe(popup)).toEqual([]);
    await popup.close();
  });
});

describe('connections page', () => {
  it('saves a token it never shows again, and names the failure of a test', async () => {
    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html'));
    await options.getByTestId('no-connections').waitFor();
    // The background stores what a page sends; the listing carries no token.
    const saved = await ask(options, {
      type: 'connections/save',
      connection: { service: 'github', token: 'ghp_e2eTOKEN0123456789', serverUrl: 'https://ghe.invalid' },
    });
    expect(saved).toEqual({
      ok: true,
      connections: [{ service: 'github', target: 'https://ghe.invalid', hasCredential: true }],
    });
    await options.reload();
    const item = options.locator('li[data-service="github"]');
    await item.waitFor();
    expect(await options.content()).not.toContain('ghp_e2eTOKEN');
    await item.getByRole('button', { name: 'Test connection' }).click();
    // No access was granted to that host, so the test stops before sending the token anywhere.
    await expect
      .poll(() => options.getByTestId('result-github').textContent())
      .toMatch(/^Failed \(permission\): AIMS Lens has no access to https:\/\/ghe\.invalid/);
    await shot('connections', options);
    expect(await axe(options)).toEqual([]);
    await item.getByRole('button', { name: 'Remove' }).click();
    await options.getByTestId('no-connections').waitFor();
    await options.close();
  });

  it('keeps Microsoft sign-in disabled, saying why, until a tenant is saved', async () => {
    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html'));
    await options.getByTestId('no-connections').waitFor();
    const signIn = options.getByRole('button', { name: 'Sign in to Microsoft 365' });
    expect(await signIn.isDisabled()).toBe(true);
    const reason = options.getByTestId('microsoft-sign-in-reason');
    expect(await reason.textContent()).toBe(
      'Save a tenant and application (client) id first: sign-in needs them.',
    );
    expect(await reason.isVisible()).toBe(true);
    // The reason is the button's description for assistive technology too.
    expect(await signIn.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    // A click on the disabled button sends nothing: the status stays empty.
    await signIn.click({ force: true });
    expect(await options.getByTestId('result-microsoft').textContent()).toBe('');
    await shot('connections-sign-in-disabled', options);
    expect(await axe(options)).toEqual([]);

    const saved = await ask(options, {
      type: 'connections/save',
      connection: {
        service: 'microsoft',
        tenant: 'contoso.onmicrosoft.com',
        clientId: '11111111-2222-4333-8444-555555555555',
      },
    });
    expect(saved).toMatchObject({ ok: true });
    await options.reload();
    await options.locator('li[data-service="microsoft"]').waitFor();
    expect(await signIn.isDisabled()).toBe(false);
    expect(await reason.count()).toBe(0);
    expect(await signIn.getAttribute('aria-describedby')).toBeNull();
    await options.locator('li[data-service="microsoft"]').getByRole('button', { name: 'Remove' }).click();
    await options.getByTestId('no-connections').waitFor();
    expect(await signIn.isDisabled()).toBe(true);
    await options.close();
  });

  for (const width of [360, 1280])
    for (const scheme of ['light', 'dark'] as const)
      it(`lays rows and fields out with room at ${width} px, ${scheme}`, async () => {
        const options = await ext.context.newPage();
        await options.setViewportSize({ width, height: 900 });
        await options.emulateMedia({ colorScheme: scheme });
        await options.goto(ext.url('options.html'));
        await options.getByTestId('no-connections').waitFor();
        await ask(options, {
          type: 'connections/save',
          connection: {
            service: 'github',
            token: 'ghp_e2eLAYOUT0123456789',
            serverUrl: 'https://ghe.invalid',
          },
        });
        await ask(options, {
          type: 'connections/save',
          connection: {
            service: 'microsoft',
            tenant: 'a-very-long-tenant-name-for-narrow-screens.onmicrosoft.com',
            clientId: '11111111-2222-4333-8444-555555555555',
          },
        });
        await options.reload();
        await options.locator('li[data-service="microsoft"]').waitFor();
        const layout = await options.evaluate(() => {
          type Box = { name: string; left: number; right: number; top: number; bottom: number };
          const box = (el: Element, name: string): Box => {
            const r = el.getBoundingClientRect();
            return { name, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          };
          const text = (el: Element) => (el.textContent ?? '').trim().slice(0, 30);
          const tooClose: string[] = [];
          // Items side by side on one line must keep at least 8 px between them.
          const check = (boxes: Box[]) => {
            for (const [i, a] of boxes.entries())
              for (const b of boxes.slice(i + 1)) {
                const sameLine = a.top < b.bottom && b.top < a.bottom;
                const gap = Math.max(b.left - a.right, a.left - b.right);
                if (sameLine && gap < 8) tooClose.push(`${a.name} | ${b.name} (${gap.toFixed(1)} px)`);
              }
          };
          for (const form of document.querySelectorAll('main form'))
            check([...form.children].map((el) => box(el, text(el))));
          for (const row of document.querySelectorAll('ul.connections li'))
            check([...row.children].map((el) => box(el, text(el))));
          const offScreen = [...document.querySelectorAll('main *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(text);
          const inputs = [...document.querySelectorAll('main form input:not([type="radio"])')].map(
            (el) => el.getBoundingClientRect().width,
          );
          return {
            tooClose,
            offScreen,
            scrolls: document.documentElement.scrollWidth > window.innerWidth,
            narrowestInput: Math.min(...inputs),
          };
        });
        expect(layout.tooClose).toEqual([]);
        expect(layout.offScreen).toEqual([]);
        expect(layout.scrolls).toBe(false);
        expect(layout.narrowestInput).toBeGreaterThanOrEqual(Math.min(width - 64, 200));
        await shot(`connections-${width}-${scheme}`, options);
        expect(await axe(options)).toEqual([]);
        for (const service of ['github', 'microsoft'])
          expect(await ask(options, { type: 'connections/remove', service })).toMatchObject({ ok: true });
        await options.close();
      });
});

describe('hostile data', () => {
  it('renders a system named like markup as text, everywhere it appears', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const register = createRegister(createMemoryBackend(), { clock: () => new Date().toISOString() });
    await register.transact({ actor: 'e2e', cause: 'hostile' }, async (tx) => {
      await tx.put(
        'ai-system',
        systemDraft({ id: 'sys-hostile', name: hostile, purpose: '<script>alert(2)</script>' }),
      );
      // A finding and its corrective action worded like markup: their references must stay text too.
      await tx.put('finding', {
        kind: 'finding',
        id: 'finding-hostile',
        auditId: 'audit-hostile',
        grade: 'minor-nc',
        ref: '8.2',
        systemId: 'sys-hostile',
        statement: hostile,
        evidenceIds: [],
        status: 'open',
      });
      await tx.put('corrective-action', {
        kind: 'corrective-action',
        id: 'ca-hostile',
        findingId: 'finding-hostile',
        rootCause: 'Markup in a name',
        action: '<b onmouseover=alert(3)>fix</b>',
        owner: 'e2e@example.com',
        dueOn: today,
        status: 'open',
      });
    });
    const hostileRecords = [
      ...(await register.list('ai-system')),
      ...(await register.list('finding')),
      ...(await register.list('corrective-action')),
    ];
    const hostileBundle = bundleOf(hostileRecords, await register.events(), {
      exportedAt: 'now',
      exportedBy: 'e2e',
    });
    expect(await ask(page, { type: 'register/clear', confirm: 'clear' })).toMatchObject({ ok: true });
    const started = await uploadWithMessages((m) => ask(page, m), hostileBundle, { name: 'hostile.json' });
    expect(started).toMatchObject({ ok: true });
    await page.goto(ext.url('dashboard.html#inventory'));
    await expect
      .poll(() => page.locator('table.inventory tbody th[scope="row"]').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual([hostile]);
    await page.goto(ext.url('dashboard.html#system/sys-hostile'));
    await page.getByRole('heading', { name: hostile }).waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await shot('hostile-name');
    // The finding named like markup, referred to from its corrective action, and the action on the calendar.
    await page.goto(ext.url('dashboard.html#audits'));
    const findingCell = page
      .getByRole('table', { name: 'Corrective actions' })
      .locator('tbody td:nth-child(2)');
    await expect.poll(() => findingCell.allTextContents()).toEqual([`${hostile} (finding-hostile)`]);
    await page.goto(ext.url('dashboard.html#calendar'));
    const due = page.getByRole('table', { name: 'Operating calendar' }).locator('tbody td:nth-child(2)');
    await due.first().waitFor();
    expect(await due.allTextContents()).toContain(
      `Corrective action due for ${hostile}: <b onmouseover=alert(3)>fix</b> (ca-hostile)`,
    );
    expect(await page.locator('img, b[onmouseover]').count()).toBe(0);
    await shot('hostile-references');
  });

  it('logged no console error, no uncaught error and opened no dialog', () => {
    expect(ext.problems).toEqual([]);
  });
});
