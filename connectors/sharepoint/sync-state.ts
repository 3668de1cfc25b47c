// What a workspace remembers between syncs with the SharePoint inventory list. Never a token: the delta
// link carries SharePoint's change token, which grants nothing without a bearer token.
import { z } from 'zod';
import { Id, Instant } from '../../shared/model';
import { InventoryRow } from './inventory-row';

export const SYNC_STATE_FORMAT = 'aims-lens-sharepoint-sync';

const RowValue = z.union([z.string(), z.boolean(), z.null()]);

export const SyncedItem = z.object({
  /** The list item's id in SharePoint. */
  itemId: z.string().min(1),
  /** The item's address, as Graph gave it (links an imported system to its item). */
  webUrl: z.string().min(1).optional(),
  /** The eTag of the last version this workspace read or wrote; sent as If-Match (read first when absent). */
  eTag: z.string().min(1).optional(),
  /** What both sides last agreed on, field by field (the three-way merge's base). */
  base: InventoryRow.partial(),
  /** The item as last read from SharePoint. */
  remote: InventoryRow,
  /** Set when SharePoint reported the item deleted: the register keeps the system, the list is not re-filled. */
  deletedRemotely: Instant.optional(),
});
export type SyncedItem = z.infer<typeof SyncedItem>;

export const StoredConflict = z.object({
  systemId: Id,
  field: z.string().min(1),
  base: RowValue.optional(),
  local: RowValue,
  remote: RowValue,
  detectedAt: Instant,
});
export type StoredConflict = z.infer<typeof StoredConflict>;

export const SyncState = z.object({
  format: z.literal(SYNC_STATE_FORMAT),
  version: z.literal(1),
  siteUrl: z.string().min(1),
  siteId: z.string().min(1),
  listId: z.string().min(1),
  /** Where the next incremental pull starts. */
  deltaLink: z.string().min(1).optional(),
  /** A pull that stopped midway: the next page, and for a full enumeration the items seen so far. */
  resume: z
    .object({ link: z.string().min(1), full: z.boolean(), seenItemIds: z.array(z.string()) })
    .optional(),
  /** By system id. */
  items: z.record(z.string(), SyncedItem),
  /** Fields changed on both sides, waiting for a person to choose. */
  conflicts: z.array(StoredConflict),
  lastSyncAt: Instant.optional(),
});
export type SyncState = z.infer<typeof SyncState>;

/** Where the state lives: a side file in the workspace (Node), extension storage in the browser. */
export interface SyncStateStore {
  load(): Promise<SyncState | undefined>;
  save(state: SyncState): Promise<void>;
}

export function emptyState(siteUrl: string, siteId: string, listId: string): SyncState {
  return { format: SYNC_STATE_FORMAT, version: 1, siteUrl, siteId, listId, items: {}, conflicts: [] };
}

/** An in-memory store, for tests and for callers that keep state elsewhere. */
export function memoryStateStore(initial?: SyncState): SyncStateStore & { current(): SyncState | undefined } {
  let state = initial ? structuredClone(initial) : undefined;
  return {
    load: async () => (state ? structuredClone(state) : undefined),
    save: async (next) => {
      state = structuredClone(SyncState.parse(next));
    },
    current: () => state,
  };
}
