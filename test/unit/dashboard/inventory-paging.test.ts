// The dashboard's inventory pages while the register changes under them: pages of two register
// versions are never held together, so no system is shown twice or lost and the counts agree.
import { beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { createInventoryIndex } from '../../../extension/background/inventory-index';
import { NO_FILTERS } from '../../../extension/background/inventory-query';
import { allRows } from '../../../extension/dashboard/inventory-pages';
import {
  PAGE_ROWS,
  createInventoryPaging,
  type InventoryOrder,
  type PageCache,
  type PageReply,
} from '../../../extension/dashboard/inventory-paging';
import type { AiSystem } from '../../../shared/model';
import { createMemoryBackend, createRegister, type Register } from '../../../shared/register';
import { steppingClock, systemDraft } from '../../support/builders';

const BY_NAME: InventoryOrder = { filters: NO_FILTERS, sort: 'name', ascending: true };
const KEY = JSON.stringify([BY_NAME, 0]);
const SYSTEMS = 250;
const name = (i: number) => `System ${String(i).padStart(4, '0')}`;

let register: Register;
let deps: BackgroundDeps;
beforeEach(async () => {
  register = createRegister(createMemoryBackend(), { clock: steppingClock() });
  await register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
    for (let i = 0; i < SYSTEMS; i++)
      await tx.put('ai-system', systemDraft({ id: `sys-${i}`, name: name(i) }));
  });
  deps = {
    register,
    today: () => '2026-03-02',
    now: () => '2026-03-02T09:00:00.000Z',
    // As the extension's background does: the chain's head names the version.
    inventory: createInventoryIndex({
      version: async () => (await register.events()).at(-1)?.hash ?? 'empty',
      systems: () => register.list('ai-system'),
    }),
  };
});

/** inventory/list through the real handler, as the dashboard's pages ask it. */
const background = (order: InventoryOrder, offset: number, limit: number) =>
  handleMessage(
    { type: 'inventory/list', ...order.filters, sort: order.sort, ascending: order.ascending, offset, limit },
    deps,
    { kind: 'extension-page' },
  ) as Promise<PageReply>;

