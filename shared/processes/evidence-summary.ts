// What a read-only command holds of an evidence item and of an AI system. Kept apart from the snapshot, and
// free of the model's schemas (type imports only), because the record caches use it on paths that must not
// load the validator.
import type { AiSystem, AnyRecord, EvidenceItem, RecordKind } from '../model';
import { recordFieldsOf, type RecordField } from './record-fields';

/**
 * The evidence fields the processes read (tagging by clause, control and system, freshness, the calendar's
 * re-capture events). A read-only command on a file workspace loads only these of each item: at 50,000
 * items the rest (addresses, content hashes, authorship) costs more to load than the processes use.
 */
export const EVIDENCE_SUMMARY_FIELDS = [
  'id',
  'kind',
  'title',
  'sourceTool',
  'pinnedVersion',
  'capturedAt',
  'freshForDays',
  'clauses',
  'controls',
  'systemIds',
] as const;
export type EvidenceSummary = Pick<EvidenceItem, (typeof EVIDENCE_SUMMARY_FIELDS)[number]>;

/**
 * The AI-system fields the processes read (scope, review state, owners for impartiality and roles, the
 * components a reassessment fingerprints, when it entered the register). At 5,000 systems the rest (source
 * links, discovery details, edit metadata) is about a quarter of what the systems take to load.
 */
export const SYSTEM_SUMMARY_FIELDS = [
  'id',
  'kind',
  'createdAt',
  'name',
  'purpose',
  'owner',
  'riskOwner',
  'lifecycleStage',
  'deploymentStatus',
  'inventoryState',
  'inScope',
  'scopeJustification',
  'components',
] as const;
export type SystemSummary = Pick<AiSystem, (typeof SYSTEM_SUMMARY_FIELDS)[number]>;

const EVIDENCE_FIELDS: ReadonlySet<string> = new Set(EVIDENCE_SUMMARY_FIELDS);
const SYSTEM_FIELDS: ReadonlySet<string> = new Set(SYSTEM_SUMMARY_FIELDS);

/** The fields a snapshot keeps of a record of `kind` (in this order), or undefined when it keeps it whole. */
export const summaryFieldsOf = (kind: RecordKind): readonly string[] | undefined =>
  kind === 'evidence' ? EVIDENCE_SUMMARY_FIELDS : kind === 'ai-system' ? SYSTEM_SUMMARY_FIELDS : undefined;

/**
 * A record as a RegisterSnapshot may hold it: an evidence item reduced to EVIDENCE_SUMMARY_FIELDS, an AI
 * system to SYSTEM_SUMMARY_FIELDS (those it has, in its own key order), any other record itself (not copied).
 */
export function summaryOf(record: AnyRecord): object {
  const fields =
    record.kind === 'evidence' ? EVIDENCE_FIELDS : record.kind === 'ai-system' ? SYSTEM_FIELDS : undefined;
  if (!fields) return record;
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (fields.has(key)) summary[key] = value;
  return summary;
}

const viewFields = new Map<RecordKind, ReadonlyMap<string, RecordField>>();

/**
 * The top-level fields a summaryOf of a valid record of `kind` may hold (`kind` left out), name → JSON type and
 * whether every such view holds it: the kind's fields (record-fields.ts), only the summary's for evidence
 * items and AI systems. What a record cache checks a view line against before a process reads it.
 */
export function viewFieldsOf(kind: RecordKind): ReadonlyMap<string, RecordField> {
  let fields = viewFields.get(kind);
  if (!fields) {
    const kept = summaryFieldsOf(kind);
    const all = recordFieldsOf(kind);
    fields = kept ? new Map([...all].filter(([name]) => kept.includes(name))) : all;
    viewFields.set(kind, fields);
  }
  return fields;
}
