// The protocol between content scripts / extension pages and the background. Both directions are
// validated with these schemas: requests when they arrive, responses before they leave and again
// when they are received.
import { z } from 'zod';
import { AiSystem, EventEntry } from '../../shared/model';
import { WorkspaceBundle } from '../../shared/exchange/bundle';
import { JobView } from './jobs/job';
import { MAX_CHUNK_CHARS } from './jobs/upload-limits';
import { InventoryQuery, MAX_PAGE } from './inventory-query';
import { Schedule } from './jobs/schedule';
import { ConnectionSummary, Service } from './connections/settings';
import { ConnectionFailure } from './connections/failure';
import { RegisterVerdict } from '../../shared/register/verdict';
import { RegisterReadOptions } from './register-read';
import {
  ConnectionsOpenRequest,
  Failure,
  GithubPullRequest,
  GithubStatusRequest,
  JiraLinkRequest,
  JiraPanelReply,
  JiraPanelRequest,
  JiraStatusRequest,
  OverlayRecordRequest,
  OpenedReply,
  OverlayStatusReply,
  PullChangesReply,
  SharePointRegisterEvidenceRequest,
  SharePointStatusRequest,
  WritesReply,
} from './overlay-protocol';

export {
  ConnectionsOpenRequest,
  JiraLinkRequest,
  JiraPanel,
  JiraPanelRequest,
  JiraStatusRequest,
  SharePointRegisterEvidenceRequest,
  SharePointStatusRequest,
  Remedy,
  Failure,
  GithubPullRequest,
  GithubStatusRequest,
  OverlayRecordRequest,
  OverlayStatus,
  type PullChange,
  type PullChanges,
} from './overlay-protocol';

/** A page of the inventory, filtered and sorted over every system (see InventoryQuery). */
export const InventoryListRequest = InventoryQuery.extend({ type: z.literal('inventory/list') });
export const DemoLoadRequest = z.strictObject({
  type: z.literal('demo/load'),
  /** The demo's "today" (YYYY-MM-DD); the background's current day when absent. */
  today: z.iso.date().optional(),
});
export const RegisterVerifyRequest = z.strictObject({
  type: z.literal('register/verify'),
  /** A head recorded earlier (64 hex digits): the log must still contain it. */
  anchor: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});

// Overlay requests: what one page of GitHub, Jira or SharePoint needs, and nothing else.

// Jobs and workspace exchange (extension pages only).
export const JobsListRequest = z.strictObject({ type: z.literal('jobs/list') });
/** An upload's id, as `workspace/upload-begin` gave it. */
const UploadId = z.string().min(1).max(200);
/**
 * A workspace bundle is imported in chunks (see jobs/import-upload): begin with the file's name and
 * size in bytes, send each chunk of its text in order (index from 0), then finish with how many
 * chunks were sent, which checks the bundle and starts the import job; abort discards the upload.
 */
export const WorkspaceUploadBeginRequest = z.strictObject({
  type: z.literal('workspace/upload-begin'),
  /** The file's name, for the job title. */
  name: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
});
export const WorkspaceUploadChunkRequest = z.strictObject({
  type: z.literal('workspace/upload-chunk'),
  upload: UploadId,
  index: z.number().int().nonnegative(),
  text: z.string().max(MAX_CHUNK_CHARS),
});
export const WorkspaceUploadFinishRequest = z.strictObject({
  type: z.literal('workspace/upload-finish'),
  upload: UploadId,
  chunks: z.number().int().nonnegative(),
  batchSize: z.number().int().min(1).max(5000).optional(),
});
export const WorkspaceUploadAbortRequest = z.strictObject({
  type: z.literal('workspace/upload-abort'),
  upload: UploadId,
});
export const WorkspaceExportRequest = z.strictObject({ type: z.literal('workspace/export') });
/** Starts a sync (a configured connector) or a register scan now; the job checks its own input. */
export const JobsStartRequest = z.strictObject({
  type: z.literal('jobs/start'),
  kind: z.enum(['sync', 'scan']),
  input: z.record(z.string(), z.unknown()),
});
export const ScheduleGetRequest = z.strictObject({ type: z.literal('schedule/get') });
export const ScheduleSetRequest = z.strictObject({ type: z.literal('schedule/set'), schedule: Schedule });
export const RegisterClearRequest = z.strictObject({
  type: z.literal('register/clear'),
  /** Must be the word "clear": the page asked the user. */
  confirm: z.literal('clear'),
});

// Connections (the options page). A save carries a token in; nothing carries one out.
export const ConnectionsListRequest = z.strictObject({ type: z.literal('connections/list') });
export const ConnectionsSaveRequest = z.strictObject({
  type: z.literal('connections/save'),
  /** Validated by the background against the Connection schema, which names the bad field. */
  connection: z.record(z.string(), z.unknown()),
});
export const ConnectionsRemoveRequest = z.strictObject({
  type: z.literal('connections/remove'),
  service: Service,
});
export const ConnectionsTestRequest = z.strictObject({
  type: z.literal('connections/test'),
  service: Service,
});
export const ConnectionsSignInRequest = z.strictObject({
  type: z.literal('connections/sign-in'),
  service: z.literal('microsoft'),
});

