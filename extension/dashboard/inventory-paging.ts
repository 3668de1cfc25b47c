// The inventory's page cache, apart from React. Each `inventory/list` reply names the register version
// (chain head) it was cut from; pages of two versions are never held together. A write while someone
// scrolls would otherwise show a system twice or lose one, and the counts would disagree.
import type { AiSystem } from '../../shared/model';
import type { InventoryFilters, SortKey } from '../background/inventory-query';
import type { Response } from '../background/messages';

/** Rows per page the table asks for. */
export const PAGE_ROWS = 100;

export interface InventoryOrder {
  filters: InventoryFilters;
  sort: SortKey;
  ascending: boolean;
}

export type PageReply = Response<'inventory/list'>;

/** What the table holds for one order (`key`): the pages read so far, all of one register version. */
export interface PageCache {
  key: string;
  /** The register version every held page was cut from; absent while the background names none. */
  version?: string;
  /** Systems in the register, and those matching the filters, as the held version counts them. */
  total: number;
  matched: number;
  /** Page number → its rows. */
  pages: ReadonlyMap<number, readonly AiSystem[]>;
  /** How often the pages were dropped because the register changed under them. */
  restarts: number;
  error?: string;
}

export interface InventoryPaging {
  /** Shows `order` (named by `key`): its first page is asked for unless it has been already. */
  show(key: string, order: InventoryOrder): void;
  /** Asks for the pages covering rows first..last (inclusive) of the shown order not asked for yet. */
  need(first: number, last: number): void;
  /** The cache as it stands (also handed to `onChange` on every change). */
  held(): PageCache | undefined;
}

/**
 * Paging over `ask(order, offset, limit)` (the background's `inventory/list`). A reply for an order no
 * longer shown, or asked before the pages were last dropped, is ignored. A reply from a register
 * version other than the held pages' drops them all and keeps only itself, with its counts; the
 * pages the table still needs are then asked for again (the table's `need` calls do that), so the
 * order and scroll position stay as they were. Requests asked after a drop are answered from that
 * version or a later one, so the cache never goes back to an older version.
 */
export function createInventoryPaging(
  ask: (order: InventoryOrder, offset: number, limit: number) => Promise<PageReply>,
  onChange: (cache: PageCache) => void,
): InventoryPaging {
  let cache: PageCache | undefined;
  let shown: { key: string; order: InventoryOrder } | undefined;
  // Bumped each time the pages are dropped; a reply carries the epoch it was asked in.
  let epoch = 0;
  let asked = { key: '', epoch, pages: new Set<number>() };

  const receive = (key: string, askedIn: number, page: number, reply: PageReply) => {
    if (shown?.key !== key || askedIn !== epoch) return;
    const same = cache?.key === key ? cache : undefined;
    if (!reply.ok) {
      cache = { key, total: 0, matched: 0, pages: new Map(), restarts: 0, ...same, error: reply.error };
    } else if (same?.version !== undefined && reply.version !== undefined && reply.version !== same.version) {
      epoch += 1;
      asked = { key, epoch, pages: new Set([page]) };
      cache = {
        key,
        version: reply.version,
        total: reply.total,
        matched: reply.matched,
        pages: new Map([[page, reply.systems]]),
        restarts: same.restarts + 1,
      };
    } else {
      const version = reply.version ?? same?.version;
      cache = {
        key,
        ...(version === undefined ? {} : { version }),
        total: reply.total,
        matched: reply.matched,
        pages: new Map(same?.pages ?? []).set(page, reply.systems),
        restarts: same?.restarts ?? 0,
      };
    }
    onChange(cache);
  };

  const fetchPage = (page: number) => {
    if (shown === undefined) return;
    const { key, order } = shown;
    if (asked.key !== key) asked = { key, epoch, pages: new Set() };
    if (asked.pages.has(page)) return;
    asked.pages.add(page);
    const askedIn = epoch;
    void ask(order, page * PAGE_ROWS, PAGE_ROWS).then(
      (reply) => receive(key, askedIn, page, reply),
      (error: unknown) =>
        receive(key, askedIn, page, {
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  };

  return {
    show(key, order) {
      shown = { key, order };
      fetchPage(0);
    },
    need(first, last) {
      for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) fetchPage(p);
    },
    held: () => cache,
  };
}
