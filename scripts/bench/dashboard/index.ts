// Benchmark: the dashboard in headless Chromium with the built extension, at 5,000 AI systems and
// 50,000 evidence items. Prints first render (navigation → inventory shown) and readiness
// recompute (the shared process, in the page), each with a ratio to a peer measured in the same
// run (first render with the demo organisation; readiness in Node), and the gzipped size of each
// entry point. Run: node --import tsx scripts/bench/dashboard/index.ts [--systems N] [--evidence N] [--runs N]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type { WorkspaceBundle } from '../../../shared/exchange/bundle';
import type { AnyRecord } from '../../../shared/model';
import { launchExtension } from '../../../test/e2e/support/browser';
import { largeOrganisation } from './large-organisation';
import { timeReadiness } from './readiness-probe';

const REPO = resolve(import.meta.dirname, '../../..');
const OUTPUT = join(REPO, '.output', 'chrome-mv3');
const { values } = parseArgs({
  options: {
    systems: { type: 'string', default: '5000' },
    evidence: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
  },
});
const SYSTEMS = Number(values.systems);
const EVIDENCE = Number(values.evidence);
const RUNS = Math.max(1, Number(values.runs));
const TODAY = new Date().toISOString().slice(0, 10);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const ask = (page: Page, message: unknown) =>
  page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage: (x: unknown) => Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  ) as Promise<Record<string, unknown>>;

async function load(page: Page, bundle: WorkspaceBundle): Promise<void> {
  await ask(page, { type: 'register/clear', confirm: 'clear' });
  const started = await ask(page, { type: 'workspace/import', name: 'bench.json', bundle, batchSize: 5000 });
  if (!started.ok) throw new Error(`import refused: ${String(started.error)}`);
  const id = (started.job as { id: string }).id;
  for (;;) {
    const jobs = (await ask(page, { type: 'jobs/list' })).jobs as {
      id: string;
      state: string;
      error?: string;
    }[];
    const job = jobs.find((j) => j.id === id);
    if (job?.state === 'done') return;
    if (job?.state === 'failed') throw new Error(`import failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Navigation start → the inventory's count line shows every system, per run. */
async function firstRender(page: Page, systems: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto('about:blank');
    await page.goto(`${dashboardUrl}#inventory`);
    await page
      .getByTestId('inventory-count')
      .filter({ hasText: `${systems} of ${systems} AI systems` })
      .waitFor({ timeout: 60_000 });
    const rows = await page.locator('table.inventory tbody tr[data-system-id]').count();
    if (rows === 0 || rows > 200) throw new Error(`expected a virtualised window of rows, got ${rows}`);
    times.push(await page.evaluate(() => performance.now()));
  }
  return times;
}

/** Each JS/CSS file an entry loads (following static imports), gzipped. */
function entrySizes(): { entry: string; raw: number; gzip: number }[] {
  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  const closure = (files: string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !existsSync(file)) return;
      seen.add(file);
      if (!file.endsWith('.js')) return;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
        visit(resolve(dirname(file), m[1]!));
    };
    files.forEach(visit);
    return [...seen];
  };
  const entries: { entry: string; files: string[] }[] = [
    { entry: 'background.js', files: [join(OUTPUT, 'background.js')] },
  ];
  for (const f of readdirSync(join(OUTPUT, 'content-scripts')))
    entries.push({ entry: `content-scripts/${f}`, files: [join(OUTPUT, 'content-scripts', f)] });
  for (const html of readdirSync(OUTPUT).filter((f) => f.endsWith('.html'))) {
    const text = readFileSync(join(OUTPUT, html), 'utf8');
    const refs = [...text.matchAll(/(?:src|href)="(\/?[^"]+\.(?:js|css))"/g)].map((m) =>
      join(OUTPUT, m[1]!.replace(/^\//, '')),
    );
    entries.push({ entry: html, files: [join(OUTPUT, html), ...refs] });
  }
  return entries.map(({ entry, files }) => {
    const all = closure(files);
    return {
      entry,
      raw: all.reduce((n, f) => n + readFileSync(f).length, 0),
      gzip: all.reduce((n, f) => n + gz(f), 0),
    };
  });
}

let dashboardUrl = '';

