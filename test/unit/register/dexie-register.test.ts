import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDexieBackend, openDexieRegister } from '../../../extension/db/dexie-backend';
import { openAimsDatabase, SCHEMA_VERSION, type AimsDatabase } from '../../../extension/db/schema';
import type { AnyRecord, EventEntry, RecordKind } from '../../../shared/model';
import {
  canonicalJson,
  chainEvents,
  matchesQuery,
  parseRecord,
  sha256Hex,
  verifyChain,
  type EventDraft,
  type StoredChange,
} from '../../../shared/register';
import { steppingClock, systemDraft, triggerDraft } from '../../support/builders';
import { describeRegisterContract } from '../../support/register-contract';

let dbCount = 0;
const freshName = () => `aims-test-${process.pid}-${++dbCount}`;

const opened: Dexie[] = [];
function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}
// Names are unique per test, so closing is enough; the in-memory databases go with the worker.
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describeRegisterContract('dexie', async () => {
  const name = freshName();
  const clock = steppingClock();
  return {
    register: openDexieRegister(name, { clock }),
    reopen: async () => openDexieRegister(name, { clock }),
  };
});

const META = { createdBy: 'seed', updatedBy: 'seed', revision: 1 };

/** About 50 valid records of four kinds, as a version-1 database would have held them. */
function seedRecords(): AnyRecord[] {
  const at = '2026-01-01T00:00:00.000Z';
  const meta = { ...META, createdAt: at, updatedAt: at };
  const records: AnyRecord[] = [];
  const states = ['confirmed', 'discovered-unreviewed', 'rejected'] as const;
  for (let i = 0; i < 15; i++) {
    const draft = systemDraft({ id: `sys-${i}`, name: `System ${i}`, inventoryState: states[i % 3] });
    records.push(parseRecord('ai-system', { ...draft, ...meta }, `seed ai-system ${i}`));
  }
  const statuses = ['open', 'assessing', 'resolved', 'dismissed'] as const;
  for (let i = 0; i < 20; i++) {
    const draft = triggerDraft({ id: `trg-${i}`, systemId: `sys-${i % 5}`, status: statuses[i % 4] });
    records.push(parseRecord('trigger', { ...draft, ...meta }, `seed trigger ${i}`));
  }
  for (let i = 0; i < 8; i++) {
    const doc = {
      kind: 'document',
      id: `doc-${i}`,
      docType: 'procedure',
      title: `Procedure ${i}`,
      version: '1.0',
      clauses: i % 2 === 0 ? ['7.5'] : ['8.2', '9.3'],
      approval: { state: i < 4 ? 'approved' : 'draft' },
      ...meta,
    };
    records.push(parseRecord('document', doc, `seed document ${i}`));
  }
  for (let i = 1; i <= 7; i++) {
    const entry = {
      kind: 'soa-entry',
      id: `soa-a-5-${i}`,
      controlId: `A.5.${i}`,
      applicable: true,
      justification: 'needed for the risk treatment plan',
      // Its own `status` differs from the indexed approval state: the index must not clobber it.
      status: 'implemented',
      approval: { state: 'in-review' },
      ...meta,
    };
    records.push(parseRecord('soa-entry', entry, `seed soa-entry ${i}`));
  }
  return records;
}

function seedEvents(records: readonly AnyRecord[]): EventEntry[] {
  const drafts: EventDraft[] = records.map((record) => ({
    at: record.createdAt,
    actor: 'seed',
    action: 'create',
    recordKind: record.kind,
    recordId: record.id,
    cause: 'seed',
    summary: `created ${record.kind} ${record.id}`,
    recordHash: sha256Hex(canonicalJson(record)),
  }));
  return chainEvents(undefined, drafts);
}

