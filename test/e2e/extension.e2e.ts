// The built extension in real headless Chromium: worker, dashboard, demo load, persistence.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisation } from '../../shared/demo';
import { useExtension } from './support/fixture';

/** The slice of the extension API the page-side checks use (untyped in Node). */
interface ChromeRuntime {
  chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };
}

const today = new Date().toISOString().slice(0, 10);
const demo = demoOrganisation(today);
const demoSystems = demo.records
  .filter((r) => r.kind === 'ai-system')
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

const ext = useExtension();
let options: Page;

beforeAll(async () => {
  options = await ext.context.newPage();
});

const rowNames = (page: Page) => page.locator('table.inventory tbody th[scope="row"]').allTextContents();

describe('AIMS Lens in Chromium', () => {
  it('starts the background service worker', () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.worker.url()).toBe(ext.url('background.js'));
  });

  it('shows an empty inventory and the demo offer on a fresh profile', async () => {
    await options.goto(ext.url('dashboard.html'));
    await options.getByTestId('demo-offer').waitFor();
    expect(await options.getByTestId('inventory-count').textContent()).toBe('0 of 0 AI systems');
    const popup = await ext.context.newPage();
    await popup.goto(ext.url('popup.html'));
    await popup
      .getByTestId('popup-demo')
      .getByRole('button', { name: 'Load the example organisation' })
      .waitFor();
    await popup.close();
  });

  it('drops the demo offer when a connection is saved in another tab, and offers it again when removed', async () => {
    const other = await ext.context.newPage();
    await other.goto(ext.url('options.html'));
    const send = (message: unknown) =>
      other.evaluate((m) => (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage(m), message);
    expect(
      await send({
        type: 'connections/save',
        connection: { service: 'github', token: 'ghp_e2eOfferToken0123' },
      }),
    ).toMatchObject({ ok: true });
    // No reload of the dashboard: it re-counts the connections when they change.
    await expect.poll(() => options.getByTestId('demo-offer').count()).toBe(0);
    expect(await options.content()).not.toContain('ghp_e2eOfferToken');
    expect(await send({ type: 'connections/remove', service: 'github' })).toMatchObject({ ok: true });
    await options.getByTestId('demo-offer').waitFor();
    await other.close();
  });

  it('loads the demo organisation and lists its AI systems', async () => {
    expect(demoSystems.length).toBeGreaterThan(0);
    await options.getByRole('button', { name: 'Load the example organisation' }).click();
    // The notice says what happened, so a failed load shows its reason here instead of a timeout.
    const notice = options.getByTestId('dashboard-notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toMatch(/^Loaded the example organisation|^Could not load/);
    expect(await notice.textContent()).toBe(
      `Loaded the example organisation: ${demo.records.length} of ${demo.records.length} records written.`,
    );
    await expect.poll(() => rowNames(options)).toEqual(demoSystems.map((s) => s.name));
  });

  it('keeps the data in IndexedDB across a page reload', async () => {
    await options.reload();
    await expect.poll(() => rowNames(options)).toEqual(demoSystems.map((s) => s.name));
    expect(await options.getByTestId('demo-offer').count()).toBe(0);

    // Read the extension origin's IndexedDB directly, without the background in between.
    const stored = await options.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('aims-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result
              .transaction('records')
              .objectStore('records')
              .index('kind')
              .count(IDBKeyRange.only('ai-system'));
            count.onsuccess = () => {
              open.result.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error);
          };
        }),
    );
    expect(stored).toBe(demoSystems.length);
  });

  it('serves the same inventory from a restarted service worker', async () => {
    // Chromium stops idle MV3 workers; the next message must find everything in IndexedDB.
    await ext.worker.evaluate(() => {
      (globalThis as { aimsProbe?: boolean }).aimsProbe = true;
    });
    const cdp = await ext.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();

    await options.reload();
    await expect.poll(() => rowNames(options)).toEqual(demoSystems.map((s) => s.name));

    const worker = ext.context.serviceWorkers().find((w) => w.url() === ext.url('background.js'));
    expect(worker, 'a background worker is running again').toBeDefined();
    expect(await worker?.evaluate(() => (globalThis as { aimsProbe?: boolean }).aimsProbe)).toBeUndefined();
  });

  it('reports an intact event chain for the loaded demo', async () => {
    const reply = await options.evaluate(() =>
      (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage({ type: 'register/verify' }),
    );
    expect(reply).toEqual({
      ok: true,
      verdict: expect.objectContaining({ ok: true, entries: demo.records.length }),
    });
  });

  it('answers malformed and unknown messages with ok:false', async () => {
    const replies = await options.evaluate(async () => {
      const { runtime } = (globalThis as unknown as ChromeRuntime).chrome;
      return Promise.all([
        runtime.sendMessage({ type: 'inventory/delete-everything' }),
        runtime.sendMessage({ type: 'inventory/list', extra: true }),
        runtime.sendMessage({ type: 'demo/load', today: 'yesterday' }),
        runtime.sendMessage('inventory/list'),
        runtime.sendMessage(42),
      ]);
    });
    expect(replies).toHaveLength(5);
    for (const reply of replies) {
      expect(reply).toEqual({ ok: false, error: expect.any(String) });
    }
    // The worker is still answering afterwards.
    const after = await options.evaluate(() =>
      (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage({ type: 'inventory/list' }),
    );
    expect(after).toMatchObject({ ok: true, systems: expect.any(Array) });
  });

  it('logged no errors in the worker or the page', () => {
    expect(ext.problems).toEqual([]);
  });
});
