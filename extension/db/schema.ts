// The register's IndexedDB layout and its versions. Never edit a published version: add one.
import Dexie, { type Table } from 'dexie';
import type { AnyRecord, EventEntry, RecordKind } from '../../shared/model';
import { clausesOf, statusOf, systemIdOf } from '../../shared/register';

/**
 * Derived fields stored next to a record so IndexedDB can index them. They carry an `ix` prefix
 * because some kinds have a field of the same name with another meaning (soa-entry.status).
 */
export interface IndexFields {
  ixSystemId?: string;
  ixStatus?: string;
  ixClauses?: string[];
}

export type RecordRow = AnyRecord & IndexFields;
export type RecordKey = [RecordKind, string];

/** A background job as stored: its state, progress and checkpoint (see extension/background/jobs). */
export interface JobRow {
  id: string;
  state: string;
  [field: string]: unknown;
}

/** A job's input, kept apart from the job so listing jobs stays cheap. */
export interface JobInputRow {
  id: string;
  input: unknown;
}

/** What a connector remembers between runs (ETags, per-repository scan results): JSON text by key. */
export interface ConnectorStateRow {
  key: string;
  value: string;
}

/**
 * A workspace bundle being uploaded from a page in pieces, or uploaded and waiting for (or used by) its
 * import job. `split` is where the reading of its text stands (shared/exchange/bundle-stream).
 */
export interface UploadRow {
  id: string;
  /** The file's name, and its size in bytes as the page declared it. */
  name: string;
  size: number;
  state: 'receiving' | 'complete';
  /** The index of the next piece expected, and the characters received so far. */
  next: number;
  chars: number;
  split: unknown;
  /** The import job started on it, once complete. */
  job?: string;
  createdAt: string;
  updatedAt: string;
}

/** One record or event of an uploaded bundle, as its JSON text, by upload, array and position. */
export interface StagedItemRow {
  upload: string;
  section: 'records' | 'events';
  index: number;
  text: string;
}
export type StagedItemKey = [string, 'records' | 'events', number];

export type AimsDatabase = Dexie & {
  records: Table<RecordRow, RecordKey>;
  events: Table<EventEntry, number>;
  jobs: Table<JobRow, string>;
  jobInputs: Table<JobInputRow, string>;
  connectorState: Table<ConnectorStateRow, string>;
  uploads: Table<UploadRow, string>;
  stagedItems: Table<StagedItemRow, StagedItemKey>;
};

/** Version 1: records by kind only. */
export const SCHEMA_V1 = { records: '[kind+id], kind', events: 'seq' };

/** Version 2: adds indexes on the derived fields (`*` = one index entry per clause). */
export const SCHEMA_V2 = {
  records: '[kind+id], kind, [kind+ixSystemId], [kind+ixStatus], *ixClauses',
  events: 'seq',
};

/** Version 3: background jobs and their inputs, so a job outlives the service worker. */
export const SCHEMA_V3 = { ...SCHEMA_V2, jobs: 'id, state', jobInputs: 'id' };

/** Version 4: connector state, so a sync job's per-repository results and ETags outlive the worker. */
export const SCHEMA_V4 = { ...SCHEMA_V3, connectorState: 'key' };

/**
 * Version 5: bundle uploads and their staged items, so an import reads a bundle a page at a time from
 * IndexedDB instead of holding it whole (and a worker stop loses no piece already received).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  uploads: 'id, state',
  stagedItems: '[upload+section+index]',
};

export const SCHEMA_VERSION = 5;

/** The record plus its index fields; absent values are left out so the row is not indexed there. */
export function toRow(record: AnyRecord): RecordRow {
  const row: RecordRow = { ...record };
  const systemId = systemIdOf(record);
  const status = statusOf(record);
  const clauses = clausesOf(record);
  if (systemId !== undefined) row.ixSystemId = systemId;
  if (status !== undefined) row.ixStatus = status;
  if (clauses.length > 0) row.ixClauses = [...clauses];
  return row;
}

export function fromRow(row: RecordRow): AnyRecord {
  const { ixSystemId: _system, ixStatus: _status, ixClauses: _clauses, ...record } = row;
  return record as AnyRecord;
}

export function openAimsDatabase(name: string): AimsDatabase {
  const db = new Dexie(name) as AimsDatabase;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) =>
      tx
        .table<RecordRow, RecordKey>('records')
        .toCollection()
        .modify((row) => {
          Object.assign(row, toRow(fromRow(row)));
        }),
    );
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
  return db;
}
