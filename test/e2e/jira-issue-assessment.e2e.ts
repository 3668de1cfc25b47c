// The Jira issue panel in Chromium with the built extension and the demo organisation: the panel from
// the demo register on harbormutual.atlassian.net (no token), the floating fallback in a board, and
// *Link to assessment* on a connected site — the background sends the remote link to a local mock Jira
// (its body asserted), records the evidence (asserted in the register), and a hostile summary stays text.
import type { Version3Models } from 'jira.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './support/fixture';
import { useRecordingApi } from './support/recording-api';
import { evaluateInContentScript, htmlPage } from './support/host-pages';

const DEMO = 'https://harbormutual.atlassian.net';
const SITE = 'https://aims-e2e.atlassian.net';
const EMAIL = 'ana.silva@harbormutual.example';
const TOKEN = 'e2e-jira-api-token-0123456789';
const HEADING = 'issue.views.issue-base.foundation.summary.heading';

const ext = useExtension({ demo: true });
const problems = ext.problems;

/** A Jira Cloud site on loopback: remote links, issue properties and changelogs, typed by jira.js. */
const seen = useRecordingApi(ext, `${SITE}/rest/**`, (request, answer) => {
  const match = /^\/rest\/api\/3\/issue\/([A-Z]+-\d+)\/(remotelink|properties\/[\w.]+|changelog)$/.exec(
    request.path,
  );
  if (!match) return answer.json(404, { errorMessages: ['not in this mock'], errors: {} });
  const [, key, what] = match;
  if (key === 'LOCK-1') {
    return answer.json(403, {
      errorMessages: ['You do not have permission to link this issue.'],
      errors: {},
    });
  }
  if (what === 'remotelink' && request.method === 'POST') {
    const created: Version3Models.RemoteIssueLinkIdentifies = {
      id: 10001,
      self: `${SITE}/rest/api/3/issue/${key}/remotelink/10001`,
    };
    return answer.json(201, created);
  }
  if (what?.startsWith('properties/') && request.method === 'PUT') {
    return answer.empty(200);
  }
  if (what === 'changelog' && request.method === 'GET') {
    const page: Version3Models.PageChangelog = {
      startAt: 0,
      maxResults: 100,
      total: 1,
      isLast: true,
      values: [{ id: '77001', created: '2026-11-20T10:00:00.000+0000', items: [] }],
    };
    return answer.json(200, page);
  }
  return answer.json(405, { errorMessages: ['method not allowed here'], errors: {} });
});

const panel = (page: Page) => page.locator('aims-lens-overlay[data-aims-overlay="jira-issue-assessment"]');

function issuePage(address: string, summary: string, withHeading = true): void {
  const heading = withHeading ? `<h1 data-testid="${HEADING}">${summary}</h1>` : '';
  ext.hosts.serve(
    address,
    htmlPage('Jira', `<header>Jira</header><main id="issue">${heading}<p>Description</p></main>`),
  );
}

async function open(address: string): Promise<Page> {
  const page = await ext.newPage(address);
  await panel(page).getByRole('status').first().waitFor({ timeout: 10_000 });
  return page;
}

const text = async (page: Page) => (await panel(page).locator('section').textContent()) ?? '';

