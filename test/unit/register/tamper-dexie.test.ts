// The tamper suite on the extension's back-end: the demo organisation loaded through the
// background's own message, IndexedDB changed underneath (as a script with access to the
// extension's storage could), and the verdict read back through the `register/verify` message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { openDexieRegister } from '../../../extension/db/dexie-backend';
import { openAimsDatabase, toRow, type AimsDatabase } from '../../../extension/db/schema';
import type { SenderRole } from '../../../extension/background/senders';
import type { EventEntry } from '../../../shared/model';
import { chainEvents, type EventDraft, type RegisterVerdict } from '../../../shared/register';
import { steppingClock } from '../../support/builders';

let count = 0;
let db: AimsDatabase;
let deps: BackgroundDeps;
let head: string;
/** The extension's own dashboard asks. */
const PAGE: SenderRole = { kind: 'extension-page' };

async function verdict(anchor?: string): Promise<RegisterVerdict> {
  const reply = await handleMessage({ type: 'register/verify', ...(anchor ? { anchor } : {}) }, deps, PAGE);
  if (!reply.ok || !('verdict' in reply)) throw new Error(`verify failed: ${JSON.stringify(reply)}`);
  return reply.verdict;
}

const problems = (v: RegisterVerdict) => v.problems.map((p) => p.problem);

beforeEach(async () => {
  const name = `aims-tamper-${process.pid}-${++count}`;
  deps = {
    register: openDexieRegister(name, { clock: steppingClock() }),
    today: () => '2026-03-02',
    now: () => '2026-03-02T09:00:00.000Z',
  };
  expect(await handleMessage({ type: 'demo/load' }, deps, PAGE)).toMatchObject({ ok: true });
  db = openAimsDatabase(name);
  await db.open();
  const clean = await verdict();
  expect(clean).toMatchObject({ ok: true, problems: [] });
  head = clean.head;
});
afterEach(() => db.close());

const allEvents = () => db.events.orderBy('seq').toArray();

describe('register/verify on the Dexie back-end (tamper suite)', () => {
  it('record edited in IndexedDB: named by kind and id', async () => {
    const [row] = await db.records.where('kind').equals('ai-system').toArray();
    await db.records.put({ ...row!, owner: 'mallory@example.com' } as typeof row & object);
    const v = await verdict();
    expect(v.ok).toBe(false);
    expect(v.problems).toMatchObject([
      { problem: 'record-edited', recordKind: 'ai-system', recordId: row!.id },
    ]);
  });

  it('record deleted: named', async () => {
    const [row] = await db.records.where('kind').equals('trigger').toArray();
    await db.records.delete(['trigger', row!.id]);
    expect((await verdict()).problems).toMatchObject([
      { problem: 'record-missing', recordKind: 'trigger', recordId: row!.id },
    ]);
  });

  it('record added: named', async () => {
    const [row] = await db.records.where('kind').equals('trigger').toArray();
    const { ixSystemId: _a, ixStatus: _b, ixClauses: _c, ...record } = row!;
    await db.records.put(toRow({ ...record, id: 'trg-forged' } as typeof record));
    expect((await verdict()).problems).toMatchObject([
      { problem: 'record-without-event', recordKind: 'trigger', recordId: 'trg-forged' },
    ]);
  });

  it('event edited: named by seq', async () => {
    const event = (await db.events.get(3))!;
    await db.events.put({ ...event, actor: 'mallory' });
    expect((await verdict()).problems[0]).toMatchObject({ problem: 'edited', seq: 3 });
  });

  it('events reordered: named', async () => {
    const [a, b] = [(await db.events.get(4))!, (await db.events.get(5))!];
    await db.events.bulkPut([
      { ...b, seq: 4 },
      { ...a, seq: 5 },
    ]);
    expect(problems(await verdict())[0]).toBe('link-broken');
  });

  it('event removed: named at the gap', async () => {
    await db.events.delete(6);
    expect((await verdict()).problems[0]).toMatchObject({ problem: 'sequence-broken', seq: 7 });
  });

  it('log truncated: records left newer than the log; anchor not found', async () => {
    const events = await allEvents();
    await db.events.bulkDelete(events.slice(-3).map((e) => e.seq));
    const v = await verdict(head);
    expect(problems(v)).toContain('record-without-event');
    expect(problems(v)).toContain('anchor-not-found');
  });

  it('log emptied: every record without an event; anchor not found', async () => {
    await db.events.clear();
    const v = await verdict(head);
    expect(v.entries).toBe(0);
    expect(problems(v).filter((p) => p === 'record-without-event').length).toBe(v.records);
    expect(problems(v)).toContain('anchor-not-found');
  });

  it('log rewritten with recomputed hashes: only the anchor catches it', async () => {
    const events = await allEvents();
    // Drop one record with its only event, and rechain the rest.
    const victim = events.at(-1)!;
    expect(events.filter((e) => e.recordId === victim.recordId)).toHaveLength(1);
    await db.records.delete([victim.recordKind as 'trigger', victim.recordId]);
    const drafts: EventDraft[] = events
      .slice(0, -1)
      .map(({ seq: _s, prevHash: _p, hash: _h, ...draft }: EventEntry) => draft);
    await db.events.clear();
    await db.events.bulkAdd(chainEvents(undefined, drafts));
    expect(await verdict()).toMatchObject({ ok: true });
    expect(problems(await verdict(head))).toEqual(['anchor-not-found']);
  });

  it('refuses a malformed anchor in the message', async () => {
    expect(await handleMessage({ type: 'register/verify', anchor: 'nope' }, deps, PAGE)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^malformed message: anchor/),
    });
  });
});
