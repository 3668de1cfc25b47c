// What the background does for each message. Everything it needs is passed in, so a restarted
// service worker rebuilds it from IndexedDB and nothing lives in module state.
import type { RecordKind } from '../../shared/model';
import { demoOrganisation } from '../../shared/demo';
import type { Register } from '../../shared/register';
import {
  Request,
  describeError,
  responseSchema,
  type Failure,
  type RequestType,
  type Response,
  type Success,
} from './messages';
import { GITHUB_DOT_COM, overlayStatus, type OverlayTarget } from './overlay-status';
import { registerPageEvidence, type TenantGraph } from './sharepoint-evidence';
import { RemedyError } from './remedy';
import type { Client } from '@microsoft/microsoft-graph-client';
import { jiraPanel, knownJiraSites, linkIssue, type JiraIssueDeps } from './jira-issue';
import { pullChanges, type GithubPullReader } from './github-pull';
import { loadSnapshot } from '../../shared/processes/snapshot';
import { assessmentStatus, systemRiskLevel } from '../../shared/processes/reassessment';
import type { JobRunner } from './jobs/runner';
import { PENDING_STATES } from './jobs/job';
import type { Schedule } from './jobs/schedule';
import type { ConnectionService } from './connections/service';
import { bundleOf } from '../../shared/exchange/bundle';
import type { BundleUploads } from './jobs/import-upload';
import { recordOne, ruleFor } from '../../shared/records';
import type { RecordWrite } from '../../shared/processes/writes';
import { overlayHostOf } from '../overlay/hosts';
import { jiraSiteOf } from '../overlay/jira-pages';
import { httpsOrigin, mayAsk, type SenderRole } from './senders';
import { createInventoryIndex, type InventoryIndex } from './inventory-index';
import { listingReader, readRegisterView, type WholeRegisterReader } from './register-read';
import { IMPORT_PENDING_REFUSAL } from './jobs/import-guard';

export interface BackgroundDeps {
  register: Register;
  /** The current day, YYYY-MM-DD. */
  today: () => string;
  /** The current instant (ISO). */
  now: () => string;
  /** Long work; absent where a test does not need it. */
  jobs?: JobRunner;
  /** Connection settings and probes; absent where a test does not need them. */
  connections?: ConnectionService;
  /** Opens the Connections page in a tab; absent where a test does not need it. */
  openConnections?: () => Promise<void>;
  /** Builds a Graph client for a token getter (the SharePoint connector's); absent in tests without Graph. */
  graphClient?: (token: () => Promise<string>) => Client;
  /** Reads a pull request's changes from GitHub with the stored connection; absent: not connected. */
  githubPulls?: GithubPullReader;
  /**
   * The periodic schedule's settings; writing them also sets or clears the alarm. `nextRun`: when the
   * alarm fires next (ISO), or undefined when none is set.
   */
  schedule?: {
    read(): Promise<Schedule>;
    write(schedule: Schedule): Promise<void>;
    nextRun(): Promise<string | undefined>;
  };
  /** Bundles uploaded in chunks for import; absent where a test does not need them. */
  uploads?: BundleUploads;
  /** Empties the register's records and events (for import into a clean register). */
  clearRegister?: () => Promise<{ records: number; events: number }>;
  /** The inventory's pages, kept per register version; absent: read afresh for each page. */
  inventory?: InventoryIndex;
  /**
   * Every record and the event log as of one moment (IndexedDB: one read transaction). Absent: read
   * through the register kind by kind, which suits a register nothing else writes meanwhile.
   */
  readWhole?: WholeRegisterReader;
  /** The Jira panel's connection, transport and host-access check; absent where a test does not need them. */
  jira?: Pick<JiraIssueDeps, 'connections' | 'fetch' | 'hostAllowed' | 'sleep'>;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not available here`);
  return value;
}

async function statusOf(target: OverlayTarget, register: Register, today: string) {
  const snapshot = await loadSnapshot(register);
  const assess = (systemId: string) => {
    const riskLevel = systemRiskLevel(snapshot, systemId, today);
    return {
      risk: assessmentStatus(snapshot, systemId, 'risk', today).state,
      impact: assessmentStatus(snapshot, systemId, 'impact', today).state,
      ...(riskLevel ? { riskLevel } : {}),
    };
  };
  const records = {
    systems: snapshot['ai-system'],
    evidence: snapshot.evidence,
    triggers: snapshot.trigger,
  };
  return { ok: true as const, status: overlayStatus(target, records, assess) };
}

const DEMO_CONTEXT = { actor: 'aims-demo', cause: 'demo organisation' };

type Handlers = {
  [T in RequestType]: (
    request: Extract<Request, { type: T }>,
    deps: BackgroundDeps,
    sender: SenderRole,
  ) => Promise<Success<T>>;
};

const written = (writes: readonly RecordWrite[]) =>
  writes.map((w) => ({ kind: w.kind, id: String((w.draft as { id?: unknown }).id ?? '') }));

/**
 * Where an overlay's record points must be its own host: a GitHub page records GitHub things, and
 * evidence comes from the very origin of the page that asks (one SharePoint tenant never records
 * another's document). Throws `refused: …` otherwise.
 */
function checkOverlayRecord(
  kind: 'trigger' | 'evidence',
  value: Record<string, unknown>,
  host: string,
  origin: string | undefined,
): void {
  if (kind === 'evidence') {
    const url = typeof value.url === 'string' ? value.url : '';
    if (value.sourceTool !== host || overlayHostOf(url) !== host) {
      throw new Error(`refused: evidence from the ${host} overlay must come from a ${host} address`);
    }
    if (origin !== undefined && httpsOrigin(url) !== origin) {
      throw new Error(`refused: evidence from a ${host} page must be an address of that page's own site`);
    }
  } else {
    const source = value.source as { tool?: unknown } | undefined;
    if (source?.tool !== host)
      throw new Error(`refused: a trigger from the ${host} overlay must name ${host} as its source`);
  }
}

