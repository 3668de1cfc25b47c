// An in-memory GitHub for tests and benchmarks: repositories with real git object SHAs, branches,
// pull requests and issue comments, answered over the REST routes the connector uses, with ETags,
// rate-limit headers, Link pagination and injectable faults. Transport-neutral: msw (unit tests) and
// a node:http server (benchmark, Action test, browser tests) both hand it requests.
import { createHash } from 'node:crypto';
import {
  basicError,
  blobPayload,
  branchPayload,
  diffEntry,
  fullRepository,
  gitTree,
  issueComment,
  minimalRepository,
  pullRequestPayload,
  type PullFacts,
  type RepoFacts,
  type Schemas,
} from './payloads';

export type FileContent = string | Uint8Array;
export type FileMap = Record<string, FileContent>;

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON value, or raw text (a malformed body), or undefined for none. */
  body?: unknown;
  raw?: string;
  /** Drop the connection instead of answering. */
  reset?: boolean;
}

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  | { kind: 'reset' }
  | { kind: 'malformed' };

interface TreeEntryObj {
  name: string;
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
}

interface RepoObj {
  facts: RepoFacts;
  blobs: Map<string, Uint8Array>;
  trees: Map<string, TreeEntryObj[]>;
  commits: Map<string, { tree: string }>;
  branches: Map<string, string>;
  pulls: Map<number, PullFacts & { files: Schemas['diff-entry'][] }>;
  comments: Map<number, Schemas['issue-comment'][]>;
  status?: 404 | 451;
  empty: boolean;
  /** Recursive listings of trees with more entries than this come back truncated. */
  truncateAbove?: number;
}

const bytesOf = (c: FileContent) => (typeof c === 'string' ? new TextEncoder().encode(c) : c);
const sha1 = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex');

/** The SHA git gives a blob. */
export function gitBlobSha(content: FileContent): string {
  const bytes = bytesOf(content);
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), Buffer.from(bytes)]));
}

export interface RecordedRequest {
  method: string;
  path: string;
  conditional: boolean;
  status: number;
}

export class MockGitHub {
  readonly repos = new Map<string, RepoObj>();
  readonly orgs = new Map<string, string[]>();
  readonly log: RecordedRequest[] = [];
  private faults: { match: RegExp; fault: Fault; times: number }[] = [];
  private nextId = 1;
  private commentId = 1000;
  /** Quota left; decremented by every answered request except 304s. */
  remaining = 5000;
  readonly resetAt = 4_102_444_800;

  constructor(
    readonly apiUrl: string,
    readonly webUrl = 'https://github.com',
  ) {}

  /** Adds a repository whose default branch holds `files` (none: an empty repository, 409 on trees). */
  addRepo(
    fullName: string,
    files: FileMap | undefined,
    options: { defaultBranch?: string; archived?: boolean; fork?: boolean; status?: 404 | 451 } = {},
  ): void {
    const [owner = '', name = ''] = fullName.split('/');
    const facts: RepoFacts = {
      apiUrl: this.apiUrl,
      webUrl: this.webUrl,
      owner,
      name,
      id: this.nextId++,
      defaultBranch: options.defaultBranch ?? 'main',
      archived: options.archived ?? false,
      fork: options.fork ?? false,
      pushedAt: '2026-11-01T00:00:00Z',
    };
    const repo: RepoObj = {
      facts,
      blobs: new Map(),
      trees: new Map(),
      commits: new Map(),
      branches: new Map(),
      pulls: new Map(),
      comments: new Map(),
      empty: files === undefined,
      ...(options.status ? { status: options.status } : {}),
    };
    this.repos.set(fullName.toLowerCase(), repo);
    const list = this.orgs.get(owner.toLowerCase()) ?? [];
    list.push(fullName);
    this.orgs.set(owner.toLowerCase(), list);
    if (files) this.commit(fullName, facts.defaultBranch, files);
  }

