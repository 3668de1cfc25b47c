// The inventory at scale through the real protocol: 5,000 systems, read a page at a time, with search,
// filters and sorting applied by the background over every system, not over the page at hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { createInventoryIndex } from '../../../extension/background/inventory-index';
import { MAX_PAGE } from '../../../extension/background/inventory-query';
import type { SenderRole } from '../../../extension/background/senders';
import type { AiSystem } from '../../../shared/model';
import { createMemoryBackend, createRegister, type Register } from '../../../shared/register';
import { steppingClock, systemDraft } from '../../support/builders';

const TODAY = '2026-03-02';
const PAGE: SenderRole = { kind: 'extension-page' };
const SYSTEMS = 5000;
const STAGES = ['design', 'development', 'verification', 'deployment', 'operation', 'retirement'] as const;

// Ids in one order, names in another (a shuffled number), so a sort by name cannot pass by id order.
const nameOf = (i: number) => `System ${String((i * 7919) % SYSTEMS).padStart(4, '0')}`;

let register: Register;
beforeAll(async () => {
  register = createRegister(createMemoryBackend(), { clock: steppingClock() });
  await register.transact({ actor: 'test', cause: 'scale' }, async (tx) => {
    for (let i = 0; i < SYSTEMS; i++) {
      await tx.put(
        'ai-system',
        systemDraft({
          id: `sys-${String(i).padStart(5, '0')}`,
          name: nameOf(i),
          purpose: i === 4321 ? 'Ranks needle applications' : `Purpose ${i}`,
          owner: `owner-${i % 13}@example.com`,
          lifecycleStage: STAGES[i % STAGES.length]!,
          inScope: i % 7 !== 0,
          components: [{ kind: 'model', id: `model-${i % 40}`, provider: 'openai', pinning: 'floating' }],
        }),
      );
    }
  });
}, 60_000);

const deps = (over: Partial<BackgroundDeps> = {}): BackgroundDeps => ({
  register,
  today: () => TODAY,
  now: () => `${TODAY}T09:00:00.000Z`,
  ...over,
});

type Page = { ok: true; systems: AiSystem[]; total: number; matched: number; offset: number };
async function list(query: Record<string, unknown>, d: BackgroundDeps = deps()): Promise<Page> {
  const reply = await handleMessage({ type: 'inventory/list', ...query }, d, PAGE);
  if (!reply.ok) throw new Error(reply.error);
  return reply as Page;
}

/** Every page of a query, in order, as the dashboard's scrolling and its CSV export read them. */
async function everyPage(query: Record<string, unknown>, limit: number, d?: BackgroundDeps) {
  const rows: AiSystem[] = [];
  for (;;) {
    const page = await list({ ...query, offset: rows.length, limit }, d);
    expect(page.offset).toBe(rows.length);
    rows.push(...page.systems);
    if (page.systems.length < limit) return { rows, matched: page.matched, total: page.total };
  }
}

describe('inventory/list at 5,000 systems', () => {
  it('answers a bare request with the first page by name and the totals', async () => {
    const page = await list({});
    expect(page.total).toBe(SYSTEMS);
    expect(page.matched).toBe(SYSTEMS);
    expect(page.offset).toBe(0);
    expect(page.systems).toHaveLength(100);
    expect(page.systems.map((s) => s.name)).toEqual(
      Array.from({ length: 100 }, (_, i) => `System ${String(i).padStart(4, '0')}`),
    );
  });

  it('pages through every system exactly once, in name order', async () => {
    const { rows, matched } = await everyPage({}, 700);
    expect(matched).toBe(SYSTEMS);
    expect(rows).toHaveLength(SYSTEMS);
    expect(new Set(rows.map((s) => s.id)).size).toBe(SYSTEMS);
    const names = rows.map((s) => s.name);
    expect(names).toEqual([...names].sort());
  });

  it('sorts descending over all systems, not within a page', async () => {
    const first = await list({ sort: 'name', ascending: false, limit: 1 });
    expect(first.systems.map((s) => s.name)).toEqual(['System 4999']);
    const last = await list({ sort: 'name', ascending: false, offset: SYSTEMS - 1 });
    expect(last.systems.map((s) => s.name)).toEqual(['System 0000']);
  });

  it('finds a system deep in the register by a word of its purpose, and by its id in any case', async () => {
    expect((await list({ query: 'NEEDLE' })).systems.map((s) => s.id)).toEqual(['sys-04321']);
    const byId = await list({ query: 'SYS-04321' });
    expect(byId).toMatchObject({ matched: 1, total: SYSTEMS });
    expect(byId.systems.map((s) => s.name)).toEqual([nameOf(4321)]);
  });

  it('combines filters over every system and pages the matches', async () => {
    const expected = (await register.list('ai-system'))
      .filter((s) => s.lifecycleStage === 'design' && !s.inScope && s.owner === 'owner-3@example.com')
      .map((s) => s.id)
      .sort();
    expect(expected.length).toBeGreaterThan(5);
    const { rows, matched, total } = await everyPage(
      { lifecycle: 'design', scope: 'out', query: 'owner-3@' },
      4,
    );
    expect(total).toBe(SYSTEMS);
    expect(matched).toBe(expected.length);
    expect(rows.map((s) => s.id).sort()).toEqual(expected);
  });

  it('answers a page past the end with no systems and the true counts', async () => {
    expect(await list({ offset: SYSTEMS + 10 })).toMatchObject({
      systems: [],
      total: SYSTEMS,
      matched: SYSTEMS,
    });
    expect(await list({ query: '(.*+?[' })).toMatchObject({ systems: [], matched: 0, total: SYSTEMS });
  });

  it.each([
    ['a page larger than allowed', { limit: MAX_PAGE + 1 }],
    ['a negative offset', { offset: -1 }],
    ['a fractional limit', { limit: 2.5 }],
    ['an unknown lifecycle stage', { lifecycle: 'everything' }],
    ['an unknown sort column', { sort: 'token' }],
    ['a query that is not text', { query: { $ne: '' } }],
    ['an extra field', { query: '', all: true }],
  ])('refuses %s as a malformed message', async (_label, query) => {
    expect(await handleMessage({ type: 'inventory/list', ...query }, deps(), PAGE)).toEqual({
      ok: false,
      error: expect.stringMatching(/^malformed message: /),
    });
  });
});

describe('the inventory kept per register version', () => {
  it('reads the systems once per version, and again after a write', async () => {
    let reads = 0;
    let version = 'v1';
    const inventory = createInventoryIndex({
      version: async () => version,
      systems: async () => (reads++, register.list('ai-system')),
    });
    const d = deps({ inventory });
    await everyPage({ scope: 'in' }, MAX_PAGE, d);
    await list({ sort: 'owner' }, d);
    expect(reads).toBe(1);
    version = 'v2';
    expect((await list({}, d)).total).toBe(SYSTEMS);
    expect(reads).toBe(2);
  });

  it('keeps no failed read: the next request tries again', async () => {
    let fail = true;
    const inventory = createInventoryIndex({
      version: async () => 'same',
      systems: async () => {
        if (fail) throw new Error('database is closed');
        return register.list('ai-system');
      },
    });
    const d = deps({ inventory });
    expect(await handleMessage({ type: 'inventory/list' }, d, PAGE)).toEqual({
      ok: false,
      error: 'inventory/list: database is closed',
    });
    fail = false;
    expect((await list({}, d)).total).toBe(SYSTEMS);
  });
});
