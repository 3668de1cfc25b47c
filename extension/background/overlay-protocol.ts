// The messages overlay content scripts exchange with the background, as zod/mini schemas: the same
// validation on both sides (messages.ts puts these in the background's one Request union), at a few
// kilobytes in a content script instead of the whole of zod. Nothing here may import shared/model
// (full zod): trigger types and lifecycle stages arrive as the strings the background validated
// when the records were written.
import * as z from 'zod/mini';
import { overlayHostOf } from '../overlay/hosts';
import { JIRA_ISSUE_KEY } from '../overlay/jira-pages';

/** `owner/name` as GitHub allows them. */
export const RepositorySlug = z
  .string()
  .check(z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, 'expected owner/name'));

const PullNumber = z.number().check(z.int(), z.positive(), z.lte(2_147_483_647));

export const GithubStatusRequest = z.strictObject({
  type: z.literal('overlay/github-status'),
  repo: RepositorySlug,
  /** A pull request number, when the page is a pull request. */
  pull: z.optional(PullNumber),
});

/** What a pull request changes in the AI systems, read from GitHub by the background (its token). */
export const GithubPullRequest = z.strictObject({
  type: z.literal('overlay/github-pull'),
  repo: RepositorySlug,
  pull: PullNumber,
});

/**
 * What an overlay may record: a trigger (Raise trigger) or an evidence item (Register as
 * evidence) about its own host's page. The background checks the host against the sender.
 */
export const OverlayRecordRequest = z.strictObject({
  type: z.literal('overlay/record'),
  kind: z.enum(['trigger', 'evidence']),
  value: z.record(z.string(), z.unknown()),
});

/** A register id (shared/model Id, restated here in zod/mini: same rule, same message). */
const RecordId = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(120),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits, ".", "_", ":" or "-"'),
  );

/** A clause or control (shared/model RequirementRef, restated in zod/mini: same rule, same message). */
const Requirement = z
  .string()
  .check(z.regex(/^(\d+(\.\d+)*|A\.\d+(\.\d+)*)$/, 'a clause like 8.2 or a control like A.5.2'));

/** A Jira issue key like AIMS-12, as jira-pages.ts reads it from the address. */
const JiraIssueKey = z.string().check(z.regex(JIRA_ISSUE_KEY, 'expected a Jira issue key like AIMS-12'));

export const JiraStatusRequest = z.strictObject({
  type: z.literal('overlay/jira-status'),
  key: JiraIssueKey,
});
/** The Jira issue panel: what the page's issue is linked to, with risk and assessment status. */
export const JiraPanelRequest = z.strictObject({
  type: z.literal('overlay/jira-panel'),
  key: JiraIssueKey,
});
/** *Link to assessment* on a Jira issue: the site is the sender's own, never named by the page. */
export const JiraLinkRequest = z.strictObject({
  type: z.literal('overlay/jira-link'),
  key: JiraIssueKey,
  systemId: RecordId,
  /** A risk or impact assessment of the system; its latest risk assessment when absent. */
  assessmentId: z.optional(RecordId),
});

/** A SharePoint Online address (`https://<tenant>.sharepoint.com/...`) as the page shows it. */
const SharePointUrl = z.string().check(
  z.maxLength(4096),
  z.refine(
    (url) => overlayHostOf(url) === 'sharepoint',
    'expected an https://<tenant>.sharepoint.com address',
  ),
);

export const SharePointStatusRequest = z.strictObject({
  type: z.literal('overlay/sharepoint-status'),
  /** The document's address as the page shows it. */
  url: SharePointUrl,
});

/** *Register as evidence* on a SharePoint document page: the page's address and what it evidences. */
export const SharePointRegisterEvidenceRequest = z.strictObject({
  type: z.literal('overlay/sharepoint-register-evidence'),
  url: SharePointUrl,
  /** The document's name as the page shows it. */
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  clauses: z.array(Requirement).check(z.maxLength(20)),
  controls: z.array(Requirement).check(z.maxLength(40)),
  systemIds: z.array(RecordId).check(z.maxLength(20)),
});

/** Opens the Connections page in a tab: what an overlay offers when a connection is missing. */
export const ConnectionsOpenRequest = z.strictObject({ type: z.literal('connections/open') });
export const OpenedReply = z.strictObject({ ok: z.literal(true) });

/** The core's assessment states (shared/processes/reassessment.ts AssessmentState). */
export const AssessmentState = z.enum(['missing', 'current', 'stale', 'due', 'in-progress', 'overdue']);
export type AssessmentState = z.infer<typeof AssessmentState>;

const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'));

