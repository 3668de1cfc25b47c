// An in-memory back-end: for pure domain tests and for planning without side effects.
import type { AnyRecord, EventEntry, RecordKind } from '../model';
import type { RegisterBackend, RegisterQuery, StoredChange } from './contract';
import { matchesQuery } from './register';

export function createMemoryBackend(
  seed: { records?: AnyRecord[]; events?: EventEntry[] } = {},
): RegisterBackend & {
  snapshot(): { records: AnyRecord[]; events: EventEntry[] };
} {
  const records = new Map<string, AnyRecord>();
  const key = (kind: RecordKind, id: string) => `${kind}\u0000${id}`;
  for (const r of seed.records ?? []) records.set(key(r.kind, r.id), structuredClone(r));
  const events: EventEntry[] = structuredClone(seed.events ?? []);

  return {
    async get(kind, id) {
      const found = records.get(key(kind, id));
      return found ? structuredClone(found) : undefined;
    },
    async query(query: RegisterQuery) {
      return [...records.values()].filter((r) => matchesQuery(r, query)).map((r) => structuredClone(r));
    },
    async lastEvent() {
      return events.at(-1);
    },
    async events() {
      return structuredClone(events);
    },
    async commit(changes: readonly StoredChange[], appended: readonly EventEntry[]) {
      for (const change of changes) {
        if (change.record) records.set(key(change.kind, change.id), structuredClone(change.record));
        else records.delete(key(change.kind, change.id));
      }
      events.push(...structuredClone([...appended]));
    },
    snapshot: () => ({ records: structuredClone([...records.values()]), events: structuredClone(events) }),
  };
}
