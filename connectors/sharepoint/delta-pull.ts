// The incremental pull: list-item delta pages into the sync state, saved after every page so an
// interrupted pull resumes from the page it stopped at.
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { SharePointError } from './errors';
import { graphCall } from './graph-call';
import { rowFromFields } from './inventory-list';
import type { SyncState, SyncStateStore } from './sync-state';

const DeltaItem = z.object({
  id: z.string().min(1),
  eTag: z.string().nullish(),
  webUrl: z.string().nullish(),
  fields: z.record(z.string(), z.unknown()).nullish(),
  deleted: z.object({ state: z.string().nullish() }).nullish(),
});
const DeltaPage = z.object({
  value: z.array(DeltaItem),
  '@odata.nextLink': z.string().min(1).optional(),
  '@odata.deltaLink': z.string().min(1).optional(),
});

export interface PullReport {
  pages: number;
  /** True when the whole list was enumerated (first sync, or after a 410 Gone). */
  full: boolean;
  changed: string[];
  deletedRemotely: string[];
  skipped: Array<{ itemId: string; problem: string }>;
}

const ItemWithFields = z.object({ fields: z.record(z.string(), z.unknown()).nullish() });

async function itemFields(client: Client, state: SyncState, itemId: string) {
  const item = await graphCall(`GET list item ${itemId}`, ItemWithFields, () =>
    client
      .api(`/sites/${state.siteId}/lists/${state.listId}/items/${encodeURIComponent(itemId)}`)
      .expand('fields')
      .get(),
  );
  return item.fields;
}

export const initialDeltaPath = (state: Pick<SyncState, 'siteId' | 'listId'>) =>
  `/sites/${state.siteId}/lists/${state.listId}/items/delta?$expand=fields`;

/**
 * Pulls every change since the stored delta link into `state.items` (mutated, and saved after each
 * page). Deleted items are flagged, never dropped. A 410 Gone restarts a full enumeration, from the
 * Location Graph gives or from the start; items a full enumeration does not see are flagged deleted.
 */
export async function pullChanges(
  client: Client,
  state: SyncState,
  store: SyncStateStore,
  now: () => string,
): Promise<PullReport> {
  let link = state.resume?.link ?? state.deltaLink ?? initialDeltaPath(state);
  let full = state.resume?.full ?? state.deltaLink === undefined;
  const seen = new Set(state.resume?.seenItemIds ?? []);
  const report: PullReport = { pages: 0, full, changed: [], deletedRemotely: [], skipped: [] };
  let restarted = false;
  const bySystem = () => new Map(Object.entries(state.items).map(([sid, item]) => [item.itemId, sid]));
  const flagDeleted = (systemId: string) => {
    const item = state.items[systemId];
    if (!item || item.deletedRemotely) return;
    item.deletedRemotely = now();
    report.deletedRemotely.push(systemId);
  };

  for (;;) {
    let page: z.infer<typeof DeltaPage>;
    try {
      page = await graphCall('GET list items delta', DeltaPage, () => client.api(link).get());
    } catch (error) {
      if (error instanceof SharePointError && error.failure === 'gone' && !restarted) {
        restarted = true;
        full = true;
        report.full = true;
        seen.clear();
        delete state.deltaLink;
        link = error.location ?? initialDeltaPath(state);
        continue;
      }
      throw error;
    }
    report.pages++;
    const owners = bySystem();
    for (const entry of page.value) {
      seen.add(entry.id);
      if (entry.deleted) {
        const systemId = owners.get(entry.id);
        if (systemId) flagDeleted(systemId);
        continue;
      }
      // Graph documents $expand on delta but not that its nextLink/deltaLink keep it: an item that
      // arrives without fields is read on its own rather than skipped.
      const fields = entry.fields ?? (await itemFields(client, state, entry.id));
      const read = rowFromFields(fields);
      if ('problem' in read) {
        report.skipped.push({ itemId: entry.id, problem: read.problem });
        continue;
      }
      const { row } = read;
      const known = state.items[row.systemId];
      const sameItem = known?.itemId === entry.id;
      const eTag = entry.eTag ?? (sameItem ? known.eTag : undefined);
      state.items[row.systemId] = {
        itemId: entry.id,
        ...(entry.webUrl ? { webUrl: entry.webUrl } : {}),
        ...(eTag ? { eTag } : {}),
        // Another item under the same system id has no shared history with this one.
        base: sameItem ? known.base : {},
        remote: row,
      };
      report.changed.push(row.systemId);
    }
    const next = page['@odata.nextLink'];
    const delta = page['@odata.deltaLink'];
    if (next) {
      state.resume = { link: next, full, seenItemIds: full ? [...seen] : [] };
      link = next;
      await store.save(state);
      continue;
    }
    if (!delta) {
      throw new SharePointError(
        'malformed',
        'GET list items delta: a page with neither nextLink nor deltaLink',
        200,
      );
    }
    if (full) {
      for (const [systemId, item] of Object.entries(state.items))
        if (!seen.has(item.itemId)) flagDeleted(systemId);
    }
    state.deltaLink = delta;
    delete state.resume;
    await store.save(state);
    report.changed = [...new Set(report.changed)];
    return report;
  }
}