  /** Commits `files` as the whole content of `branch`; returns the commit SHA. */
  commit(fullName: string, branch: string, files: FileMap): string {
    const repo = this.repo(fullName);
    repo.empty = false;
    const tree = this.writeTree(repo, files);
    const parent = repo.branches.get(branch) ?? '';
    const commit = sha1(`commit ${tree} ${parent} ${repo.commits.size}`);
    repo.commits.set(commit, { tree });
    repo.branches.set(branch, commit);
    repo.facts.pushedAt = new Date(Date.UTC(2026, 10, 1) + repo.commits.size * 60_000).toISOString();
    return commit;
  }

  /** Opens pull request #number from a branch holding `headFiles` into the default branch. */
  openPull(
    fullName: string,
    number: number,
    headFiles: FileMap,
    facts: { title?: string; body?: string | null; labels?: string[]; headRef?: string } = {},
  ): { base: string; head: string } {
    const repo = this.repo(fullName);
    const baseRef = repo.facts.defaultBranch;
    const base = repo.branches.get(baseRef) ?? '';
    const headRef = facts.headRef ?? `change-${number}`;
    const head = this.commit(fullName, headRef, headFiles);
    const baseFiles = this.filesAt(repo, base);
    const headMap = this.filesAt(repo, head);
    const files: Schemas['diff-entry'][] = [];
    for (const path of [...new Set([...baseFiles.keys(), ...headMap.keys()])].sort()) {
      const before = baseFiles.get(path);
      const after = headMap.get(path);
      if (before === after) continue;
      const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
      files.push(diffEntry(repo.facts, head, { filename: path, status, sha: after ?? before ?? null }));
    }
    repo.pulls.set(number, {
      number,
      title: facts.title ?? `Change ${number}`,
      body: facts.body ?? null,
      labels: facts.labels ?? [],
      base: { ref: baseRef, sha: base },
      head: { ref: headRef, sha: head },
      changedFiles: files.length,
      files,
    });
    return { base, head };
  }

  /** Recursive tree listings over `entries` entries come back truncated. */
  truncateTrees(fullName: string, entries: number): void {
    this.repo(fullName).truncateAbove = entries;
  }

  /** The next `times` requests whose path matches get `fault` instead of an answer. */
  fail(match: RegExp, fault: Fault, times = 1): void {
    this.faults.push({ match, fault, times });
  }

  comments(fullName: string, issue: number): Schemas['issue-comment'][] {
    return this.repo(fullName).comments.get(issue) ?? [];
  }

  /** Requests that count against the rate limit (everything answered but 304s). */
  get counted(): number {
    return this.log.filter((r) => r.status !== 304 && r.status !== 0).length;
  }