describe('Jira issue panel', () => {
  it('shows the demo issue’s systems with risk level and assessment status, without a token', async () => {
    issuePage(`${DEMO}/browse/AIMS-142`, 'Quarterly segment fairness tests');
    const page = await open(`${DEMO}/browse/AIMS-142`);
    const shown = await text(page);
    expect(shown).toMatch(/^AIMS3 AI systems/);
    // One row per system: name, risk level, both assessment states (the demo's, computed for today).
    const rows = await panel(page)
      .getByRole('listitem')
      .evaluateAll((items) => items.map((li) => [...li.children].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ['Claims triage', 'risk medium', 'risk assessment current · impact assessment current'],
      ['Fraud scoring', 'risk high', 'risk assessment current · impact assessment current'],
      ['Underwriting risk score', 'risk critical', 'risk assessment current · impact assessment current'],
    ]);
    expect(shown).toContain('demo site: recorded in the register only, nothing is written to Jira');
    // Anchored under the summary heading, not floating.
    expect(await panel(page).getAttribute('data-aims-floating')).toBeNull();
    await ext.screenshot(page, 'jira-issue-assessment-demo');
    await page.close();
  });

  it('in a board with the issue open and no heading yet, floats in the corner', async () => {
    const board = `${DEMO}/jira/software/projects/AIMS/boards/3`;
    issuePage(board, '', false);
    const page = await open(`${board}?selectedIssue=AIMS-142`);
    expect(await panel(page).getAttribute('data-aims-floating')).toBe('');
    expect(await text(page)).toMatch(/^AIMS3 AI systems/);
    await page.close();
  });

  it('on a site without a connection, says what to do and offers no link', async () => {
    issuePage(`${SITE}/browse/CLM-7`, 'Claims triage v2');
    const page = await open(`${SITE}/browse/CLM-7`);
    expect(await text(page)).toContain('no Jira connection: add this site, your email and an API token');
    expect(await panel(page).getByRole('button', { name: 'Link to assessment' }).count()).toBe(0);
    // The way out: the Connections page, opened by the background (Chrome reuses an open options tab).
    for (const open of ext.context.pages())
      if (open.url().startsWith(ext.url('options.html'))) await open.close();
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await panel(page).getByRole('button', { name: 'Open Connections' }).click();
    const connections = await opened;
    await connections.waitForURL(/options\.html/, { timeout: 10_000 });
    expect(connections.url()).toBe(ext.url('options.html'));
    await ext.screenshot(page, 'jira-issue-assessment-no-connection');
    await connections.close();
    await page.close();
  });

  it('Link to assessment: the remote link reaches Jira from the background and the evidence is recorded', async () => {
    const saved = await ext.ask({
      type: 'connections/save',
      connection: { service: 'jira', deployment: 'cloud', site: SITE, email: EMAIL, apiToken: TOKEN },
    });
    expect(saved.ok).toBe(true);
    const hostile = '<script>window.__pwned = 1</script><img src=x onerror="alert(1)"> Claims triage v2';
    const escaped = hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    issuePage(`${SITE}/browse/CLM-7`, escaped);
    const page = await open(`${SITE}/browse/CLM-7`);
    expect(await text(page)).toContain(`Link “${hostile}” to the assessment of`);
    // Isolated for direction: a right-to-left override in a summary cannot reorder the label around it.
    expect(await panel(page).locator('form label bdi').textContent()).toBe(hostile);
    await panel(page).getByRole('combobox').selectOption({ label: 'Claims triage' });
    seen.length = 0;
    await panel(page).getByRole('button', { name: 'Link to assessment' }).click();
    await expect
      .poll(() => text(page), { timeout: 15_000 })
      .toContain('Linked CLM-7 to Claims triage; the link is recorded as evidence.');

    // What Jira received: the remote link with the stable global id and the record's address, then the property.
    const link = seen.find((r) => r.method === 'POST' && r.path === '/rest/api/3/issue/CLM-7/remotelink');
    expect(link?.body).toMatchObject({
      globalId: 'aims-lens:ai-system:sys-claims-triage',
      relationship: 'AI system assessed in',
      object: { url: 'https://github.com/harbor-mutual/ai-platform', title: 'AI system: Claims triage' },
    });
    expect(link?.authorization).toBe(`Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`);
    const property = seen.find((r) => r.method === 'PUT');
    expect(property?.path).toBe('/rest/api/3/issue/CLM-7/properties/com.aimslens.aims');
    expect(property?.body).toMatchObject({ version: 1, systemId: 'sys-claims-triage' });

    // What the register holds: the evidence pinned to the epic's newest changelog entry, and the link entry.
    const register = await ext.ask({ type: 'register/read' });
    const records = register.records as { kind: string; id: string; [k: string]: unknown }[];
    expect(records.find((r) => r.kind === 'evidence' && r.url === `${SITE}/browse/CLM-7`)).toMatchObject({
      title: 'Jira CLM-7 linked to AI system sys-claims-triage',
      sourceTool: 'jira',
      pinnedVersion: '77001',
      systemIds: ['sys-claims-triage'],
    });
    const system = records.find((r) => r.kind === 'ai-system' && r.id === 'sys-claims-triage');
    expect(system?.sources).toContainEqual({
      tool: 'jira',
      url: `${SITE}/browse/CLM-7`,
      label: 'Jira epic linked to its assessment',
      target: 'https://github.com/harbor-mutual/ai-platform',
    });
    expect(await panel(page).getByRole('listitem').first().locator('.name').textContent()).toBe(
      'Claims triagelinked',
    );

    // The hostile summary stayed text: nothing ran, nothing was added to the panel but text.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const injected = await page.evaluate(() => {
      const root = document.querySelector(
        'aims-lens-overlay[data-aims-overlay="jira-issue-assessment"]',
      )?.shadowRoot;
      return root ? root.querySelectorAll('script, img, iframe').length : -1;
    });
    expect(injected).toBe(0);
    await ext.screenshot(page, 'jira-issue-assessment');
    await page.close();
  });

  it('Jira refusing the link shows its reason, and the register records nothing', async () => {
    issuePage(`${SITE}/browse/LOCK-1`, 'Locked epic');
    const page = await open(`${SITE}/browse/LOCK-1`);
    const before = ((await ext.ask({ type: 'register/read' })).events as unknown[]).length;
    await panel(page).getByRole('button', { name: 'Link to assessment' }).click();
    await expect
      .poll(() => panel(page).getByRole('alert').textContent(), { timeout: 15_000 })
      .toMatch(
        /write the remote link on LOCK-1: the account may not do this \(403\) \(You do not have permission/,
      );
    expect(((await ext.ask({ type: 'register/read' })).events as unknown[]).length).toBe(before);
    await page.close();
  });

  it('the content script cannot read the Jira token', async () => {
    issuePage(`${SITE}/browse/CLM-8`, 'Another epic');
    const page = await open(`${SITE}/browse/CLM-8`);
    const read = await evaluateInContentScript(
      page,
      ext.extensionId,
      `chrome.storage.local.get(null).then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message)`,
    );
    expect(String(read)).toMatch(/^refused: /);
    expect(String(read)).not.toContain(TOKEN);
    await page.close();
  });

  it('raised no uncaught error, console error or dialog on any page', () => {
    expect(problems).toEqual([]);
  });
});