// Reading the whole register (dashboard, popup) and recording through the core's write rules.
/** Without options the whole register; a view asks for only what it shows (see RegisterReadOptions). */
export const RegisterReadRequest = RegisterReadOptions.extend({ type: z.literal('register/read') });
export const RecordWriteRequest = z.strictObject({
  type: z.literal('record/write'),
  /** A record kind or 'approval', as `aims record` takes them. */
  kind: z.string().min(1).max(64),
  value: z.record(z.string(), z.unknown()),
});
export const Request = z.discriminatedUnion('type', [
  RegisterReadRequest,
  RecordWriteRequest,
  OverlayRecordRequest,
  ConnectionsListRequest,
  ConnectionsSaveRequest,
  ConnectionsRemoveRequest,
  ConnectionsTestRequest,
  ConnectionsSignInRequest,
  ConnectionsOpenRequest,
  JobsListRequest,
  JobsStartRequest,
  ScheduleGetRequest,
  ScheduleSetRequest,
  WorkspaceUploadBeginRequest,
  WorkspaceUploadChunkRequest,
  WorkspaceUploadFinishRequest,
  WorkspaceUploadAbortRequest,
  WorkspaceExportRequest,
  RegisterClearRequest,
  InventoryListRequest,
  DemoLoadRequest,
  RegisterVerifyRequest,
  GithubStatusRequest,
  GithubPullRequest,
  JiraStatusRequest,
  JiraPanelRequest,
  JiraLinkRequest,
  SharePointStatusRequest,
  SharePointRegisterEvidenceRequest,
]);
export type Request = z.infer<typeof Request>;
export type RequestType = Request['type'];

/** The schedule in force and when its alarm fires next (absent: off, or no alarm set). */
const ScheduleReply = z.strictObject({
  ok: z.literal(true),
  schedule: Schedule,
  nextRunAt: z.iso.datetime().optional(),
});

/** Where an upload stands: its id and the index the next chunk must carry. */
const UploadReceiptReply = z.strictObject({
  ok: z.literal(true),
  upload: UploadId,
  next: z.number().int().nonnegative(),
});

const ConnectionsReply = z.strictObject({ ok: z.literal(true), connections: z.array(ConnectionSummary) });

export const SUCCESS = {
  'inventory/list': z.strictObject({
    ok: z.literal(true),
    /** One page, so the reply is checked in full without thousands of deep parses. */
    systems: z.array(AiSystem).max(MAX_PAGE),
    /** Systems in the register, systems matching the filters, and where this page starts. */
    total: z.number().int().nonnegative(),
    matched: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    /** The register version (chain head) the page was cut from, so the dashboard never mixes two. */
    version: z.string().min(1).max(200).optional(),
  }),
  'demo/load': z.strictObject({
    ok: z.literal(true),
    /** Records in the demo, and how many of them this load created or changed. */
    records: z.number().int().nonnegative(),
    written: z.number().int().nonnegative(),
  }),
  'register/verify': z.strictObject({ ok: z.literal(true), verdict: RegisterVerdict }),
  'register/read': z.strictObject({
    ok: z.literal(true),
    /**
     * The records asked for, as stored (evidence items as summaries when asked); each was validated
     * against its kind's schema when written.
     */
    records: z.array(z.looseObject({ kind: z.string(), id: z.string() })),
    events: z.array(EventEntry),
  }),
  'record/write': WritesReply,
  'overlay/record': WritesReply,
  'connections/list': ConnectionsReply,
  'connections/save': ConnectionsReply,
  'connections/remove': ConnectionsReply,
  'connections/sign-in': ConnectionsReply,
  'connections/open': OpenedReply,
  'connections/test': z.strictObject({
    ok: z.literal(true),
    result: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), detail: z.string() }),
      z.strictObject({ ok: z.literal(false), failure: ConnectionFailure }),
    ]),
  }),
  'jobs/list': z.strictObject({ ok: z.literal(true), jobs: z.array(JobView) }),
  'workspace/upload-begin': UploadReceiptReply,
  'workspace/upload-chunk': UploadReceiptReply,
  'workspace/upload-finish': z.strictObject({ ok: z.literal(true), job: JobView }),
  'workspace/upload-abort': z.strictObject({ ok: z.literal(true) }),
  'jobs/start': z.strictObject({ ok: z.literal(true), job: JobView }),
  'schedule/get': ScheduleReply,
  'schedule/set': ScheduleReply,
  'workspace/export': z.strictObject({ ok: z.literal(true), bundle: WorkspaceBundle }),
  'register/clear': z.strictObject({
    ok: z.literal(true),
    records: z.number().int(),
    events: z.number().int(),
  }),
  'overlay/github-status': OverlayStatusReply,
  'overlay/github-pull': PullChangesReply,
  'overlay/jira-status': OverlayStatusReply,
  'overlay/jira-panel': JiraPanelReply,
  'overlay/jira-link': JiraPanelReply,
  'overlay/sharepoint-status': OverlayStatusReply,
  'overlay/sharepoint-register-evidence': OverlayStatusReply,
} satisfies Record<RequestType, z.core.$ZodType>;

export type Success<T extends RequestType> = z.infer<(typeof SUCCESS)[T]>;
export type Response<T extends RequestType> = Success<T> | Failure;

/** The schema a response to `type` must satisfy: its success shape or a failure. */
export function responseSchema<T extends RequestType>(type: T): z.ZodType<Response<T>> {
  return z.union([SUCCESS[type], Failure]) as unknown as z.ZodType<Response<T>>;
}

/** A one-line description of why a value failed a schema, for the `error` field. */
export function describeError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'message';
  return `${path}: ${issue.message}`;
}

/** Background → pages: a job changed. Pages check it with this schema and the sender. */
export const JobProgressMessage = z.strictObject({ type: z.literal('jobs/progress'), job: JobView });
export type JobProgressMessage = z.infer<typeof JobProgressMessage>;
