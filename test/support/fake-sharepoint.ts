// An in-memory SharePoint behind msw: sites, lists with columns, list items with eTags and a delta feed,
// document libraries with file versions. Payloads are typed with @microsoft/microsoft-graph-types, so a
// response of the wrong shape fails the typecheck. Faults can be injected per request. Unit tests serve it
// through sharepoint-msw.ts, browser tests through a loopback server.
import type {
  ColumnDefinition,
  Deleted,
  Drive,
  DriveItem,
  DriveItemVersion,
  FieldValueSet,
  List,
  ListItem,
  Site,
} from '@microsoft/microsoft-graph-types';
import { HttpResponse } from 'msw';
import { createHash } from 'node:crypto';

export const GRAPH = 'https://graph.microsoft.com/v1.0';
export const TOKEN = 'test-bearer-7b1d0c';

type Fields = FieldValueSet & Record<string, unknown>;
interface StoredItem {
  id: string;
  version: number;
  seq: number;
  fields: Fields;
  deleted: boolean;
}
interface StoredList {
  id: string;
  displayName: string;
  columns: ColumnDefinition[];
  items: Map<string, StoredItem>;
}
interface StoredFile {
  id: string;
  name: string;
  folder: string;
  versions: Array<{ id: string; content: Uint8Array; modifiedAt: string }>;
}

