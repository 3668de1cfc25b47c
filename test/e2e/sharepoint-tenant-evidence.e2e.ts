// *Register as evidence* on a real tenant (contoso.sharepoint.com, not the demo's) in Chromium with the
// built extension: Microsoft Graph is the typed fake SharePoint behind a loopback HTTPS server that
// graph.microsoft.com resolves to. Signed out, the overlay says so and opens the Connections page;
// with a signed-in token in the background's storage, the click resolves the document through
// /shares/{u!…}/driveItem and records its current version in the register. Saves screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareIdFor } from '../../connectors/sharepoint/shared-document';
import { FakeSharePoint, TOKEN } from '../support/fake-sharepoint';
import { startLoopbackGraph, type LoopbackGraph } from './support/graph-server';
import { useExtension } from './support/fixture';
import { htmlPage } from './support/host-pages';

const TENANT = 'contoso.sharepoint.com';
const LIBRARY = `https://${TENANT}/sites/compliance/Shared%20Documents`;
const overlay = (page: Page) => page.locator('aims-lens-overlay[data-aims-overlay="sharepoint-evidence"]');
const badgeText = (page: Page) => overlay(page).getByRole('status').textContent();

const sp = new FakeSharePoint(TENANT);
let graph: LoopbackGraph;
// Before the fixture's own beforeAll: the browser is launched with the resolver rule for this port.
beforeAll(async () => {
  graph = await startLoopbackGraph(() => sp);
});
afterAll(async () => {
  await graph?.close();
});
const ext = useExtension({ demo: true, args: () => graph.chromiumArgs() });

/** Writes the Microsoft 365 connection into the background's storage.local, as a sign-in would. */
async function setMicrosoftConnection(tokens: boolean): Promise<void> {
  const page = await ext.newPage(ext.url('options.html'));
  await page.evaluate(
    ([token, signedIn]) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set: (items: Record<string, unknown>) => Promise<void> } } };
        }
      ).chrome.storage.local.set({
        connections: {
          microsoft: {
            service: 'microsoft',
            tenant: 'contoso.onmicrosoft.com',
            clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
            ...(signedIn
              ? {
                  tokens: {
                    accessToken: token,
                    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
                    scope: 'offline_access User.Read Sites.Read.All',
                  },
                }
              : {}),
          },
        },
      }),
    [TOKEN, tokens] as const,
  );
  await page.close();
}

async function open(address: string, title: string): Promise<Page> {
  ext.hosts.serve(address, htmlPage(title, `<h1>${title}</h1><main id="viewer">document viewer</main>`));
  const page = await ext.newPage(address);
  await overlay(page).getByRole('status').waitFor({ timeout: 10_000 });
  return page;
}

async function registerFrom(page: Page): Promise<void> {
  await overlay(page).getByRole('button', { name: 'Register as evidence' }).click();
  await overlay(page).getByLabel('Clauses').fill('5.2');
  await overlay(page).getByLabel('Controls').fill('A.2.2');
  await overlay(page).getByLabel('Systems').fill('sys-claims-triage');
  await overlay(page).getByRole('button', { name: 'Record evidence' }).click();
}

describe('Register as evidence on a real tenant', () => {
  it('signed out: says a sign-in is needed, sends nothing to Graph, and opens the Connections page', async () => {
    await setMicrosoftConnection(false);
    sp.upload('Policies', 'Model card.docx', 'card v1', '2026-10-01T10:00:00Z');
    const page = await open(`${LIBRARY}/Policies/Model%20card.docx`, 'Model card.docx');
    expect(await badgeText(page)).toBe('AIMSNot registered evidence');
    await registerFrom(page);
    await expect
      .poll(() => overlay(page).getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('needs a Microsoft 365 sign-in: sign in on the Connections page');
    expect(sp.requests).toEqual([]);
    await ext.screenshot(page, 'sharepoint-register-signed-out');
    // Chrome focuses an open options tab instead of opening another: close them first (the
    // fixture reopens its own when it next needs one).
    for (const open of ext.context.pages())
      if (open.url().startsWith(ext.url('options.html'))) await open.close();
    const opened = ext.context.waitForEvent('page', { timeout: 10_000 });
    await overlay(page).getByRole('button', { name: 'Open Connections' }).click();
    const connections = await opened;
    await connections.waitForURL(/options\.html/, { timeout: 10_000 });
    expect(connections.url()).toBe(ext.url('options.html'));
    await connections.close();
    await page.close();
  });

  it('signed in: resolves the document through Graph and records its current version', async () => {
    await setMicrosoftConnection(true);
    const itemId = sp.upload('Policies', 'AI policy.pdf', 'policy v1', '2026-10-01T10:00:00Z');
    sp.upload('Policies', 'AI policy.pdf', 'policy v2', '2026-11-01T10:00:00Z');
    const address = `${LIBRARY}/Policies/AI%20policy.pdf`;
    const page = await open(address, 'AI policy.pdf');
    expect(await badgeText(page)).toBe('AIMSNot registered evidence');
    await registerFrom(page);
    const registered = 'AIMSRegistered evidence · 5.2, A.2.2 · Claims triage · fresh (version 2.0)';
    await expect.poll(() => badgeText(page), { timeout: 15_000 }).toBe(registered);
    await ext.screenshot(page, 'sharepoint-register-tenant');

    // The request the background made: the share id of the file's address, with the stored token.
    const lookup = sp.requests.find((r) => r.path.startsWith('/shares/'));
    expect(lookup).toMatchObject({
      method: 'GET',
      path: `/shares/${shareIdFor(address)}/driveItem`,
      authorization: `Bearer ${TOKEN}`,
    });
    expect(sp.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `GET /drives/${sp.driveId}/items/${itemId}/versions/2.0/content`,
    );

    // The evidence in the register, pinned to that version.
    const read = (await ext.ask({ type: 'register/read' })) as {
      ok: boolean;
      records: Array<Record<string, unknown>>;
    };
    const evidence = read.records.find((r) => r.kind === 'evidence' && r.id === `ev-sharepoint-${itemId}`);
    expect(evidence).toMatchObject({
      title: 'AI policy.pdf',
      pinnedVersion: '2.0',
      url: `https://${TENANT}/sites/compliance/Shared%20Documents/Policies/AI%20policy.pdf`,
      clauses: ['5.2'],
      controls: ['A.2.2'],
      systemIds: ['sys-claims-triage'],
      sourceVersion: {
        driveId: sp.driveId,
        itemId,
        versionId: '2.0',
        versionUrl: `https://${TENANT}/sites/compliance/_vti_history/1024/Shared%20Documents/Policies/AI%20policy.pdf`,
        reportedHash: { algorithm: 'quickXorHash', value: expect.any(String) },
      },
    });
    // No token in anything a page can read.
    expect(JSON.stringify(read)).not.toContain(TOKEN);
    await page.reload();
    await expect.poll(() => badgeText(page), { timeout: 10_000 }).toBe(registered);
    await page.close();
  });

  it('raised no uncaught error on any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
