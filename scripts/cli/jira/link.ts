// `aims jira link EPIC --system ID [--assessment ID]`: the remote link and property on the epic, and in
// the register the evidence item and the system's link to the epic (so every later sync finds it).
import { browseUrl } from '../../../connectors/jira/config';
import { aimsStatusOf, linkEpic, statusLine, type AimsStatus } from '../../../connectors/jira/link';
import type { JiraApi } from '../../../connectors/jira/client';
import type { AiSystem } from '../../../shared/model';
import type { RegisterSnapshot } from '../../../shared/processes/snapshot';
import type { Register } from '../../../shared/register';
import { UserError } from '../command';
import { recordThroughRules, updateThroughRules, type RuleContext } from './rules-write';

export const LINK_LABEL = 'Jira epic linked to its assessment';

/** The status, or a UserError naming the unknown system or assessment. */
export function statusOrUserError(
  snapshot: RegisterSnapshot,
  systemId: string,
  today: string,
  assessmentId?: string,
): AimsStatus {
  try {
    return aimsStatusOf(snapshot, systemId, today, assessmentId);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/** Where the link points: --record-url, else the system's first web source (its repository, say). */
export function recordUrlFor(system: AiSystem, given: string | undefined): string {
  const candidate = given ?? system.sources.find((s) => /^https:\/\//.test(s.url) && s.tool !== 'jira')?.url;
  if (!candidate)
    throw new UserError(`system '${system.id}' has no web address to link to; give --record-url`);
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new UserError(`--record-url: '${candidate.slice(0, 80)}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UserError('--record-url must be an http(s) URL');
  return url.href;
}

export interface LinkedEpic {
  key: string;
  remoteLinkId?: number;
  globalId: string;
  status: AimsStatus;
  events: number;
}

/** Links and records. Jira first: if Jira refuses, the register is left as it was. */
export async function linkAndRecord(
  api: JiraApi,
  register: Register,
  input: { key: string; system: AiSystem; status: AimsStatus; recordUrl: string },
  ctx: RuleContext,
): Promise<LinkedEpic> {
  const outcome = await linkEpic(api, {
    key: input.key,
    status: input.status,
    recordUrl: input.recordUrl,
    now: ctx.now,
  });
  let events = await recordThroughRules(register, 'evidence', { ...outcome.evidence }, ctx);
  const url = browseUrl(api.siteUrl, input.key);
  if (!input.system.sources.some((s) => s.url === url)) {
    events += await updateThroughRules(
      register,
      'ai-system',
      input.system.id,
      { sources: [...input.system.sources, { tool: 'jira', url, label: LINK_LABEL }] },
      ctx,
    );
  }
  const linked: LinkedEpic = { key: input.key, globalId: outcome.globalId, status: input.status, events };
  if (outcome.remoteLinkId !== undefined) linked.remoteLinkId = outcome.remoteLinkId;
  return linked;
}

export const describeLink = (l: LinkedEpic) =>
  `${l.key} → ${l.status.systemId}${l.remoteLinkId !== undefined ? ` (remote link ${l.remoteLinkId})` : ''}: ${statusLine(l.status)}`;
