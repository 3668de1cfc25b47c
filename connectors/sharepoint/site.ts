// Resolving a SharePoint site URL to its Graph site, and finding or provisioning the inventory list.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { List } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { SharePointError } from './errors';
import { graphCall } from './graph-call';
import { INVENTORY_COLUMNS, INVENTORY_LIST_NAME } from './inventory-list';

export interface SiteRef {
  id: string;
  /** e.g. https://harbormutual.sharepoint.com/sites/compliance */
  webUrl: string;
}

const SiteBody = z.object({ id: z.string().min(1), webUrl: z.string().min(1) });

/**
 * Parses a site URL such as https://contoso.sharepoint.com/sites/compliance into the Graph path
 * `/sites/{host}:/{path}`. Throws a 'failed' SharePointError for anything but an https URL.
 */
export function sitePath(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    throw new SharePointError(
      'failed',
      `'${siteUrl}' is not a URL (expected https://<tenant>.sharepoint.com/sites/<site>)`,
    );
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw new SharePointError('failed', `'${siteUrl}' must be a plain https:// SharePoint site URL`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return path ? `/sites/${url.hostname}:${path}` : `/sites/${url.hostname}`;
}

export async function resolveSite(client: Client, siteUrl: string): Promise<SiteRef> {
  const path = sitePath(siteUrl);
  return graphCall('GET site', SiteBody, () => client.api(path).select('id,webUrl').get());
}

const ListsBody = z.object({
  value: z.array(
    z.object({
      id: z.string().min(1),
      displayName: z.string().nullish(),
      columns: z.array(z.object({ name: z.string().nullish() })).nullish(),
    }),
  ),
});

/**
 * Returns the id of the "AI System Inventory" list, creating it with its typed columns when it is
 * missing and adding any column a person removed. `created` says whether it was provisioned now.
 */
export async function ensureInventoryList(
  client: Client,
  siteId: string,
  listName = INVENTORY_LIST_NAME,
): Promise<{ listId: string; created: boolean; addedColumns: string[] }> {
  const escaped = listName.replaceAll("'", "''");
  const lists = await graphCall('GET lists', ListsBody, () =>
    client.api(`/sites/${siteId}/lists`).filter(`displayName eq '${escaped}'`).expand('columns').get(),
  );
  const found = lists.value.find((l) => l.displayName === listName);
  if (!found) {
    const body: List = {
      displayName: listName,
      columns: INVENTORY_COLUMNS,
      list: { template: 'genericList' },
    };
    const created = await graphCall('POST list', z.object({ id: z.string().min(1) }), () =>
      client.api(`/sites/${siteId}/lists`).post(body),
    );
    return { listId: created.id, created: true, addedColumns: [] };
  }
  const present = new Set((found.columns ?? []).map((c) => c.name));
  const addedColumns: string[] = [];
  for (const column of INVENTORY_COLUMNS) {
    if (!column.name || present.has(column.name)) continue;
    await graphCall('POST column', z.object({ id: z.string() }).loose(), () =>
      client.api(`/sites/${siteId}/lists/${found.id}/columns`).post(column),
    );
    addedColumns.push(column.name);
  }
  return { listId: found.id, created: false, addedColumns };
}
