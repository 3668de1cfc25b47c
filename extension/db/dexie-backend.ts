// The register's extension back-end: IndexedDB through Dexie, records and events in one database.
import type { Collection } from 'dexie';
import type { AnyRecord, EventEntry } from '../../shared/model';
import {
  createRegister,
  matchesQuery,
  type Register,
  type RegisterBackend,
  type RegisterQuery,
  type StoredChange,
} from '../../shared/register';
import {
  fromRow,
  openAimsDatabase,
  toRow,
  type AimsDatabase,
  type RecordKey,
  type RecordRow,
} from './schema';

export const DEFAULT_DATABASE = 'aims-lens';

/** Narrows with the most selective index; matchesQuery then applies every filter exactly. */
function candidates(db: AimsDatabase, q: RegisterQuery): Collection<RecordRow, RecordKey> {
  if (q.systemId !== undefined) return db.records.where('[kind+ixSystemId]').equals([q.kind, q.systemId]);
  if (q.status !== undefined) return db.records.where('[kind+ixStatus]').equals([q.kind, q.status]);
  if (q.clause !== undefined) return db.records.where('ixClauses').equals(q.clause);
  return db.records.where('kind').equals(q.kind);
}

export interface DexieBackendOptions {
  /**
   * Runs first inside every commit's transaction, which then spans the jobs table too (as does
   * `exclusive`'s): a check there (no import pending) holds when the write lands. Throwing refuses
   * the commit; nothing of it is written.
   */
  beforeCommit?: () => Promise<void>;
}

export function createDexieBackend(db: AimsDatabase, options: DexieBackendOptions = {}): RegisterBackend {
  const { beforeCommit } = options;
  const tables = beforeCommit ? [db.records, db.events, db.jobs] : [db.records, db.events];
  return {
    async get(kind, id) {
      const row = await db.records.get([kind, id]);
      return row ? fromRow(row) : undefined;
    },
    async query(q) {
      const rows = await candidates(db, q).toArray();
      return rows.map(fromRow).filter((record) => matchesQuery(record, q));
    },
    async lastEvent() {
      return db.events.orderBy('seq').last();
    },
    async events() {
      return db.events.orderBy('seq').toArray();
    },
    async commit(changes: readonly StoredChange[], events: readonly EventEntry[]) {
      const puts: RecordRow[] = [];
      const deletes: RecordKey[] = [];
      for (const change of changes) {
        if (change.record) puts.push(toRow(change.record));
        else deletes.push([change.kind, change.id]);
      }
      // One transaction over both tables (inside `exclusive`'s when the register runs one). Events
      // are added, never put: a writer that computed a seq already taken fails instead of forking the chain.
      await db.transaction('rw', tables, async () => {
        await beforeCommit?.();
        if (puts.length > 0) await db.records.bulkPut(puts);
        if (deletes.length > 0) await db.records.bulkDelete(deletes);
        if (events.length > 0) await db.events.bulkAdd([...events]);
      });
    },
    /**
     * A register transaction — its reads of the records and the chain head, then its commit — as one
     * IndexedDB read-write transaction over records and events. IndexedDB runs such transactions one
     * after another, so two registers over this database (the pages' and a job's, whose step joins its
     * own transaction here) never compute the same seq: a dashboard write waits for a job step instead
     * of failing on the taken seq. `fn` may await only this database (no network inside a transaction).
     */
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      return db.transaction('rw', tables, fn);
    },
  };
}

/**
 * Every record (by kind, then id: the table's key order) and, when `withEvents`, the event log by seq,
 * in one read-only transaction: IndexedDB orders it against the register's read-write transactions, so
 * a write lands wholly before or wholly after it. One pass over the table, not one index query per kind.
 */
export async function readWholeRegister(
  db: AimsDatabase,
  withEvents: boolean,
): Promise<{ records: AnyRecord[]; events: EventEntry[] }> {
  return db.transaction('r', db.records, db.events, async () => {
    const rows = await db.records.toArray();
    const events = withEvents ? await db.events.toArray() : [];
    return { records: rows.map(fromRow), events };
  });
}

export interface DexieRegisterOptions {
  clock: () => string;
}

export function openDexieRegister(name: string = DEFAULT_DATABASE, options: DexieRegisterOptions): Register {
  return createRegister(createDexieBackend(openAimsDatabase(name)), { clock: options.clock });
}
