// A read-only copy of the whole register, grouped by kind: what pure process logic works on.
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../model';
import type { EvidenceSummary, SystemSummary } from './evidence-summary';
import type { RegisterReader } from '../register';

export {
  EVIDENCE_SUMMARY_FIELDS,
  SYSTEM_SUMMARY_FIELDS,
  summaryOf,
  type EvidenceSummary,
  type SystemSummary,
} from './evidence-summary';

/** Every record of every kind, whole: what the evidence pack and the dashboard show. */
export type FullSnapshot = { readonly [K in RecordKind]: readonly RecordOf<K>[] };

/**
 * Every record of every kind, evidence items and AI systems as their summaries (a FullSnapshot is one too):
 * what read-only commands load. What writes or shows whole records (the pack, the dashboard) takes a
 * FullSnapshot.
 */
export type RegisterSnapshot = Omit<FullSnapshot, 'evidence' | 'ai-system'> & {
  readonly evidence: readonly EvidenceSummary[];
  readonly 'ai-system': readonly SystemSummary[];
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
