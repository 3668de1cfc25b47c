// What a read-only command holds of an evidence item. Kept apart from the snapshot, and free of the model's
// schemas (type imports only), because the record caches use it on paths that must not load the validator.
import type { AnyRecord, EvidenceItem } from '../model';

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

const SUMMARY_FIELDS: ReadonlySet<string> = new Set(EVIDENCE_SUMMARY_FIELDS);

/**
 * A record as a RegisterSnapshot may hold it: an evidence item reduced to EVIDENCE_SUMMARY_FIELDS (those it
 * has, in its own key order), any other record itself (not copied).
 */
export function summaryOf(record: AnyRecord): object {
  if (record.kind !== 'evidence') return record;
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (SUMMARY_FIELDS.has(key)) summary[key] = value;
  return summary;
}
