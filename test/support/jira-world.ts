// A Jira site in memory, served by msw on Jira's own paths (REST v3 for Cloud, v2 for Data Center). Every
// payload it returns is typed with jira.js's models, so a fixture of the wrong shape fails the typecheck.
// Faults (401, 429 with Retry-After, 5xx, hangs, malformed bodies, expired page tokens) are injected per path.
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import type { Version2Models, Version3Models } from 'jira.js';

type V3Fields = Version3Models.Fields;
type V2Fields = Version2Models.Fields;

/** jira.js's Fields without its catch-all index signature, so unknown or mistyped fields fail the typecheck. */
type Known<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
// jira.js types `parent` as a whole Issue; Jira sends a stub (id, key, a few fields), typed here from Issue.
type ParentStub = Pick<Version3Models.Issue, 'id' | 'key' | 'self'>;
type Required4 = 'summary' | 'labels' | 'components' | 'status';
/** The fields a fixture sets; the rest stays optional (Jira omits fields a search did not ask for). */
export type CloudFields = Partial<Omit<Known<V3Fields>, 'parent'>> &
  Pick<Known<V3Fields>, Required4> & { parent?: ParentStub };
export type DataCenterFields = Partial<Omit<Known<V2Fields>, 'parent'>> &
  Pick<Known<V2Fields>, Required4> & { parent?: ParentStub };
export type CloudIssue = Omit<Version3Models.Issue, 'fields'> & { fields: CloudFields };
export type DataCenterIssue = Omit<Version2Models.Issue, 'fields'> & { fields: DataCenterFields };
type CloudSearch = Omit<Version3Models.SearchAndReconcileResults, 'issues'> & { issues: CloudIssue[] };
type DataCenterSearch = Omit<Version2Models.SearchResults, 'issues'> & { issues: DataCenterIssue[] };

export interface IssueSeed {
  key: string;
  summary: string;
  /** Plain text; served as an ADF document on Cloud and as a string on Data Center. */
  description?: string;
  /** A raw ADF document for Cloud, instead of `description`. */
  adf?: Version3Models.Document;
  labels?: string[];
  components?: string[];
  issueType?: string;
  status?: { name: string; category: 'new' | 'indeterminate' | 'done' };
  parentKey?: string;
  changelog?: Version3Models.Changelog[];
  /** Found by the discovery search (default true). */
  inSearch?: boolean;
}

interface StoredIssue {
  seed: IssueSeed;
  id: string;
  properties: Map<string, unknown>;
  remoteLinks: Version3Models.RemoteIssueLink[];
}

export interface Fault {
  method?: string;
  /** Matched against the path (after /rest/api/N). */
  path: RegExp;
  times: number;
  /** Let this many matching requests through before failing. */
  after?: number;
  /** The answer; it sees the request (a fault may echo what was sent, as some proxies do). */
  respond: (request: SeenRequest) => Response | Promise<Response>;
}

export interface SeenRequest {
  method: string;
  path: string;
  search: string;
  body: unknown;
  authorization: string | null;
}

const category = (key: 'new' | 'indeterminate' | 'done'): Version3Models.StatusCategory => ({
  key,
  name: key === 'new' ? 'To Do' : key === 'done' ? 'Done' : 'In Progress',
  id: key === 'new' ? 2 : key === 'done' ? 3 : 4,
});

function adfOf(text: string): Version3Models.Document {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n')
      .map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })),
  };
}

export class JiraWorld {
  readonly issues = new Map<string, StoredIssue>();
  readonly requests: SeenRequest[] = [];
  private readonly faults: Fault[] = [];
  private nextId = 10_000;
  private nextLinkId = 1;
  private tokenGeneration = 1;
  /** Every Cloud page token this world handed out, in order. */
  readonly issuedTokens: string[] = [];
  /** Issues Jira returns per search page at most, whatever the client asks. */
  pageCap = 50;
  /** A broken server: every search answers the first page (Cloud: with the token it was sent). */
  ignoresCursor = false;