  private repo(fullName: string): RepoObj {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`no mock repository ${fullName}`);
    return repo;
  }

  private writeTree(repo: RepoObj, files: FileMap): string {
    interface Dir {
      files: Map<string, string>;
      dirs: Map<string, Dir>;
    }
    const root: Dir = { files: new Map(), dirs: new Map() };
    for (const [path, content] of Object.entries(files)) {
      const parts = path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.dirs.get(part);
        if (!next) {
          next = { files: new Map(), dirs: new Map() };
          dir.dirs.set(part, next);
        }
        dir = next;
      }
      const bytes = bytesOf(content);
      const sha = gitBlobSha(bytes);
      repo.blobs.set(sha, bytes);
      dir.files.set(parts[parts.length - 1] ?? '', sha);
    }
    const write = (dir: Dir): string => {
      const entries: TreeEntryObj[] = [];
      for (const [name, sha] of dir.files) entries.push({ name, mode: '100644', type: 'blob', sha });
      for (const [name, sub] of dir.dirs)
        entries.push({ name, mode: '040000', type: 'tree', sha: write(sub) });
      // git's order: names compared with a trailing '/' on folders.
      const key = (e: TreeEntryObj) => (e.type === 'tree' ? `${e.name}/` : e.name);
      entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      const body = Buffer.concat(
        entries.map((e) =>
          Buffer.concat([
            Buffer.from(`${e.type === 'tree' ? '40000' : '100644'} ${e.name}\0`),
            Buffer.from(e.sha, 'hex'),
          ]),
        ),
      );
      const sha = sha1(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]));
      repo.trees.set(sha, entries);
      return sha;
    };
    return write(root);
  }

  private filesAt(repo: RepoObj, commit: string): Map<string, string> {
    const out = new Map<string, string>();
    const tree = repo.commits.get(commit)?.tree;
    if (tree) for (const e of this.flatten(repo, tree, '')) if (e.type === 'blob') out.set(e.path, e.sha);
    return out;
  }

  private flatten(repo: RepoObj, tree: string, prefix: string): Schemas['git-tree']['tree'] {
    const out: Schemas['git-tree']['tree'] = [];
    for (const e of repo.trees.get(tree) ?? []) {
      const path = prefix + e.name;
      const size = e.type === 'blob' ? repo.blobs.get(e.sha)?.length : undefined;
      out.push({ path, mode: e.mode, type: e.type, sha: e.sha, ...(size !== undefined ? { size } : {}) });
      if (e.type === 'tree') out.push(...this.flatten(repo, e.sha, `${path}/`));
    }
    return out;
  }

  /** Answers one request. `path` includes the query string; `body` is the parsed JSON body. */
  handle(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string | undefined>,
    body?: unknown,
  ): MockResponse {
    const url = new URL(pathAndQuery, 'http://mock.invalid');
    const apiPath = new URL(this.apiUrl).pathname.replace(/\/$/, '');
    const path = url.pathname.startsWith(apiPath) ? url.pathname.slice(apiPath.length) : url.pathname;
    const conditional = headers['if-none-match'] !== undefined;
    const record: RecordedRequest = { method, path: path + url.search, conditional, status: 0 };
    this.log.push(record);
    const fault = this.faults.find((f) => f.times > 0 && f.match.test(path + url.search));
    let response: MockResponse;
    if (fault) {
      fault.times--;
      response = this.faultResponse(fault.fault);
    } else {
      response = this.route(method, path, url.searchParams, body);
      const etag = response.status === 200 ? `W/"${sha1(JSON.stringify(response.body))}"` : undefined;
      if (etag) {
        response.headers.etag = etag;
        if (method === 'GET' && headers['if-none-match'] === etag)
          response = { status: 304, headers: { etag } };
      }
    }
    if (!response.reset) {
      if (response.status !== 304 && this.remaining > 0) this.remaining--;
      response.headers['x-ratelimit-limit'] ??= '5000';
      response.headers['x-ratelimit-remaining'] ??= String(this.remaining);
      response.headers['x-ratelimit-reset'] ??= String(this.resetAt);
    }
    record.status = response.reset ? 0 : response.status;
    return response;
  }

  private faultResponse(fault: Fault): MockResponse {
    if (fault.kind === 'reset') return { status: 0, headers: {}, reset: true };
    if (fault.kind === 'malformed')
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        raw: '{"sha": "abc", "tree": [',
      };
    return {
      status: fault.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...(fault.headers ?? {}) },
      body: basicError(fault.message ?? `HTTP ${fault.status}`),
    };
  }

  private json(body: unknown, headers: Record<string, string> = {}): MockResponse {
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body };
  }

  private error(status: number, message: string): MockResponse {
    return {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: basicError(message),
    };
  }

  private page<T>(items: T[], params: URLSearchParams, path: string): MockResponse {
    const perPage = Math.min(100, Number(params.get('per_page') ?? '30') || 30);
    const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URLSearchParams(params);
      next.set('page', String(page + 1));
      const lastParams = new URLSearchParams(params);
      lastParams.set('page', String(last));
      headers.link = `<${this.apiUrl}${path}?${next}>; rel="next", <${this.apiUrl}${path}?${lastParams}>; rel="last"`;
    }
    return this.json(slice, headers);
  }

  private route(method: string, path: string, params: URLSearchParams, body: unknown): MockResponse {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (
      method === 'GET' &&
      (parts[0] === 'orgs' || parts[0] === 'users') &&
      parts[2] === 'repos' &&
      parts.length === 3
    ) {
      const names = this.orgs.get((parts[1] ?? '').toLowerCase());
      if (!names) return this.error(404, 'Not Found');
      const items = names.map((n) => minimalRepository(this.repo(n).facts));
      return this.page(items, params, path);
    }
    if (parts[0] !== 'repos' || parts.length < 3) return this.error(404, 'Not Found');
    const repo = this.repos.get(`${parts[1]}/${parts[2]}`.toLowerCase());
    if (!repo) return this.error(404, 'Not Found');
    if (repo.status === 451) return this.error(451, 'Repository access blocked');
    if (repo.status === 404) return this.error(404, 'Not Found');
    const rest = parts.slice(3);
    const full = `${repo.facts.owner}/${repo.facts.name}`;
    if (method === 'GET' && rest.length === 0) return this.json(fullRepository(repo.facts));
    if (method === 'GET' && rest[0] === 'git' && rest[1] === 'trees' && rest.length === 3) {
      if (repo.empty) return this.error(409, 'Git Repository is empty.');
      const ref = rest[2] ?? '';
      const commit = repo.branches.get(ref) ?? (repo.commits.has(ref) ? ref : undefined);
      const treeSha = commit ? repo.commits.get(commit)?.tree : repo.trees.has(ref) ? ref : undefined;
      if (!treeSha) return this.error(404, 'Not Found');
      if (params.get('recursive')) {
        const all = this.flatten(repo, treeSha, '');
        if (repo.truncateAbove !== undefined && all.length > repo.truncateAbove)
          return this.json(gitTree(treeSha, true, all.slice(0, repo.truncateAbove)));
        return this.json(gitTree(treeSha, false, all));
      }
      const level = (repo.trees.get(treeSha) ?? []).map((e) => {
        const size = e.type === 'blob' ? repo.blobs.get(e.sha)?.length : undefined;
        return {
          path: e.name,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
          ...(size !== undefined ? { size } : {}),
        };
      });
      return this.json(gitTree(treeSha, false, level));
    }
    if (method === 'GET' && rest[0] === 'git' && rest[1] === 'blobs' && rest.length === 3) {
      const bytes = repo.blobs.get(rest[2] ?? '');
      if (!bytes) return this.error(404, 'Not Found');
      return this.json(blobPayload(this.apiUrl, full, rest[2] ?? '', bytes));
    }
    if (method === 'GET' && rest[0] === 'branches' && rest.length === 2) {
      const commit = repo.branches.get(rest[1] ?? '');
      if (!commit) return this.error(404, 'Branch not found');
      const tree = repo.commits.get(commit)?.tree ?? '';
      return this.json(branchPayload(this.apiUrl, this.webUrl, full, rest[1] ?? '', commit, tree));
    }
    if (rest[0] === 'pulls' && rest.length >= 2) {
      const pull = repo.pulls.get(Number(rest[1]));
      if (!pull) return this.error(404, 'Not Found');
      if (method === 'GET' && rest.length === 2) return this.json(pullRequestPayload(repo.facts, pull));
      if (method === 'GET' && rest[2] === 'files') return this.page(pull.files.slice(0, 3000), params, path);
    }
    if (rest[0] === 'issues' && rest[2] === 'comments' && rest.length === 3) {
      const issue = Number(rest[1]);
      const list = repo.comments.get(issue) ?? [];
      if (method === 'GET') return this.page(list, params, path);
      if (method === 'POST') {
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return this.error(422, 'Validation Failed');
        const comment = issueComment(repo.facts, issue, this.commentId++, text);
        repo.comments.set(issue, [...list, comment]);
        return { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, body: comment };
      }
    }
    if (method === 'PATCH' && rest[0] === 'issues' && rest[1] === 'comments' && rest.length === 3) {
      const id = Number(rest[2]);
      const text = (body as { body?: unknown } | undefined)?.body;
      for (const list of repo.comments.values()) {
        const found = list.find((c) => c.id === id);
        if (found && typeof text === 'string') {
          found.body = text;
          return this.json(found);
        }
      }
      return this.error(404, 'Not Found');
    }
    return this.error(404, 'Not Found');
  }
}
