// The register logic shared by every back-end.
import {
  RECORD_KINDS,
  RECORD_META_FIELDS,
  RECORD_SCHEMAS,
  type AnyRecord,
  type Draft,
  type RecordKind,
  type RecordOf,
} from '../model';
import type {
  Register,
  RegisterBackend,
  RegisterQuery,
  RegisterWriter,
  StoredChange,
  TransactionContext,
  WriteOptions,
} from './contract';
import { RecordInvalidError, RecordNotFoundError, describeIssues } from './errors';
import type { StoredRecordDigest } from './binding';
import { chainEvents, type EventDraft } from './event-chain';
import { canonicalJson, sha256Hex, type TextSha256 } from './hash';
import { clausesOf, statusOf, systemIdOf } from './indexing';
import { verifyRegister, type VerifyOptions } from './verify';

export interface RegisterOptions {
  /** Returns the current instant as an ISO string; injected so the core stays pure. */
  clock: () => string;
  /**
   * Computes every SHA-256 the register makes (event hashes, record hashes, verification); injected so a
   * host can use a native digest. Must give what `sha256Hex` gives. Default: the pure implementation.
   */
  sha256?: TextSha256;
}

function withoutMeta(record: object): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...record };
  for (const field of RECORD_META_FIELDS) delete rest[field];
  return rest;
}

/** Parses a record against its kind's schema, naming the failing field. */
export function parseRecord<K extends RecordKind>(kind: K, value: unknown, where: string): RecordOf<K> {
  const result = RECORD_SCHEMAS[kind].safeParse(value);
  if (!result.success) {
    const { field, message } = describeIssues(result.error);
    throw new RecordInvalidError(where, field, message);
  }
  return result.data as RecordOf<K>;
}

export function matchesQuery(record: AnyRecord, query: RegisterQuery): boolean {
  if (record.kind !== query.kind) return false;
  if (query.systemId !== undefined && systemIdOf(record) !== query.systemId) return false;
  if (query.status !== undefined && statusOf(record) !== query.status) return false;
  if (query.clause !== undefined && !clausesOf(record).includes(query.clause)) return false;
  return true;
}