  constructor(
    readonly flavour: 'cloud' | 'data-center',
    readonly site: string,
  ) {}

  add(...seeds: IssueSeed[]): this {
    for (const seed of seeds)
      this.issues.set(seed.key, { seed, id: String(this.nextId++), properties: new Map(), remoteLinks: [] });
    return this;
  }

  issue(key: string): StoredIssue {
    const stored = this.issues.get(key);
    if (!stored) throw new Error(`no issue ${key} in the world`);
    return stored;
  }

  fail(fault: Fault): this {
    this.faults.push(fault);
    return this;
  }

  /** Page tokens handed out so far stop working (Jira's tokens expire). */
  expireTokens(): void {
    this.tokenGeneration++;
  }

  setStatus(key: string, status: IssueSeed['status']): void {
    this.issue(key).seed.status = status;
  }

  private fieldsV3(s: StoredIssue): CloudFields {
    const seed = s.seed;
    const status = seed.status ?? { name: 'To Do', category: 'new' };
    const fields: CloudFields = {
      summary: seed.summary,
      labels: seed.labels ?? [],
      components: (seed.components ?? []).map((name, i) => ({ id: String(100 + i), name })),
      status: { name: status.name, id: '1', statusCategory: category(status.category) },
      issuetype: { name: seed.issueType ?? 'Epic', id: '10000', subtask: false },
      created: '2026-10-01T09:00:00.000+0000',
      updated: '2026-11-20T09:00:00.000+0000',
    };
    const description = seed.adf ?? (seed.description !== undefined ? adfOf(seed.description) : undefined);
    if (description) fields.description = description;
    if (seed.parentKey) fields.parent = { id: this.issue(seed.parentKey).id, key: seed.parentKey };
    return fields;
  }

  private fieldsV2(s: StoredIssue): DataCenterFields {
    const seed = s.seed;
    const status = seed.status ?? { name: 'To Do', category: 'new' };
    const fields: DataCenterFields = {
      summary: seed.summary,
      labels: seed.labels ?? [],
      components: (seed.components ?? []).map((name, i) => ({ id: String(100 + i), name })),
      status: { name: status.name, id: '1', statusCategory: category(status.category) },
      issuetype: { name: seed.issueType ?? 'Epic', id: '10000', subtask: false },
      created: '2026-10-01T09:00:00.000+0000',
      updated: '2026-11-20T09:00:00.000+0000',
    };
    if (seed.description !== undefined) fields.description = seed.description;
    if (seed.parentKey) fields.parent = { id: this.issue(seed.parentKey).id, key: seed.parentKey };
    return fields;
  }

  cloudIssue(key: string): CloudIssue {
    const s = this.issue(key);
    return { id: s.id, key, self: `${this.site}/rest/api/3/issue/${s.id}`, fields: this.fieldsV3(s) };
  }

  dataCenterIssue(key: string, withChangelog = false): DataCenterIssue {
    const s = this.issue(key);
    const issue: DataCenterIssue = {
      id: s.id,
      key,
      self: `${this.site}/rest/api/2/issue/${s.id}`,
      fields: this.fieldsV2(s),
    };
    if (withChangelog) {
      const histories: Version2Models.Changelog[] = s.seed.changelog ?? [];
      issue.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
    }
    return issue;
  }

