// The Jira issue panel's data and its *Link to assessment*, in the background (the only place holding
// the Jira credentials). The page sends an issue key and a system id; the site is the sender's own
// address, never something the page says. Linking goes through the connector (remote link + issue
// property) and then the core's write rules (connectors/jira/link-record), as `aims jira link` does.
//
// Demo mode: on the demo organisation's site (harbormutual.atlassian.net) with no Jira connection, the
// panel shows the demo register and a link is recorded in the register only, marked as not written to
// Jira (there is no Jira to write to).
import { assessmentStatus, systemRiskLevel } from '../../shared/processes/reassessment';
import type { z } from 'zod';
import { createJiraApi, ISSUE_KEY } from '../../connectors/jira/client';
import { browseUrl, type JiraCredentials } from '../../connectors/jira/config';
import { JiraError } from '../../connectors/jira/errors';
import { aimsStatusOf, linkEvidence, propertyFor, remoteLinkFor } from '../../connectors/jira/link';
import {
  LINK_LABEL,
  linkAndRecord,
  linkSourceOf,
  recordThroughRules,
  recordUrlFor,
  updateThroughRules,
  type WriteContext,
} from '../../connectors/jira/link-record';
import type { Transport } from '../../connectors/contract';
import type { AiSystem } from '../../shared/model';
import { loadSnapshot, type RegisterSnapshot } from '../../shared/processes/snapshot';
import type { Register } from '../../shared/register';
import type { Connections, JiraConnection } from './connections/settings';
import { jiraSiteRoot } from '../overlay/jira-pages';
import type { JiraPanel, OverlayStatus } from './messages';

/** The demo organisation's Jira Cloud site: the panel works there without a connection. */
export const DEMO_JIRA_SITE = 'https://harbormutual.atlassian.net';

/** At most this many systems are offered to link to (the register's, by name). */
export const LINK_CHOICES_LIMIT = 200;

export interface JiraIssueDeps {
  register: Register;
  /** The stored connections (tokens included); read per request, nothing is kept in module state. */
  connections: () => Promise<Connections>;
  /** How requests leave: the background's fetch. */
  fetch: Transport;
  /** Whether the user granted host access to an origin (`https://x`), to explain a failed request. */
  hostAllowed: (origin: string) => Promise<boolean>;
  /** Waits before a retry; real time when absent. */
  sleep?: (ms: number) => Promise<void>;
  today: () => string;
  now: () => string;
}

type Jira = z.infer<typeof JiraConnection>;

/** The connection's site root (`https://acme.atlassian.net`, `https://jira.acme.example/jira`). */
const siteOf = (connection: Jira): string =>
  connection.deployment === 'cloud' ? connection.site : connection.serverUrl;

const credentialsOf = (connection: Jira): JiraCredentials =>
  connection.deployment === 'cloud'
    ? { kind: 'api-token', email: connection.email, apiToken: connection.apiToken }
    : { kind: 'pat', token: connection.personalAccessToken };

type Route =
  | { mode: 'connected'; site: string; connection: Jira }
  | { mode: 'demo'; site: string }
  | { mode: 'unavailable'; site: string; detail: string };

/** A site as compared and shown: host name lower-cased, no trailing slash, the context path as given. */
function siteKey(site: string): string {
  const root = jiraSiteRoot(site);
  if (root === undefined) throw new Error(`not a Jira site address: ${site.slice(0, 80)}`);
  return root;
}

/**
 * The Data Center site roots the stored connections name (`serverUrl`), by which a page's context path
 * is told (see jiraSiteOf); a Cloud site needs none, its origin is the site.
 */
export function knownJiraSites(connections: Connections): string[] {
  const jira = connections.jira;
  return jira?.deployment === 'data-center' ? [jira.serverUrl] : [];
}