const sortById = (records: AnyRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('dexie schema migration', () => {
  it('upgrades a version-1 database without losing records or events, and indexes the derived fields', async () => {
    const name = freshName();
    const records = seedRecords();
    const events = seedEvents(records);
    expect(records.length).toBeGreaterThanOrEqual(50);

    // Written literally, not imported: this is what version 1 shipped with.
    const v1 = new Dexie(name);
    v1.version(1).stores({ records: '[kind+id], kind', events: 'seq' });
    await v1.table('records').bulkPut(records);
    await v1.table('events').bulkAdd(events);
    v1.close();

    const db = track(openAimsDatabase(name));
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    const register = openDexieRegister(name, { clock: steppingClock('2026-02-01T00:00:00.000Z') });
    for (const kind of ['ai-system', 'trigger', 'document', 'soa-entry'] as const) {
      const expected = sortById(records.filter((r) => r.kind === kind));
      expect(await register.list(kind)).toEqual(expected);
    }
    expect(await register.events()).toEqual(events);
    // The upgrade keeps every record bound to its event: the whole register still verifies.
    expect(await register.verify()).toEqual({
      ok: true,
      entries: records.length,
      records: records.length,
      head: verifyChain(events).head,
      problems: [],
    });

    // The queries answer as the plain filter does...
    const queries = [
      { kind: 'trigger', systemId: 'sys-2' },
      { kind: 'trigger', status: 'resolved' },
      { kind: 'ai-system', status: 'discovered-unreviewed' },
      { kind: 'ai-system', systemId: 'sys-7' },
      { kind: 'document', status: 'approved' },
      { kind: 'document', clause: '9.3' },
      { kind: 'soa-entry', status: 'in-review' },
      { kind: 'soa-entry', clause: 'A.5.3' },
    ] as const;
    for (const q of queries) {
      const expected = sortById(records.filter((r) => matchesQuery(r, q)));
      expect(expected.length, JSON.stringify(q)).toBeGreaterThan(0);
      expect(await register.query(q), JSON.stringify(q)).toEqual(expected);
    }

    // ...and the indexes themselves were filled by the upgrade.
    expect(await db.records.where('[kind+ixSystemId]').equals(['trigger', 'sys-2']).count()).toBe(4);
    expect(await db.records.where('[kind+ixStatus]').equals(['trigger', 'resolved']).count()).toBe(5);
    expect(await db.records.where('[kind+ixStatus]').equals(['soa-entry', 'in-review']).count()).toBe(7);
    expect(await db.records.where('ixClauses').equals('7.5').count()).toBe(4);

    // Writing after the upgrade continues the same chain.
    await register.transact({ actor: 'alice', cause: 'test' }, (tx) =>
      tx.put('trigger', triggerDraft({ id: 'trg-new', systemId: 'sys-2' })),
    );
    expect(await register.verify()).toMatchObject({ ok: true, entries: records.length + 1 });
    expect((await register.query({ kind: 'trigger', systemId: 'sys-2' })).length).toBe(5);
  });
});

describe('dexie commit', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const record = (id: string) =>
    parseRecord('ai-system', { ...systemDraft({ id }), ...META, createdAt: at, updatedAt: at }, id);
  const eventFor = (r: AnyRecord, last?: EventEntry) =>
    chainEvents(last, [
      {
        at,
        actor: 'alice',
        action: 'create',
        recordKind: r.kind,
        recordId: r.id,
        cause: 'test',
        summary: 'created',
        recordHash: sha256Hex(canonicalJson(r)),
      },
    ]);

  async function fresh(): Promise<AimsDatabase> {
    const db = track(openAimsDatabase(freshName()));
    await db.open();
    return db;
  }

  const change = (r: AnyRecord): StoredChange => ({ kind: r.kind, id: r.id, record: r });

  it('writes nothing when one record cannot be stored', async () => {
    const db = await fresh();
    const backend = createDexieBackend(db);
    const good = record('sys-good');
    // A function cannot be cloned into IndexedDB, so the second put fails inside the transaction.
    const unclonable = { ...record('sys-bad'), name: () => 'x' } as unknown as AnyRecord;
    const first = eventFor(good);
    const events = [...first, ...eventFor(unclonable, first[0])];

    await expect(backend.commit([change(good), change(unclonable)], events)).rejects.toThrow(/clone/i);
    expect(await db.records.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('rolls back record writes when appending an event fails', async () => {
    const db = await fresh();
    const backend = createDexieBackend(db);
    const first = record('sys-first');
    const firstEvents = eventFor(first);
    await backend.commit([change(first)], firstEvents);

    // A second writer that read the same chain head computes the same seq: it must not land.
    const rival = record('sys-rival');
    await expect(backend.commit([change(rival)], eventFor(rival))).rejects.toThrow(/constraint|exists/i);
    expect(await backend.get('ai-system', 'sys-rival')).toBeUndefined();
    expect(await backend.events()).toEqual(firstEvents);
  });

  it('applies deletions and puts together', async () => {
    const db = await fresh();
    const backend = createDexieBackend(db);
    const a = record('sys-a');
    const b = record('sys-b');
    const e1 = eventFor(a);
    await backend.commit([change(a)], e1);
    const kind: RecordKind = 'ai-system';
    await backend.commit([{ kind, id: 'sys-a' }, change(b)], eventFor(b, e1[0]));
    expect((await backend.query({ kind })).map((r) => r.id)).toEqual(['sys-b']);
  });

  it('returns records without the stored index fields', async () => {
    const db = await fresh();
    const backend = createDexieBackend(db);
    const a = record('sys-a');
    await backend.commit([change(a)], eventFor(a));
    expect(await db.records.get(['ai-system', 'sys-a'])).toMatchObject({
      ixSystemId: 'sys-a',
      ixStatus: 'confirmed',
    });
    expect(await backend.get('ai-system', 'sys-a')).toEqual(a);
    expect(await backend.query({ kind: 'ai-system', systemId: 'sys-a' })).toEqual([a]);
  });
});