  private matching(jql: string): string[] {
    const label = /labels\s*=\s*"([^"]+)"/.exec(jql)?.[1];
    return [...this.issues.values()]
      .filter((s) => (label ? (s.seed.labels ?? []).includes(label) : s.seed.inSearch !== false))
      .map((s) => s.seed.key);
  }

  private async fault(seen: SeenRequest): Promise<Response | undefined> {
    const { method, path } = seen;
    for (const fault of this.faults) {
      if (fault.times <= 0 || !fault.path.test(path) || (fault.method && fault.method !== method)) continue;
      if (fault.after && fault.after > 0) {
        fault.after--;
        continue;
      }
      fault.times--;
      return fault.respond(seen);
    }
    return undefined;
  }

  private json(body: JsonBodyType, status = 200): Response {
    return HttpResponse.json(body, { status });
  }

  private notFound(): Response {
    return this.json(
      { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
      404,
    );
  }

  handlers() {
    const base = `${this.site}/rest/api/${this.flavour === 'cloud' ? 3 : 2}`;
    const record = async (request: Request): Promise<{ path: string; body: unknown } | Response> => {
      const url = new URL(request.url);
      const path = url.pathname.replace(/^.*\/rest\/api\/\d/, '');
      const text = request.method === 'GET' ? '' : await request.clone().text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const seen: SeenRequest = {
        method: request.method,
        path,
        search: url.search,
        body,
        authorization: request.headers.get('authorization'),
      };
      this.requests.push(seen);
      return (await this.fault(seen)) ?? { path, body };
    };
    const issueKeyOf = (params: Record<string, string | readonly string[] | undefined>) => String(params.key);

    return [
      http.post(`${base}/search/jql`, async ({ request }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const body = seen.body as Version3Models.EnhancedSearchRequest;
        let offset = 0;
        if (body.nextPageToken) {
          const [generation, at] = atob(body.nextPageToken).split(':').map(Number);
          if (generation !== this.tokenGeneration || at === undefined || Number.isNaN(at)) {
            return this.json(
              { errorMessages: ['The provided next page token is invalid or expired.'], errors: {} },
              400,
            );
          }
          offset = this.ignoresCursor ? 0 : at;
        }
        const keys = this.matching(body.jql ?? '');
        const size = Math.min(body.maxResults ?? 50, this.pageCap);
        const slice = keys.slice(offset, offset + size);
        const page: CloudSearch = { issues: slice.map((k) => this.cloudIssue(k)) };
        if (offset + size < keys.length) {
          page.nextPageToken =
            this.ignoresCursor && body.nextPageToken
              ? body.nextPageToken
              : btoa(`${this.tokenGeneration}:${offset + size}`);
          this.issuedTokens.push(page.nextPageToken);
        }
        return this.json(page);
      }),
      http.post(`${base}/search`, async ({ request }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const body = seen.body as Version2Models.SearchRequest;
        const keys = this.matching(body.jql ?? '');
        const startAt = this.ignoresCursor ? 0 : (body.startAt ?? 0);
        const size = Math.min(body.maxResults ?? 50, this.pageCap);
        const page: DataCenterSearch = {
          startAt,
          maxResults: size,
          total: keys.length,
          issues: keys.slice(startAt, startAt + size).map((k) => this.dataCenterIssue(k)),
        };
        return this.json(page);
      }),
      http.get(`${base}/issue/:key/changelog`, async ({ request, params }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const key = issueKeyOf(params);
        if (!this.issues.has(key)) return this.notFound();
        const url = new URL(request.url);
        const startAt = Number(url.searchParams.get('startAt') ?? 0);
        const max = Math.min(Number(url.searchParams.get('maxResults') ?? 100), 2);
        const all = this.issue(key).seed.changelog ?? [];
        const values = all.slice(startAt, startAt + max);
        const page: Version3Models.PageChangelog = {
          startAt,
          maxResults: max,
          total: all.length,
          isLast: startAt + max >= all.length,
          values,
        };
        return this.json(page);
      }),
      http.get(`${base}/issue/:key/properties/:prop`, async ({ request, params }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const key = issueKeyOf(params);
        if (!this.issues.has(key)) return this.notFound();
        const value = this.issue(key).properties.get(String(params.prop));
        if (value === undefined)
          return this.json({ errorMessages: ['The property was not found.'], errors: {} }, 404);
        const property: Version3Models.EntityProperty = { key: String(params.prop), value };
        return this.json(property);
      }),
      http.put(`${base}/issue/:key/properties/:prop`, async ({ request, params }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const key = issueKeyOf(params);
        if (!this.issues.has(key)) return this.notFound();
        const existed = this.issue(key).properties.has(String(params.prop));
        this.issue(key).properties.set(String(params.prop), seen.body);
        return new HttpResponse(null, { status: existed ? 200 : 201 });
      }),
      http.get(`${base}/issue/:key/remotelink`, async ({ request, params }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const key = issueKeyOf(params);
        if (!this.issues.has(key)) return this.notFound();
        return this.json(this.issue(key).remoteLinks);
      }),
      http.post(`${base}/issue/:key/remotelink`, async ({ request, params }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const key = issueKeyOf(params);
        if (!this.issues.has(key)) return this.notFound();
        const link = seen.body as Version3Models.RemoteIssueLinkRequest;
        if (!link.object?.url || !link.object.title)
          return this.json({ errorMessages: [], errors: { object: 'url and title are required' } }, 400);
        const links = this.issue(key).remoteLinks;
        const existing = link.globalId ? links.find((l) => l.globalId === link.globalId) : undefined;
        if (existing) {
          Object.assign(existing, link);
          const same: Version3Models.RemoteIssueLinkIdentifies = {
            id: existing.id ?? 0,
            self: `${base}/issue/${key}/remotelink/${existing.id}`,
          };
          return this.json(same, 200);
        }
        const id = this.nextLinkId++;
        links.push({ ...link, id, self: `${base}/issue/${key}/remotelink/${id}` });
        const created: Version3Models.RemoteIssueLinkIdentifies = {
          id,
          self: `${base}/issue/${key}/remotelink/${id}`,
        };
        return this.json(created, 201);
      }),
      http.get(`${base}/issue/:key`, async ({ request, params }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const key = issueKeyOf(params);
        if (!this.issues.has(key)) return this.notFound();
        const expand = new URL(request.url).searchParams.get('expand') ?? '';
        const body =
          this.flavour === 'cloud'
            ? this.cloudIssue(key)
            : this.dataCenterIssue(key, expand.includes('changelog'));
        return this.json(body);
      }),
      http.post(`${base}/issue`, async ({ request }) => {
        const seen = await record(request);
        if (seen instanceof Response) return seen;
        const body = seen.body as Version3Models.IssueUpdateDetails;
        const fields = (body.fields ?? {}) as {
          summary?: string;
          labels?: string[];
          project?: { key?: string };
          description?: unknown;
        };
        const project = fields.project?.key ?? 'X';
        const number = [...this.issues.keys()].filter((k) => k.startsWith(`${project}-`)).length + 1;
        const key = `${project}-${number}`;
        const seed: IssueSeed = {
          key,
          summary: fields.summary ?? '',
          labels: fields.labels ?? [],
          issueType: 'Task',
          inSearch: false,
        };
        if (typeof fields.description === 'string') seed.description = fields.description;
        this.add(seed);
        const created: Version3Models.CreatedIssue = {
          id: this.issue(key).id,
          key,
          self: `${base}/issue/${this.issue(key).id}`,
        };
        return this.json(created, 201);
      }),
    ];
  }
}

/** Canned fault responses. */
export const faults = {
  status:
    (status: number, headers: Record<string, string> = {}) =>
    () =>
      HttpResponse.json({ errorMessages: [`status ${status}`], errors: {} }, { status, headers }),
  malformed: () => () =>
    new HttpResponse('{"issues": [ {"id": ', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
  hang: () => async () => {
    await delay('infinite');
    return new HttpResponse(null);
  },
};

/** A changelog entry typed as Jira returns it. */
export function change(
  id: string,
  created: string,
  items: { field: string; from?: string; to?: string }[],
): Version3Models.Changelog {
  return {
    id,
    created,
    author: { displayName: 'Priya Nair', accountId: 'a-1' },
    // Built as one literal: a change item has a field named `toString`.
    items: items.map((item): Version3Models.ChangeDetails => ({
      field: item.field,
      fieldtype: 'jira',
      fieldId: item.field,
      fromString: item.from,
      toString: item.to,
    })),
  };
}
