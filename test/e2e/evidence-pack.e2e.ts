// The evidence pack in a real browser: opened from disk, navigated by clause, control and system, and
// watched for any request that is not a local file. A missing Chromium fails the run; it never skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/cli/main';
import type { CommandIO } from '../../scripts/cli/command';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TODAY = '2026-11-28';

const io: CommandIO = {
  out: () => undefined,
  err: (line) => process.stderr.write(`${line}\n`),
  now: () => new Date(`${TODAY}T09:00:00.000Z`),
  cwd: process.cwd(),
};

let root = '';
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const routed: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with 'apt-get install -y --no-install-recommends chromium', or set CHROMIUM_PATH.`,
    );
  }
  root = mkdtempSync(join(tmpdir(), 'aims-pack-e2e-'));
  expect(await main(['demo', '--workspace', join(root, 'ws'), '--today', TODAY], io)).toBe(0);
  expect(
    await main(['pack', '--workspace', join(root, 'ws'), '--out', join(root, 'pack'), '--today', TODAY], io),
  ).toBe(0);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  context = await browser.newContext();
  context.on('request', (request) => requests.push(request.url()));
  // Anything that would reach the network is recorded and refused; the pack must never need it.
  await context.route('**/*', async (route) => {
    routed.push(route.request().url());
    if (route.request().url().startsWith('file://')) await route.continue();
    else await route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const heading = () => page.locator('h1').first().innerText();

describe('evidence pack opened from disk', () => {
  it('opens the readiness page with its inline charts', async () => {
    await page.goto(pathToFileURL(join(root, 'pack', 'index.html')).href);
    expect(await heading()).toBe('Certification readiness');
    expect(await page.locator('svg').count()).toBe(3);
    expect(await page.getByText('Stage 2 (implemented and effective):').innerText()).toContain('not ready');
  });

  it('navigates to a clause page by links', async () => {
    await page.locator('header a', { hasText: 'Clauses' }).click();
    await page.waitForURL(/clauses\/index\.html$/);
    await page
      .locator('main a', { hasText: /^8\.4$/ })
      .first()
      .click();
    await page.waitForURL(/clauses\/8\.4\.html$/);
    expect(await heading()).toBe('8.4 AI system impact assessment (operation)');
    expect(await page.locator('main').innerText()).toContain(
      'Claims document extraction has no impact assessment',
    );
  });

  it('navigates to a control page and shows its evidence with source, pinned version and hash', async () => {
    await page.locator('header a', { hasText: 'Controls (SoA)' }).click();
    await page.waitForURL(/controls\/index\.html$/);
    await page
      .locator('main a', { hasText: /^A\.6\.2\.8$/ })
      .first()
      .click();
    await page.waitForURL(/controls\/A\.6\.2\.8\.html$/);
    expect(await heading()).toContain('A.6.2.8');
    const text = await page.locator('main').innerText();
    expect(text).toContain('ev-fraud-logging-config');
    expect(text).toContain('3f9d2c41a7b8e6f0d1c2b3a4958677e8f9a0b1c2');
    expect(text).toMatch(/\b[0-9a-f]{64}\b/);
    const source = page.locator('main a[href^="https://github.com/harbor-mutual/fraud-scoring/"]').first();
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('navigates to a system page', async () => {
    await page.locator('header a', { hasText: 'AI systems' }).click();
    await page.waitForURL(/systems\/index\.html$/);
    await page.locator('main a', { hasText: 'Fraud scoring' }).first().click();
    await page.waitForURL(/systems\/sys-fraud-scoring\.html$/);
    expect(await heading()).toBe('Fraud scoring');
    expect(await page.locator('main').innerText()).toContain('finding-2026-1-1');
  });

  it('made no request other than file:// and broke no content policy', async () => {
    await page.locator('header a', { hasText: 'Evidence' }).click();
    await page.waitForURL(/evidence\/index\.html$/);
    await page.locator('header a', { hasText: 'NIST AI RMF' }).click();
    await page.waitForURL(/rmf\.html$/);
    expect(requests.length).toBeGreaterThanOrEqual(8);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(routed.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
