// Strangers in Chromium: another installed extension that messages AIMS Lens by id is refused
// before its message is read and changes nothing; a web page has no way to message it at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisation } from '../../shared/demo';
import { EXTENSION_DIR } from './support/browser';
import { useExtension } from './support/fixture';
import { htmlPage } from './support/host-pages';

const OTHER_EXTENSION = fileURLToPath(new URL('../fixtures/other-extension', import.meta.url));
const ext = useExtension({ demo: true, alsoLoad: [OTHER_EXTENSION] });
const demoSystems = demoOrganisation(new Date().toISOString().slice(0, 10)).records.filter(
  (r) => r.kind === 'ai-system',
).length;

let other: Worker;

/** Sends `message` to AIMS Lens from the other extension's worker; resolves with the reply or the error. */
const fromOther = (message: unknown) =>
  other.evaluate(
    async ([id, m]) => {
      const runtime = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage: (id: string, m: unknown) => Promise<unknown> } };
        }
      ).chrome.runtime;
      try {
        return { reply: await runtime.sendMessage(id, m) };
      } catch (error) {
        return { thrown: String(error) };
      }
    },
    [ext.extensionId, message] as const,
  );

beforeAll(async () => {
  const isOther = (w: Worker) => w.url().endsWith('/other-worker.js');
  other =
    ext.context.serviceWorkers().find(isOther) ??
    (await ext.context.waitForEvent('serviceworker', { predicate: isOther, timeout: 15_000 }));
});

describe('messages from outside the extension', () => {
  it('runs a second, unrelated extension next to ours (the fixture is meaningful)', () => {
    const otherId = new URL(other.url()).host;
    expect(otherId).toMatch(/^[a-p]{32}$/);
    expect(otherId).not.toBe(ext.extensionId);
  });

  it('refuses every request from another extension as an unexpected sender', async () => {
    for (const message of [
      { type: 'inventory/list' },
      { type: 'register/export' },
      { type: 'workspace/export' },
      { type: 'connections/list' },
      { type: 'overlay/github-status', repo: 'harbor-mutual/ai-platform' },
      { type: 'no/such-request' },
      'not even an object',
      { type: 'demo/load' },
    ]) {
      expect(await fromOther(message), JSON.stringify(message)).toEqual({
        reply: { ok: false, error: 'refused: unexpected sender' },
      });
    }
  });

  it('changes nothing when another extension asks to clear the register', async () => {
    expect(await fromOther({ type: 'register/clear', confirm: 'clear' })).toEqual({
      reply: { ok: false, error: 'refused: unexpected sender' },
    });
    const listed = await ext.ask({ type: 'inventory/list' });
    expect(listed.ok).toBe(true);
    expect((listed.systems as unknown[]).length).toBe(demoSystems);
  });

  it('declares no externally_connectable, so no web page can reach the extension', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(manifest)).not.toContain('externally_connectable');

    const address = 'https://github.com/harbor-mutual/ai-platform';
    ext.hosts.serve(address, htmlPage('ai-platform', '<main>repository</main>'));
    const page = await ext.newPage(address);
    // The page's own world: Chromium exposes chrome.runtime.sendMessage to a page only when an
    // extension lists the page's origin under externally_connectable.
    const reach = await page.evaluate(() => {
      const chromeApi = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      return typeof chromeApi?.runtime?.sendMessage;
    });
    expect(reach).toBe('undefined');
    await page.close();
  });

  it('raised no error in any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
