// Who sent a message, and what that sender may ask. Only this extension's own pages and its own
// content scripts are answered; a content script only gets the overlay requests of its host.
import type { OverlayHost } from '../overlay/contract';
import { overlayHostOf } from '../overlay/hosts';
import type { RequestType } from './messages';

/** The fields of runtime.MessageSender this check reads. */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

export interface ExtensionIdentity {
  /** runtime.id */
  id: string;
  /** runtime.getURL('/'): `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  origin: string;
}

export type SenderRole =
  | { kind: 'extension-page' }
  /**
   * `origin`: the page's own (e.g. `https://acme.atlassian.net`), for requests about its site; `url`: the
   * page's whole address, for what the origin alone does not tell (a Jira Data Center's context path).
   */
  | { kind: 'content-script'; host: OverlayHost; origin?: string; url?: string };

/** The origin of an https address, or undefined. */
export function httpsOrigin(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The role of a sender, or undefined for anyone else (another extension, a web page, no URL).
 * `selfHosted` maps the configured self-hosted origins (GitHub Enterprise Server, Jira Data Center)
 * to the host whose content script is registered there; a cloud host is recognised by address.
 */
export function senderRole(
  sender: MessageSenderLike,
  self: ExtensionIdentity,
  selfHosted: ReadonlyMap<string, OverlayHost> = new Map(),
): SenderRole | undefined {
  if (sender.id !== self.id || typeof sender.url !== 'string') return undefined;
  if (sender.url.startsWith(self.origin)) return { kind: 'extension-page' };
  if (!sender.tab) return undefined;
  const origin = httpsOrigin(sender.url);
  const host = overlayHostOf(sender.url) ?? (origin ? selfHosted.get(origin) : undefined);
  return host && origin ? { kind: 'content-script', host, origin, url: sender.url } : undefined;
}

/** The host whose content script may send each overlay request; other requests are for pages only. */
const CONTENT_SCRIPT_REQUESTS: Partial<Record<RequestType, OverlayHost>> = {
  'overlay/github-status': 'github',
  'overlay/github-pull': 'github',
  'overlay/jira-status': 'jira',
  'overlay/jira-panel': 'jira',
  'overlay/jira-link': 'jira',
  'overlay/sharepoint-status': 'sharepoint',
  'overlay/sharepoint-register-evidence': 'sharepoint',
};

/**
 * Overlay requests every host's content script may send (each checked against its host), and
 * opening the Connections page, which carries nothing and answers nothing but ok.
 */
const ANY_HOST_REQUESTS: readonly RequestType[] = ['overlay/record', 'connections/open'];

/** Extension pages may send every request; a content script only its own host's overlay requests. */
export function mayAsk(role: SenderRole, type: RequestType): boolean {
  return (
    role.kind === 'extension-page' ||
    CONTENT_SCRIPT_REQUESTS[type] === role.host ||
    ANY_HOST_REQUESTS.includes(type)
  );
}