/**
 * What an overlay shows about the thing its page is about (a repository or pull request, a Jira
 * issue, a SharePoint document): the register's systems linked to it with their risk level and
 * assessment states, their open triggers and the evidence recorded from it. Summaries only: no
 * owners' contact data, no other systems.
 */
export const OverlayStatus = z.strictObject({
  systems: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      lifecycleStage: z.string(),
      inScope: z.boolean(),
      inventoryState: z.string(),
      /** Highest level in the latest approved risk assessment (the methodology's band name). */
      riskLevel: z.optional(z.string()),
      /** Risk (6.1.2, 8.2) and impact (6.1.4, 8.4) assessment states today. */
      risk: AssessmentState,
      impact: AssessmentState,
      /** Last day a connector (a scan) still saw the system. */
      lastSeen: z.optional(Day),
    }),
  ),
  openTriggers: z.array(
    z.strictObject({
      id: z.string(),
      systemId: z.string(),
      type: z.string(),
      detail: z.string(),
      raisedOn: z.string(),
      overdueSince: z.optional(z.string()),
      clauses: z.array(z.string()),
      before: z.optional(z.string()),
      after: z.optional(z.string()),
      /** Where it was raised from, e.g. `owner/name#214` for a pull request. */
      sourceRef: z.string(),
    }),
  ),
  evidence: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      url: z.string(),
      pinnedVersion: z.string(),
      capturedAt: z.string(),
      clauses: z.array(z.string()),
      controls: z.array(z.string()),
      systemIds: z.array(z.string()),
      /** 'superseded' while the source has a newer version than the one pinned and nobody confirmed it. */
      state: z.enum(['fresh', 'superseded']),
      newerVersion: z.optional(z.string()),
    }),
  ),
});
export type OverlayStatus = z.infer<typeof OverlayStatus>;

/**
 * The Jira issue panel: the overlay status of the issue, each shown system's risk level and assessment
 * states (8.2 risk, 8.4 impact), the systems *Link to assessment* linked to it, the systems one may link
 * (id and name only) and whether linking works on this site and how (a connection, the demo) or why not.
 */
export const JiraPanel = z.strictObject({
  status: OverlayStatus,
  assessments: z.array(
    z.strictObject({
      systemId: z.string(),
      riskLevel: z.optional(z.string()),
      riskAssessment: AssessmentState,
      impactAssessment: AssessmentState,
      assessmentId: z.optional(z.string()),
    }),
  ),
  linkedSystemIds: z.array(z.string()),
  choices: z.array(z.strictObject({ id: z.string(), name: z.string() })).check(z.maxLength(500)),
  linking: z.strictObject({ available: z.boolean(), detail: z.string() }),
});
export type JiraPanel = z.infer<typeof JiraPanel>;

/** One change a pull request makes to an AI system (a trigger `aims github pr` would raise). */
export const PullChange = z.strictObject({
  /** The register system it concerns; absent when the register does not know the system yet. */
  systemId: z.optional(z.string()),
  systemName: z.string(),
  type: z.string(),
  before: z.optional(z.string()),
  after: z.optional(z.string()),
  detail: z.string(),
  /** Clauses that require reassessment (8.2, 8.4…). */
  clauses: z.array(z.string()),
  /** The open trigger already recorded for it from this pull request. */
  raised: z.optional(z.strictObject({ id: z.string(), raisedOn: z.string() })),
});
export type PullChange = z.infer<typeof PullChange>;

export const PullChanges = z.strictObject({
  /** True when the changes were read from GitHub just now; false when there is no way to (see note). */
  analysed: z.boolean(),
  /** Why the pull request was not read (no GitHub connection, an error), for the banner to say. */
  note: z.optional(z.string()),
  changes: z.array(PullChange),
});
export type PullChanges = z.infer<typeof PullChanges>;

/** What the page may offer the user to fix a failure: 'open-connections' (sign in, add a token). */
export const Remedy = z.enum(['open-connections']);
export type Remedy = z.infer<typeof Remedy>;

export const Failure = z.strictObject({
  ok: z.literal(false),
  error: z.string().check(z.minLength(1)),
  remedy: z.optional(Remedy),
});
export type Failure = z.infer<typeof Failure>;

export const OverlayStatusReply = z.strictObject({ ok: z.literal(true), status: OverlayStatus });
export const PullChangesReply = z.strictObject({ ok: z.literal(true), pull: PullChanges });
/** The records a write created or changed, by kind and id. */
export const WritesReply = z.strictObject({
  ok: z.literal(true),
  writes: z.array(z.strictObject({ kind: z.string(), id: z.string() })),
});
export const JiraPanelReply = z.strictObject({ ok: z.literal(true), panel: JiraPanel });
