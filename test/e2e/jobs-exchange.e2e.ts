// Jobs and workspace exchange in Chromium with the built extension: an import survives the
// browser stopping the service worker mid-job, a tampered bundle is refused, and a CLI workspace
// goes CLI → extension → CLI with every file byte-identical.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleToWorkspace, workspaceToBundle } from '../../connectors/local/workspace-bundle';
import { CACHE_DIR } from '../../connectors/local/workspace/record-cache';
import type { WorkspaceBundle } from '../../shared/exchange/bundle';
import { main } from '../../scripts/cli/main';
import type { CommandIO } from '../../scripts/cli/command';
import { tempDir } from '../support/temp';
import { useExtension } from './support/fixture';
import { bundleFile, importWithDashboard, uploadWithMessages } from './support/upload';

const TODAY = '2026-11-28';
const io: CommandIO = {
  out: () => undefined,
  err: (line) => process.stderr.write(`${line}\n`),
  now: () => new Date(`${TODAY}T09:00:00.000Z`),
  cwd: process.cwd(),
};

const ext = useExtension();
let page: Page;
let root = '';
let cliBundle: WorkspaceBundle;

/** Sends a message from an extension page, as the dashboard does. */
const ask = (message: unknown) => ext.ask(message, page);

/** Every workspace file by path, leaving out the snapshot cache a read leaves (derived, not workspace data). */
function filesOf(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (dir === folder && name === CACHE_DIR) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}

async function waitForJob(id: string): Promise<Record<string, unknown>> {
  let last: Record<string, unknown> | undefined;
  await expect
    .poll(
      async () => {
        const reply = await ask({ type: 'jobs/list' });
        last = (reply.jobs as Record<string, unknown>[] | undefined)?.find((j) => j.id === id);
        return last?.state;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toMatch(/^(done|failed)$/);
  return last ?? {};
}

beforeAll(async () => {
  root = tempDir('exchange-e2e');
  expect(await main(['demo', '--workspace', join(root, 'cli'), '--today', TODAY], io)).toBe(0);
  cliBundle = await workspaceToBundle(join(root, 'cli'), {
    exportedAt: `${TODAY}T09:00:00.000Z`,
    exportedBy: 'aims CLI',
  });
  page = await ext.context.newPage();
  await page.goto(ext.url('options.html'));
});

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
});

describe('jobs and workspace exchange', () => {
  it('refuses a bundle whose chain was tampered with, before any job starts', async () => {
    const tampered = structuredClone(cliBundle);
    tampered.events[1] = { ...tampered.events[1]!, actor: 'mallory' };
    const reply = await uploadWithMessages(ask, tampered, { name: 'tampered.json' });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/refused: event chain broken at entry 1/),
    });
    expect(await ask({ type: 'jobs/list' })).toEqual({ ok: true, jobs: [] });
  });

  it('refuses, in the dashboard, a file cut short and a file that is not a bundle, saying why', async () => {
    const dashboard = await ext.newPage();
    const text = JSON.stringify(cliBundle);
    const cut = join(tempDir('exchange-files'), 'cut.json');
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.8)));
    expect(await importWithDashboard(dashboard, ext.url('dashboard.html'), cut)).toMatch(
      /^Not imported: workspace\/upload-finish: refused: not a workspace bundle: the text ends early .*truncated\?; the upload was discarded$/,
    );
    const list = join(tempDir('exchange-files'), 'list.json');
    writeFileSync(list, '[{"kind":"ai-system"}]');
    expect(await importWithDashboard(dashboard, ext.url('dashboard.html'), list)).toMatch(
      /^Not imported: workspace\/upload-chunk: refused: not a workspace bundle: the text is not a JSON object/,
    );
    await ext.screenshot(dashboard, 'import-refused-truncated');
    await dashboard.close();
    expect(await ask({ type: 'jobs/list' })).toEqual({ ok: true, jobs: [] });
  });

  it('finishes an import the browser interrupted by stopping the service worker, with no duplicate', async () => {
    const started = await uploadWithMessages(ask, cliBundle, { name: 'cli-demo.json', batchSize: 1 });
    expect(started).toMatchObject({ ok: true, job: { state: 'queued' } });
    const id = (started.job as { id: string }).id;
    const total = cliBundle.records.length + cliBundle.events.length;

    // Stop the worker once the job is under way but far from finished.
    await expect
      .poll(
        async () => {
          const reply = await ask({ type: 'jobs/list' });
          return (reply.jobs as { progress: { done: number } }[])[0]?.progress.done ?? 0;
        },
        { timeout: 15_000, interval: 20 },
      )
      .toBeGreaterThan(5);
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();

    // The next message wakes a new worker, which resumes the job from its checkpoint.
    const job = await waitForJob(id);
    expect(job).toMatchObject({ state: 'done', progress: { done: total, total } });
    expect(job.resumed).toBeGreaterThanOrEqual(1);
    expect(await ask({ type: 'register/verify' })).toMatchObject({
      ok: true,
      verdict: { ok: true, entries: cliBundle.events.length },
    });
    const listed = await ask({ type: 'inventory/list' });
    const systems = cliBundle.records.filter((r) => r.kind === 'ai-system').length;
    expect((listed.systems as unknown[]).length).toBe(systems);
  });

  it('exports what the CLI wrote, byte for byte once written back as a workspace', async () => {
    const reply = await ask({ type: 'workspace/export' });
    expect(reply.ok).toBe(true);
    const exported = reply.bundle as WorkspaceBundle;
    expect(exported.exportedBy).toBe('AIMS Lens extension');
    expect({ ...exported, exportedAt: '', exportedBy: '' }).toEqual({
      ...cliBundle,
      exportedAt: '',
      exportedBy: '',
    });

    await bundleToWorkspace(exported, join(root, 'back'));
    const before = filesOf(join(root, 'cli'));
    const after = filesOf(join(root, 'back'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, content] of before) expect(after.get(path)?.equals(content), path).toBe(true);
  });

  it('refuses to import over a register that holds data, and clears it only when asked in words', async () => {
    // Through the dashboard's file input, as a user would: the page reads the file in chunks.
    const dashboard = await ext.newPage();
    const notice = await importWithDashboard(
      dashboard,
      ext.url('dashboard.html'),
      bundleFile(tempDir('exchange-files'), cliBundle, 'again.json'),
    );
    expect(notice).toBe('Importing again.json…');
    const again = (await ask({ type: 'jobs/list' })).jobs as { id: string; title: string }[];
    const job = await waitForJob(again.find((j) => j.title === 'Import again.json')!.id);
    await dashboard.close();
    expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/not empty/) });
    expect(await ask({ type: 'register/clear', confirm: 'yes' })).toMatchObject({ ok: false });
    expect(await ask({ type: 'register/clear', confirm: 'clear' })).toEqual({
      ok: true,
      records: cliBundle.records.length,
      events: cliBundle.events.length,
    });
    expect(await ask({ type: 'inventory/list' })).toEqual({
      ok: true,
      systems: [],
      total: 0,
      matched: 0,
      offset: 0,
      // A cleared register has no chain head; its pages say so.
      version: 'empty',
    });
  });

  it('logged no errors in the page', () => {
    expect(ext.problems).toEqual([]);
  });
});
