// Self-hosted hosts in Chromium, on the shared fixture: saving a Jira Data Center connection makes the
// background register the Jira content script for that origin (chrome.scripting, asserted in the
// worker); on an issue page under the server's context path the panel sits under Data Center's summary
// heading, and *Link to assessment* sends the remote link and the property to the server's REST v2 API
// under that context path with the personal access token as a bearer token, then records the evidence.
// A GitHub Enterprise Server page gets the GitHub script and only its own server's data: the demo's
// github.com repository of the same name is another repository. Removing a connection unregisters.
// Headless Chromium cannot accept an optional-permission prompt: the fixture loads a copy of the build
// whose manifest already holds the two origins (as granted permissions would).
import type { Version2Models } from 'jira.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useExtension } from './support/fixture';
import { useRecordingApi } from './support/recording-api';
import { htmlPage, overlaysSettled } from './support/host-pages';

const DC = 'https://jira.harbormutual.example';
const CONTEXT = '/jira';
const PAT = 'e2e-dc-personal-access-token-0123';
const GHES = 'https://ghe.harbormutual.example';
const ISSUE = `${DC}${CONTEXT}/browse/AIMS-142`;

const ext = useExtension({ demo: true, grantedOrigins: [DC, GHES] });

/** Jira Data Center's REST v2 under a context path, on loopback: remote links, properties, the changelog. */
const seen = useRecordingApi(ext, `${DC}${CONTEXT}/rest/**`, (request, answer) => {
  const match = /^\/jira\/rest\/api\/2\/issue\/([A-Z]+-\d+)(?:\/(remotelink|properties\/[\w.]+))?$/.exec(
    request.path,
  );
  if (!match) return answer.json(404, { errorMessages: ['not in this mock'], errors: {} });
  const [, key, what] = match;
  if (what === 'remotelink' && request.method === 'POST') {
    const created: Version2Models.RemoteIssueLinkIdentifies = {
      id: 20001,
      self: `${DC}${CONTEXT}/rest/api/2/issue/${key}/remotelink/20001`,
    };
    return answer.json(201, created);
  }
  if (what?.startsWith('properties/') && request.method === 'PUT') {
    return answer.empty(200);
  }
  if (what === undefined && request.method === 'GET') {
    // Data Center's changelog comes with the issue (expand=changelog).
    const issue: Version2Models.Issue = {
      id: '10142',
      key: key ?? '',
      fields: { summary: 'Claims triage model' } as Version2Models.Fields,
      changelog: {
        startAt: 0,
        maxResults: 1,
        total: 1,
        histories: [{ id: '88001', created: '2026-11-20T10:00:00.000+0000', items: [] }],
      },
    };
    return answer.json(200, issue);
  }
  return answer.json(405, { errorMessages: ['method not allowed here'], errors: {} });
});

interface Registered {
  id: string;
  matches?: string[];
  js?: string[];
  persistAcrossSessions?: boolean;
}
/** The part of the extension API this test calls in the worker (the e2e code has no chrome typings). */
interface Chrome {
  chrome: { scripting: { getRegisteredContentScripts(): Promise<Registered[]> } };
}

