// The one set-up every browser test shares: Chromium with the built extension, GitHub / Jira /
// SharePoint addresses answered from fixture pages, the demo organisation seeded on request,
// every uncaught error, console error and dialog collected, and screenshots in one folder.
//
//   import { useExtension } from './support/fixture';
//   import { htmlPage } from './support/host-pages';
//
//   const ext = useExtension({ demo: true }); // registers beforeAll/afterAll in this file
//
//   it('shows the badge', async () => {
//     ext.hosts.serve('https://github.com/o/r', htmlPage('r', '<main>…</main>'));
//     const page = await ext.newPage('https://github.com/o/r');
//     await ext.screenshot(page, 'my-feature');     // → .vitest-report/screenshots/my-feature.png
//     expect(await ext.ask({ type: 'inventory/list' })).toMatchObject({ ok: true });
//   });
//   it('raised no error', () => expect(ext.problems).toEqual([]));
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { EXTENSION_DIR, launchExtension, type ExtensionBrowser } from './browser';
import { routeHostPages, type HostPages } from './host-pages';

/** Where every browser test saves its PNG screenshots (the test output folder; git-ignored). */
export const SCREENSHOTS = join(process.cwd(), '.vitest-report', 'screenshots');

export interface ExtensionFixtureOptions {
  /** Load the example organisation (message `demo/load`) before the first test. Default false. */
  demo?: boolean;
  /** Other unpacked extensions (absolute directories) to load next to ours. Default none. */
  alsoLoad?: readonly string[];
  /**
   * Extra Chromium flags, read when the browser launches (in beforeAll), so a getter may return flags
   * that name a port opened in an earlier beforeAll (see graph-server.ts).
   */
  args?: () => readonly string[];
  /**
   * Self-hosted origins (`https://jira.example`) the extension already holds host access to, as after
   * the user granted a Jira Data Center or GitHub Enterprise Server connection's permission prompt
   * (headless Chromium cannot accept one): the build is copied with them in its manifest's
   * `host_permissions`, and their pages are answered by `hosts.serve` too. Default none.
   */
  grantedOrigins?: readonly string[];
}

/** A runtime reply as the background sends it: `{ ok: true, … }` or `{ ok: false, error }`. */
export type Reply = Record<string, unknown>;

export interface ExtensionFixture {
  /** The browser context (one throw-away profile per test file). */
  readonly context: BrowserContext;
  /** The extension's background service worker as it was at launch. */
  readonly worker: Worker;
  readonly extensionId: string;
  /** An address inside the extension, e.g. `url('dashboard.html')`. */
  url(path: string): string;
  /** Fixture pages for github.com, *.atlassian.net and *.sharepoint.com (others answer 404). */
  readonly hosts: HostPages;
  /**
   * Everything that went wrong in any page of the context so far: `uncaught: …` (page errors),
   * `console: …` (console.error) and `dialog: …` (alert/confirm/prompt — e.g. injected script).
   * Assert `toEqual([])` in the file's last test.
   */
  readonly problems: string[];
  /** Opens a new tab (1280×900), optionally going to `address` first. */
  newPage(address?: string): Promise<Page>;
  /**
   * Sends `message` with `chrome.runtime.sendMessage` from an extension page (a page of ours,
   * so the background treats it as trusted) and resolves with the reply. Uses `from` when given,
   * otherwise a shared options page opened on first use.
   */
  ask(message: unknown, from?: Page): Promise<Reply>;
  /** Saves a full-page PNG of `page` as `<SCREENSHOTS>/<name>.png` and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Runs axe-core on `page`; resolves with its serious and critical violations as `id (nodes)`. */
  axe(page: Page): Promise<string[]>;
}

let axeSource: string | undefined;

async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes})`);
}

/** A copy of the build whose manifest holds host access to `origins`, as a granted optional permission would. */
function withGrantedOrigins(origins: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'aims-lens-granted-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  const hostPermissions = [...(manifest.host_permissions ?? []), ...origins.map((o) => `${o}/*`)];
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, host_permissions: hostPermissions }));
  return dir;
}

/**
 * Registers `beforeAll` (launch, route hosts, collect problems, seed the demo if asked) and
 * `afterAll` (close the browser, remove the profile) in the calling test file, and returns the
 * fixture. Its members are usable from inside hooks and tests, not at module load.
 */
export function useExtension(options: ExtensionFixtureOptions = {}): ExtensionFixture {
  let browser: ExtensionBrowser | undefined;
  let hosts: HostPages | undefined;
  let extensionPage: Page | undefined;
  let copiedBuild: string | undefined;
  const problems: string[] = [];

  const opened = (): ExtensionBrowser => {
    if (!browser) throw new Error('the extension fixture is used before its beforeAll ran');
    return browser;
  };

  const newPage = async (address?: string): Promise<Page> => {
    const page = await opened().context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    if (address !== undefined) await page.goto(address);
    return page;
  };

  const ask = async (message: unknown, from?: Page): Promise<Reply> => {
    let page = from;
    if (!page) {
      if (!extensionPage || extensionPage.isClosed())
        extensionPage = await newPage(opened().url('options.html'));
      page = extensionPage;
    }
    return (await page.evaluate(
      (m) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage: (x: unknown) => Promise<unknown> } } }
        ).chrome.runtime.sendMessage(m),
      message,
    )) as Reply;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const granted = options.grantedOrigins ?? [];
    if (granted.length > 0) copiedBuild = withGrantedOrigins(granted);
    browser = await launchExtension(options.alsoLoad, options.args?.() ?? [], copiedBuild);
    const { context } = browser;
    hosts = await routeHostPages(context, granted);
    context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`));
    context.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    context.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    if (options.demo) {
      const loaded = await ask({ type: 'demo/load' });
      if (loaded.ok !== true) throw new Error(`demo/load failed: ${JSON.stringify(loaded)}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    if (copiedBuild) rmSync(copiedBuild, { recursive: true, force: true });
  });

  return {
    get context() {
      return opened().context;
    },
    get worker() {
      return opened().worker;
    },
    get extensionId() {
      return opened().extensionId;
    },
    url: (path) => opened().url(path),
    get hosts() {
      if (!hosts) throw new Error('the extension fixture is used before its beforeAll ran');
      return hosts;
    },
    problems,
    newPage,
    ask,
    screenshot: async (page, name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    axe: axeViolations,
  };
}
