// A read-only copy of the whole register, grouped by kind: what pure process logic works on.
import { RECORD_KINDS, type RecordKind, type RecordOf } from '../model';
import type { RegisterReader } from '../register';

export type RegisterSnapshot = { readonly [K in RecordKind]: readonly RecordOf<K>[] };

export async function loadSnapshot(register: RegisterReader): Promise<RegisterSnapshot> {
  const entries = await Promise.all(
    RECORD_KINDS.map(async (kind) => [kind, await register.list(kind)] as const),
  );
  return Object.fromEntries(entries) as unknown as RegisterSnapshot;
}

/** A snapshot from plain record lists, for tests and in-memory planning. */
export function snapshotOf(records: ReadonlyArray<{ kind: RecordKind }>): RegisterSnapshot {
  const grouped = Object.fromEntries(RECORD_KINDS.map((k) => [k, [] as unknown[]])) as Record<
    RecordKind,
    unknown[]
  >;
  for (const r of records) grouped[r.kind].push(r);
  return grouped as unknown as RegisterSnapshot;
}
