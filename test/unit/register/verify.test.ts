// The register's verify over a memory back-end: records bound to the log, anchor, signatures.
import { describe, expect, it } from 'vitest';
import type { AnyRecord, EventEntry } from '../../../shared/model';
import {
  GENESIS_HASH,
  RecordNotFoundError,
  checkRecordBinding,
  createMemoryBackend,
  createRegister,
  keyIdOf,
  parseJsonStrict,
  recordHashOf,
  signCheckpoint,
  signingKeyPair,
  verifyCheckpoints,
  verifyRegister,
  type RegisterBackend,
} from '../../../shared/register';
import { steppingClock, systemDraft, triggerDraft } from '../../support/builders';

const ctx = { actor: 'alice', cause: 'test' };

async function written() {
  const backend = createMemoryBackend();
  const register = createRegister(backend, { clock: steppingClock() });
  await register.transact(ctx, async (tx) => {
    await tx.put('ai-system', systemDraft());
    await tx.put('trigger', triggerDraft());
    await tx.put('trigger', triggerDraft({ id: 'trg-2' }));
  });
  await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft({ status: 'resolved' })));
  await register.transact(ctx, (tx) => tx.remove('trigger', 'trg-2'));
  return backend.snapshot();
}

/** A register over a copy of `seed` changed by `tamper`, as someone with write access would. */
function tampered(
  seed: { records: AnyRecord[]; events: EventEntry[] },
  tamper: (s: { records: AnyRecord[]; events: EventEntry[] }) => void,
  extra: Partial<RegisterBackend> = {},
) {
  const copy = structuredClone(seed);
  tamper(copy);
  return createRegister({ ...createMemoryBackend(copy), ...extra }, { clock: steppingClock() });
}

describe('records bound to the log', () => {
  it('a register written only through transactions verifies, naming counts and head', async () => {
    const seed = await written();
    const verdict = await tampered(seed, () => undefined).verify();
    expect(verdict).toEqual({
      ok: true,
      entries: 5,
      records: 2,
      head: seed.events.at(-1)!.hash,
      problems: [],
    });
  });

  it('names a record edited outside the register, with the event it no longer matches', async () => {
    const verdict = await tampered(await written(), (s) => {
      const bot = s.records.find((r) => r.id === 'sys-support-bot') as { owner?: string };
      bot.owner = 'mallory@example.com';
    }).verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      {
        problem: 'record-edited',
        recordKind: 'ai-system',
        recordId: 'sys-support-bot',
        seq: 0,
        detail:
          'ai-system sys-support-bot: edited outside the register (its SHA-256 differs from event seq 0)',
      },
    ]);
  });

  it('compares with the latest event, not the first', async () => {
    const seed = await written();
    // Put back the first version of trg-1: it matches event 1 but not event 3.
    const first = await tampered(seed, (s) => {
      const trg = s.records.find((r) => r.id === 'trg-1') as { status: string; revision: number };
      trg.status = 'open';
    }).verify();
    expect(first.problems).toMatchObject([{ problem: 'record-edited', recordId: 'trg-1', seq: 3 }]);
  });

  it('names a record deleted outside the register', async () => {
    const verdict = await tampered(await written(), (s) => {
      s.records = s.records.filter((r) => r.id !== 'trg-1');
    }).verify();
    expect(verdict.problems).toMatchObject([
      { problem: 'record-missing', recordKind: 'trigger', recordId: 'trg-1', seq: 3 },
    ]);
    expect(verdict.problems[0]?.detail).toContain('deleted outside the register');
  });

  it('names a record added outside the register', async () => {
    const verdict = await tampered(await written(), (s) => {
      s.records.push({ ...(s.records.find((r) => r.id === 'trg-1') as AnyRecord), id: 'trg-forged' });
    }).verify();
    expect(verdict.problems).toMatchObject([
      { problem: 'record-without-event', recordKind: 'trigger', recordId: 'trg-forged' },
    ]);
  });

  it('names a deleted record put back', async () => {
    const seed = await written();
    const verdict = await tampered(seed, (s) => {
      s.records.push({ ...(s.records.find((r) => r.id === 'trg-1') as AnyRecord), id: 'trg-2' });
    }).verify();
    expect(verdict.problems).toMatchObject([{ problem: 'record-after-delete', recordId: 'trg-2', seq: 4 }]);
  });

  it('uses the back-end stored digests and locations when it has them', async () => {
    const seed = await written();
    const verdict = await tampered(seed, () => undefined, {
      storedRecords: async () => [
        { kind: 'ai-system', id: 'sys-support-bot', hash: 'f'.repeat(64), location: 'records/a.json' },
        { kind: 'trigger', id: 'trg-1', hash: recordHashOf(seed.records.find((r) => r.id === 'trg-1')!) },
      ],
    }).verify();
    expect(verdict.problems.map((p) => p.detail)).toEqual([
      'records/a.json (ai-system sys-support-bot): edited outside the register (its SHA-256 differs from event seq 0)',
    ]);
  });

  it('names the location of a missing record through locate', () => {
    const [event] = (() => {
      const e = { recordKind: 'risk', recordId: 'r-1', seq: 9, action: 'create' } as EventEntry;
      return [e];
    })();
    expect(checkRecordBinding([event!], [], (k, id) => `records/${k}/${id}.json`)).toEqual([
      {
        problem: 'record-missing',
        recordKind: 'risk',
        recordId: 'r-1',
        location: 'records/risk/r-1.json',
        seq: 9,
        detail:
          'records/risk/r-1.json (risk r-1): missing, but event seq 9 says it exists (deleted outside the register)',
      },
    ]);
  });

  it('reports chain problems first, then records', async () => {
    const verdict = await tampered(await written(), (s) => {
      s.events = s.events.slice(0, 3);
    }).verify();
    // Truncation keeps the chain intact, but trg-1 is newer than its last event left and trg-2's
    // deletion is gone with the cut.
    expect(verdict.problems.map((p) => [p.problem, p.recordId])).toEqual([
      ['record-edited', 'trg-1'],
      ['record-missing', 'trg-2'],
    ]);
    const edited = await tampered(await written(), (s) => {
      s.events[1] = { ...s.events[1]!, summary: 'x' };
    }).verify();
    expect(edited.problems[0]).toMatchObject({ problem: 'edited', seq: 1 });
  });

  it('an emptied log leaves every record without an event and the genesis head', async () => {
    const verdict = await tampered(await written(), (s) => {
      s.events = [];
    }).verify();
    expect(verdict).toMatchObject({ ok: false, entries: 0, head: GENESIS_HASH });
    expect(verdict.problems.map((p) => p.problem)).toEqual(['record-without-event', 'record-without-event']);
  });
});

