// Change triggers from linked epics (clauses 8.2, 8.4): changelog entries that match a rule — labels or
// components changed, a data source or a jurisdiction newly mentioned, the epic released to production —
// become reassessment triggers, each with its changelog entry as the evidence. Rules are data, so a
// site can add its own (a custom field, a status name) without code.
import { z } from 'zod';
import { TRIGGER_CLAUSES, TriggerType, type Draft } from '../../shared/model';
import { canonicalJson, sha256Hex } from '../../shared/register/hash';
import { browseUrl } from './config';
import type { JiraChange } from './payloads';

export const ChangeRule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and dashes'),
    type: TriggerType,
    /** Changelog fields the rule watches ('labels', 'components', 'status', 'description', a custom field name). */
    fields: z.array(z.string().min(1)).min(1),
    /** Fires only when the new value matches this regular expression (case-insensitive). */
    to: z.string().max(200).optional(),
    /** Fires only when one of these terms appears in the new value and not in the old (whole words, any case). */
    mentions: z.array(z.string().min(1).max(60)).max(200).optional(),
  })
  .strict();
export type ChangeRule = z.infer<typeof ChangeRule>;
export const ChangeRules = z.array(ChangeRule).max(100);

export const DEFAULT_CHANGE_RULES: ChangeRule[] = [
  { id: 'labels', type: 'context-changed', fields: ['labels'] },
  { id: 'components', type: 'context-changed', fields: ['components'] },
  {
    id: 'data-source',
    type: 'data-source-changed',
    fields: ['description', 'summary'],
    mentions: [
      'data source',
      'dataset',
      'training data',
      'customer data',
      'personal data',
      'PII',
      'health data',
      'claims data',
      'CRM',
      'data warehouse',
      'data lake',
    ],
  },
  {
    id: 'jurisdiction',
    type: 'context-changed',
    fields: ['description', 'summary'],
    mentions: [
      'EU',
      'European Union',
      'UK',
      'United Kingdom',
      'US',
      'United States',
      'California',
      'Canada',
      'Brazil',
      'Singapore',
      'Japan',
      'GDPR',
      'EU AI Act',
      'CCPA',
    ],
  },
  {
    id: 'production',
    type: 'reached-production',
    fields: ['status', 'labels'],
    to: '^(?:released|in production|live|deployed)$|\\bproduction\\b',
  },
];

export interface ChangeMatch {
  rule: ChangeRule;
  change: JiraChange;
  field: string;
  before?: string;
  after?: string;
  /** Terms newly mentioned, for mention rules. */
  terms: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mentioned = (term: string, text: string) =>
  new RegExp(`(?<![\\w])${escape(term)}(?![\\w])`, 'i').test(text);

function safeRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'i');
  } catch {
    return undefined;
  }
}

/** Each rule's matches in the changelog entries created after `since` (ISO instant; all when absent). Pure. */
export function matchChanges(
  changes: readonly JiraChange[],
  rules: readonly ChangeRule[],
  since?: string,
): ChangeMatch[] {
  const after = since ? Date.parse(since) : Number.NEGATIVE_INFINITY;
  const matches: ChangeMatch[] = [];
  for (const change of changes) {
    const at = Date.parse(change.created);
    if (!(at > after)) continue;
    for (const item of change.items) {
      for (const rule of rules) {
        if (!rule.fields.some((f) => f.toLowerCase() === item.field)) continue;
        const next = item.to ?? '';
        const previous = item.from ?? '';
        if (rule.to !== undefined) {
          const re = safeRegex(rule.to);
          // Labels are a space-separated list in changelogs: match any one of them.
          const values =
            item.field === 'labels'
              ? next.split(/\s+/).filter((v) => !previous.split(/\s+/).includes(v))
              : [next];
          if (!re || !values.some((v) => v !== '' && re.test(v))) continue;
        }
        let terms: string[] = [];
        if (rule.mentions) {
          terms = rule.mentions.filter(
            (t) => mentioned(t, next.slice(0, 256 * 1024)) && !mentioned(t, previous.slice(0, 256 * 1024)),
          );
          if (terms.length === 0) continue;
        }
        if (rule.to === undefined && !rule.mentions && next === previous) continue;
        const match: ChangeMatch = { rule, change, field: item.field, terms };
        if (item.from !== undefined) match.before = item.from.slice(0, 200);
        if (item.to !== undefined) match.after = item.to.slice(0, 200);
        matches.push(match);
      }
    }
  }
  return matches;
}

/** The evidence item for one changelog entry: the pinned state an auditor re-resolves by entry id. */
export function changeEvidence(
  siteUrl: string,
  key: string,
  change: JiraChange,
  systemId: string,
  now: string,
): Draft<'evidence'> {
  return {
    kind: 'evidence',
    id: `ev-jira-change-${sha256Hex(`${siteUrl}\u0000${key}\u0000${change.id}`).slice(0, 20)}`,
    title: `Jira ${key} changelog ${change.id}`,
    sourceTool: 'jira',
    url: browseUrl(siteUrl, key),
    pinnedVersion: change.id,
    contentHash: sha256Hex(canonicalJson(change)),
    capturedAt: now,
    clauses: ['8.2', '8.4'],
    controls: ['A.6.2.6'],
    systemIds: [systemId],
  };
}

/** A trigger draft for a match; the id is stable per site, issue, entry and rule, so a rerun writes nothing new. */
export function triggerFor(
  siteUrl: string,
  key: string,
  systemId: string,
  match: ChangeMatch,
  today: string,
): Draft<'trigger'> {
  const what =
    match.terms.length > 0
      ? `mentions ${match.terms.join(', ')}`
      : `${match.field} ${match.before ?? '∅'} → ${match.after ?? '∅'}`;
  const by = match.change.author ? ` by ${match.change.author}` : '';
  const draft: Draft<'trigger'> = {
    kind: 'trigger',
    id: `trg-jira-${sha256Hex(`${siteUrl}\u0000${key}\u0000${match.change.id}\u0000${match.rule.id}`).slice(0, 20)}`,
    systemId,
    type: match.rule.type,
    detail: `${key} changelog ${match.change.id}${by}: ${what} (rule ${match.rule.id})`.slice(0, 500),
    clauses: [...TRIGGER_CLAUSES[match.rule.type]],
    raisedOn: today,
    source: { tool: 'jira', ref: `${key}#changelog-${match.change.id}` },
    status: 'open',
  };
  if (match.before !== undefined) draft.before = match.before;
  if (match.after !== undefined) draft.after = match.after;
  return draft;
}
