// The inventory's rows as the page sees them: pages read from the background (which filters and
// sorts every system) when the table first shows them, so the first render waits for one small
// message, not for the whole register.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AiSystem } from '../../shared/model';
import { askBackground } from '../background/client';
import { MAX_PAGE, type InventoryFilters, type SortKey } from '../background/inventory-query';

/** Rows per page the table asks for. */
export const PAGE_ROWS = 100;

export interface InventoryOrder {
  filters: InventoryFilters;
  sort: SortKey;
  ascending: boolean;
}

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

interface Pages {
  key: string;
  total: number;
  matched: number;
  pages: ReadonlyMap<number, readonly AiSystem[]>;
  error?: string;
}

/**
 * The inventory in `order`, read a page at a time. A new order or `generation` (bumped when the
 * register changed) starts again from the first page; replies for an order no longer shown are
 * dropped.
 */
export function useInventoryRows(order: InventoryOrder, generation: number): InventoryRows {
  const key = JSON.stringify([order, generation]);
  const [read, setRead] = useState<Pages | undefined>(undefined);
  const asked = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });
  const shown = useRef(key);
  shown.current = key;
  const orderRef = useRef(order);
  orderRef.current = order;

  const fetchPage = useCallback((forKey: string, page: number) => {
    if (asked.current.key !== forKey) asked.current = { key: forKey, pages: new Set() };
    if (asked.current.pages.has(page)) return;
    asked.current.pages.add(page);
    void request(orderRef.current, page * PAGE_ROWS, PAGE_ROWS).then((reply) => {
      if (shown.current !== forKey) return;
      setRead((before) => {
        const same = before?.key === forKey ? before : undefined;
        if (!reply.ok)
          return { key: forKey, total: 0, matched: 0, pages: new Map(), ...same, error: reply.error };
        const pages = new Map(same?.pages ?? []);
        pages.set(page, reply.systems);
        return { key: forKey, total: reply.total, matched: reply.matched, pages };
      });
    });
  }, []);

  useEffect(() => fetchPage(key, 0), [key, fetchPage]);

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
      if (stale) return;
      for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) fetchPage(key, p);
    },
  };
}

/** Every system matching `order`, page after page (for the CSV export of what is shown). */
export async function allRows(order: InventoryOrder): Promise<AiSystem[]> {
  const rows: AiSystem[] = [];
  for (;;) {
    const reply = await request(order, rows.length, MAX_PAGE);
    if (!reply.ok) throw new Error(reply.error);
    rows.push(...reply.systems);
    if (reply.systems.length === 0 || rows.length >= reply.matched) return rows;
  }
}
