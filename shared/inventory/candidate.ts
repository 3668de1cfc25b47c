// Clause 4.3 / A.4.2: an AI system something outside the register suggests exists, with where it was seen.
// Code scans, Jira issues and SharePoint items all yield this one shape, so one identity rule and one
// merge serve every connector.
import { z } from 'zod';
import { DiscoveredSystem } from '../discovery/findings';

/** A web address a person can open: http(s) only, so no `javascript:` or `file:` link reaches a page. */
const WebUrl = z.url({ protocol: /^https?$/ });

/** A code repository (or a folder of one): the candidate's deployable unit sits at `root`. */
export const RepositorySource = z.object({
  kind: z.literal('repository'),
  tool: z.enum(['local', 'github']),
  /** Identity of the repository: its web URL, or a file: URL for a folder outside any repository. */
  url: z.string().min(1),
  /** The unit's folder inside the repository ('.' or '' for the whole repository). */
  root: z.string(),
});

/** A Jira issue that describes or requests an AI system. */
export const JiraIssueSource = z.object({
  kind: z.literal('jira-issue'),
  /** The issue's browse URL (https://…/browse/KEY-1). */
  url: WebUrl,
  /** Issue key, e.g. 'AI-42'. */
  key: z.string().regex(/^[A-Z][A-Z0-9_]*-[1-9]\d*$/),
});

/** A SharePoint list item or document that describes an AI system. */
export const SharePointItemSource = z.object({
  kind: z.literal('sharepoint-item'),
  /** The item's web URL. */
  url: WebUrl,
  /** Graph ids, so the item is found again after a rename. */
  siteId: z.string().min(1),
  itemId: z.string().min(1),
});

export const CandidateSource = z.discriminatedUnion('kind', [
  RepositorySource,
  JiraIssueSource,
  SharePointItemSource,
]);
export type CandidateSource = z.infer<typeof CandidateSource>;
export type RepositorySource = z.infer<typeof RepositorySource>;

/** A repository as a scan names it: which connector read it, and its identity URL. */
export type RepositoryRef = Pick<RepositorySource, 'tool' | 'url'>;

/**
 * A candidate AI system: what a discovery found, and where. Evidence paths are relative to the folder
 * scanned (the discovery scope's rootPrefix), as in the scan report.
 */
export const SystemCandidate = DiscoveredSystem.omit({ root: true }).extend({ source: CandidateSource });
export type SystemCandidate = z.infer<typeof SystemCandidate>;
