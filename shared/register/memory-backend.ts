// An in-memory back-end: for pure domain tests, for planning without side effects, and as the read side
// of the file workspace. Records are kept per kind and indexed by AI system, so a per-system query costs
// what it returns, not the size of the register.
import type { AnyRecord, EventEntry, RecordKind } from '../model';
import type { RegisterBackend, RegisterQuery, StoredChange } from './contract';
import { systemIdOf } from './indexing';
import { matchesQuery } from './register';

export interface MemoryBackendOptions {
  /**
   * The seed's records and events belong to the back-end from now on (freshly parsed, say), so they are
   * not copied. Reads still hand out copies.
   */
  adopt?: boolean;
}

export function createMemoryBackend(
  seed: { records?: AnyRecord[]; events?: EventEntry[] } = {},
  options: MemoryBackendOptions = {},
): RegisterBackend & {
  snapshot(): { records: AnyRecord[]; events: EventEntry[] };
  /**
   * The stored records of one kind, by id, not copied: for a caller that only reads them (a read-only
   * evaluation of the whole register), sparing a copy of every record. Changing one changes the store.
   */
  view(kind: RecordKind): readonly AnyRecord[];
} {
  const own = <T>(value: T): T => (options.adopt ? value : structuredClone(value));
  /** kind → id → record */
  const byKind = new Map<RecordKind, Map<string, AnyRecord>>();
  /** kind → system id → ids of that kind's records for the system */
  const bySystem = new Map<RecordKind, Map<string, Set<string>>>();

  const put = (record: AnyRecord) => {
    remove(record.kind, record.id);
    let ofKind = byKind.get(record.kind);
    if (!ofKind) byKind.set(record.kind, (ofKind = new Map()));
    ofKind.set(record.id, record);
    const systemId = systemIdOf(record);
    if (systemId === undefined) return;
    let systems = bySystem.get(record.kind);
    if (!systems) bySystem.set(record.kind, (systems = new Map()));
    let ids = systems.get(systemId);
    if (!ids) systems.set(systemId, (ids = new Set()));
    ids.add(record.id);
  };
  const remove = (kind: RecordKind, id: string) => {
    const old = byKind.get(kind)?.get(id);
    if (!old) return;
    byKind.get(kind)!.delete(id);
    const systemId = systemIdOf(old);
    if (systemId !== undefined) bySystem.get(kind)?.get(systemId)?.delete(id);
  };

  for (const r of seed.records ?? []) put(own(r));
  const events: EventEntry[] = own(seed.events ?? []);

  return {
    async get(kind, id) {
      const found = byKind.get(kind)?.get(id);
      return found ? structuredClone(found) : undefined;
    },
    async query(query: RegisterQuery) {
      const ofKind = byKind.get(query.kind);
      if (!ofKind) return [];
      const candidates =
        query.systemId === undefined
          ? [...ofKind.values()]
          : [...(bySystem.get(query.kind)?.get(query.systemId) ?? [])].map((id) => ofKind.get(id)!);
      return candidates.filter((r) => matchesQuery(r, query)).map((r) => structuredClone(r));
    },
    async lastEvent() {
      return events.at(-1);
    },
    async events() {
      return structuredClone(events);
    },
    async commit(changes: readonly StoredChange[], appended: readonly EventEntry[]) {
      for (const change of changes) {
        if (change.record) put(structuredClone(change.record));
        else remove(change.kind, change.id);
      }
      events.push(...structuredClone([...appended]));
    },
    view: (kind) =>
      [...(byKind.get(kind)?.values() ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    snapshot: () => ({
      records: structuredClone([...byKind.values()].flatMap((m) => [...m.values()])),
      events: structuredClone(events),
    }),
  };
}
