// The inventory at scale in Chromium with the built extension: 5,000 AI systems imported, then the
// dashboard's search, filters, sorting, scrolling and CSV export asserted over all of them — the
// table holds only the pages in view, so each of these must reach systems no page has shown yet.
// Behaviour only: the time it takes is measured by `npm run bench:dashboard`.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleOf, type WorkspaceBundle } from '../../shared/exchange/bundle';
import { RECORD_KINDS, type AiSystem, type AnyRecord } from '../../shared/model';
import { createMemoryBackend, createRegister } from '../../shared/register';
import { systemDraft } from '../support/builders';
import { tempDir } from '../support/temp';
import { useExtension } from './support/fixture';
import { bundleFile, importWithDashboard } from './support/upload';

const SYSTEMS = 5000;
const STAGES = ['design', 'development', 'verification', 'deployment', 'operation', 'retirement'] as const;
// Names in another order than ids, so neither the import order nor the id order passes for a sort.
const nameOf = (i: number) => `Scale system ${String((i * 7919) % SYSTEMS).padStart(4, '0')}`;

const ext = useExtension();
let page: Page;
let systems: AiSystem[];

async function scaleBundle(): Promise<WorkspaceBundle> {
  let tick = Date.parse('2026-11-01T00:00:00.000Z');
  const register = createRegister(createMemoryBackend(), { clock: () => new Date(tick++).toISOString() });
  await register.transact({ actor: 'e2e', cause: 'scale' }, async (tx) => {
    for (let i = 0; i < SYSTEMS; i++) {
      await tx.put(
        'ai-system',
        systemDraft({
          id: `sys-scale-${String(i).padStart(5, '0')}`,
          name: nameOf(i),
          purpose: i === 3777 ? 'Scores haystack needles' : `Synthetic system ${i}`,
          owner: `owner-${i % 11}@example.com`,
          lifecycleStage: STAGES[i % STAGES.length]!,
          inScope: i % 7 !== 0,
        }),
      );
    }
  });
  const records: AnyRecord[] = [];
  for (const kind of RECORD_KINDS) records.push(...(await register.list(kind)));
  systems = records.filter((r): r is AiSystem => r.kind === 'ai-system');
  return bundleOf(records, await register.events(), {
    exportedAt: '2026-11-01T09:00:00.000Z',
    exportedBy: 'e2e',
  });
}

const names = () => page.locator('table.inventory tbody th[scope="row"]').allTextContents();
const count = () => page.getByTestId('inventory-count').textContent();
const byName = (a: AiSystem, b: AiSystem) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);

beforeAll(async () => {
  const bundle = await scaleBundle();
  // Through the dashboard's file input: the page reads the file and sends it a chunk at a time.
  const importer = await ext.newPage();
  const notice = await importWithDashboard(
    importer,
    ext.url('dashboard.html'),
    bundleFile(tempDir('scale-file'), bundle, 'scale.json'),
  );
  expect(notice).toBe('Importing scale.json…');
  await importer.close();
  const id = ((await ext.ask({ type: 'jobs/list' })).jobs as { id: string }[])[0]!.id;
  // A plain loop: expect.poll belongs inside a test.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const jobs = (await ext.ask({ type: 'jobs/list' })).jobs as {
      id: string;
      state: string;
      error?: string;
    }[];
    const job = jobs.find((j) => j.id === id);
    if (job?.state === 'done') break;
    if (job?.state === 'failed') throw new Error(`import failed: ${job.error}`);
    if (Date.now() > deadline) throw new Error(`import still ${job?.state} after 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  page = await ext.newPage(ext.url('dashboard.html#inventory'));
}, 180_000);

describe('the inventory with 5,000 systems', () => {
  it('counts every system and shows the first rows by name, not all of them', async () => {
    await expect.poll(count, { timeout: 15_000 }).toBe(`${SYSTEMS} of ${SYSTEMS} AI systems`);
    const sorted = [...systems].sort(byName);
    const shown = await names();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(200);
    expect(shown).toEqual(sorted.slice(0, shown.length).map((s) => s.name));
  });

  it('scrolls to the last system by name, reading the pages on the way', async () => {
    const last = [...systems].sort(byName).at(-1)!;
    await page.locator('.virtual-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(names, { timeout: 15_000 }).toContain(last.name);
    await page.locator('.virtual-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
  });

  it('finds a system no page has shown, by a word of its purpose', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('haystack');
    await expect.poll(names).toEqual([nameOf(3777)]);
    await expect.poll(count).toBe(`1 of ${SYSTEMS} AI systems`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(count).toBe(`${SYSTEMS} of ${SYSTEMS} AI systems`);
  });

  it('filters over every system and sorts the matches, descending the exact reverse', async () => {
    const expected = systems.filter((s) => s.lifecycleStage === 'retirement' && !s.inScope).sort(byName);
    expect(expected.length).toBeGreaterThan(50);
    await page.getByLabel('Lifecycle').selectOption('retirement');
    await page.getByLabel('Scope').selectOption('out');
    await expect.poll(count).toBe(`${expected.length} of ${SYSTEMS} AI systems`);
    await expect.poll(async () => (await names())[0]).toBe(expected[0]!.name);
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(async () => (await names())[0]).toBe(expected.at(-1)!.name);
    await page.getByRole('button', { name: 'Name' }).click();
    await page.getByLabel('Lifecycle').selectOption('');
    await page.getByLabel('Scope').selectOption('all');
    await expect.poll(count).toBe(`${SYSTEMS} of ${SYSTEMS} AI systems`);
  });

  it('exports every matching system to CSV, not only the pages read', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const lines = readFileSync((await (await download).path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(SYSTEMS + 1);
    const ids = lines.slice(1).map((line) => line.split(',')[0]);
    expect(new Set(ids).size).toBe(SYSTEMS);
    expect(ids).toEqual([...systems].sort(byName).map((s) => s.id));
  });

  it('raised no error in any page', () => {
    expect(ext.problems).toEqual([]);
  });
});