const byId = (a: AnyRecord, b: AnyRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every record of every kind, hashed as an event's recordHash is. */
async function digestsOf(backend: RegisterBackend, sha256: TextSha256): Promise<StoredRecordDigest[]> {
  const digests: StoredRecordDigest[] = [];
  for (const kind of RECORD_KINDS) {
    for (const record of await backend.query({ kind })) {
      digests.push({ kind, id: record.id, hash: recordHashOf(record, sha256) });
    }
  }
  return digests;
}

/** The SHA-256 an event carries for its record: of the record's canonical JSON. */
export const recordHashOf = (record: object, sha256: TextSha256 = sha256Hex): string =>
  sha256(canonicalJson(record));

export function createRegister(backend: RegisterBackend, options: RegisterOptions): Register {
  const sha256 = options.sha256 ?? sha256Hex;
  // Transactions run one at a time so each sees the chain head the last one left.
  let queue: Promise<unknown> = Promise.resolve();

  const reader = (overlay?: Map<string, AnyRecord | null>) => {
    const key = (kind: string, id: string) => `${kind}\u0000${id}`;
    const get = async <K extends RecordKind>(kind: K, id: string) => {
      const pending = overlay?.get(key(kind, id));
      if (pending === null) return undefined;
      return (pending ?? (await backend.get(kind, id))) as RecordOf<K> | undefined;
    };
    const query = async <K extends RecordKind>(q: RegisterQuery<K>) => {
      const stored = await backend.query(q);
      if (!overlay) return stored.sort(byId) as RecordOf<K>[];
      const merged = new Map(stored.map((r) => [r.id, r] as const));
      for (const [k, rec] of overlay) {
        const [kind, id] = k.split('\u0000') as [string, string];
        if (kind !== q.kind) continue;
        if (rec === null || !matchesQuery(rec, q)) merged.delete(id);
        else merged.set(id, rec);
      }
      return [...merged.values()].sort(byId) as RecordOf<K>[];
    };
    return {
      key,
      get,
      query,
      list: <K extends RecordKind>(kind: K) => query({ kind }),
      require: async <K extends RecordKind>(kind: K, id: string) => {
        const found = await get(kind, id);
        if (!found) throw new RecordNotFoundError(kind, id);
        return found;
      },
    };
  };

  const base = reader();

  async function transact<T>(
    context: TransactionContext,
    fn: (tx: RegisterWriter) => Promise<T>,
  ): Promise<T> {
    const run = async () => {
      const overlay = new Map<string, AnyRecord | null>();
      const r = reader(overlay);
      const drafts: EventDraft[] = [];
      const at = options.clock();

      const tx: RegisterWriter = {
        ...r,
        async put<K extends RecordKind>(kind: K, draft: Draft<K>, opts: WriteOptions = {}) {
          const id = String((draft as { id?: unknown }).id ?? '');
          const existing = await r.get(kind, id);
          if (
            existing &&
            canonicalJson(withoutMeta(existing)) === canonicalJson(withoutMeta({ ...draft, kind }))
          ) {
            return existing;
          }
          const record = parseRecord(
            kind,
            {
              ...draft,
              kind,
              createdAt: existing?.createdAt ?? at,
              createdBy: existing?.createdBy ?? context.actor,
              updatedAt: at,
              updatedBy: context.actor,
              revision: (existing?.revision ?? 0) + 1,
            },
            `${kind} '${id}'`,
          );
          // Defaults filled by the schema can make a "new" draft equal to what is stored.
          if (existing && canonicalJson(withoutMeta(existing)) === canonicalJson(withoutMeta(record))) {
            return existing;
          }
          overlay.set(r.key(kind, id), record);
          drafts.push({
            at,
            actor: context.actor,
            action: opts.action ?? (existing ? 'update' : 'create'),
            recordKind: kind,
            recordId: id,
            cause: opts.cause ?? context.cause,
            summary: opts.summary ?? `${existing ? 'updated' : 'created'} ${kind} ${id}`,
            recordHash: recordHashOf(record, sha256),
          });
          return record;
        },
        async remove(kind, id, opts: WriteOptions = {}) {
          const existing = await r.get(kind, id);
          if (!existing) throw new RecordNotFoundError(kind, id);
          overlay.set(r.key(kind, id), null);
          drafts.push({
            at,
            actor: context.actor,
            action: 'delete',
            recordKind: kind,
            recordId: id,
            cause: opts.cause ?? context.cause,
            summary: opts.summary ?? `deleted ${kind} ${id}`,
            recordHash: '',
          });
        },
      };

      const result = await fn(tx);
      if (drafts.length > 0) {
        const changes: StoredChange[] = [...overlay].map(([k, record]) => {
          const [kind, id] = k.split('\u0000') as [RecordKind, string];
          return record ? { kind, id, record } : { kind, id };
        });
        const events = chainEvents(await backend.lastEvent(), drafts, sha256);
        await backend.commit(changes, events);
      }
      return result;
    };
    const exclusive = backend.exclusive?.bind(backend);
    const guarded = exclusive ? () => exclusive(run) : run;
    const next = queue.then(guarded, guarded);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    get: base.get,
    require: base.require,
    query: base.query,
    list: base.list,
    transact,
    events: () => backend.events(),
    verify: async (verifyOptions: VerifyOptions = {}) => {
      const events = await backend.events();
      const records = backend.storedRecords
        ? await backend.storedRecords()
        : await digestsOf(backend, sha256);
      const checkpoints = backend.checkpoints ? await backend.checkpoints() : [];
      const locate = backend.locate?.bind(backend);
      return verifyRegister({
        ...verifyOptions,
        sha256,
        events,
        records,
        checkpoints,
        ...(locate ? { locate } : {}),
      });
    },
  };
}
