// Overlays on self-hosted hosts (GitHub Enterprise Server, Jira Data Center). The manifest's content
// scripts cover only the cloud hosts; each self-hosted origin the user configured AND granted gets its
// host's same content script, registered at run time for that origin alone, and loses it when the
// permission or the connection goes. One reconciling sync serves every trigger (startup, permission
// added or removed, connection saved or removed), so the order they fire in does not matter.
import type { OverlayHost } from '../overlay/contract';
import { overlayHostOf } from '../overlay/hosts';
import type { Connections } from './connections/settings';

/** A self-hosted origin (`https://jira.acme.example`, no path) and the overlay host it serves. */
export interface SelfHostedSite {
  host: OverlayHost;
  origin: string;
}

/** The built content script of each host (WXT's `content-scripts/<entrypoint>.js`). */
export const CONTENT_SCRIPT_FILES: Readonly<Record<OverlayHost, string>> = {
  github: 'content-scripts/github.js',
  jira: 'content-scripts/jira.js',
  sharepoint: 'content-scripts/sharepoint.js',
};

/** Every script this module registers has an id starting with this; others are left alone. */
export const SCRIPT_ID_PREFIX = 'aims-self-hosted:';

/** `aims-self-hosted:<host>:<origin>`: one script per host kind and origin. */
export const scriptIdOf = (site: SelfHostedSite): string => `${SCRIPT_ID_PREFIX}${site.host}:${site.origin}`;

/**
 * The self-hosted sites of the stored connections: a GitHub Enterprise Server URL (github) and a Jira
 * Data Center URL (jira), as origins. A URL on a cloud host (github.com, *.atlassian.net, …) is left
 * out: the manifest's own script already runs there. Reads no secret and returns none.
 */
export function selfHostedSites(connections: Connections): SelfHostedSite[] {
  const urls: [OverlayHost, string | undefined][] = [
    ['github', connections.github?.serverUrl],
    ['jira', connections.jira?.deployment === 'data-center' ? connections.jira.serverUrl : undefined],
  ];
  const sites: SelfHostedSite[] = [];
  for (const [host, url] of urls) {
    if (!url) continue;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      continue;
    }
    if (overlayHostOf(origin) !== undefined) continue;
    sites.push({ host, origin });
  }
  return sites;
}

/** The self-hosted origins whose pages' content scripts may ask as that host (the sender check). */
export function selfHostedOrigins(connections: Connections): ReadonlyMap<string, OverlayHost> {
  return new Map(selfHostedSites(connections).map((s) => [s.origin, s.host]));
}

/** The part of `scripting.RegisteredContentScript` this module writes. */
export interface ContentScriptSpec {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_end';
  persistAcrossSessions: boolean;
}

/** The part of the `scripting` API this module uses (Chrome 96+, Firefox 102+ in MV2 and MV3). */
export interface ScriptingApi {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: ContentScriptSpec[]): Promise<unknown>;
  updateContentScripts(scripts: ContentScriptSpec[]): Promise<unknown>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
}

export interface OverlayScriptDeps {
  /** Undefined where the browser has no `scripting.registerContentScripts`: nothing is registered. */
  scripting: ScriptingApi | undefined;
  connections: () => Promise<Connections>;
  /** Whether the user granted host access to `<origin>/*`. */
  granted: (origin: string) => Promise<boolean>;
}

export type OverlaySyncResult =
  { supported: false } | { supported: true; registered: string[]; updated: string[]; unregistered: string[] };

export function scriptSpecOf(site: SelfHostedSite): ContentScriptSpec {
  return {
    id: scriptIdOf(site),
    matches: [`${site.origin}/*`],
    js: [CONTENT_SCRIPT_FILES[site.host]],
    runAt: 'document_end',
    // Survives a browser restart; the startup sync corrects it if the grant went meanwhile.
    persistAcrossSessions: true,
  };
}

/**
 * Makes the registered self-hosted scripts equal to the configured sites whose origin is granted:
 * registers missing ones, updates present ones (so a new build's file list applies), unregisters
 * ours that are no longer wanted. Ids of scripts are returned per action. Rejects with the
 * browser's error when a scripting call fails.
 */
export async function syncOverlayScripts(deps: OverlayScriptDeps): Promise<OverlaySyncResult> {
  const { scripting } = deps;
  if (!scripting) return { supported: false };
  const sites = selfHostedSites(await deps.connections());
  const wanted: ContentScriptSpec[] = [];
  for (const site of sites) if (await deps.granted(site.origin)) wanted.push(scriptSpecOf(site));
  const present = new Set(
    (await scripting.getRegisteredContentScripts())
      .map((s) => s.id)
      .filter((id) => id.startsWith(SCRIPT_ID_PREFIX)),
  );
  const wantedIds = new Set(wanted.map((s) => s.id));
  const unregistered = [...present].filter((id) => !wantedIds.has(id));
  const toUpdate = wanted.filter((s) => present.has(s.id));
  const toRegister = wanted.filter((s) => !present.has(s.id));
  if (unregistered.length > 0) await scripting.unregisterContentScripts({ ids: unregistered });
  if (toUpdate.length > 0) await scripting.updateContentScripts(toUpdate);
  if (toRegister.length > 0) await scripting.registerContentScripts(toRegister);
  return {
    supported: true,
    registered: toRegister.map((s) => s.id),
    updated: toUpdate.map((s) => s.id),
    unregistered,
  };
}

/**
 * Runs syncs one after another (two triggers firing together, e.g. a grant and the save that
 * follows it, would otherwise both register the same id). A failed sync is reported, and the
 * next one starts from what the browser then has.
 */
export function createOverlayScripts(
  deps: OverlayScriptDeps,
  report: (error: unknown) => void,
): { sync(): Promise<OverlaySyncResult | undefined> } {
  let last: Promise<unknown> = Promise.resolve();
  return {
    sync() {
      const next = last.then(() => syncOverlayScripts(deps));
      last = next.catch(() => undefined);
      return next.catch((error: unknown) => {
        report(error);
        return undefined;
      });
    },
  };
}
