// `aims jira link EPIC --system ID [--assessment ID]`: the CLI's face of connectors/jira/link-record —
// the remote link and property on the epic, and in the register the evidence item and the system's link
// to the epic (so every later sync finds it). Failures a user can act on become UserErrors.
import {
  linkAndRecord as linkAndRecordCore,
  recordUrlFor as recordUrlForCore,
  type LinkedEpic,
} from '../../../connectors/jira/link-record';
import { aimsStatusOf, statusLine, type AimsStatus } from '../../../connectors/jira/link';
import type { JiraApi } from '../../../connectors/jira/client';
import { Refusal, type AiSystem } from '../../../shared/model';
import type { RegisterSnapshot } from '../../../shared/processes/snapshot';
import type { Register } from '../../../shared/register';
import { UserError } from '../command';
import type { RuleContext } from './rules-write';

export { LINK_LABEL, type LinkedEpic } from '../../../connectors/jira/link-record';

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

/** Where the link points (see connectors/jira/link-record recordUrlFor), or a UserError. */
export function recordUrlFor(
  system: AiSystem,
  given: string | undefined,
  linked?: { siteUrl: string; key: string },
): string {
  try {
    return recordUrlForCore(system, given, linked);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/** Links and records. Jira first: if Jira refuses, the register is left as it was. */
export async function linkAndRecord(
  api: JiraApi,
  register: Register,
  input: { key: string; system: AiSystem; status: AimsStatus; recordUrl: string },
  ctx: RuleContext,
): Promise<LinkedEpic> {
  try {
    return await linkAndRecordCore(api, register, input, ctx);
  } catch (error) {
    if (error instanceof Refusal && error.code === 'rule')
      throw new UserError(`${input.key}: ${error.message}`);
    throw error;
  }
}

export const describeLink = (l: LinkedEpic) =>
  `${l.key} → ${l.status.systemId}${l.remoteLinkId !== undefined ? ` (remote link ${l.remoteLinkId})` : ''}: ${statusLine(l.status)}`;