/** A delta page as Graph sends it: listItems plus one of the two links. */
export interface DeltaPage {
  value: Array<ListItem & { deleted?: Deleted }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface Fault {
  /** Matched with includes() against `${method} ${path}${search}`, e.g. 'GET /sites/' or 'skip=4'. */
  match: string;
  respond: () => Response | Promise<Response>;
  /** How many matching requests it answers (default 1). */
  times?: number;
  /** Apply the request first, then answer with the fault: a write whose answer was lost. */
  afterApplying?: boolean;
}

export interface Recorded {
  method: string;
  path: string;
  search: string;
  ifMatch: string | null;
  authorization: string | null;
  body: unknown;
}

const guid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export class FakeSharePoint {
  readonly sitePath = '/sites/compliance';
  readonly site: Site;
  /** `host`: the tenant (default the demo's, harbormutual.sharepoint.com). */
  constructor(readonly host = 'harbormutual.sharepoint.com') {
    this.site = {
      id: `${host},11111111-1111-4111-8111-111111111111,22222222-2222-4222-8222-222222222222`,
      webUrl: `https://${host}${this.sitePath}`,
      displayName: 'Compliance',
    };
  }
  readonly lists = new Map<string, StoredList>();
  readonly files = new Map<string, StoredFile>();
  readonly driveId = 'b!drive-documents';
  readonly requests: Recorded[] = [];
  readonly faults: Fault[] = [];
  /** Delta tokens at or below this are expired (410 Gone). */
  expiredBelow = 0;
  /** Items per delta page. */
  pageSize = 100;
  /** Delta pages after the first call carry no `fields`, as if Graph's links dropped $expand=fields. */
  fieldsOnlyOnFirstDeltaCall = false;
  /** Office documents' webUrl is a viewer link, as SharePoint gives it, not the file's address. */
  officeViewerLinks = false;
  /** Runs before a PATCH is applied: lets a test slip in another writer's change. */
  beforeWrite?: () => Promise<void>;
  private seq = 0;
  private ids = 0;

  listByName(name: string): StoredList | undefined {
    return [...this.lists.values()].find((l) => l.displayName === name);
  }

  /** Creates the inventory list directly, as an administrator would. */
  createList(displayName: string, columns: ColumnDefinition[]): StoredList {
    const list: StoredList = { id: guid(++this.ids), displayName, columns: [...columns], items: new Map() };
    this.lists.set(list.id, list);
    return list;
  }

  /** A person editing an item in the SharePoint UI. */
  edit(listName: string, systemId: string, fields: Fields): void {
    const item = this.itemBySystem(listName, systemId);
    Object.assign(item.fields, fields);
    item.version++;
    item.seq = ++this.seq;
  }

  /** A person deleting an item in the SharePoint UI. */
  remove(listName: string, systemId: string): void {
    const item = this.itemBySystem(listName, systemId);
    item.deleted = true;
    item.seq = ++this.seq;
  }

  /** A person adding an item in the SharePoint UI. */
  add(listName: string, fields: Fields): ListItem {
    const list = this.listByName(listName);
    if (!list) throw new Error(`no list ${listName}`);
    return this.insert(list, fields);
  }

  itemBySystem(listName: string, systemId: string): StoredItem {
    const item = [...(this.listByName(listName)?.items.values() ?? [])].find(
      (i) => i.fields.SystemId === systemId && !i.deleted,
    );
    if (!item) throw new Error(`no item ${systemId}`);
    return item;
  }

  liveItems(listName: string): StoredItem[] {
    return [...(this.listByName(listName)?.items.values() ?? [])].filter((i) => !i.deleted);
  }

  /** The address Graph gives as the file's webUrl (a viewer link for Office documents, when on). */
  webUrlFor(itemId: string): string {
    const file = this.files.get(itemId);
    if (!file) throw new Error(`no file ${itemId}`);
    return this.webUrlOf(file);
  }

  /** Uploads a file or a new version of it; returns the drive item id. */
  upload(folder: string, name: string, content: string | Uint8Array, modifiedAt: string): string {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const existing = [...this.files.values()].find((f) => f.folder === folder && f.name === name);
    if (existing) {
      existing.versions.unshift({ id: `${existing.versions.length + 1}.0`, content: bytes, modifiedAt });
      return existing.id;
    }
    const id = `01FILE${(++this.ids).toString().padStart(6, '0')}`;
    this.files.set(id, { id, name, folder, versions: [{ id: '1.0', content: bytes, modifiedAt }] });
    return id;
  }

  private insert(list: StoredList, fields: Fields): ListItem {
    const item: StoredItem = {
      id: String(++this.ids),
      version: 1,
      seq: ++this.seq,
      fields: { ...fields },
      deleted: false,
    };
    list.items.set(item.id, item);
    return this.itemPayload(item);
  }

  private eTag = (item: StoredItem) => `"${guid(Number(item.id))},${item.version}"`;

  private itemPayload(item: StoredItem): ListItem {
    const fields: Fields = { '@odata.etag': this.eTag(item), id: item.id, ...item.fields };
    return {
      id: item.id,
      eTag: this.eTag(item),
      webUrl: `${this.site.webUrl}/Lists/AI%20System%20Inventory/DispForm.aspx?ID=${item.id}`,
      fields,
    };
  }

  /** SharePoint's unique id of the file (the viewer's sourcedoc), as Graph gives it in sharepointIds. */
  private uniqueIdOf(file: StoredFile): string {
    return `0f11e000-0000-4000-8000-${Number(file.id.replace(/\D/g, '')).toString(16).padStart(12, '0')}`;
  }

  /** The file's own address: `<site>/Shared%20Documents/<folder>/<name>`. */
  private addressOf(file: StoredFile): string {
    const folder = file.folder ? `${file.folder.split('/').map(encodeURIComponent).join('/')}/` : '';
    return `${this.site.webUrl}/Shared%20Documents/${folder}${encodeURIComponent(file.name)}`;
  }

  /**
   * Graph's webUrl: SharePoint gives Office documents a viewer link (`_layouts/15/Doc.aspx?sourcedoc=…`)
   * rather than their address when `officeViewerLinks` is on.
   */
  private webUrlOf(file: StoredFile): string {
    if (!this.officeViewerLinks || !/\.(?:docx|xlsx|pptx)$/i.test(file.name)) return this.addressOf(file);
    const uniqueId = this.uniqueIdOf(file).toUpperCase();
    return `${this.site.webUrl}/_layouts/15/Doc.aspx?sourcedoc=%7B${uniqueId}%7D&file=${encodeURIComponent(file.name)}&action=default&mobileredirect=true`;
  }

  private driveItemPayload(file: StoredFile): DriveItem {
    const current = file.versions[0];
    if (!current) throw new Error('file without versions');
    return {
      id: file.id,
      name: file.name,
      size: current.content.byteLength,
      eTag: `"{${file.id}},${file.versions.length}"`,
      lastModifiedDateTime: current.modifiedAt,
      webUrl: this.webUrlOf(file),
      sharepointIds: { listItemUniqueId: this.uniqueIdOf(file) },
      parentReference: {
        driveId: this.driveId,
        path: `/drives/${this.driveId}/root:${file.folder ? `/${file.folder}` : ''}`,
      },
      file: {
        mimeType: 'application/pdf',
        hashes: { quickXorHash: createHash('sha1').update(current.content).digest('base64') },
      },
    };
  }

  /** Answers one request as Graph would (for a loopback server standing in for graph.microsoft.com). */
  answer(request: Request): Promise<Response> {
    return this.handle(request);
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname.slice('/v1.0'.length));
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.requests.push({
      method: request.method,
      path,
      search: url.search,
      ifMatch: request.headers.get('If-Match'),
      authorization: request.headers.get('Authorization'),
      body,
    });
    const key = `${request.method} ${path}${url.search}`;
    const fault = this.faults.find((f) => key.includes(f.match) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.afterApplying) await this.route(request.method, path, url, body);
      return fault.respond();
    }
    if (request.headers.get('Authorization') !== `Bearer ${TOKEN}`) {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    }
    return this.route(request.method, path, url, body);
  }

  private async route(method: string, path: string, url: URL, body: unknown): Promise<Response> {
    if (method === 'GET' && path === `/sites/${this.host}:${this.sitePath}`)
      return HttpResponse.json(this.site);
    if (method === 'GET' && path.startsWith('/sites/') && path.includes(':')) {
      return graphError(404, 'itemNotFound', 'Requested site could not be found');
    }
    const shared = /^\/shares\/u!([A-Za-z0-9_-]+)\/driveItem$/.exec(path);
    if (method === 'GET' && shared) return this.sharedItem(shared[1] ?? '');
    const sitePrefix = `/sites/${this.site.id}`;
    if (!path.startsWith(sitePrefix) && !path.startsWith('/drives/'))
      return graphError(404, 'itemNotFound', 'not found');
    const rest = path.startsWith(sitePrefix) ? path.slice(sitePrefix.length) : path;

    if (rest === '/lists' && method === 'GET') {
      const filter = url.searchParams.get('$filter') ?? '';
      const name = /displayName eq '(.*)'$/.exec(filter)?.[1]?.replaceAll("''", "'");
      const value: List[] = [...this.lists.values()]
        .filter((l) => name === undefined || l.displayName === name)
        .map((l) => ({ id: l.id, displayName: l.displayName, columns: l.columns }));
      return HttpResponse.json({ value });
    }
    if (rest === '/lists' && method === 'POST') {
      const requested = body as List;
      const list = this.createList(requested.displayName ?? 'untitled', [
        { name: 'Title', displayName: 'Title', text: {} },
        ...(requested.columns ?? []),
      ]);
      const created: List = { id: list.id, displayName: list.displayName, list: { template: 'genericList' } };
      return HttpResponse.json(created, { status: 201 });
    }
    const listMatch = /^\/lists\/([^/]+)(\/.*)?$/.exec(rest);
    if (listMatch) {
      const list = this.lists.get(listMatch[1] ?? '');
      if (!list) return graphError(404, 'itemNotFound', 'The list does not exist');
      return this.routeList(list, method, listMatch[2] ?? '', url, body);
    }
    if (rest === '/drives' && method === 'GET') {
      return HttpResponse.json({
        value: [{ id: this.driveId, name: 'Documents', webUrl: `${this.site.webUrl}/Shared%20Documents` }],
      });
    }
    return this.routeDrive(method, path, url);
  }

  private routeList(
    list: StoredList,
    method: string,
    rest: string,
    url: URL,
    body: unknown,
  ): Response | Promise<Response> {
    if (rest === '/columns' && method === 'POST') {
      const column = body as ColumnDefinition;
      list.columns.push(column);
      return HttpResponse.json({ id: guid(++this.ids), ...column } satisfies ColumnDefinition, {
        status: 201,
      });
    }
    if (rest === '/items/delta' && method === 'GET') return this.delta(list, url);
    if (rest === '/items' && method === 'POST') {
      const fields = (body as ListItem).fields as Fields;
      const duplicate = [...list.items.values()].some(
        (i) => !i.deleted && i.fields.SystemId === fields.SystemId,
      );
      if (duplicate)
        return graphError(409, 'nameAlreadyExists', 'A list item with this unique value already exists');
      return HttpResponse.json(this.insert(list, fields), { status: 201 });
    }
    const itemMatch = /^\/items\/([^/]+)(\/fields)?$/.exec(rest);
    const item = itemMatch ? list.items.get(itemMatch[1] ?? '') : undefined;
    if (!itemMatch || !item || item.deleted)
      return graphError(404, 'itemNotFound', 'The item does not exist');
    if (method === 'GET' && !itemMatch[2]) return HttpResponse.json(this.itemPayload(item));
    if (method === 'PATCH' && itemMatch[2]) return this.patch(item, body as Fields);
    return graphError(405, 'methodNotAllowed', 'not supported by the fake');
  }

  private patch(item: StoredItem, fields: Fields): Promise<Response> {
    const request = this.requests.at(-1);
    const apply = async () => {
      const hook = this.beforeWrite;
      this.beforeWrite = undefined;
      await hook?.();
      if (request?.ifMatch && request.ifMatch !== '*' && request.ifMatch !== this.eTag(item)) {
        return graphError(412, 'resourceModified', 'The eTag does not match the current version');
      }
      Object.assign(item.fields, fields);
      item.version++;
      item.seq = ++this.seq;
      return HttpResponse.json(this.itemPayload(item).fields as FieldValueSet);
    };
    return apply();
  }

  private delta(list: StoredList, url: URL): Response {
    const incremental = url.searchParams.has('token');
    const token = Number(url.searchParams.get('token') ?? '0');
    const skip = Number(url.searchParams.get('skip') ?? '0');
    if (incremental && token < this.expiredBelow) {
      return graphError(410, 'resyncRequired', 'The delta token has expired', {
        Location: `${GRAPH}/sites/${this.site.id}/lists/${list.id}/items/delta?$expand=fields`,
      });
    }
    const changed = [...list.items.values()]
      .filter((i) => i.seq > token && (incremental || !i.deleted))
      .sort((a, b) => a.seq - b.seq);
    const page = changed.slice(skip, skip + this.pageSize);
    const base = `${GRAPH}/sites/${this.site.id}/lists/${list.id}/items/delta?$expand=fields`;
    const body: DeltaPage = {
      value: page.map((i) => {
        if (i.deleted) return { id: i.id, deleted: { state: 'deleted' } };
        const { fields: _dropped, ...bare } = this.itemPayload(i);
        return this.fieldsOnlyOnFirstDeltaCall && (incremental || skip > 0) ? bare : this.itemPayload(i);
      }),
    };
    if (skip + this.pageSize < changed.length) {
      body['@odata.nextLink'] = `${base}${incremental ? `&token=${token}` : ''}&skip=${skip + this.pageSize}`;
    } else {
      body['@odata.deltaLink'] = `${base}&token=${Math.max(token, this.seq)}`;
    }
    return HttpResponse.json(body);
  }

  /** The file whose address (any case, encoded or not) the share id encodes. */
  private sharedItem(encoded: string): Response {
    const address = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const wanted = decodeURI(address).toLowerCase();
    // A viewer's address names the file by its unique id (sourcedoc), a direct one by its path.
    const file = [...this.files.values()].find(
      (f) =>
        decodeURI(this.addressOf(f)).toLowerCase() === wanted ||
        decodeURI(this.webUrlOf(f)).toLowerCase() === wanted,
    );
    if (!file) return graphError(404, 'itemNotFound', 'The sharing link could not be found.');
    return HttpResponse.json(this.driveItemPayload(file));
  }

  private routeDrive(method: string, path: string, url: URL): Response {
    const drive = `/drives/${this.driveId}`;
    if (!path.startsWith(drive) || method !== 'GET') return graphError(404, 'itemNotFound', 'not found');
    const rest = path.slice(drive.length);
    if (rest === '') {
      const library: Drive = {
        id: this.driveId,
        name: 'Documents',
        driveType: 'documentLibrary',
        webUrl: `${this.site.webUrl}/Shared%20Documents`,
      };
      return HttpResponse.json(library);
    }
    const children = /^\/root(?::\/(.*?):?)?\/children$/.exec(rest);
    if (children) {
      const folder = (children[1] ?? '').replace(/:$/, '');
      const inFolder = [...this.files.values()].filter((f) => f.folder === folder);
      const skip = Number(url.searchParams.get('skip') ?? '0');
      const page = inFolder.slice(skip, skip + this.pageSize);
      const value: DriveItem[] = page.map((f) => this.driveItemPayload(f));
      const next =
        skip + this.pageSize < inFolder.length
          ? { '@odata.nextLink': `${GRAPH}${path}?skip=${skip + this.pageSize}` }
          : {};
      return HttpResponse.json({ value, ...next });
    }
    const itemMatch = /^\/items\/([^/]+)(\/versions(?:\/([^/]+)(\/content)?)?)?$/.exec(rest);
    const file = itemMatch ? this.files.get(itemMatch[1] ?? '') : undefined;
    if (!itemMatch || !file) return graphError(404, 'itemNotFound', 'The resource could not be found.');
    if (!itemMatch[2]) return HttpResponse.json(this.driveItemPayload(file));
    if (!itemMatch[3]) {
      const value: DriveItemVersion[] = file.versions.map((v) => ({
        id: v.id,
        lastModifiedDateTime: v.modifiedAt,
        size: v.content.byteLength,
      }));
      return HttpResponse.json({ value });
    }
    const version = file.versions.find((v) => v.id === itemMatch[3]);
    if (!version) return graphError(404, 'itemNotFound', 'The version could not be found.');
    if (itemMatch[4]) {
      return new HttpResponse(version.content.slice().buffer, {
        headers: { 'Content-Type': 'application/octet-stream' },
      });
    }
    const payload: DriveItemVersion = {
      id: version.id,
      lastModifiedDateTime: version.modifiedAt,
      size: version.content.byteLength,
    };
    return HttpResponse.json(payload);
  }
}

/** A Graph error body, as the service sends it. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return HttpResponse.json(
    { error: { code, message, innerError: { date: '2026-11-28T09:00:00', 'request-id': 'fake' } } },
    { status, headers },
  );
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}
