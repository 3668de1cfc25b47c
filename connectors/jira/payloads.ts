// The parts of Jira's answers the connector reads, checked at runtime: a proxy page, a truncated body or a
// changed API fails here with a clear message instead of deep inside the discovery logic.
import { z } from 'zod';
import { adfToText } from './adf';
import { JiraError } from './errors';

const Name = z.object({ name: z.string().nullish() }).nullish();

export const IssuePayload = z.object({
  id: z.string().min(1),
  key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'not a Jira issue key'),
  fields: z.object({
    summary: z.string().nullish(),
    description: z.unknown().optional(),
    labels: z.array(z.string()).nullish(),
    components: z.array(Name).nullish(),
    issuetype: Name,
    status: z
      .object({
        name: z.string().nullish(),
        statusCategory: z.object({ key: z.string().nullish() }).nullish(),
      })
      .nullish(),
    created: z.string().nullish(),
    updated: z.string().nullish(),
    parent: z.object({ key: z.string() }).nullish(),
  }),
});

export const ChangelogPayload = z.object({
  id: z.string().min(1),
  created: z.string().nullish(),
  author: z.object({ displayName: z.string().nullish() }).nullish(),
  // Items are read by own property: a change item has a field named `toString`.
  items: z.array(z.record(z.string(), z.unknown())).nullish(),
});

export const CloudSearchPage = z.object({
  issues: z.array(z.unknown()).default([]),
  nextPageToken: z.string().nullish(),
});
export const DataCenterSearchPage = z.object({
  issues: z.array(z.unknown()).default([]),
  startAt: z.number().int().nonnegative().default(0),
  total: z.number().int().nonnegative().optional(),
});
export const ChangelogPage = z.object({
  values: z.array(z.unknown()).default([]),
  isLast: z.boolean().nullish(),
  total: z.number().int().nonnegative().nullish(),
  startAt: z.number().int().nonnegative().nullish(),
});
export const IssueWithChangelog = z.object({
  changelog: z.object({ histories: z.array(z.unknown()).default([]) }).nullish(),
});
export const RemoteLinkPayload = z.object({
  id: z.number().int().nullish(),
  globalId: z.string().nullish(),
  object: z.object({ url: z.string(), title: z.string() }).nullish(),
});
export const CreatedIssuePayload = z.object({ id: z.string(), key: z.string() });
export const PropertyPayload = z.object({ key: z.string().nullish(), value: z.unknown() });

/** An issue as the rest of the connector sees it, independent of Cloud or Data Center. */
export interface JiraIssue {
  id: string;
  key: string;
  summary: string;
  /** Plain text (ADF flattened on Cloud, wiki markup as is on Data Center). */
  description: string;
  labels: string[];
  components: string[];
  issueType: string;
  status: { name: string; category: string };
  created?: string;
  updated?: string;
  parentKey?: string;
}

/** One changelog entry (a "history"): who changed which fields when. */
export interface JiraChange {
  id: string;
  created: string;
  author?: string;
  items: { field: string; from?: string; to?: string }[];
}

/** Parses `value` or throws a 'malformed' JiraError naming the first bad field. */
export function parsePayload<T>(schema: z.ZodType<T>, value: unknown, operation: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (typeof value === 'string' || value === undefined || value === null) {
    throw new JiraError('malformed', operation, 'Jira answered with a body that is not the expected JSON');
  }
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') || 'body';
  throw new JiraError(
    'malformed',
    operation,
    `unexpected answer from Jira at '${path}': ${issue?.message ?? 'invalid'}`,
  );
}

export function issueOf(value: unknown, operation: string): JiraIssue {
  const raw = parsePayload(IssuePayload, value, operation);
  const f = raw.fields;
  const issue: JiraIssue = {
    id: raw.id,
    key: raw.key,
    summary: f.summary ?? '',
    description: adfToText(f.description),
    labels: f.labels ?? [],
    components: (f.components ?? []).flatMap((c) => (c?.name ? [c.name] : [])),
    issueType: f.issuetype?.name ?? '',
    status: { name: f.status?.name ?? '', category: f.status?.statusCategory?.key ?? '' },
  };
  if (f.created) issue.created = f.created;
  if (f.updated) issue.updated = f.updated;
  if (f.parent?.key) issue.parentKey = f.parent.key;
  return issue;
}

export function changeOf(value: unknown, operation: string): JiraChange {
  const raw = parsePayload(ChangelogPayload, value, operation);
  const change: JiraChange = {
    id: raw.id,
    created: raw.created ?? '',
    items: (raw.items ?? []).map((item) => {
      const own = (name: string): string | undefined => {
        const value = Object.hasOwn(item, name) ? item[name] : undefined;
        return typeof value === 'string' && value !== '' ? value : undefined;
      };
      const out: JiraChange['items'][number] = { field: fieldName(own('fieldId') ?? own('field') ?? '') };
      const from = own('fromString');
      const to = own('toString');
      if (from) out.from = from;
      if (to) out.to = to;
      return out;
    }),
  };
  if (raw.author?.displayName) change.author = raw.author.displayName;
  return change;
}

/** Cloud names fields by id ('components'), Data Center by display name ('Component'): one vocabulary. */
function fieldName(raw: string): string {
  const lower = raw.trim().toLowerCase();
  if (lower === 'component' || lower === 'components') return 'components';
  if (lower === 'fix version' || lower === 'fix version/s' || lower === 'fixversions') return 'fixVersions';
  if (lower === 'label' || lower === 'labels') return 'labels';
  return lower;
}