const handlers: Handlers = {
  'inventory/list': async ({ type: _type, ...query }, { register, inventory }) => ({
    ok: true,
    ...(await (inventory ?? createInventoryIndex({ systems: () => register.list('ai-system') })).page(query)),
  }),

  'demo/load': async (request, { register, today }) => {
    const { records } = demoOrganisation(request.today ?? today());
    // Re-loading is harmless: the register skips writes whose content is unchanged.
    const written = await register.transact(DEMO_CONTEXT, async (tx) => {
      let changed = 0;
      for (const draft of records) {
        const kind: RecordKind = draft.kind;
        const before = await tx.get(kind, draft.id);
        const after = await tx.put(kind, draft);
        if (after.revision !== before?.revision) changed++;
      }
      return changed;
    });
    return { ok: true, records: records.length, written };
  },

  'register/verify': async (request, { register }) => ({
    ok: true,
    verdict: await register.verify(request.anchor ? { anchor: request.anchor } : {}),
  }),

  'register/read': async ({ type: _type, ...options }, { register, readWhole }) => ({
    ok: true,
    ...(await readRegisterView(readWhole ?? listingReader(register), options)),
  }),

  'record/write': async ({ kind, value }, { register, today, now }) => {
    const rule = ruleFor(kind);
    const writes = await recordOne(register, rule.kind, value, {
      today: today(),
      now: now(),
      actor: 'aims-lens-extension',
      cause: `dashboard: record ${rule.kind}`,
    });
    return { ok: true, writes: written(writes) };
  },

  'overlay/record': async ({ kind, value }, { register, today, now }, sender) => {
    const host = sender.kind === 'content-script' ? sender.host : undefined;
    if (host) {
      checkOverlayRecord(kind, value, host, sender.kind === 'content-script' ? sender.origin : undefined);
      // A page's script may be compromised, so an overlay only adds: it never replaces or closes a
      // record the register already holds (that is the dashboard's, through the same rules).
      const id = typeof value.id === 'string' ? value.id : undefined;
      if (id !== undefined && (await register.get(kind, id)) !== undefined) {
        throw new Error(`refused: an overlay adds records; it cannot change the existing ${kind} ${id}`);
      }
    }
    const writes = await recordOne(register, kind, value, {
      today: today(),
      now: now(),
      actor: host ? `aims-lens-overlay:${host}` : 'aims-lens-extension',
      cause: `overlay: record ${kind}`,
    });
    return { ok: true, writes: written(writes) };
  },

  'connections/list': async (_r, { connections }) => ({
    ok: true,
    connections: await need(connections, 'connections').list(),
  }),
  'connections/save': async ({ connection }, { connections }) => ({
    ok: true,
    connections: await need(connections, 'connections').save(connection),
  }),
  'connections/remove': async ({ service }, { connections }) => ({
    ok: true,
    connections: await need(connections, 'connections').remove(service),
  }),
  'connections/test': async ({ service }, { connections }) => ({
    ok: true,
    result: await need(connections, 'connections').test(service),
  }),
  'connections/sign-in': async (_r, { connections }) => ({
    ok: true,
    connections: await need(connections, 'connections').signIn(),
  }),
  'connections/open': async (_r, { openConnections }) => {
    await need(openConnections, 'opening the Connections page')();
    return { ok: true };
  },

  'jobs/list': async (_request, { jobs }) => ({ ok: true, jobs: await need(jobs, 'jobs').list() }),

  'jobs/start': async ({ kind, input }, { jobs }) => {
    const runner = need(jobs, 'jobs');
    if (await runner.pending(kind)) throw new Error(`refused: a ${kind} job is already pending`);
    return { ok: true, job: await runner.start(kind, input) };
  },
  'schedule/get': async (_request, { schedule }) => {
    const store = need(schedule, 'the schedule');
    const nextRunAt = await store.nextRun();
    return { ok: true, schedule: await store.read(), ...(nextRunAt ? { nextRunAt } : {}) };
  },
  'schedule/set': async (request, { schedule }) => {
    const store = need(schedule, 'the schedule');
    await store.write(request.schedule);
    const nextRunAt = await store.nextRun();
    return { ok: true, schedule: request.schedule, ...(nextRunAt ? { nextRunAt } : {}) };
  },

  'workspace/upload-begin': async ({ name, size }, { uploads }) => ({
    ok: true,
    ...(await need(uploads, 'bundle uploads').begin(name, size)),
  }),
  'workspace/upload-chunk': async ({ upload, index, text }, { uploads }) => ({
    ok: true,
    ...(await need(uploads, 'bundle uploads').chunk(upload, index, text)),
  }),
  'workspace/upload-finish': async ({ upload, chunks, batchSize }, { uploads, jobs }) => {
    const store = need(uploads, 'bundle uploads');
    // Checked whole here (refused before a job exists, so the page can say why at once), and again by
    // the job before it writes.
    const bundle = await store.finish(upload, chunks);
    const job = await need(jobs, 'jobs').start('import', {
      source: 'upload',
      name: bundle.name,
      upload,
      records: bundle.records,
      events: bundle.events,
      ...(batchSize ? { batchSize } : {}),
    });
    await store.attach(upload, job.id);
    return { ok: true, job };
  },
  'workspace/upload-abort': async ({ upload }, { uploads }) => {
    await need(uploads, 'bundle uploads').abort(upload);
    return { ok: true };
  },

  'workspace/export': async (_request, { register, readWhole, now }) => {
    // One moment of the register: a write meanwhile is wholly in the bundle or wholly out of it.
    const { records, events } = await (readWhole ?? listingReader(register))(true);
    return {
      ok: true,
      bundle: bundleOf(records, events, { exportedAt: now(), exportedBy: 'AIMS Lens extension' }),
    };
  },

  'register/clear': async (_request, { clearRegister, jobs }) => {
    const running = (await need(jobs, 'jobs').list()).some((j) => PENDING_STATES.includes(j.state));
    if (running) throw new Error('refused: a job is still running');
    return { ok: true, ...(await need(clearRegister, 'clearing the register')()) };
  },

  'overlay/github-status': async ({ repo, pull }, { register, today }, sender) =>
    statusOf(
      { tool: 'github', origin: githubOrigin(sender), repo, ...(pull ? { pull } : {}) },
      register,
      today(),
    ),
  'overlay/github-pull': async ({ repo, pull }, { register, today, githubPulls }, sender) => ({
    ok: true,
    pull: await pullChanges(
      register,
      { origin: githubOrigin(sender), repo, pull, today: today() },
      githubPulls,
    ),
  }),
  'overlay/jira-status': async ({ key }, deps, sender) =>
    statusOf({ tool: 'jira', ...(await jiraSite(deps, sender)), key }, deps.register, deps.today()),
  'overlay/jira-panel': async ({ key }, deps, sender) => jiraPanelReply(key, deps, sender),
  'overlay/jira-link': async ({ key, systemId, assessmentId }, deps, sender) => {
    const { site, issueDeps } = await jiraContext(deps, sender);
    await linkIssue({ key, systemId, ...(assessmentId ? { assessmentId } : {}) }, site, issueDeps);
    return jiraPanelReply(key, deps, sender);
  },
  'overlay/sharepoint-status': async ({ url }, { register, today }) =>
    statusOf({ tool: 'sharepoint', url }, register, today()),
  'overlay/sharepoint-register-evidence': async (
    request,
    { register, now, today, connections, graphClient },
    sender,
  ) => {
    ownTenantOnly(request.url, sender);
    // Only a configured Microsoft 365 connection makes a tenant real; without one the demo tenant's
    // pages are the demo (a real tenant of that name, once connected, goes through Graph).
    const microsoft = connections && (await connections.list()).some((c) => c.service === 'microsoft');
    const graph: TenantGraph | undefined =
      connections && graphClient && microsoft
        ? { token: () => connections.microsoftToken(), client: graphClient }
        : undefined;
    await registerPageEvidence(register, request, now(), graph);
    return statusOf({ tool: 'sharepoint', url: request.url }, register, today());
  },
};

