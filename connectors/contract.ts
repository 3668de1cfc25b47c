// The connector contract, in the Octokit way: a connector is a small client built from injected parts —
// a transport (how requests leave), a clock and a log — with retry and throttling composed in at
// construction, not written into each call. It reads one outside service and yields what it found in
// the shared types; it never writes the register itself: `syncDiscovery` (the core's plan + apply) does.
//
// Checklist for a new connector (docs/architecture.md repeats it):
//   1. connectors/<service>/client.ts: `create<Service>Client(deps: ConnectorDeps & {...})` — the
//      service's own client library (Octokit + @octokit/plugin-throttling/-retry, jira.js, the Graph
//      client) over `deps.fetch`, retry and throttling composed in as that library's plugins/middleware.
//   2. connectors/<service>/discover.ts: payloads → `DiscoveryBatch` (candidates with a source,
//      evidence drafts, trigger drafts) — pure mapping, tested with msw handlers typed by the service's
//      published schema.
//   3. Write only through `syncDiscovery(register, batch, ctx)`; tokens stay in the caller's deps.
import type { Draft } from '../shared/model';
import {
  applyInventoryPlan,
  applyTriggers,
  planInventory,
  type ApplyContext,
  type DiscoveryScope,
  type EvidenceFile,
  type InventoryPlan,
  type SystemCandidate,
} from '../shared/inventory';
import type { Register } from '../shared/register';

/** A fetch-compatible function: the only way a connector reaches its service. */
export type Transport = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Structured log lines; never pass a token, header or request body. */
export interface ConnectorLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What every connector is built from; tests hand in msw-backed fetch, a fixed clock and a recording log. */
export interface ConnectorDeps {
  fetch: Transport;
  /** The current instant: no connector reads the system clock itself. */
  clock: () => Date;
  log: ConnectorLog;
  /** Waits `ms` milliseconds (retry back-off); injected so tests run without real delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What one discovery run of a connector found, in the shared types. */
export interface DiscoveryBatch {
  /** What was looked at: the repository / project / site, and for a repository the folder scanned. */
  scope: DiscoveryScope;
  /** Candidate AI systems, each with its source (repository + root, Jira issue, SharePoint item). */
  candidates: SystemCandidate[];
  /** Version of what was read: a commit SHA, an issue's updated instant, a drive item's eTag. */
  pinnedVersion: string;
  /** Files the candidates' evidence names, by path relative to the scope: hashed and linked. */
  evidenceFiles: Readonly<Record<string, EvidenceFile>>;
  /** Other evidence the source offers (a Jira approval, a SharePoint policy), as register drafts. */
  evidence: Draft<'evidence'>[];
  /** Significant changes seen (clauses 8.2 / 8.4), with stable ids, each naming the candidate it concerns. */
  triggers: TriggerCandidate[];
}

/** A trigger draft whose system is named by a candidate id of the batch (or a register id). */
export type TriggerCandidate = Omit<Draft<'trigger'>, 'systemId'> & { candidateId: string };

/** A connector's face: it names its service and discovers from a target it defines. */
export interface Connector<Target> {
  readonly service: 'local' | 'github' | 'jira' | 'sharepoint';
  discover(target: Target, options?: { signal?: AbortSignal }): Promise<DiscoveryBatch>;
}

/** What `syncDiscovery` changed. */
export interface SyncResult {
  plan: InventoryPlan;
  /** Evidence drafts written (new or changed). */
  evidence: string[];
  /** Trigger ids opened (already-held ones are not written again). */
  triggers: string[];
}

/**
 * The one way a connector's findings reach the register: plans the merge (identity included) against
 * what the register holds, then writes it, the extra evidence and the new triggers, each in one
 * transaction with the run's actor and cause. A rerun with nothing new writes nothing.
 */
export async function syncDiscovery(
  register: Register,
  batch: DiscoveryBatch,
  ctx: ApplyContext & { now: Date },
): Promise<SyncResult> {
  const existingEvidence = await register.list('evidence');
  const plan = planInventory(
    batch.candidates,
    { systems: await register.list('ai-system'), evidence: existingEvidence },
    {
      today: ctx.now.toISOString().slice(0, 10),
      now: ctx.now.toISOString(),
      scope: batch.scope,
      pinnedVersion: batch.pinnedVersion,
      evidenceFiles: batch.evidenceFiles,
    },
  );
  await applyInventoryPlan(register, plan, ctx);
  const byId = new Map(existingEvidence.map((e) => [e.id, e]));
  const evidence = batch.evidence.filter((draft) => {
    const known = byId.get(draft.id);
    return !known || known.contentHash !== draft.contentHash || known.url !== draft.url;
  });
  if (evidence.length > 0) {
    await register.transact(ctx, async (tx) => {
      for (const draft of evidence) await tx.put('evidence', draft, { summary: draft.title });
    });
  }
  const drafts = batch.triggers.map(({ candidateId, ...draft }): Draft<'trigger'> => ({
    ...draft,
    systemId: plan.identity[candidateId] ?? candidateId,
  }));
  const triggers = await applyTriggers(register, drafts, ctx);
  return { plan, evidence: evidence.map((e) => e.id), triggers };
}