/** `jira.acme.example/jira-a`: a site as a person reads it. */
const shownSite = (site: string) => siteKey(site).replace(/^https?:\/\//, '');

/**
 * How this page's site can be linked: through the stored connection (when its address is the page's
 * site, context path included: two Data Center instances may share an origin), as the demo, or not (and why).
 */
async function routeFor(pageSite: string, deps: JiraIssueDeps): Promise<Route> {
  const connection = (await deps.connections()).jira;
  if (connection && siteKey(siteOf(connection)) === pageSite)
    return { mode: 'connected', site: siteKey(siteOf(connection)), connection };
  if (!connection && pageSite === DEMO_JIRA_SITE) return { mode: 'demo', site: pageSite };
  const detail = connection
    ? `the Jira connection is for ${shownSite(siteOf(connection))}, not ${shownSite(pageSite)}: change it on the connections page`
    : 'no Jira connection: add this site, your email and an API token on the connections page';
  return { mode: 'unavailable', site: pageSite, detail };
}

function linkedIds(systems: readonly AiSystem[], site: string, key: string): string[] {
  return systems.filter((s) => linkSourceOf(s, site, key)).map((s) => s.id);
}

/**
 * What the panel on issue `key` of the page's site shows: the overlay status (systems linked to the
 * issue, their open triggers, evidence from it), each shown system's risk level and assessment states,
 * which systems are linked by *Link to assessment*, the systems one may link, and how linking works here.
 */
export async function jiraPanel(
  status: OverlayStatus,
  key: string,
  pageSite: string,
  deps: JiraIssueDeps,
): Promise<JiraPanel> {
  const snapshot = await loadSnapshot(deps.register);
  const route = await routeFor(pageSite, deps);
  const today = deps.today();
  const systems = snapshot['ai-system'];
  const linked = linkedIds(systems, route.site, key);
  const shown = [...new Set([...status.systems.map((s) => s.id), ...linked])];
  const names = new Map(systems.map((s) => [s.id, s]));
  return {
    status: {
      ...status,
      systems: shown.flatMap((id) => {
        const s = names.get(id);
        if (!s) return [];
        const riskLevel = systemRiskLevel(snapshot, s.id, today);
        return [
          {
            id: s.id,
            name: s.name,
            lifecycleStage: s.lifecycleStage,
            inScope: s.inScope,
            inventoryState: s.inventoryState,
            ...(riskLevel ? { riskLevel } : {}),
            risk: assessmentStatus(snapshot, s.id, 'risk', today).state,
            impact: assessmentStatus(snapshot, s.id, 'impact', today).state,
            ...(s.lastSeen ? { lastSeen: s.lastSeen } : {}),
          },
        ];
      }),
    },
    assessments: shown.flatMap((id) => assessmentOf(snapshot, id, today)),
    linkedSystemIds: linked,
    choices: systems
      .filter((s) => s.inventoryState !== 'rejected' && s.lifecycleStage !== 'retirement')
      .map((s) => ({ id: s.id, name: s.name }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .slice(0, LINK_CHOICES_LIMIT),
    linking:
      route.mode === 'connected'
        ? { available: true, detail: `writes a remote link on ${key} at ${new URL(route.site).host}` }
        : route.mode === 'demo'
          ? {
              available: true,
              detail: 'demo site: recorded in the register only, nothing is written to Jira',
            }
          : { available: false, detail: route.detail },
  };
}

function assessmentOf(snapshot: RegisterSnapshot, systemId: string, today: string): JiraPanel['assessments'] {
  try {
    const s = aimsStatusOf(snapshot, systemId, today);
    return [
      {
        systemId,
        riskAssessment: s.riskAssessment,
        impactAssessment: s.impactAssessment,
        ...(s.riskLevel ? { riskLevel: s.riskLevel } : {}),
        ...(s.assessmentId ? { assessmentId: s.assessmentId } : {}),
      },
    ];
  } catch {
    return [];
  }
}

/**
 * *Link to assessment*: links issue `key` on the page's site to the system (and, when given, its
 * assessment) and records the evidence. Throws an Error whose message the panel shows: an unknown key,
 * system or assessment; no connection for this site; Jira's refusal (credentials never in it).
 */
export async function linkIssue(
  request: { key: string; systemId: string; assessmentId?: string },
  pageSite: string,
  deps: JiraIssueDeps,
): Promise<void> {
  if (!ISSUE_KEY.test(request.key)) throw new Error(`'${request.key.slice(0, 40)}' is not a Jira issue key`);
  const route = await routeFor(pageSite, deps);
  if (route.mode === 'unavailable') throw new Error(route.detail);
  const snapshot = await loadSnapshot(deps.register);
  const today = deps.today();
  const now = deps.now();
  const status = aimsStatusOf(snapshot, request.systemId, today, request.assessmentId);
  const system = snapshot['ai-system'].find((s) => s.id === request.systemId);
  if (!system) throw new Error(`no AI system '${request.systemId}' in the register`);
  const recordUrl = recordUrlFor(system, undefined, { siteUrl: route.site, key: request.key });
  const ctx: WriteContext = {
    today,
    now,
    actor: 'aims-lens-overlay:jira',
    cause: `Link to assessment on ${browseUrl(route.site, request.key)}`,
  };
  if (route.mode === 'demo') {
    await recordDemoLink(deps.register, route.site, request.key, system, status, recordUrl, ctx);
    return;
  }
  const api = createJiraApi({
    // A person is waiting on the button: one retry, and no Retry-After longer than half a minute.
    connection: {
      url: route.site,
      flavour: route.connection.deployment,
      maxAttempts: 2,
      maxRetryAfterSeconds: 30,
    },
    credentials: credentialsOf(route.connection),
    deps: {
      fetch: deps.fetch,
      clock: () => new Date(deps.now()),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      // Retry notes only; they never hold a credential (the connector redacts them).
      log: { debug: () => {}, info: () => {}, warn: (m) => console.warn(`AIMS Lens: ${m}`), error: () => {} },
    },
  });
  try {
    await linkAndRecord(api, deps.register, { key: request.key, system, status, recordUrl }, ctx);
  } catch (error) {
    if (error instanceof JiraError && error.failure === 'network') {
      const origin = new URL(route.site).origin;
      if (!(await deps.hostAllowed(origin)))
        throw new Error(`AIMS Lens has no access to ${origin}: add the Jira connection again and allow it`, {
          cause: error,
        });
    }
    throw error;
  }
}

/** The demo's link: the same evidence and link entry, pinned to 'demo' because no Jira was written. */
async function recordDemoLink(
  register: Register,
  site: string,
  key: string,
  system: AiSystem,
  status: ReturnType<typeof aimsStatusOf>,
  recordUrl: string,
  ctx: WriteContext,
): Promise<void> {
  const written = { link: remoteLinkFor(status, recordUrl), property: propertyFor(status), demo: true };
  const evidence = linkEvidence(site, key, system.id, 'demo-not-written-to-jira', written, ctx.now);
  await recordThroughRules(register, 'evidence', { ...evidence }, ctx);
  const url = browseUrl(site, key);
  if (linkSourceOf(system, site, key)?.target === recordUrl) return;
  const others = system.sources.filter(
    (s) => !(s.tool === 'jira' && s.url === url && s.label === LINK_LABEL),
  );
  await updateThroughRules(
    register,
    'ai-system',
    system.id,
    { sources: [...others, { tool: 'jira', url, label: LINK_LABEL, target: recordUrl }] },
    ctx,
  );
}
