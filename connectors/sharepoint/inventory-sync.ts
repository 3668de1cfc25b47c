// Two-way sync of the register's inventory with the SharePoint list, with no lost update:
// pull (delta) → three-way merge per field → write with If-Match → on 412 re-read, re-merge, retry.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { FieldValueSet, ListItem } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { loadSnapshot } from '../../shared/processes/snapshot';
import { recordOne } from '../../shared/records';
import type { Register } from '../../shared/register';
import { syncDiscovery } from '../contract';
import { SharePointError } from './errors';
import { graphCall } from './graph-call';
import { fieldsOf, rowFromFields } from './inventory-list';
import { inventoryRows, rowOf, withEditableFields, type InventoryRow, type RowField } from './inventory-row';
import { pullChanges, type PullReport } from './delta-pull';
import { resolveSite, ensureInventoryList } from './site';
import { emptyState, type StoredConflict, type SyncState, type SyncStateStore } from './sync-state';
import { mergeRows, type FieldConflict } from './three-way-merge';

export const SHAREPOINT_ACTOR = 'aims-sharepoint';

export interface InventorySyncOptions {
  client: Client;
  register: Register;
  store: SyncStateStore;
  /** e.g. https://harbormutual.sharepoint.com/sites/compliance */
  siteUrl: string;
  /** Day the derived states are computed for, YYYY-MM-DD. */
  today: string;
  /** Current instant, ISO-8601. */
  now: () => string;
  /** Writes to the same item retried after a 412 before giving up (default 3). */
  maxWriteAttempts?: number;
  log?: (line: string) => void;
}

export interface InventorySyncReport {
  listCreated: boolean;
  pull: PullReport;
  created: string[];
  pushed: Array<{ systemId: string; fields: RowField[] }>;
  pulled: Array<{ systemId: string; fields: RowField[] }>;
  imported: string[];
  /** Register-derived fields changed in SharePoint: left there, not taken into the register. */
  derivedRemote: Array<{ systemId: string; fields: RowField[] }>;
  /** 412 answers that were merged and written again. */
  retriedAfterConflict: number;
  deletedRemotely: string[];
  conflicts: FieldConflict[];
}

const ItemBody = z.object({
  id: z.string().min(1),
  eTag: z.string().min(1).nullish(),
  fields: z.record(z.string(), z.unknown()).nullish(),
  webUrl: z.string().nullish(),
});
const FieldsBody = z.object({ '@odata.etag': z.string().min(1).optional() }).loose();

/** An http(s) address, or undefined: only such links may reach the register. */
function safeWebUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one sync. The state (base, eTags, delta link, conflicts) is saved after every page and every
 * item written, so a sync cut off at any point resumes without duplicating items. Throws
 * SharePointError for service failures; the state saved so far stays valid.
 */
export async function syncInventoryList(options: InventorySyncOptions): Promise<InventorySyncReport> {
  const { client, store } = options;
  const log = options.log ?? (() => undefined);
  let state = await store.load();
  if (!state || state.siteUrl !== options.siteUrl) {
    const site = await resolveSite(client, options.siteUrl);
    const list = await ensureInventoryList(client, site.id);
    state = emptyState(options.siteUrl, site.id, list.listId);
    await store.save(state);
    if (list.created) log(`created the list 'AI System Inventory' on ${site.webUrl}`);
    return runSync(options, state, list.created, log);
  }
  const list = await ensureInventoryList(client, state.siteId);
  if (list.listId !== state.listId) {
    // The list was deleted and made again: nothing of the old history applies.
    state = emptyState(state.siteUrl, state.siteId, list.listId);
    await store.save(state);
  }
  return runSync(options, state, list.created, log);
}

