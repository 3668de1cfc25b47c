// A read-only copy of the whole register, grouped by kind: what pure process logic works on.
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../model';
import type { EvidenceSummary } from './evidence-summary';
import type { RegisterReader } from '../register';

export { EVIDENCE_SUMMARY_FIELDS, summaryOf, type EvidenceSummary } from './evidence-summary';

/** Every record of every kind, whole: what the evidence pack and the dashboard show. */
export type FullSnapshot = { readonly [K in RecordKind]: readonly RecordOf<K>[] };

/** Every record of every kind, evidence items as their summary (a FullSnapshot is one too). */
export type RegisterSnapshot = Omit<FullSnapshot, 'evidence'> & {
  readonly evidence: readonly EvidenceSummary[];
};

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
