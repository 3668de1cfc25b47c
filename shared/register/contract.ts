// The storage contract. Back-ends (Dexie in the extension, a JSON folder in Node) only store;
// validation, timestamps, revisions and the event chain live once, in createRegister.
import type { AnyRecord, Draft, EventEntry, RecordKind, RecordOf } from '../model';
import type { StoredRecordDigest } from './binding';
import type { Checkpoint } from './checkpoint';
import type { RegisterVerdict } from './verdict';
import type { VerifyOptions } from './verify';

export interface RegisterQuery<K extends RecordKind = RecordKind> {
  kind: K;
  systemId?: string;
  status?: string;
  clause?: string;
}

/** A record to write, or a deletion when `record` is absent. */
export interface StoredChange {
  kind: RecordKind;
  id: string;
  record?: AnyRecord;
}

export interface RegisterBackend {
  get(kind: RecordKind, id: string): Promise<AnyRecord | undefined>;
  /** Must honour every filter in the query; may use indexes to do so. */
  query(query: RegisterQuery): Promise<AnyRecord[]>;
  lastEvent(): Promise<EventEntry | undefined>;
  events(): Promise<EventEntry[]>;
  /** Applies all changes and appends the events as one unit: all or nothing. */
  commit(changes: readonly StoredChange[], events: readonly EventEntry[]): Promise<void>;
  /**
   * Runs one transaction as the only writer, reading the latest committed state (a back-end shared
   * between processes takes a lock and reloads here). Absent: the register's own queue suffices.
   */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Every stored record with the SHA-256 of its stored form (and where it lives). Absent: the
   * register hashes what `query` returns for every kind.
   */
  storedRecords?(): Promise<StoredRecordDigest[]>;
  /** Where a record of this kind and id is (or would be) stored, for messages. */
  locate?(kind: string, id: string): string;
  /** Signed checkpoints kept with the log (none when absent). */
  checkpoints?(): Promise<Checkpoint[]>;
}

export interface RegisterReader {
  get<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K> | undefined>;
  /** Throws RecordNotFoundError when absent. */
  require<K extends RecordKind>(kind: K, id: string): Promise<RecordOf<K>>;
  query<K extends RecordKind>(query: RegisterQuery<K>): Promise<RecordOf<K>[]>;
  list<K extends RecordKind>(kind: K): Promise<RecordOf<K>[]>;
}

export interface WriteOptions {
  /** 'transition' marks a state change (e.g. current → due) in the event log. */
  action?: 'transition';
  summary?: string;
  /** Overrides the transaction's cause for this one write. */
  cause?: string;
}

export interface RegisterWriter extends RegisterReader {
  /** Creates or replaces a record; returns it as stored. Unchanged content writes nothing. */
  put<K extends RecordKind>(kind: K, draft: Draft<K>, options?: WriteOptions): Promise<RecordOf<K>>;
  remove(kind: RecordKind, id: string, options?: WriteOptions): Promise<void>;
}

export interface TransactionContext {
  actor: string;
  cause: string;
}

export interface Register extends RegisterReader {
  /** Runs fn; its writes land together with their events, or not at all if fn throws. */
  transact<T>(context: TransactionContext, fn: (tx: RegisterWriter) => Promise<T>): Promise<T>;
  events(): Promise<EventEntry[]>;
  /** Checks the chain, every record against its latest event, and the anchor / trusted key if given. */
  verify(options?: VerifyOptions): Promise<RegisterVerdict>;
}
