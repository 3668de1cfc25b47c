// How overlay content scripts ask the background: the overlay requests only, each checked before it
// is sent and its reply checked when it comes back, against the zod/mini schemas the background
// validates the same messages with (overlay-protocol.ts). Never throws: a failed send or a reply
// that does not match comes back as { ok: false, error }.
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import {
  ConnectionsOpenRequest,
  Failure,
  GithubPullRequest,
  GithubStatusRequest,
  JiraLinkRequest,
  JiraPanelReply,
  JiraPanelRequest,
  OpenedReply,
  OverlayRecordRequest,
  OverlayStatusReply,
  PullChangesReply,
  SharePointRegisterEvidenceRequest,
  SharePointStatusRequest,
  WritesReply,
} from '../background/overlay-protocol';

const PROTOCOL = {
  'overlay/github-status': { request: GithubStatusRequest, reply: OverlayStatusReply },
  'overlay/github-pull': { request: GithubPullRequest, reply: PullChangesReply },
  'overlay/record': { request: OverlayRecordRequest, reply: WritesReply },
  'overlay/jira-panel': { request: JiraPanelRequest, reply: JiraPanelReply },
  'overlay/jira-link': { request: JiraLinkRequest, reply: JiraPanelReply },
  'overlay/sharepoint-status': { request: SharePointStatusRequest, reply: OverlayStatusReply },
  'overlay/sharepoint-register-evidence': {
    request: SharePointRegisterEvidenceRequest,
    reply: OverlayStatusReply,
  },
  'connections/open': { request: ConnectionsOpenRequest, reply: OpenedReply },
} as const;

type Protocol = typeof PROTOCOL;
export type OverlayRequestType = keyof Protocol;
export type OverlayRequest<T extends OverlayRequestType> = z.infer<Protocol[T]['request']>;
export type OverlayReply<T extends OverlayRequestType> = z.infer<Protocol[T]['reply']> | Failure;

/** One line naming the first problem, as the background's describeError does. */
function describe(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  return `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'message'}: ${issue.message}`;
}

export async function askOverlay<T extends OverlayRequestType>(
  request: OverlayRequest<T> & { type: T },
): Promise<OverlayReply<T>> {
  const { request: requestSchema, reply: replySchema } = PROTOCOL[request.type];
  const outgoing = z.safeParse(requestSchema, request);
  if (!outgoing.success) return { ok: false, error: `not sent: ${describe(outgoing.error)}` };
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(outgoing.data);
  } catch (error) {
    return {
      ok: false,
      error: `background unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const checked = z.safeParse(z.union([replySchema, Failure]), reply);
  return checked.success
    ? (checked.data as OverlayReply<T>)
    : { ok: false, error: `unexpected reply to ${request.type}: ${describe(checked.error)}` };
}
