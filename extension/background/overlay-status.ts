// What the register knows about one place in GitHub, Jira or SharePoint, for that page's overlay.
// Pure: the handler reads the records and passes them in.
import type { AiSystem, EvidenceItem, Trigger } from '../../shared/model';
import { jiraSiteOf } from '../overlay/jira-pages';
import { isSharePointLibrary, sharePointDocument } from '../overlay/sharepoint-pages';
import type { AssessmentState, OverlayStatus } from './overlay-protocol';

export { GITHUB_DOT_COM } from '../overlay/github-ref';

export type OverlayTarget =
  /** `origin`: the page's (`https://github.com`, or a GitHub Enterprise Server's); `owner/name` is unique only there. */
  | { tool: 'github'; origin: string; repo: string; pull?: number }
  /**
   * `site`: the Jira site (`https://acme.atlassian.net`, or a Data Center's origin and context path,
   * `https://jira.acme.example/jira-a`: see jiraSiteOf); a key is unique only within its site.
   * `sites`: the known Data Center site roots (the stored connections'), by which a stored address's
   * context path is told as the page's was.
   */
  | { tool: 'jira'; site: string; key: string; sites?: readonly string[] }
  | { tool: 'sharepoint'; url: string };

export interface OverlayRecords {
  systems: readonly AiSystem[];
  evidence: readonly EvidenceItem[];
  triggers: readonly Trigger[];
}

/** A system's assessment states and risk level today, as shared/processes/reassessment.ts gives them. */
export interface SystemAssessments {
  risk: AssessmentState;
  impact: AssessmentState;
  riskLevel?: string;
}

/** At most this many evidence items go to a page, newest first. */
export const OVERLAY_EVIDENCE_LIMIT = 50;

function parse(address: string): URL | undefined {
  try {
    return new URL(address);
  } catch {
    return undefined;
  }
}

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname).toLowerCase();
  } catch {
    return url.pathname.toLowerCase();
  }
}

/** True when `address` points into the GitHub repository `slug` (owner/name, any case) on the server at `origin`. */
function inRepository(address: string, origin: string, slug: string): boolean {
  const url = parse(address);
  if (!url || url.origin !== parse(origin)?.origin) return false;
  const [owner, name] = url.pathname.split('/').filter(Boolean);
  if (!owner || !name) return false;
  return `${owner}/${name.replace(/\.git$/, '')}`.toLowerCase() === slug.toLowerCase();
}

/**
 * True when `address` is the Jira issue `key` on `site` (`<site>/browse/KEY`, the site with its Data
 * Center context path, if any): the same key on another site, or under another context path of the
 * same origin, is another issue.
 */
function isJiraIssue(address: string, site: string, key: string, sites: readonly string[]): boolean {
  const url = parse(address);
  if (!url || jiraSiteOf(url, sites) !== site) return false;
  const parts = url.pathname.split('/').filter(Boolean);
  return parts.at(-2) === 'browse' && parts.at(-1) === key;
}