/** Paging over `ask`, with a way to wait until every reply asked for so far has been taken in. */
function pagingOver(ask: typeof background) {
  const pending = new Set<Promise<unknown>>();
  const changes: PageCache[] = [];
  const paging = createInventoryPaging(
    (...args) => {
      const reply = ask(...args);
      pending.add(reply);
      return reply;
    },
    (c) => changes.push(c),
  );
  const settle = async () => {
    while (pending.size > 0) {
      const now = [...pending];
      await Promise.allSettled(now);
      now.forEach((p) => pending.delete(p));
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { paging, changes, settle };
}

/** Every row the table would show, asking for missing pages as a scrolled table does. */
async function everyRow(paging: ReturnType<typeof pagingOver>): Promise<AiSystem[]> {
  for (let round = 0; round < 5; round++) {
    const held = paging.paging.held();
    if (held === undefined) throw new Error('nothing held');
    const rows = Array.from(
      { length: held.matched },
      (_, i) => held.pages.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS],
    );
    if (rows.every((r) => r !== undefined)) return rows as AiSystem[];
    paging.paging.need(0, held.matched - 1);
    await paging.settle();
  }
  throw new Error('pages never all arrived');
}

const write = (fn: Parameters<Register['transact']>[1]) =>
  register.transact({ actor: 'overlay', cause: 'trigger raised mid-scroll' }, fn);

describe('inventory pages across a write mid-scroll', () => {
  it.each([
    [
      'a system added before the held page (would show one twice)',
      () => write((tx) => tx.put('ai-system', systemDraft({ id: 'sys-new', name: 'System 0000a' }))),
      SYSTEMS + 1,
    ],
    [
      'a system removed from the held page (would lose one)',
      () => write((tx) => tx.remove('ai-system', 'sys-5')),
      SYSTEMS - 1,
    ],
  ])('%s: the pages are dropped, paging restarts, every row once', async (_label, change, after) => {
    const p = pagingOver(background);
    p.paging.show(KEY, BY_NAME);
    await p.settle();
    const first = p.paging.held()!;
    expect(first).toMatchObject({ matched: SYSTEMS, total: SYSTEMS, restarts: 0 });
    expect(first.version).toMatch(/^[0-9a-f]{64}$/);
    const stalePage0 = first.pages.get(0)!;

    await change();
    // The table scrolls on: page 1 is read from the new version.
    p.paging.need(PAGE_ROWS, 2 * PAGE_ROWS - 1);
    await p.settle();
    const restarted = p.paging.held()!;
    expect(restarted.version).not.toBe(first.version);
    expect(restarted.restarts).toBe(1);
    expect([...restarted.pages.keys()]).toEqual([1]);
    expect(restarted).toMatchObject({ matched: after, total: after });
    // Held together, the old page 0 and the new page 1 would not be the register's first 200 rows
    // (one shown twice, or one lost): the fault this guards against.
    const truth = (await register.list('ai-system')).map((s) => s.name).sort();
    const mixed = [...stalePage0, ...restarted.pages.get(1)!].map((s) => s.name);
    expect(mixed).not.toEqual(truth.slice(0, 2 * PAGE_ROWS));

    const rows = await everyRow(p);
    expect(rows.map((s) => s.name)).toEqual(truth);
    expect(new Set(rows.map((s) => s.id)).size).toBe(after);
    expect(p.paging.held()!.restarts).toBe(1);
  });

  it('ignores a late reply asked before the drop, and asks for that page again', async () => {
    const replies: { offset: number; resolve: (r: PageReply) => void }[] = [];
    const p = pagingOver(
      (_order, offset) => new Promise<PageReply>((resolve) => replies.push({ offset, resolve })),
    );
    const stored = (await register.list('ai-system')).sort((a, b) => a.name.localeCompare(b.name));
    // Stored systems, their ids marked with the version that answered.
    const page = (offset: number, version: string, matched: number): PageReply => ({
      ok: true,
      systems: stored.slice(offset, offset + PAGE_ROWS).map((s) => ({ ...s, id: `${version}-${s.id}` })),
      total: matched,
      matched,
      offset,
      version,
    });
    p.paging.show(KEY, BY_NAME);
    replies.shift()!.resolve(page(0, 'A', 300));
    await p.settle();
    p.paging.need(100, 299);
    expect(replies.map((r) => r.offset)).toEqual([100, 200]);
    const [one, two] = replies.splice(0);
    one!.resolve(page(100, 'B', 301));
    await new Promise((r) => setTimeout(r, 0));
    // Page 2 answered from version A, but only after the pages were dropped for B: not taken in.
    two!.resolve(page(200, 'A', 300));
    await new Promise((r) => setTimeout(r, 0));
    expect(p.paging.held()).toMatchObject({ version: 'B', matched: 301, restarts: 1 });
    expect([...p.paging.held()!.pages.keys()]).toEqual([1]);
    // The table asks again for what it shows: pages 0 and 2 go out afresh; page 1 is held.
    p.paging.need(0, 299);
    expect(replies.map((r) => r.offset)).toEqual([0, 200]);
    for (const r of replies.splice(0)) r.resolve(page(r.offset, 'B', 301));
    await new Promise((r) => setTimeout(r, 0));
    const held = p.paging.held()!;
    expect([...held.pages.keys()].sort()).toEqual([0, 1, 2]);
    expect([...held.pages.values()].flat().every((s) => s.id.startsWith('B-'))).toBe(true);
  });

  it('drops replies for an order no longer shown', async () => {
    const p = pagingOver(background);
    p.paging.show(KEY, BY_NAME);
    const desc: InventoryOrder = { ...BY_NAME, ascending: false };
    p.paging.show(JSON.stringify([desc, 0]), desc);
    await p.settle();
    expect(p.changes.map((c) => c.key)).toEqual([JSON.stringify([desc, 0])]);
    expect(p.paging.held()!.pages.get(0)![0]!.name).toBe(name(SYSTEMS - 1));
  });

  it('keeps the held pages on a failed page and reports the error', async () => {
    let fail = false;
    const p = pagingOver((...args) =>
      fail
        ? Promise.resolve({ ok: false, error: 'background unreachable: worker stopped' })
        : background(...args),
    );
    p.paging.show(KEY, BY_NAME);
    await p.settle();
    fail = true;
    p.paging.need(PAGE_ROWS, PAGE_ROWS);
    await p.settle();
    expect(p.paging.held()).toMatchObject({
      error: 'background unreachable: worker stopped',
      matched: SYSTEMS,
    });
    expect([...p.paging.held()!.pages.keys()]).toEqual([0]);
  });
});

describe('the CSV export of every page', () => {
  it('starts over when a write lands between two pages, so the file has every system once', async () => {
    let asked = 0;
    const rows = await allRows(
      BY_NAME,
      async (...args) => {
        const reply = await background(...args);
        if (++asked === 1)
          await write((tx) => tx.put('ai-system', systemDraft({ id: 'sys-new', name: 'System 0000a' })));
        return reply;
      },
      PAGE_ROWS,
    );
    expect(asked).toBeGreaterThan(3);
    const names = rows.map((s) => s.name);
    expect(names).toEqual((await register.list('ai-system')).map((s) => s.name).sort());
    expect(new Set(names).size).toBe(SYSTEMS + 1);
  });

  it('gives up with a clear error when every attempt is cut by a write', async () => {
    let n = 0;
    const churn = async (...args: Parameters<typeof background>) => {
      const reply = await background(...args);
      await write((tx) => tx.put('ai-system', systemDraft({ id: `sys-churn-${n++}`, name: 'Churn' })));
      return reply;
    };
    await expect(allRows(BY_NAME, churn, PAGE_ROWS)).rejects.toThrow(/kept changing/);
  });
});

describe('inventory/list names its version', () => {
  it('gives the chain head, which moves with a write and not with a read', async () => {
    const a = await background(BY_NAME, 0, 1);
    const again = await background(BY_NAME, 0, 1);
    await write((tx) => tx.put('ai-system', systemDraft({ id: 'sys-w', name: 'Written' })));
    const b = await background(BY_NAME, 0, 1);
    const head = (await register.events()).at(-1)!.hash;
    expect(a.ok && again.ok && b.ok).toBe(true);
    if (!a.ok || !again.ok || !b.ok) return;
    expect(again.version).toBe(a.version);
    expect(b.version).toBe(head);
    expect(b.version).not.toBe(a.version);
  });
});