async function runSync(
  options: InventorySyncOptions,
  state: SyncState,
  listCreated: boolean,
  log: (line: string) => void,
): Promise<InventorySyncReport> {
  const { client, register, store, today, now } = options;
  const itemsPath = `/sites/${state.siteId}/lists/${state.listId}/items`;
  const pull = await pullChanges(client, state, store, now);
  const report: InventorySyncReport = {
    listCreated,
    pull,
    created: [],
    pushed: [],
    pulled: [],
    imported: [],
    derivedRemote: [],
    retriedAfterConflict: 0,
    deletedRemotely: [],
    conflicts: [],
  };

  const snapshot = await loadSnapshot(register);
  const localRows = new Map(inventoryRows(snapshot, today).map((r) => [r.systemId, r]));
  const systemIds = [...new Set([...localRows.keys(), ...Object.keys(state.items)])].sort();

  for (const systemId of systemIds) {
    const entry = state.items[systemId];
    const local = localRows.get(systemId);
    if (entry?.deletedRemotely) {
      report.deletedRemotely.push(systemId);
      continue;
    }
    if (!entry && local) {
      await createItem(systemId, local);
      continue;
    }
    if (entry && !local) {
      if (snapshot['ai-system'].some((s) => s.id === systemId)) continue; // rejected here: not re-imported
      await importSystem(systemId, entry.remote, entry.itemId);
      continue;
    }
    if (entry && local) await mergeItem(systemId, local);
  }

  state.conflicts = report.conflicts.map((c): StoredConflict => {
    const earlier = state.conflicts.find((o) => o.systemId === c.systemId && o.field === c.field);
    return {
      systemId: c.systemId,
      field: c.field,
      ...(c.base !== undefined ? { base: c.base } : {}),
      local: c.local,
      remote: c.remote,
      detectedAt: earlier?.detectedAt ?? now(),
    };
  });
  state.lastSyncAt = now();
  await store.save(state);
  return report;

  async function createItem(systemId: string, local: InventoryRow) {
    const body: ListItem = { fields: fieldsOf(local) };
    const created = await graphCall(`POST list item for ${systemId}`, ItemBody, () =>
      client.api(itemsPath).post(body),
    );
    state.items[systemId] = {
      itemId: created.id,
      ...(created.eTag ? { eTag: created.eTag } : {}),
      base: local,
      remote: local,
    };
    await store.save(state);
    report.created.push(systemId);
  }

  /**
   * An item no system here matches enters through the core's discovery apply step, as any candidate
   * does (discovered, unreviewed, out of scope). Its base is then this register's new row, so the
   * list's editable values are taken in by the merge that follows, as a person's edits would be.
   */
  async function importSystem(systemId: string, remote: InventoryRow, itemId: string) {
    const entry = state.items[systemId];
    const url =
      safeWebUrl(entry?.webUrl) ??
      `${state.siteUrl.replace(/\/+$/, '')}?aims-list-item=${encodeURIComponent(itemId)}`;
    const result = await syncDiscovery(
      register,
      {
        scope: { tool: 'sharepoint', url: state.siteUrl },
        candidates: [
          {
            id: systemId,
            name: remote.name,
            purpose: 'Listed in the shared SharePoint AI System Inventory; purpose not yet recorded',
            providers: [],
            models: [],
            datasets: [],
            evidence: [],
            source: { kind: 'sharepoint-item', url, siteId: state.siteId, itemId },
          },
        ],
        pinnedVersion: entry?.eTag ?? itemId,
        evidenceFiles: {},
        evidence: [],
        triggers: [],
      },
      { actor: SHAREPOINT_ACTOR, cause: 'sharepoint-sync', now: new Date(now()) },
    );
    const registered = result.plan.identity[systemId];
    if (registered !== systemId) {
      log(`${systemId}: the register already uses this id for another source; not imported`);
      return;
    }
    const stored = await register.require('ai-system', systemId);
    if (entry) entry.base = rowOf(await loadSnapshot(register), stored, today);
    await store.save(state);
    report.imported.push(systemId);
    await mergeItem(systemId, rowOf(await loadSnapshot(register), stored, today));
  }

  async function mergeItem(systemId: string, local: InventoryRow) {
    const maxAttempts = options.maxWriteAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const entry = state.items[systemId];
      if (!entry) return;
      const merge = mergeRows(entry.base, local, entry.remote);
      const pushFields = Object.keys(merge.push) as RowField[];
      let eTag = entry.eTag;
      if (pushFields.length > 0) {
        if (!eTag) {
          await refresh(systemId);
          if (!state.items[systemId]?.eTag) {
            throw new SharePointError(
              'malformed',
              `list item ${entry.itemId} (${systemId}) has no eTag`,
              200,
            );
          }
          continue;
        }
        try {
          const written = await graphCall(`PATCH list item ${entry.itemId} (${systemId})`, FieldsBody, () =>
            client
              .api(`${itemsPath}/${entry.itemId}/fields`)
              .header('If-Match', eTag as string)
              .patch(fieldsOf(merge.push) satisfies FieldValueSet),
          );
          eTag = written['@odata.etag'];
        } catch (error) {
          if (
            error instanceof SharePointError &&
            error.failure === 'precondition-failed' &&
            attempt < maxAttempts
          ) {
            log(`${systemId}: changed in SharePoint since it was read; merging again`);
            report.retriedAfterConflict++;
            await refresh(systemId);
            continue;
          }
          throw error;
        }
        report.pushed.push({ systemId, fields: pushFields });
      }
      const pullFields = Object.keys(merge.pull) as RowField[];
      if (pullFields.length > 0) {
        const system = await register.require('ai-system', systemId);
        const next = withEditableFields(system, { ...pickEditable(local), ...merge.pull });
        // Through the core's write path: the ai-system rule applies as for any recorded change.
        await recordOne(register, 'ai-system', next, {
          actor: SHAREPOINT_ACTOR,
          cause: `sharepoint-sync: ${pullFields.join(', ')} of ${systemId} from SharePoint`,
          today,
          now: now(),
        });
        report.pulled.push({ systemId, fields: pullFields });
      }
      if (merge.derivedRemote.length > 0)
        report.derivedRemote.push({ systemId, fields: merge.derivedRemote });
      report.conflicts.push(...merge.conflicts);
      entry.base = merge.nextBase;
      entry.remote = { ...entry.remote, ...merge.push };
      if (eTag) entry.eTag = eTag;
      else delete entry.eTag; // unknown after the write: read before the next one
      await store.save(state);
      return;
    }
  }

  async function refresh(systemId: string) {
    const entry = state.items[systemId];
    if (!entry) return;
    const item = await graphCall(`GET list item ${entry.itemId} (${systemId})`, ItemBody, () =>
      client.api(`${itemsPath}/${entry.itemId}`).expand('fields').get(),
    );
    const read = rowFromFields(item.fields);
    if ('problem' in read)
      throw new SharePointError('malformed', `list item ${entry.itemId}: ${read.problem}`, 200);
    if (read.row.systemId !== systemId) {
      throw new SharePointError(
        'failed',
        `list item ${entry.itemId} now carries system id ${read.row.systemId}`,
      );
    }
    entry.remote = read.row;
    if (item.eTag) entry.eTag = item.eTag;
    else delete entry.eTag;
  }
}

function pickEditable(row: InventoryRow) {
  return {
    name: row.name,
    owner: row.owner,
    riskOwner: row.riskOwner,
    inScope: row.inScope,
    lifecycleStage: row.lifecycleStage,
  };
}
