// Linking an epic and recording the link, for every caller (the CLI's `aims jira link` and `sync`, the
// extension's *Link to assessment*): Jira first, then the register through the core's write rules
// (shared/records), so a refusal from Jira leaves the register as it was.
import type { AiSystem, RecordKind } from '../../shared/model';
import { draftOf } from '../../shared/processes/writes';
import { recordOne } from '../../shared/records';
import type { Register } from '../../shared/register';
import type { JiraApi } from './client';
import { browseUrl } from './config';
import { linkEpic, type AimsStatus } from './link';

/** The label of the system's source entry that says "aims jira link linked this epic". */
export const LINK_LABEL = 'Jira epic linked to its assessment';

/** Who writes and why, as the core's write rules take it. */
export interface WriteContext {
  /** YYYY-MM-DD */
  today: string;
  /** ISO instant */
  now: string;
  actor: string;
  cause: string;
}

/**
 * Records `value` (a whole draft of `kind`) through its rule in one transaction; returns the number of
 * events written (0 when the register already held exactly this). Throws the rule's Refusal.
 */
export async function recordThroughRules(
  register: Register,
  kind: RecordKind,
  value: Record<string, unknown>,
  ctx: WriteContext,
): Promise<number> {
  const before = (await register.events()).length;
  await recordOne(register, kind, value, ctx);
  return (await register.events()).length - before;
}

/** The stored record of `kind` and `id` with `changes` applied, recorded through the rules. */
export async function updateThroughRules(
  register: Register,
  kind: 'corrective-action' | 'treatment' | 'ai-system',
  id: string,
  changes: Record<string, unknown>,
  ctx: WriteContext,
): Promise<number> {
  const stored = await register.require(kind, id);
  const draft = { ...(draftOf(stored) as Record<string, unknown>), ...changes };
  return recordThroughRules(register, kind, draft, ctx);
}

/** The system's link entry for the epic (written by linkAndRecord), if any. */
export function linkSourceOf(
  system: AiSystem,
  siteUrl: string,
  key: string,
): AiSystem['sources'][number] | undefined {
  const url = browseUrl(siteUrl, key);
  return system.sources.find((s) => s.tool === 'jira' && s.url === url && s.label === LINK_LABEL);
}

/**
 * Where a link from the epic points: `given`, else the address stored when the epic was linked, else the
 * system's first web source that is not Jira (its repository, say). Throws Error naming what to give when
 * there is none, or when the address is not http(s).
 */
export function recordUrlFor(
  system: AiSystem,
  given?: string,
  linked?: { siteUrl: string; key: string },
): string {
  const stored = linked ? linkSourceOf(system, linked.siteUrl, linked.key)?.target : undefined;
  const candidate =
    given ?? stored ?? system.sources.find((s) => /^https:\/\//.test(s.url) && s.tool !== 'jira')?.url;
  if (!candidate) throw new Error(`system '${system.id}' has no web address to link to; give --record-url`);
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new Error(`--record-url: '${candidate.slice(0, 80)}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('--record-url must be an http(s) URL');
  return url.href;
}

export interface LinkedEpic {
  key: string;
  remoteLinkId?: number;
  globalId: string;
  status: AimsStatus;
  /** Register events the link wrote (0: the register already held it). */
  events: number;
  /** The evidence item that records the link. */
  evidenceId: string;
}

/**
 * Writes the remote link and property on the epic (see linkEpic), then records the link as evidence and
 * keeps on the system a link entry naming the epic and the address the link points at (`recordUrl`), so
 * a later sync can write the link again even after someone deleted it in Jira. Throws JiraError (Jira
 * refused: nothing recorded) or the write rules' Refusal.
 */
export async function linkAndRecord(
  api: JiraApi,
  register: Register,
  input: { key: string; system: AiSystem; status: AimsStatus; recordUrl: string },
  ctx: WriteContext,
): Promise<LinkedEpic> {
  const outcome = await linkEpic(api, {
    key: input.key,
    status: input.status,
    recordUrl: input.recordUrl,
    now: ctx.now,
  });
  let events = await recordThroughRules(register, 'evidence', { ...outcome.evidence }, ctx);
  const url = browseUrl(api.siteUrl, input.key);
  const entry = { tool: 'jira' as const, url, label: LINK_LABEL, target: input.recordUrl };
  const current = linkSourceOf(input.system, api.siteUrl, input.key);
  if (current?.target !== input.recordUrl) {
    const others = input.system.sources.filter((s) => s !== current);
    events += await updateThroughRules(
      register,
      'ai-system',
      input.system.id,
      { sources: [...others, entry] },
      ctx,
    );
  }
  const linked: LinkedEpic = {
    key: input.key,
    globalId: outcome.globalId,
    status: input.status,
    events,
    evidenceId: outcome.evidence.id,
  };
  if (outcome.remoteLinkId !== undefined) linked.remoteLinkId = outcome.remoteLinkId;
  return linked;
}
