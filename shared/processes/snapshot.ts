// A read-only copy of the whole register, grouped by kind: what pure process logic works on.
import { RECORD_KINDS, type AnyRecord, type EvidenceItem, type RecordKind, type RecordOf } from '../model';
import type { RegisterReader } from '../register';

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

/** Every record of every kind, whole: what the evidence pack and the dashboard show. */
export type FullSnapshot = { readonly [K in RecordKind]: readonly RecordOf<K>[] };

/** Every record of every kind, evidence items as their summary (a FullSnapshot is one too). */
export type RegisterSnapshot = Omit<FullSnapshot, 'evidence'> & {
  readonly evidence: readonly EvidenceSummary[];
};

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

export async function loadSnapshot(register: RegisterReader): Promise<FullSnapshot> {
  const entries = await Promise.all(
    RECORD_KINDS.map(async (kind) => [kind, await register.list(kind)] as const),
  );
  return Object.fromEntries(entries) as unknown as FullSnapshot;
}

/** A snapshot from plain record lists, for tests and in-memory planning. */
export function snapshotOf(records: ReadonlyArray<{ kind: RecordKind }>): FullSnapshot {
  const grouped = Object.fromEntries(RECORD_KINDS.map((k) => [k, [] as unknown[]])) as Record<
    RecordKind,
    unknown[]
  >;
  for (const r of records) grouped[r.kind].push(r);
  return grouped as unknown as FullSnapshot;
}
