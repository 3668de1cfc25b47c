// The inventory's rows as the page sees them: pages read from the background (which filters and
// sorts every system) when the table first shows them, so the first render waits for one small
// message, not for the whole register. The cache itself lives in inventory-paging.ts.
import { useEffect, useRef, useState } from 'react';
import type { AiSystem } from '../../shared/model';
import { askBackground } from '../background/client';
import { MAX_PAGE } from '../background/inventory-query';
import {
  PAGE_ROWS,
  createInventoryPaging,
  type InventoryOrder,
  type InventoryPaging,
  type PageCache,
  type PageReply,
} from './inventory-paging';

export { PAGE_ROWS, type InventoryOrder } from './inventory-paging';

export type InventoryRows =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | {
      state: 'ready';
      /** The rows are the previous order's: the new one's first page is on its way. */
      stale: boolean;
      /** Systems in the register, and those matching the filters. */
      total: number;
      matched: number;
      /** The row at a position among the matched systems; undefined until its page has arrived. */
      rowAt: (index: number) => AiSystem | undefined;
      /** Asks for the pages covering rows first..last (inclusive) not asked for yet. */
      need: (first: number, last: number) => void;
    };

const request = (order: InventoryOrder, offset: number, limit: number) =>
  askBackground({
    type: 'inventory/list',
    ...order.filters,
    sort: order.sort,
    ascending: order.ascending,
    offset,
    limit,
  });

/**
 * The inventory in `order`, read a page at a time. A new order or `generation` (bumped when the
 * register changed) starts again from the first page; replies for an order no longer shown are
 * dropped, and a page from another register version than those held drops them (see
 * createInventoryPaging).
 */
export function useInventoryRows(order: InventoryOrder, generation: number): InventoryRows {
  const key = JSON.stringify([order, generation]);
  const [read, setRead] = useState<PageCache | undefined>(undefined);
  const paging = useRef<InventoryPaging | undefined>(undefined);
  paging.current ??= createInventoryPaging(request, setRead);
  const orderRef = useRef(order);
  orderRef.current = order;

  useEffect(() => paging.current?.show(key, orderRef.current), [key]);

  if (read === undefined) return { state: 'loading' };
  if (read.error !== undefined && read.key === key) return { state: 'failed', error: read.error };
  // Until the new order's first page arrives, the previous order's rows stay on screen.
  const stale = read.key !== key;
  return {
    state: 'ready',
    stale,
    total: read.total,
    matched: read.matched,
    rowAt: (index) => read.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    need: (first, last) => {
      if (!stale) paging.current?.need(first, last);
    },
  };
}

/**
 * Every system matching `order`, page after page (for the CSV export of what is shown), all from one
 * register version: if a write lands between two pages, the export starts over (at most 5 times).
 */
export async function allRows(
  order: InventoryOrder,
  ask: (order: InventoryOrder, offset: number, limit: number) => Promise<PageReply> = request,
  limit = MAX_PAGE,
): Promise<AiSystem[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const rows: AiSystem[] = [];
    let version: string | undefined;
    for (;;) {
      const reply = await ask(order, rows.length, limit);
      if (!reply.ok) throw new Error(reply.error);
      version ??= reply.version;
      if (reply.version !== version) break;
      rows.push(...reply.systems);
      if (reply.systems.length === 0 || rows.length >= reply.matched) return rows;
    }
  }
  throw new Error('the register kept changing while the inventory was read; try again');
}
