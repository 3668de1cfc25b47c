// Launches Debian's Chromium, headless, with the built extension loaded, in a throw-away profile.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The extension's background service worker. */
  worker: Worker;
  extensionId: string;
  /** An address inside the extension, e.g. url('options.html'). */
  url: (path: string) => string;
  close: () => Promise<void>;
}

/** Fails loudly rather than skipping: a missing browser or build is a broken test run. */
function requireInputs(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with ` +
        `'apt-get install -y --no-install-recommends chromium', or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension in ${EXTENSION_DIR}. Run 'npx wxt build' first (npm run test:e2e does).`,
    );
  }
}

/**
 * Launches Chromium with the built extension and, when given, other unpacked extensions
 * (`alsoLoad`: absolute directories, e.g. a hostile extension for sender tests).
 */
export async function launchExtension(
  alsoLoad: readonly string[] = [],
  /** Extra Chromium flags, e.g. a host resolver rule sending a service's name to a loopback mock. */
  args: readonly string[] = [],
  /** The extension to load instead of the build, e.g. a copy whose manifest a test adjusted. */
  extensionDir: string = EXTENSION_DIR,
): Promise<ExtensionBrowser> {
  requireInputs();
  const extensions = [extensionDir, ...alsoLoad].join(',');
  const profile = mkdtempSync(join(tmpdir(), 'aims-lens-e2e-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        // Playwright always adds --disable-extensions; this exception is what lets ours load.
        `--disable-extensions-except=${extensions}`,
        `--load-extension=${extensions}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...args,
      ],
    });
    // Ours is the worker whose script is background.js (another loaded extension's is not).
    const ours = (w: Worker) => w.url().endsWith('/background.js');
    const worker =
      context.serviceWorkers().find(ours) ??
      (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const opened = context;
    return {
      context: opened,
      worker,
      extensionId,
      url: (path) => `chrome-extension://${extensionId}/${path}`,
      close: async () => {
        await opened.close();
        removeProfile();
      },
    };
  } catch (error) {
    await context?.close();
    removeProfile();
    throw error;
  }
}