describe('writes the log must not contain', () => {
  it('removing a record that does not exist throws and writes no event', async () => {
    const backend = createMemoryBackend();
    const register = createRegister(backend, { clock: steppingClock() });
    await expect(register.transact(ctx, (tx) => tx.remove('trigger', 'nope'))).rejects.toThrow(
      RecordNotFoundError,
    );
    await register.transact(ctx, async (tx) => {
      await tx.put('trigger', triggerDraft());
      await tx.remove('trigger', 'nope').catch(() => undefined);
    });
    expect((await register.events()).map((e) => [e.action, e.recordId])).toEqual([['create', 'trg-1']]);
    expect((await register.verify()).ok).toBe(true);
  });

  it('a delete event carries an empty record hash and the record is gone', async () => {
    const seed = await written();
    expect(seed.events.at(-1)).toMatchObject({ action: 'delete', recordId: 'trg-2', recordHash: '' });
    expect(seed.records.map((r) => r.id).sort()).toEqual(['sys-support-bot', 'trg-1']);
  });
});

describe('anchor', () => {
  it('passes when the anchored entry is still in the log, and says where', async () => {
    const seed = await written();
    const verdict = await tampered(seed, () => undefined).verify({ anchor: seed.events[2]!.hash });
    expect(verdict).toMatchObject({ ok: true, anchorSeq: 2 });
    const upper = await tampered(seed, () => undefined).verify({
      anchor: seed.events[2]!.hash.toUpperCase(),
    });
    expect(upper).toMatchObject({ ok: true, anchorSeq: 2 });
  });

  it('fails when the log was rewritten with recomputed hashes', async () => {
    const seed = await written();
    const anchor = seed.events.at(-1)!.hash;
    // The forger drops trg-2's history entirely and rebuilds a self-consistent register.
    const backend = createMemoryBackend();
    const forged = createRegister(backend, { clock: steppingClock() });
    await forged.transact(ctx, async (tx) => {
      await tx.put('ai-system', systemDraft());
      await tx.put('trigger', triggerDraft());
    });
    await forged.transact(ctx, (tx) => tx.put('trigger', triggerDraft({ status: 'resolved' })));
    expect((await forged.verify()).ok).toBe(true);
    const verdict = await forged.verify({ anchor });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      {
        problem: 'anchor-not-found',
        detail: `the anchor ${anchor} is not in the log: entries up to it were removed or rewritten`,
      },
    ]);
  });
});

