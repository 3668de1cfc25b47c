// What the register knows about one place in GitHub, Jira or SharePoint, for that page's overlay.
// Pure: the handler reads the records and passes them in.
import type { AiSystem, EvidenceItem, Trigger } from '../../shared/model';
import { isSharePointLibrary, sharePointDocument } from '../overlay/sharepoint-pages';
import type { AssessmentState, OverlayStatus } from './overlay-protocol';

export type OverlayTarget =
  | { tool: 'github'; repo: string; pull?: number }
  /** `origin`: the Jira site's (`https://acme.atlassian.net`); a key is unique only within its site. */
  | { tool: 'jira'; origin: string; key: string }
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

/** True when `address` points into the GitHub repository `slug` (owner/name, any case). */
function inRepository(address: string, slug: string): boolean {
  const url = parse(address);
  if (!url || url.hostname !== 'github.com') return false;
  const [owner, name] = url.pathname.split('/').filter(Boolean);
  if (!owner || !name) return false;
  return `${owner}/${name.replace(/\.git$/, '')}`.toLowerCase() === slug.toLowerCase();
}

/**
 * True when `address` is the Jira issue `key` on the site at `origin` (`<origin>/browse/KEY`, or
 * under a Data Center context path, `<origin>/jira/browse/KEY`): the same key on another site is
 * another issue.
 */
function isJiraIssue(address: string, origin: string, key: string): boolean {
  const url = parse(address);
  if (!url || url.origin !== parse(origin)?.origin) return false;
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

/** The library folder of a library view (`/sites/x/Shared Documents/Forms/AllItems.aspx` → `/sites/x/shared documents/`). */
function libraryOf(page: URL): string | undefined {
  if (!isSharePointLibrary(page)) return undefined;
  const path = decodedPath(page);
  const at = path.lastIndexOf('/forms/');
  return at > 0 ? path.slice(0, at + 1) : undefined;
}

/**
 * True when a trigger's source ref names the target: a Jira key, or for GitHub `owner/name#N`
 * (the pull request when the page is one, any of the repository's otherwise).
 */
function raisedFrom(ref: string, target: OverlayTarget): boolean {
  if (target.tool === 'jira') return ref === target.key;
  if (target.tool !== 'github') return false;
  const [repo, number] = ref.toLowerCase().split('#');
  if (repo !== target.repo.toLowerCase()) return false;
  return target.pull === undefined || number === String(target.pull);
}

function matcher(target: OverlayTarget): (address: string) => boolean {
  if (target.tool === 'github') return (address) => inRepository(address, target.repo);
  if (target.tool === 'jira') return (address) => isJiraIssue(address, target.origin, target.key);
  const page = parse(target.url);
  const pagePath = page ? (sharePointDocument(page)?.path ?? decodedPath(page)) : undefined;
  const library = page ? libraryOf(page) : undefined;
  return (address) => page !== undefined && sameDocument(address, page, pagePath, library);
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
  const evidence = records.evidence
    .filter(
      (item) =>
        item.sourceTool === target.tool &&
        (matches(item.url) ||
          (item.sourceVersion?.webUrl !== undefined && matches(item.sourceVersion.webUrl))),
    )
    .sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
  const linked = new Set(evidence.flatMap((item) => item.systemIds));
  const systems = records.systems.filter(
    (system) => linked.has(system.id) || system.sources.some((s) => s.tool === target.tool && matches(s.url)),
  );
  const systemIds = new Set(systems.map((s) => s.id));
  const raisedHere = (trigger: Trigger) =>
    trigger.source.tool === target.tool && raisedFrom(trigger.source.ref, target);
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