/**
 * A SharePoint page may register only its own tenant's documents: the Graph token can read every tenant
 * the person can, so a content script naming another tenant's address is refused before any request.
 */
function ownTenantOnly(url: string, sender: SenderRole): void {
  if (sender.kind !== 'content-script') return;
  if (!sender.origin || new URL(url).origin !== sender.origin) {
    throw new Error("refused: a SharePoint page may register only its own tenant's documents");
  }
}

/**
 * The GitHub server a request is about: the sending page's own origin (github.com, or a GitHub
 * Enterprise Server whose content script was registered), github.com for the extension's own pages.
 */
function githubOrigin(sender: SenderRole): string {
  if (sender.kind === 'content-script' && sender.host === 'github' && sender.origin) return sender.origin;
  return GITHUB_DOT_COM;
}

/**
 * The Jira site a request is about: the sending page's own (a Jira content script only), its origin and,
 * on Data Center, its context path, told by the stored connection's server address when the page is
 * under it, guessed from the path otherwise (see jiraSiteOf), so two instances on one origin stay apart.
 * Also returns the known sites, by which the register's Jira addresses are read the same way.
 */
async function jiraSite(
  deps: BackgroundDeps,
  sender: SenderRole,
): Promise<{ site: string; sites: string[] }> {
  const page = sender.kind === 'content-script' && sender.host === 'jira' ? sender.url : undefined;
  if (!page) throw new Error('refused: only a Jira page can ask about its issue');
  const sites = deps.jira ? knownJiraSites(await deps.jira.connections()) : [];
  const site = jiraSiteOf(new URL(page), sites);
  if (!site || (sender.kind === 'content-script' && new URL(site).origin !== sender.origin)) {
    throw new Error("refused: the page's address does not tell which Jira site it is on");
  }
  return { site, sites };
}

