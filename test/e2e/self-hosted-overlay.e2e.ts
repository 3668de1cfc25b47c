// A Jira Data Center host in Chromium: saving its connection makes the background register the Jira
// content script for that origin (chrome.scripting, asserted in the worker), the panel then appears on
// an issue page under a context path, and deleting the connection unregisters the script.
// Headless Chromium cannot accept an optional-permission prompt, so the test loads a copy of the
// build whose manifest already holds host access to the test's Data Center origin (as a granted
// optional permission would); everything else is the built extension as shipped.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DIR, launchExtension, type ExtensionBrowser } from './support/browser';
import { htmlPage } from './support/host-pages';

const DC = 'https://jira.harbormutual.example';
const SCRIPT_ID = `aims-self-hosted:jira:${DC}`;
const ISSUE = `${DC}/jira/browse/AIMS-142`;

let dir: string;
let ext: ExtensionBrowser;
let options: Page;

interface Registered {
  id: string;
  matches?: string[];
  js?: string[];
  persistAcrossSessions?: boolean;
}
/** The parts of the extension APIs this test calls (the e2e code has no chrome typings). */
interface Chrome {
  chrome: {
    scripting: { getRegisteredContentScripts(): Promise<Registered[]> };
    runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> };
  };
}

const registered = () =>
  ext.worker.evaluate(async () =>
    (await (globalThis as unknown as Chrome).chrome.scripting.getRegisteredContentScripts()).map(
      ({ id, matches, js, persistAcrossSessions }) => ({ id, matches, js, persistAcrossSessions }),
    ),
  );

const ask = (message: unknown) =>
  options.evaluate((m) => (globalThis as unknown as Chrome).chrome.runtime.sendMessage(m), message);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aims-lens-dc-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, host_permissions: [`${DC}/*`] }));
  ext = await launchExtension([], [], dir);
  await ext.context.route(`${DC}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: htmlPage(
        '[AIMS-142] Claims triage model - Jira',
        '<main><h1 id="summary-val">Claims triage model</h1></main>',
      ),
    }),
  );
  options = await ext.context.newPage();
  await options.goto(ext.url('options.html'));
}, 60_000);

afterAll(async () => {
  await ext?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Jira Data Center overlay', () => {
  it('has no self-hosted script before a Data Center connection exists', async () => {
    expect(await registered()).toEqual([]);
  });

  it('registers the Jira script for the saved server origin, and the panel shows under its context path', async () => {
    const saved = await ask({
      type: 'connections/save',
      connection: {
        service: 'jira',
        deployment: 'data-center',
        serverUrl: `${DC}/jira`,
        personalAccessToken: 'e2e-dc-personal-access-token-0123',
      },
    });
    expect(saved.ok).toBe(true);
    expect(await registered()).toEqual([
      { id: SCRIPT_ID, matches: [`${DC}/*`], js: ['content-scripts/jira.js'], persistAcrossSessions: true },
    ]);

    const page = await ext.context.newPage();
    await page.goto(ISSUE);
    const host = page.locator('[data-aims-overlay="jira-issue-assessment"]');
    await host.waitFor({ state: 'attached', timeout: 10_000 });
    // The background answered the page as this Jira site's: the panel names the issue, no token in it.
    const text = await host.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain('no AI system linked to this issue');
    expect(text).not.toContain('e2e-dc-personal-access-token');
    await page.close();
  });

  it('saving again updates rather than duplicates, and deleting the connection unregisters', async () => {
    await ask({
      type: 'connections/save',
      connection: {
        service: 'jira',
        deployment: 'data-center',
        serverUrl: DC,
        personalAccessToken: 'e2e-dc-personal-access-token-0123',
      },
    });
    expect((await registered()).map((s) => s.id)).toEqual([SCRIPT_ID]);
    expect((await ask({ type: 'connections/remove', service: 'jira' })).ok).toBe(true);
    expect(await until(registered, (list) => list.length === 0)).toEqual([]);
  });
});
