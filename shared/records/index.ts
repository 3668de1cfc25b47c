// The write path of the core: what recording each kind of record means, used alike by `aims record`, the
// extension (Raise trigger, Register as evidence) and the Jira round trip. One file per kind; a kind
// without a rule is checked against its schema only. `prepareRecord` turns one parsed record into the
// writes to make; `recordOne` makes them, with the transitions they cause, in one transaction.
import { RECORD_KINDS, RECORD_META_FIELDS, RecordKind } from '../model';
import type { Register } from '../register';
import { refuse } from '../model';
import { loadSnapshot, type FullSnapshot, type RegisterSnapshot } from '../processes/snapshot';
import { applyTransitions } from '../processes/trigger-lifecycle';
import { putAll, writeOf, type RecordWrite } from '../processes/writes';
import { aiSystemRule } from './ai-system';
import { approvalRule } from './approval';
import { auditRule } from './audit';
import {
  aimsChangeRule,
  aimsRiskRule,
  improvementRule,
  interestedPartyRule,
  leadershipCommitmentRule,
  measurementRule,
} from './clause-records';
import { correctiveActionRule } from './corrective-action';
import { parseDraft } from './fields';
import { findingRule } from './finding';
import { impactAssessmentRule } from './impact-assessment';
import { impactTemplateRule } from './impact-template';
import { managementReviewRule } from './management-review';
import { riskAssessmentRule } from './risk-assessment';
import { riskMethodologyRule } from './risk-methodology';
import type { RecordRule, RecordRuleContext } from './rule';
import { treatmentRule } from './treatment';
import { triggerRule } from './trigger';

export type { RecordRule, RecordRuleContext } from './rule';
export { approvalRule } from './approval';

export const RECORD_RULES: Partial<Record<RecordKind, RecordRule>> = {
  'ai-system': aiSystemRule,
  'risk-methodology': riskMethodologyRule,
  'risk-assessment': riskAssessmentRule,
  treatment: treatmentRule,
  'impact-template': impactTemplateRule,
  'impact-assessment': impactAssessmentRule,
  trigger: triggerRule,
  audit: auditRule,
  finding: findingRule,
  'corrective-action': correctiveActionRule,
  'management-review': managementReviewRule,
  'interested-party': interestedPartyRule,
  'leadership-commitment': leadershipCommitmentRule,
  'aims-risk': aimsRiskRule,
  'aims-change': aimsChangeRule,
  measurement: measurementRule,
  improvement: improvementRule,
};

/** What can be recorded: every record kind, and `approval` (a decision on a record that exists). */
export type RecordableKind = RecordKind | 'approval';

/** Without a rule a kind is checked against its schema only. */
const schemaOnly = (kind: RecordKind): RecordRule => ({
  summary: 'schema only',
  prepare: (value) => [writeOf(kind, parseDraft(kind, value))],
});

/** The rule for a kind name; Refusal (field 'kind') naming the kinds there are when it is unknown. */
export function ruleFor(kind: string): { kind: RecordableKind; rule: RecordRule } {
  if (kind === 'approval') return { kind, rule: approvalRule };
  const parsed = RecordKind.safeParse(kind);
  if (!parsed.success) {
    throw refuse(
      undefined,
      `unknown kind '${kind}' (expected one of ${[...RECORD_KINDS, 'approval'].join(', ')})`,
    );
  }
  return { kind: parsed.data, rule: RECORD_RULES[parsed.data] ?? schemaOnly(parsed.data) };
}

/** A record without the metadata the register fills in (a record copied out of a workspace may carry it). */
export function withoutMetadata(value: Record<string, unknown>): Record<string, unknown> {
  const meta: readonly string[] = RECORD_META_FIELDS;
  return Object.fromEntries(Object.entries(value).filter(([field]) => !meta.includes(field)));
}

/** The systems a set of writes concerns: the transitions to apply after them are theirs. */
export const systemsOf = (writes: readonly RecordWrite[]): string[] => [
  ...new Set(
    writes.flatMap((w) => {
      const draft = w.draft as { id?: string; systemId?: string };
      return w.kind === 'ai-system' ? [String(draft.id)] : draft.systemId ? [draft.systemId] : [];
    }),
  ),
];

/**
 * The writes recording `value` as a `kind` means, by the kind's rule. Metadata fields are dropped; a
 * `kind` field that disagrees is refused. Throws Refusal naming the field at fault. Pure.
 */
export function prepareRecord(
  kind: RecordableKind,
  value: Record<string, unknown>,
  ctx: RecordRuleContext,
): RecordWrite[] {
  const fields = withoutMetadata(value);
  if (fields.kind !== undefined && fields.kind !== kind) {
    throw refuse('kind', `'${String(fields.kind)}' does not match the kind '${kind}' given`);
  }
  const { rule } = ruleFor(kind);
  return rule.prepare({ ...fields, ...(kind === 'approval' ? {} : { kind }) }, ctx);
}

/**
 * Records one record in one transaction: its writes, then the trigger and assessment transitions they
 * cause for the same systems, each its own event. A refused record (Refusal, RecordInvalidError)
 * leaves the register exactly as it was. Returns the writes made.
 */
export async function recordOne(
  register: Register,
  kind: RecordableKind,
  value: Record<string, unknown>,
  ctx: Omit<RecordRuleContext, 'snapshot'> & { cause: string; snapshot?: FullSnapshot },
): Promise<RecordWrite[]> {
  const snapshot = ctx.snapshot ?? (await loadSnapshot(register));
  const writes = prepareRecord(kind, value, { snapshot, today: ctx.today, now: ctx.now, actor: ctx.actor });
  await register.transact({ actor: ctx.actor, cause: ctx.cause }, async (tx) => {
    await putAll(tx, writes);
    await putAll(tx, applyTransitions(await loadSnapshot(tx), ctx.today, { systemIds: systemsOf(writes) }));
  });
  return writes;
}

/**
 * Records the transitions due by `today` (calendar triggers, escalations, resolutions, superseded
 * assessments) in one transaction, each its own event. `snapshot` is the register as read now. Returns
 * the writes made (none: nothing written).
 */
export async function recordTransitions(
  register: Register,
  snapshot: RegisterSnapshot,
  today: string,
  ctx: { actor: string; cause: string },
): Promise<RecordWrite[]> {
  const writes = applyTransitions(snapshot, today);
  await register.transact(ctx, (tx) => putAll(tx, writes));
  return writes;
}
