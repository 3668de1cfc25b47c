// Process results as register writes: each carries the event it should leave (action, cause, summary).
import type { Draft, RecordKind } from '../model';
import type { RegisterWriter, WriteOptions } from '../register';
import type { FullSnapshot, RegisterSnapshot } from './snapshot';

export type RecordWrite = {
  [K in RecordKind]: { kind: K; draft: Draft<K>; options: WriteOptions };
}[RecordKind];

export function writeOf<K extends RecordKind>(
  kind: K,
  draft: Draft<K>,
  options: WriteOptions = {},
): RecordWrite {
  return { kind, draft, options } as RecordWrite;
}

export { draftOf } from '../model';

/** Writes in order inside one transaction, each with its own event. */
export async function putAll(tx: RegisterWriter, writes: readonly RecordWrite[]): Promise<void> {
  for (const write of writes) await tx.put(write.kind, write.draft, write.options);
}

/**
 * The snapshot as it would read after the write; used to plan several transitions in a row.
 * Metadata is carried over (or left empty for a new record): process logic never reads it.
 */
export function withWrite(snapshot: FullSnapshot, write: RecordWrite): FullSnapshot;
export function withWrite(snapshot: RegisterSnapshot, write: RecordWrite): RegisterSnapshot;
export function withWrite(snapshot: RegisterSnapshot, write: RecordWrite): RegisterSnapshot {
  const list = snapshot[write.kind] as ReadonlyArray<{ id: string }>;
  const id = String((write.draft as { id?: unknown }).id);
  const existing = list.find((r) => r.id === id);
  const meta = existing ?? { createdAt: '', updatedAt: '', createdBy: '', updatedBy: '', revision: 0 };
  const record = { ...meta, ...write.draft, kind: write.kind };
  const next = existing ? list.map((r) => (r.id === id ? record : r)) : [...list, record];
  return { ...snapshot, [write.kind]: next };
}