async function jiraContext(deps: BackgroundDeps, sender: SenderRole) {
  const { site, sites } = await jiraSite(deps, sender);
  const jira = need(deps.jira, 'Jira');
  const issueDeps: JiraIssueDeps = { ...jira, register: deps.register, today: deps.today, now: deps.now };
  return { site, sites, issueDeps };
}

async function jiraPanelReply(key: string, deps: BackgroundDeps, sender: SenderRole) {
  const { site, sites, issueDeps } = await jiraContext(deps, sender);
  const { status } = await statusOf({ tool: 'jira', site, key, sites }, deps.register, deps.today());
  return { ok: true as const, panel: await jiraPanel(status, key, site, issueDeps) };
}

const failure = (error: string, remedy?: Failure['remedy']): Failure => ({
  ok: false,
  error,
  ...(remedy ? { remedy } : {}),
});

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

/**
 * Requests that write the register. While an import is pending they are refused: the import fills an
 * empty register and, should it fail, takes back exactly what it wrote (see importJob.undo), so
 * nothing else may land in between. This check is the early answer; the one that holds is made again
 * at commit, inside the write's own transaction (see pagesRegister): a handler may spend a network
 * round trip between the two.
 */
const REGISTER_WRITES: ReadonlySet<RequestType> = new Set<RequestType>([
  'demo/load',
  'record/write',
  'overlay/record',
  'overlay/jira-link',
  'overlay/sharepoint-register-evidence',
]);

async function dispatch<T extends RequestType>(
  request: Extract<Request, { type: T }>,
  deps: BackgroundDeps,
  sender: SenderRole,
): Promise<Response<T>> {
  const handler = handlers[request.type as T];
  let result: unknown;
  try {
    if (REGISTER_WRITES.has(request.type) && (await deps.jobs?.pending('import'))) {
      throw new Error(IMPORT_PENDING_REFUSAL);
    }
    result = await handler(request, deps, sender);
  } catch (error) {
    return failure(
      `${request.type}: ${messageOf(error)}`,
      error instanceof RemedyError ? error.remedy : undefined,
    );
  }
  const checked = responseSchema(request.type as T).safeParse(result);
  return checked.success
    ? checked.data
    : failure(`${request.type}: invalid response (${describeError(checked.error)})`);
}

/**
 * Answers any incoming value; never throws. A sender without a role (see senderRole) is refused
 * before the message is read; malformed or unknown messages, and requests the sender's role may
 * not make (a content script asking for another host's data or for a page-only action), get a
 * failure.
 */
export async function handleMessage(
  message: unknown,
  deps: BackgroundDeps,
  sender: SenderRole | undefined,
): Promise<Response<RequestType>> {
  if (!sender) return failure('refused: unexpected sender');
  const parsed = Request.safeParse(message);
  if (!parsed.success) return failure(`malformed message: ${describeError(parsed.error)}`);
  if (!mayAsk(sender, parsed.data.type)) {
    const who = sender.kind === 'content-script' ? `the ${sender.host} content script` : sender.kind;
    return failure(`refused: ${parsed.data.type} is not available to ${who}`);
  }
  return dispatch(parsed.data, deps, sender);
}
