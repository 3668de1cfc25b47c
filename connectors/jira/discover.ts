// Discovery from tickets (clause 4.3, A.4): issues the JQL selects become candidate AI systems; the shared
// prose detector names their providers and models; each candidate carries the evidence an auditor can
// trace: the issue key, its URL and the changelog entry that pins the state that was read.
import { detectProse, type Finding, type ModelRef, type ProviderId } from '../../shared/discovery';
import { canonicalJson, sha256Hex } from '../../shared/register/hash';
import type { JiraApi } from './client';
import { browseUrl } from './config';
import type { JiraChange, JiraIssue } from './payloads';
import type { JiraLog } from './retry';
import { searchIssues } from './search';

/** The issue property AIMS keeps on a linked epic: which system and assessment, and their status. */
export const AIMS_PROPERTY = 'com.aimslens.aims';

export interface TicketEvidence {
  issueKey: string;
  /** The issue's browse URL: Jira offers no link to one changelog entry, so the entry id pins the state. */
  url: string;
  /** Id of the newest changelog entry when read; `created` for an issue never changed since. */
  changelogId: string;
  /** SHA-256 of the fields read (summary, description, labels, components, type, status). */
  contentHash: string;
  /** What was found where: `AI-12#description:3`, detector and snippet. */
  findings: { at: string; detector: string; snippet: string }[];
}

/** A candidate AI system from one epic (or a lone ticket) and the tickets under it. */
export interface TicketCandidate {
  source: { kind: 'jira-issue'; site: string; key: string; url: string };
  name: string;
  purpose?: string;
  /** The register system an AIMS link on the issue names, if any. */
  linkedSystemId?: string;
  issueType: string;
  labels: string[];
  components: string[];
  status: { name: string; category: string };
  providers: ProviderId[];
  models: ModelRef[];
  /** Repository URLs the tickets mention (https://github.com/owner/repo), for matching with code scans. */
  repositories: string[];
  evidence: TicketEvidence[];
}

const REPO = /https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?=[/\s)\]>"'#?,;]|$)/g;

function repositoriesIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(REPO)) out.add(`https://github.com/${m[1]}/${m[2]}`.toLowerCase());
  return [...out].sort();
}