/** A stored version's address (`<site>/_vti_history/<n>/<path>`) names the same file as `<site>/<path>`. */
const withoutVersion = (path: string) => path.replace(/\/_vti_history\/\d+\//i, '/');

/**
 * True when the address names the page's SharePoint file (same tenant, same decoded path, a pinned
 * version's address included) or, on a library view, a file inside that library.
 */
function sameDocument(
  address: string,
  page: URL,
  pagePath: string | undefined,
  library: string | undefined,
): boolean {
  const url = parse(address);
  if (!url || url.hostname.toLowerCase() !== page.hostname.toLowerCase()) return false;
  const path = withoutVersion(sharePointDocument(url)?.path ?? decodedPath(url)).toLowerCase();
  if (library !== undefined) return path.startsWith(library);
  return pagePath !== undefined && path === withoutVersion(pagePath).toLowerCase();
}

/** The unique id a SharePoint viewer page names its file by, when the page is one. */
function viewerUniqueId(address: string): string | undefined {
  const page = parse(address);
  return page ? sharePointDocument(page)?.uniqueId : undefined;
}

/** The library folder of a library view (`/sites/x/Shared Documents/Forms/AllItems.aspx` → `/sites/x/shared documents/`). */
function libraryOf(page: URL): string | undefined {
  if (!isSharePointLibrary(page)) return undefined;
  const path = decodedPath(page);
  const at = path.lastIndexOf('/forms/');
  return at > 0 ? path.slice(0, at + 1) : undefined;
}

/**
 * True when a GitHub trigger ref (see githubPullRef) names the target's repository on the target's
 * server: the pull request when the page is one, any of the repository's otherwise.
 */
export function raisedFromGithub(
  ref: string,
  target: Pick<Extract<OverlayTarget, { tool: 'github' }>, 'origin' | 'repo' | 'pull'>,
): boolean {
  const [path = '', number] = ref.toLowerCase().split('#');
  const parts = path.split('/');
  const host = parts.length === 3 ? parts[0] : parts.length === 2 ? 'github.com' : undefined;
  if (host === undefined || host !== new URL(target.origin).host.toLowerCase()) return false;
  if (parts.slice(-2).join('/') !== target.repo.toLowerCase()) return false;
  return target.pull === undefined || number === String(target.pull);
}

/**
 * True when a trigger's source ref names the target: for GitHub see raisedFromGithub; for Jira a
 * bare key (`AIMS-142`, or `AIMS-142#changelog-1`, as `aims jira sync` writes them), which names an
 * issue only together with a site: `onSite` says whether the trigger's system belongs to the page's
 * site (or to no Jira site at all), so another site's issue with the same key is not this one.
 */
function raisedFrom(ref: string, target: OverlayTarget, onSite: boolean): boolean {
  if (target.tool === 'jira') return onSite && ref.split('#')[0] === target.key;
  if (target.tool !== 'github') return false;
  return raisedFromGithub(ref, target);
}

function matcher(target: OverlayTarget): (address: string) => boolean {
  if (target.tool === 'github') return (address) => inRepository(address, target.origin, target.repo);
  if (target.tool === 'jira')
    return (address) => isJiraIssue(address, target.site, target.key, target.sites ?? []);
  const page = parse(target.url);
  const pagePath = page ? (sharePointDocument(page)?.path ?? decodedPath(page)) : undefined;
  const library = page ? libraryOf(page) : undefined;
  return (address) => page !== undefined && sameDocument(address, page, pagePath, library);
}

/**
 * Whether a system belongs to the Jira site `page` (see jiraSiteOf): one of its Jira sources or the Jira
 * evidence naming it is on that site, or nothing ties it to any Jira site (a key alone is then all there is).
 */
function jiraSiteCheck(
  page: string,
  records: OverlayRecords,
  knownSites: readonly string[],
): (systemId: string) => boolean {
  const sites = new Map<string, Set<string>>();
  const add = (systemId: string, address: string) => {
    const url = parse(address);
    const site = url ? jiraSiteOf(url, knownSites) : undefined;
    if (site === undefined) return;
    const known = sites.get(systemId) ?? new Set<string>();
    known.add(site);
    sites.set(systemId, known);
  };
  for (const system of records.systems)
    for (const source of system.sources) if (source.tool === 'jira') add(system.id, source.url);
  for (const item of records.evidence)
    if (item.sourceTool === 'jira') for (const id of item.systemIds) add(id, item.url);
  return (systemId) => {
    const known = sites.get(systemId);
    return known === undefined || known.has(page);
  };
}

/**
 * The systems linked to the target (by one of their sources, or as the subject of evidence
 * recorded from it), the open or assessing triggers of those systems or raised from the target
 * itself (see raisedFrom), and the evidence recorded from it (newest first, at most OVERLAY_EVIDENCE_LIMIT).
 */
export function overlayStatus(
  target: OverlayTarget,
  records: OverlayRecords,
  assess: (systemId: string) => SystemAssessments,
): OverlayStatus {
  const matches = matcher(target);
  // An Office viewer names its file by unique id only (no path): matched through the id Graph gave.
  const viewed = target.tool === 'sharepoint' ? viewerUniqueId(target.url) : undefined;
  const evidence = records.evidence
    .filter(
      (item) =>
        item.sourceTool === target.tool &&
        (matches(item.url) ||
          (item.sourceVersion?.webUrl !== undefined && matches(item.sourceVersion.webUrl)) ||
          (viewed !== undefined && item.sourceVersion?.uniqueId === viewed)),
    )
    .sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
  const linked = new Set(evidence.flatMap((item) => item.systemIds));
  const systems = records.systems.filter(
    (system) => linked.has(system.id) || system.sources.some((s) => s.tool === target.tool && matches(s.url)),
  );
  const systemIds = new Set(systems.map((s) => s.id));
  const onSite =
    target.tool === 'jira' ? jiraSiteCheck(target.site, records, target.sites ?? []) : () => true;
  const raisedHere = (trigger: Trigger) =>
    trigger.source.tool === target.tool && raisedFrom(trigger.source.ref, target, onSite(trigger.systemId));
  const openTriggers = records.triggers.filter(
    (t) => (t.status === 'open' || t.status === 'assessing') && (systemIds.has(t.systemId) || raisedHere(t)),
  );
  return {
    systems: systems.map(({ id, name, lifecycleStage, inScope, inventoryState, lastSeen }) => {
      const { risk, impact, riskLevel } = assess(id);
      return {
        id,
        name,
        lifecycleStage,
        inScope,
        inventoryState,
        ...(riskLevel ? { riskLevel } : {}),
        risk,
        impact,
        ...(lastSeen ? { lastSeen } : {}),
      };
    }),
    openTriggers: openTriggers.map(
      ({ id, systemId, type, detail, raisedOn, overdueSince, clauses, before, after, source }) => ({
        id,
        systemId,
        type,
        detail,
        raisedOn,
        ...(overdueSince ? { overdueSince } : {}),
        clauses: [...clauses],
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
        sourceRef: source.ref,
      }),
    ),
    evidence: evidence
      .slice(0, OVERLAY_EVIDENCE_LIMIT)
      .map(({ id, title, url, pinnedVersion, capturedAt, clauses, controls, systemIds, supersededBy }) => ({
        id,
        title,
        url,
        pinnedVersion,
        capturedAt,
        clauses,
        controls,
        systemIds,
        state: supersededBy ? ('superseded' as const) : ('fresh' as const),
        ...(supersededBy ? { newerVersion: supersededBy.versionId } : {}),
      })),
  };
}