describe('signed checkpoints (Ed25519)', () => {
  const owner = signingKeyPair(new Uint8Array(32).fill(7));
  const forger = signingKeyPair(new Uint8Array(32).fill(9));

  it('signs the head; the trusted public key verifies it', async () => {
    const seed = await written();
    const checkpoint = signCheckpoint(seed.events, owner.secretKey, '2026-02-01T00:00:00.000Z');
    expect(checkpoint).toMatchObject({ seq: 4, head: seed.events[4]!.hash, keyId: keyIdOf(owner.publicKey) });
    expect(verifyCheckpoints(seed.events, [checkpoint], owner.publicKey)).toEqual({
      problems: [],
      signedThrough: 4,
    });
    const register = tampered(seed, () => undefined, { checkpoints: async () => [checkpoint] });
    expect(await register.verify({ trustedKey: owner.publicKey })).toMatchObject({
      ok: true,
      signedThrough: 4,
    });
  });

  it('refuses to sign an empty log', () => {
    expect(() => signCheckpoint([], owner.secretKey, 'now')).toThrow('empty');
  });

  it('catches a rewrite the chain alone cannot see', async () => {
    const seed = await written();
    const checkpoint = signCheckpoint(seed.events.slice(0, 3), owner.secretKey, 'then');
    const rewritten = structuredClone(seed.events);
    rewritten[2] = { ...rewritten[2]!, hash: 'e'.repeat(64) };
    expect(verifyCheckpoints(rewritten, [checkpoint], owner.publicKey).problems).toMatchObject([
      { problem: 'checkpoint-mismatch', seq: 2 },
    ]);
    expect(
      verifyCheckpoints(seed.events.slice(0, 2), [checkpoint], owner.publicKey).problems[0]?.detail,
    ).toContain('the log was cut');
  });

  it('a checkpoint re-signed by a forger does not count for the trusted key', async () => {
    const seed = await written();
    const theirs = signCheckpoint(seed.events, forger.secretKey, 'now');
    expect(verifyCheckpoints(seed.events, [theirs], owner.publicKey).problems).toMatchObject([
      { problem: 'checkpoint-missing' },
    ]);
    // Claiming the owner's key id with the forger's signature fails the signature check.
    const claimed = { ...theirs, keyId: keyIdOf(owner.publicKey) };
    expect(verifyCheckpoints(seed.events, [claimed], owner.publicKey).problems).toMatchObject([
      { problem: 'checkpoint-bad-signature' },
    ]);
    // A signed seq or head changed after signing breaks the signature too.
    const good = signCheckpoint(seed.events, owner.secretKey, 'now');
    const moved = { ...good, seq: 3, head: seed.events[3]!.hash };
    expect(verifyCheckpoints(seed.events, [moved], owner.publicKey).problems).toMatchObject([
      { problem: 'checkpoint-bad-signature' },
    ]);
  });

  it('reports the highest valid checkpoint', async () => {
    const { events } = await written();
    const a = signCheckpoint(events.slice(0, 2), owner.secretKey, 'a');
    const b = signCheckpoint(events, owner.secretKey, 'b');
    expect(verifyCheckpoints(events, [b, a], owner.publicKey).signedThrough).toBe(events.length - 1);
  });
});

describe('verifyRegister', () => {
  it('combines chain, binding, anchor and key into one verdict', () => {
    const verdict = verifyRegister({ events: [], records: [], anchor: 'a'.repeat(64), trustedKey: owner() });
    expect(verdict.problems.map((p) => p.problem)).toEqual(['anchor-not-found', 'checkpoint-missing']);
    expect(verdict).toMatchObject({ ok: false, entries: 0, records: 0, head: GENESIS_HASH });
  });
});

function owner() {
  return signingKeyPair(new Uint8Array(32).fill(7)).publicKey;
}

describe('strict JSON', () => {
  it('refuses duplicate keys at any depth, also when spelled with escapes', () => {
    expect(() => parseJsonStrict('{"a": 1, "a": 2}')).toThrow("duplicate key 'a' at line 1");
    expect(() => parseJsonStrict('{"x": {"b": 1,\n "\\u0062": 2}}')).toThrow("duplicate key 'b' at line 2");
    expect(() => parseJsonStrict('[{"k": 1}, {"k": 2, "k": 3}]')).toThrow("duplicate key 'k'");
  });

  it('accepts equal keys in different objects, and keys that look like values', () => {
    expect(parseJsonStrict('[{"k": "k"}, {"k": ["k", {"k": 1}]}]')).toEqual([
      { k: 'k' },
      { k: ['k', { k: 1 }] },
    ]);
    expect(parseJsonStrict('{"a": "}", "b": "{\\"a\\": 1}", "c": [1, "a"]}')).toEqual({
      a: '}',
      b: '{"a": 1}',
      c: [1, 'a'],
    });
  });

  it('reports invalid JSON as such', () => {
    expect(() => parseJsonStrict('{"a": ')).toThrow();
  });
});