const registered = () =>
  ext.worker.evaluate(async () =>
    (await (globalThis as unknown as Chrome).chrome.scripting.getRegisteredContentScripts())
      .map(({ id, matches, js, persistAcrossSessions }) => ({ id, matches, js, persistAcrossSessions }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  );

/**
 * Reads until `done` holds or 30 s have passed (a loaded 2-core machine registers scripts slowly),
 * then returns the last value read for the caller's assertion to describe.
 */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jiraPanel = (page: Page) =>
  page.locator('aims-lens-overlay[data-aims-overlay="jira-issue-assessment"]');
const panelText = async (page: Page) => (await jiraPanel(page).locator('section').textContent()) ?? '';

describe('Jira Data Center pages', () => {
  it('has no self-hosted script before a self-hosted connection exists', async () => {
    expect(await registered()).toEqual([]);
  });

  it('registers the Jira script for the saved server, anchors the panel under #summary-val, and links through REST v2 under the context path', async () => {
    const saved = await ext.ask({
      type: 'connections/save',
      connection: {
        service: 'jira',
        deployment: 'data-center',
        serverUrl: `${DC}${CONTEXT}`,
        personalAccessToken: PAT,
      },
    });
    expect(saved.ok).toBe(true);
    expect(await until(registered, (list) => list.length === 1)).toEqual([
      {
        id: `aims-self-hosted:jira:${DC}`,
        matches: [`${DC}/*`],
        js: ['content-scripts/jira.js'],
        persistAcrossSessions: true,
      },
    ]);

    // Data Center's issue header: breadcrumbs, then the summary heading.
    ext.hosts.serve(
      ISSUE,
      htmlPage(
        '[AIMS-142] Claims triage model - Jira',
        '<header id="stalker"><ol class="aui-nav-breadcrumbs"><li>AIMS</li><li>AIMS-142</li></ol>' +
          '<h1 id="summary-val">Claims triage model</h1></header><main><p>Description</p></main>',
      ),
    );
    const page = await ext.newPage(ISSUE);
    await jiraPanel(page).getByRole('status').first().waitFor({ timeout: 10_000 });
    expect(await jiraPanel(page).getAttribute('data-aims-floating')).toBeNull();
    expect(
      await page.evaluate(() =>
        document.querySelector('#summary-val')?.nextElementSibling?.tagName.toLowerCase(),
      ),
    ).toBe('aims-lens-overlay');
    // The demo's AIMS-142 is the Cloud site's: this server's issue of the same key has no system yet.
    expect(await panelText(page)).toContain('no AI system linked to this issue');
    expect(await panelText(page)).toContain(`writes a remote link on AIMS-142 at jira.harbormutual.example`);

    await jiraPanel(page).getByRole('combobox').selectOption({ label: 'Claims triage' });
    seen.length = 0;
    await jiraPanel(page).getByRole('button', { name: 'Link to assessment' }).click();
    await expect
      .poll(() => panelText(page), { timeout: 15_000 })
      .toContain('Linked AIMS-142 to Claims triage; the link is recorded as evidence.');

    const link = seen.find(
      (r) => r.method === 'POST' && r.path === '/jira/rest/api/2/issue/AIMS-142/remotelink',
    );
    expect(link?.body).toMatchObject({
      globalId: 'aims-lens:ai-system:sys-claims-triage',
      object: { title: 'AI system: Claims triage' },
    });
    expect(link?.authorization).toBe(`Bearer ${PAT}`);
    expect(seen.find((r) => r.method === 'PUT')?.path).toBe(
      '/jira/rest/api/2/issue/AIMS-142/properties/com.aimslens.aims',
    );
    expect(seen.every((r) => r.authorization === `Bearer ${PAT}`)).toBe(true);

    const register = await ext.ask({ type: 'register/read' });
    const records = register.records as { kind: string; id: string; [k: string]: unknown }[];
    expect(records.find((r) => r.kind === 'evidence' && r.url === ISSUE)).toMatchObject({
      sourceTool: 'jira',
      pinnedVersion: '88001',
      systemIds: ['sys-claims-triage'],
    });
    expect(await panelText(page)).not.toContain(PAT);
    await ext.screenshot(page, 'jira-data-center-panel');
    await page.close();
  });

  it('saving again updates rather than duplicates, and deleting the connection unregisters', async () => {
    await ext.ask({
      type: 'connections/save',
      connection: { service: 'jira', deployment: 'data-center', serverUrl: DC, personalAccessToken: PAT },
    });
    expect((await registered()).map((s) => s.id)).toEqual([`aims-self-hosted:jira:${DC}`]);
    expect((await ext.ask({ type: 'connections/remove', service: 'jira' })).ok).toBe(true);
    expect(await until(registered, (list) => list.length === 0)).toEqual([]);
  });
});

describe('GitHub Enterprise Server pages', () => {
  it('gets the GitHub script, and a pull request there is not github.com’s pull request of the same name', async () => {
    const saved = await ext.ask({
      type: 'connections/save',
      connection: { service: 'github', token: 'ghp_e2eEnterpriseTOKEN0123', serverUrl: GHES },
    });
    expect(saved.ok).toBe(true);
    expect(await until(registered, (list) => list.length === 1)).toEqual([
      {
        id: `aims-self-hosted:github:${GHES}`,
        matches: [`${GHES}/*`],
        js: ['content-scripts/github.js'],
        persistAcrossSessions: true,
      },
    ]);
    // The demo registered harbor-mutual/ai-platform on github.com and raised a trigger from its PR 214.
    const address = `${GHES}/harbor-mutual/ai-platform/pull/214`;
    ext.hosts.serve(
      address,
      htmlPage(
        'Swap the model · Pull Request #214',
        '<div class="gh-header-show"><h1 class="gh-header-title">Swap the model #214</h1></div><main>Files</main>',
      ),
    );
    const page = await ext.newPage(address);
    const badge = page.locator('[data-aims-overlay="github-pr-badge"]').first();
    await badge.waitFor({ state: 'attached', timeout: 10_000 });
    await expect
      .poll(() => badge.evaluate((el) => el.shadowRoot?.textContent ?? ''), { timeout: 10_000 })
      .toContain('no AI system registered from this repository');
    // Once the badge's feature has finished (its banner request answered), nothing of github.com's PR 214 appeared.
    expect(await overlaysSettled(page, ext.extensionId)).toContain('github-pr-badge');
    const shown = await page
      .locator('[data-aims-overlay="github-pr-badge"]')
      .evaluateAll((hosts) => hosts.map((h) => h.shadowRoot?.textContent ?? '').join('\n'));
    expect(shown).not.toContain('gpt-4.1');
    expect(shown).not.toContain('Customer support assistant');
    await ext.screenshot(page, 'github-enterprise-pr');
    await page.close();
    expect((await ext.ask({ type: 'connections/remove', service: 'github' })).ok).toBe(true);
    expect(await until(registered, (list) => list.length === 0)).toEqual([]);
  });

  it('raised no uncaught error, console error or dialog on any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
