// Discovery from tickets (clause 4.3, A.4): issues the JQL selects become candidate AI systems; the shared
// prose detector names their providers and models; each candidate carries the evidence an auditor can
// trace: the issue key, its URL and the changelog entry that pins the state that was read.
import { detectProse, type Finding, type ModelRef, type ProviderId } from '../../shared/discovery';
import { canonicalJson, sha256Hex } from '../../shared/register/hash';
import type { DiscoveryBatch } from '../contract';
import type { Draft } from '../../shared/model';
import type { SystemCandidate } from '../../shared/inventory';
import type { JiraApi, SkippedTicket } from './client';
import { browseUrl, DEFAULT_JQL, LABELS_JQL } from './config';
import { JiraError } from './errors';
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
  /** The detector findings behind providers and models (origins `KEY#field`). */
  findings: Finding[];
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
        findings: [],
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
    // 'gpt-4o' in a ticket that also says Azure OpenAI is served by Azure, as in code discovery.
    const azure = findings.some((f) => f.provider === 'azure-openai');
    if (azure) {
      for (const f of findings) {
        if (f.model?.provider === 'openai') {
          f.model = { ...f.model, provider: 'azure-openai' };
          f.provider = 'azure-openai';
        }
      }
    }
    mergeModels(candidate.models, findings);
    candidate.providers = providersOf(findings);
    candidate.findings = findings;
    return candidate;
  });
}

export interface DiscoverOptions {
  jql: string;
  log: JiraLog;
  /**
   * Called after each search page with the candidates that page touched, computed over everything read
   * so far in this run: the caller records them before the next page, so a failure later loses nothing.
   */
  onPage?: (touched: TicketCandidate[], readings: readonly IssueReading[], page: number) => Promise<void>;
}

/** What a discovery run read, and the tickets it could not read (malformed: reported, left out). */
export interface TicketReading {
  readings: IssueReading[];
  candidates: TicketCandidate[];
  skipped: SkippedTicket[];
}

/** How far up the parent chain (sub-task → story → epic) a ticket is grouped. */
const MAX_PARENT_HOPS = 3;

/**
 * Reads every issue the JQL selects, with its newest changelog entry and AIMS property, and the parents
 * (epics) they belong to, page by page. Returns all readings and the final candidates. Throws JiraError.
 */
export async function readTickets(api: JiraApi, options: DiscoverOptions): Promise<TicketReading> {
  const readings = new Map<string, IssueReading>();
  const skipped: SkippedTicket[] = [];
  const skip = (ticket: SkippedTicket) => {
    skipped.push(ticket);
    options.log(`jira: ${ticket.key}: skipped, ${ticket.reason}`);
  };
  const read = async (issue: JiraIssue): Promise<IssueReading> => {
    const known = readings.get(issue.key);
    if (known) return known;
    const changes = await api.changelog(issue.key);
    const property = await api.getProperty(issue.key, AIMS_PROPERTY);
    const reading: IssueReading = { issue };
    const latest = changes[changes.length - 1];
    if (latest) reading.latest = latest;
    if (property !== undefined) reading.property = property;
    readings.set(issue.key, reading);
    return reading;
  };
  let page = 0;
  for await (const issues of searchIssues(api, options.jql, { log: options.log, onSkip: skip })) {
    page++;
    const touched = new Set<string>();
    for (const issue of issues) {
      try {
        let at = await read(issue);
        for (let hop = 0; hop < MAX_PARENT_HOPS && at.issue.parentKey; hop++) {
          const parentKey = at.issue.parentKey;
          at = readings.get(parentKey) ?? (await read(await api.getIssue(parentKey)));
        }
        touched.add(at.issue.key);
      } catch (error) {
        // A ticket whose changelog, property or parent Jira sends malformed is left out, not the run.
        if (!(error instanceof JiraError) || error.failure !== 'malformed') throw error;
        skip({ key: issue.key, reason: error.message });
      }
    }
    if (options.onPage) {
      const all = candidatesFrom([...readings.values()], api.siteUrl);
      await options.onPage(
        all.filter((c) => touched.has(c.source.key)),
        [...readings.values()],
        page,
      );
    }
  }
  const all = [...readings.values()];
  return { readings: all, candidates: candidatesFrom(all, api.siteUrl), skipped };
}

/** The register id a ticket candidate proposes: the system its AIMS property names, else one from its key. */
export const candidateIdOf = (candidate: TicketCandidate): string =>
  candidate.linkedSystemId ?? `sys-jira-${candidate.source.key.toLowerCase()}`;

/** The core's candidate shape for a ticket candidate (evidence origins `KEY#field`, line within the field). */
export function systemCandidateOf(candidate: TicketCandidate): SystemCandidate {
  return {
    id: candidateIdOf(candidate),
    name: candidate.name,
    purpose: candidate.purpose ?? `Planned in Jira ${candidate.source.key} (not yet described)`,
    providers: candidate.providers,
    models: candidate.models,
    datasets: [],
    evidence: candidate.findings.map((f) => f.evidence),
    source: { kind: 'jira-issue', url: candidate.source.url, key: candidate.source.key },
  };
}

/** One evidence item per ticket read, re-pinned (same id) when its newest changelog entry changes. */
export function ticketEvidenceDraft(
  candidate: TicketCandidate,
  evidence: TicketEvidence,
  now: string,
): Draft<'evidence'> {
  return {
    kind: 'evidence',
    id: `ev-jira-issue-${sha256Hex(`${candidate.source.site}\u0000${evidence.issueKey}`).slice(0, 20)}`,
    title: `Jira ${evidence.issueKey} describes AI system ${candidate.name}`.slice(0, 300),
    sourceTool: 'jira',
    url: evidence.url,
    pinnedVersion: evidence.changelogId,
    contentHash: evidence.contentHash,
    capturedAt: now,
    clauses: ['4.3'],
    controls: ['A.4.2'],
    systemIds: [candidateIdOf(candidate)],
  };
}

/** What one run (or one page of it) found, in the connector contract's shape. */
export function ticketBatch(
  candidates: readonly TicketCandidate[],
  siteUrl: string,
  now: string,
): DiscoveryBatch {
  return {
    scope: { tool: 'jira', url: siteUrl },
    candidates: candidates.map(systemCandidateOf),
    pinnedVersion: now,
    evidenceFiles: {},
    evidence: candidates.flatMap((c) => c.evidence.map((e) => ticketEvidenceDraft(c, e, now))),
    triggers: [],
  };
}

/**
 * readTickets with the default JQL when `jql` is absent. A site without the default's components or
 * "AI System" issue type rejects it (400) before any page is read; then the label clause alone is searched,
 * and the log says so. A JQL the caller gave is never changed.
 */
export async function readTicketsOrDefault(
  api: JiraApi,
  options: Omit<DiscoverOptions, 'jql'> & { jql?: string },
): Promise<TicketReading & { jql: string }> {
  if (options.jql !== undefined)
    return { ...(await readTickets(api, { ...options, jql: options.jql })), jql: options.jql };
  try {
    return { ...(await readTickets(api, { ...options, jql: DEFAULT_JQL })), jql: DEFAULT_JQL };
  } catch (error) {
    if (!(error instanceof JiraError) || error.failure !== 'bad-request') throw error;
    options.log(`jira: the site rejected the default JQL (${error.message}); searching by AI labels only`);
    return { ...(await readTickets(api, { ...options, jql: LABELS_JQL })), jql: LABELS_JQL };
  }
}