function firstLine(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const clean = line.replace(/^[-*#>\s]+/, '').trim();
    if (clean.length >= 12) return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
  }
  return undefined;
}

/** Findings in an issue's summary and description, origins named `KEY#field`. */
export function issueFindings(issue: JiraIssue): Finding[] {
  return [
    ...detectProse(issue.summary, `${issue.key}#summary`),
    ...detectProse(issue.description, `${issue.key}#description`),
  ];
}

/** Hash of what was read from the issue: the evidence's content hash. */
export function issueContentHash(issue: JiraIssue): string {
  return sha256Hex(
    canonicalJson({
      key: issue.key,
      summary: issue.summary,
      description: issue.description,
      labels: issue.labels,
      components: issue.components,
      issueType: issue.issueType,
      status: issue.status,
    }),
  );
}

export function evidenceOf(
  issue: JiraIssue,
  siteUrl: string,
  latest: JiraChange | undefined,
  findings: readonly Finding[],
): TicketEvidence {
  return {
    issueKey: issue.key,
    url: browseUrl(siteUrl, issue.key),
    changelogId: latest?.id ?? 'created',
    contentHash: issueContentHash(issue),
    findings: findings.map((f) => ({
      at: `${f.evidence.path}:${f.evidence.line}`,
      detector: f.evidence.detector,
      snippet: f.evidence.snippet,
    })),
  };
}

function mergeModels(into: ModelRef[], findings: readonly Finding[]): void {
  for (const f of findings) {
    if (f.model && !into.some((m) => m.id === f.model?.id)) into.push(f.model);
  }
}

function providersOf(findings: readonly Finding[]): ProviderId[] {
  const all = new Set<ProviderId>();
  for (const f of findings) {
    if (f.provider) all.add(f.provider);
    if (f.model?.provider) all.add(f.model.provider);
  }
  // Weak names ('OpenAI' beside 'Azure OpenAI') drop out, as in code discovery.
  for (const f of findings) {
    if (
      f.provider &&
      f.supersededBy?.some((p) => all.has(p)) &&
      !findings.some((g) => g.provider === f.provider && !g.supersededBy)
    )
      all.delete(f.provider);
  }
  return [...all].sort();
}

function linkedSystemOf(property: unknown): string | undefined {
  if (!property || typeof property !== 'object') return undefined;
  const id = (property as { systemId?: unknown }).systemId;
  return typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$/.test(id) ? id : undefined;
}

export interface IssueReading {
  issue: JiraIssue;
  latest?: JiraChange;
  property?: unknown;
}

/**
 * Groups issues into candidates: an issue whose parent is in the same set folds into its parent's
 * candidate; every other issue is a candidate of its own. Pure; order follows the input.
 */
export function candidatesFrom(readings: readonly IssueReading[], siteUrl: string): TicketCandidate[] {
  const byKey = new Map(readings.map((r) => [r.issue.key, r]));
  const rootOf = (key: string): string => {
    let at = key;
    for (let hops = 0; hops < 10; hops++) {
      const parent = byKey.get(at)?.issue.parentKey;
      if (!parent || !byKey.has(parent)) return at;
      at = parent;
    }
    return at;
  };
  const candidates = new Map<string, { candidate: TicketCandidate; findings: Finding[] }>();
  for (const reading of readings) {
    const root = byKey.get(rootOf(reading.issue.key)) ?? reading;
    let entry = candidates.get(root.issue.key);
    if (!entry) {
      const issue = root.issue;
      const candidate: TicketCandidate = {
        source: { kind: 'jira-issue', site: siteUrl, key: issue.key, url: browseUrl(siteUrl, issue.key) },
        name: issue.summary || issue.key,
        issueType: issue.issueType,
        labels: issue.labels,
        components: issue.components,
        status: issue.status,
        providers: [],
        models: [],
        repositories: [],
        evidence: [],
      };
      const purpose = firstLine(issue.description);
      if (purpose) candidate.purpose = purpose;
      const linked = linkedSystemOf(root.property);
      if (linked) candidate.linkedSystemId = linked;
      entry = { candidate, findings: [] };
      candidates.set(issue.key, entry);
    }
    const findings = issueFindings(reading.issue);
    entry.findings.push(...findings);
    entry.candidate.evidence.push(evidenceOf(reading.issue, siteUrl, reading.latest, findings));
    const repos = new Set([
      ...entry.candidate.repositories,
      ...repositoriesIn(`${reading.issue.summary}\n${reading.issue.description}`),
    ]);
    entry.candidate.repositories = [...repos].sort();
  }
  return [...candidates.values()].map(({ candidate, findings }) => {
    mergeModels(candidate.models, findings);
    candidate.providers = providersOf(findings);
    return candidate;
  });
}

export interface DiscoverOptions {
  jql: string;
  log: JiraLog;
  /** Called with each page's readings once read: the caller records them before the next page. */
  onPage?: (readings: IssueReading[], page: number) => Promise<void>;
}

/** Reads every issue the JQL selects, with its newest changelog entry and AIMS property, page by page. */
export async function readTickets(api: JiraApi, options: DiscoverOptions): Promise<IssueReading[]> {
  const all: IssueReading[] = [];
  let page = 0;
  for await (const issues of searchIssues(api, options.jql, { log: options.log })) {
    page++;
    const readings: IssueReading[] = [];
    for (const issue of issues) {
      const changes = await api.changelog(issue.key);
      const property = await api.getProperty(issue.key, AIMS_PROPERTY);
      const reading: IssueReading = { issue };
      const latest = changes[changes.length - 1];
      if (latest) reading.latest = latest;
      if (property !== undefined) reading.property = property;
      readings.push(reading);
    }
    if (options.onPage) await options.onPage(readings, page);
    all.push(...readings);
  }
  return all;
}