async function main(): Promise<void> {
  console.log(
    `dashboard benchmark: ${SYSTEMS} systems, ${EVIDENCE} evidence items, ${RUNS} runs, today ${TODAY}`,
  );
  if (!existsSync(join(OUTPUT, 'manifest.json')))
    execFileSync(join(REPO, 'node_modules/.bin/wxt'), ['build'], { cwd: REPO, stdio: 'inherit' });
  let t = performance.now();
  const large = await largeOrganisation(SYSTEMS, EVIDENCE, TODAY);
  const small = await largeOrganisation(0, 0, TODAY);
  console.log(
    `generated ${large.records.length} records / ${large.events.length} events in ${fmt(performance.now() - t)}`,
  );

  const probe = await build({
    entryPoints: [join(REPO, 'scripts/bench/dashboard/readiness-probe.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
  });
  const probeCode = probe.outputFiles[0]!.text;

  const browser = await launchExtension();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    dashboardUrl = browser.url('dashboard.html');
    await page.goto(dashboardUrl);

    t = performance.now();
    await load(page, small);
    const smallRender = median(
      await firstRender(page, small.records.filter((r) => r.kind === 'ai-system').length),
    );
    await load(page, large);
    console.log(`imported the large register in ${fmt(performance.now() - t)} (both sizes)`);
    const systems = large.records.filter((r) => r.kind === 'ai-system').length;
    const largeRender = median(await firstRender(page, systems));
    console.log(`first render measured: ${fmt(largeRender)} (details below)`);
    // Where the first render's time goes: the systems' message alone (background read, reply check,
    // transfer), without the page's own check or rendering.
    const roundTrip = median(
      await page.evaluate(async (runs) => {
        const send = (
          globalThis as unknown as { chrome: { runtime: { sendMessage: (x: unknown) => Promise<unknown> } } }
        ).chrome.runtime.sendMessage;
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          await send({ type: 'inventory/list' });
          times.push(performance.now() - start);
        }
        return times;
      }, RUNS),
    );
    console.log(`  of which the inventory/list round trip: ${fmt(roundTrip)}`);

    // Evaluated through the DevTools protocol: the extension page's CSP (script-src 'self') refuses
    // an inline script tag, rightly.
    await page.evaluate(probeCode);
    const browserReadiness = median(
      await page.evaluate(
        async ({ today, runs }) => {
          const reply = await (
            globalThis as unknown as {
              chrome: { runtime: { sendMessage: (x: unknown) => Promise<{ records: unknown[] }> } };
            }
          ).chrome.runtime.sendMessage({ type: 'register/read' });
          const time = (
            globalThis as unknown as {
              aimsTimeReadiness: (r: unknown[], d: string, n: number, now: () => number) => number[];
            }
          ).aimsTimeReadiness;
          return time(reply.records, today, runs, () => performance.now());
        },
        { today: TODAY, runs: RUNS + 2 },
      ),
    );
    const nodeReadiness = median(
      timeReadiness(large.records as AnyRecord[], TODAY, RUNS + 2, () => performance.now()),
    );

    console.log('');
    console.log(
      `first render, ${systems} systems / ${EVIDENCE} evidence: ${fmt(largeRender)} (target ≤ 1000 ms)`,
    );
    console.log(
      `  peer: first render with the demo organisation: ${fmt(smallRender)}; ratio ${(largeRender / smallRender).toFixed(2)}×`,
    );
    console.log(`readiness recompute in Chromium: ${fmt(browserReadiness)} (target ≤ 100 ms)`);
    console.log(
      `  peer: the same process in Node: ${fmt(nodeReadiness)}; ratio ${(browserReadiness / nodeReadiness).toFixed(2)}×`,
    );
    console.log('');
    console.log('entry point sizes (the entry and every chunk it loads):');
    for (const s of entrySizes()) {
      console.log(
        `  ${relative(OUTPUT, join(OUTPUT, s.entry)).padEnd(32)} ${(s.raw / 1024).toFixed(1).padStart(8)} kB raw ${(s.gzip / 1024).toFixed(1).padStart(8)} kB gzip`,
      );
    }
  } finally {
    await browser.close();
  }
}

await main();
