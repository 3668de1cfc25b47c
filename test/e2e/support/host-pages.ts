// Stand-ins for GitHub, Jira and SharePoint pages: every request to those hosts is answered from
// here, so content scripts run on the real addresses without any network.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { OVERLAY_SESSION_GLOBAL } from '../../../extension/overlay/content-script';

export interface HostPages {
  /** Serves `html` for one address (exact match, query ignored). */
  serve(address: string, html: string): void;
}

/**
 * Routes github.com, *.atlassian.net, *.sharepoint.com and the given self-hosted origins to pages set
 * with `serve`; others 404.
 */
export async function routeHostPages(
  context: BrowserContext,
  selfHosted: readonly string[] = [],
): Promise<HostPages> {
  const pages = new Map<string, string>();
  const answer = async (route: Parameters<Parameters<BrowserContext['route']>[1]>[0]) => {
    const url = new URL(route.request().url());
    const html = pages.get(`${url.origin}${url.pathname}`);
    await route.fulfill(
      html === undefined
        ? { status: 404, contentType: 'text/plain', body: 'not served in this test' }
        : { status: 200, contentType: 'text/html; charset=utf-8', body: html },
    );
  };
  await context.route('https://github.com/**', answer);
  await context.route('https://*.atlassian.net/**', answer);
  await context.route('https://*.sharepoint.com/**', answer);
  for (const origin of selfHosted) await context.route(`${origin}/**`, answer);
  return { serve: (address, html) => void pages.set(address, html) };
}

/** A minimal page with a title and body. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

/**
 * Evaluates `expression` inside the extension's content-script world on `page` (the isolated
 * world a content script runs in), through the DevTools protocol.
 */
export async function evaluateInContentScript(
  page: Page,
  extensionId: string,
  expression: string,
): Promise<unknown> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`,
    );
    if (!world) throw new Error(`no content-script world of ${extensionId} on ${page.url()}`);
    const result = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
    return result.result.value;
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits until the extension's content script on `page` has started and every overlay feature it
 * started for the page's current address has finished its `init`; resolves with those features' ids
 * ([] when none applies). What a test waits on before asserting that an overlay is absent, instead
 * of sleeping. An answer for another address (the content script has not yet seen an in-page
 * navigation) is asked again. Throws when none comes for the page's address within `timeoutMs`.
 */
export async function overlaysSettled(
  page: Page,
  extensionId: string,
  timeoutMs = 10_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const read = `(() => { const s = globalThis[${JSON.stringify(OVERLAY_SESSION_GLOBAL)}]; return s ? s.settled() : null; })()`;
  for (;;) {
    const answer = (await evaluateInContentScript(page, extensionId, read).catch(() => null)) as {
      href?: unknown;
      ids?: unknown;
    } | null;
    if (answer && answer.href === page.url() && Array.isArray(answer.ids)) return answer.ids.map(String);
    if (Date.now() > deadline) throw new Error(`the overlays did not settle on ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
