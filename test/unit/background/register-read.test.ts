// `register/read` as each dashboard view asks for it: the whole register by default, evidence items as
// summaries, one system's evidence, the event log or part of it, all out of one moment of the register
// (a write landing meanwhile is wholly in the reply or wholly out of it).
import { describe, expect, it } from 'vitest';
import { createDexieBackend, readWholeRegister } from '../../../extension/db/dexie-backend';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { listingReader } from '../../../extension/background/register-read';
import type { SenderRole } from '../../../extension/background/senders';
import { EVIDENCE_SUMMARY_FIELDS, summaryOf } from '../../../shared/processes/evidence-summary';
import { RECORD_KINDS, type AnyRecord, type EventEntry } from '../../../shared/model';
import { createRegister } from '../../../shared/register';
import { steppingClock, systemDraft } from '../../support/builders';
import { freshDatabases } from '../../support/aims-db';

const PAGE: SenderRole = { kind: 'extension-page' };
const TODAY = '2026-01-10';
const freshDb = freshDatabases('register-read-test');

/** A worker's deps over a fresh database holding the demo organisation. */
async function demoWorker() {
  const db = freshDb();
  const clock = steppingClock();
  const register = createRegister(createDexieBackend(db), { clock });
  const deps: BackgroundDeps = {
    register,
    readWhole: (withEvents) => readWholeRegister(db, withEvents),
    today: () => TODAY,
    now: clock,
  };
  expect(await handleMessage({ type: 'demo/load' }, deps, PAGE)).toMatchObject({ ok: true });
  return { db, register, deps };
}

type ReadReply = { ok: true; records: AnyRecord[]; events: EventEntry[] };
async function read(deps: BackgroundDeps, options: Record<string, unknown> = {}): Promise<ReadReply> {
  const reply = await handleMessage({ type: 'register/read', ...options }, deps, PAGE);
  expect(reply, JSON.stringify(reply).slice(0, 300)).toMatchObject({ ok: true });
  return reply as ReadReply;
}

describe('register/read', () => {
  it('without options gives every record whole and the full event log, as a read kind by kind does', async () => {
    const { deps, register } = await demoWorker();
    const reply = await read(deps);
    const listed = await listingReader(register)(true);
    expect(reply.records).toEqual(listed.records);
    expect(reply.events).toEqual(listed.events);
    expect(reply.events.map((e) => e.seq)).toEqual(reply.events.map((_, i) => i));
    // Grouped in RECORD_KINDS order, by id within a kind.
    const kinds = reply.records.map((r) => RECORD_KINDS.indexOf(r.kind));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
  });

  it('gives evidence items as summaries (only the fields processes read), every other record whole', async () => {
    const { deps } = await demoWorker();
    const whole = await read(deps);
    const reply = await read(deps, { evidence: 'summary', events: 'none' });
    expect(reply.events).toEqual([]);
    expect(reply.records).toHaveLength(whole.records.length);
    const evidence = reply.records.filter((r) => r.kind === 'evidence');
    expect(evidence.length).toBeGreaterThan(0);
    for (const item of evidence) {
      for (const field of Object.keys(item)) expect(EVIDENCE_SUMMARY_FIELDS).toContain(field);
      expect(item).not.toHaveProperty('url');
      expect(item).not.toHaveProperty('contentHash');
    }
    expect(evidence).toEqual(whole.records.filter((r) => r.kind === 'evidence').map(summaryOf));
    expect(reply.records.filter((r) => r.kind !== 'evidence')).toEqual(
      whole.records.filter((r) => r.kind !== 'evidence'),
    );
  });

  it("gives one system's evidence whole and every event but evidence items'", async () => {
    const { deps } = await demoWorker();
    const whole = await read(deps);
    const system = whole.records.find(
      (r) => r.kind === 'evidence' && r.systemIds.length > 0 && whole.records.some((o) => o !== r),
    );
    const systemId = system?.kind === 'evidence' ? system.systemIds[0]! : '';
    const reply = await read(deps, { evidence: 'whole', evidenceOf: systemId, events: 'except-evidence' });
    const evidence = reply.records.filter((r) => r.kind === 'evidence');
    const expected = whole.records.filter((r) => r.kind === 'evidence' && r.systemIds.includes(systemId));
    expect(evidence).toEqual(expected);
    expect(evidence.length).toBeLessThan(whole.records.filter((r) => r.kind === 'evidence').length);
    expect(reply.events).toEqual(whole.events.filter((e) => e.recordKind !== 'evidence'));
    expect(reply.events.length).toBeLessThan(whole.events.length);
  });

  it('gives no evidence for a system that has none, and an empty register as empty lists', async () => {
    const { deps } = await demoWorker();
    const reply = await read(deps, { evidenceOf: 'sys-nobody', events: 'none' });
    expect(reply.records.filter((r) => r.kind === 'evidence')).toEqual([]);
    const db = freshDb();
    const empty = createRegister(createDexieBackend(db), { clock: steppingClock() });
    const emptyDeps = {
      ...deps,
      register: empty,
      readWhole: (e: boolean) => readWholeRegister(db, e),
    };
    expect(await read(emptyDeps, { evidence: 'summary' })).toEqual({ ok: true, records: [], events: [] });
  });

  it('refuses options it does not know, before reading anything', async () => {
    const { deps } = await demoWorker();
    for (const bad of [
      { evidence: 'all' },
      { events: 'some' },
      { evidenceOf: '' },
      { evidenceOf: 'x'.repeat(201) },
      { evidence: 'summary', fields: ['url'] },
      { events: ['all'] },
    ]) {
      const reply = await handleMessage({ type: 'register/read', ...bad }, deps, PAGE);
      expect(reply, JSON.stringify(bad)).toMatchObject({ ok: false, error: /^malformed message/ });
    }
  });

  it('is never asked by a content script', async () => {
    const { deps } = await demoWorker();
    const reply = await handleMessage({ type: 'register/read', evidence: 'summary' }, deps, {
      kind: 'content-script',
      host: 'github',
      origin: 'https://github.com',
      url: 'https://github.com/o/r/pull/1',
    });
    expect(reply).toMatchObject({ ok: false, error: /refused/ });
  });

  it('reads one moment of the register while writes land: every record with its event, none without', async () => {
    const { deps, register } = await demoWorker();
    for (let round = 0; round < 6; round++) {
      // Writes fired before, with and after the read, each a system and its event in one transaction.
      const writes = [0, 1, 2].map((n) =>
        register.transact({ actor: 'page', cause: 'test' }, async (tx) => {
          await tx.put('ai-system', systemDraft({ id: `sys-r${round}-${n}`, name: `Round ${round} ${n}` }));
        }),
      );
      const reply = await read(deps, round % 2 ? { evidence: 'summary', events: 'except-evidence' } : {});
      await Promise.all(writes);
      const systems = new Set(reply.records.filter((r) => r.kind === 'ai-system').map((r) => r.id));
      const logged = new Set(reply.events.filter((e) => e.recordKind === 'ai-system').map((e) => e.recordId));
      expect([...systems].sort()).toEqual([...logged].sort());
      // The whole log read is a prefix of the chain, without a gap.
      if (round % 2 === 0) expect(reply.events.map((e) => e.seq)).toEqual(reply.events.map((_, i) => i));
    }
  });
});
