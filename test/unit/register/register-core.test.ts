// The register's small parts, each pinned down: error phrasing, canonical hashing, the query
// fields, the memory back-end's copies, transaction semantics and the strict JSON reader's edges.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoOrganisation } from '../../../shared/demo';
import type { AnyRecord } from '../../../shared/model';
import {
  RecordInvalidError,
  RecordNotFoundError,
  canonicalJson,
  checkpointMessage,
  clausesOf,
  createMemoryBackend,
  createRegister,
  describeIssues,
  fieldPath,
  keyIdOf,
  parseJsonStrict,
  publicKeyOf,
  sha256Hex,
  signCheckpoint,
  signingKeyPair,
  statusOf,
  systemIdOf,
  verifyCheckpoints,
  verifyRegister,
} from '../../../shared/register';
import { steppingClock, systemDraft, triggerDraft } from '../../support/builders';

const ctx = { actor: 'alice', cause: 'test' };

describe('errors', () => {
  it('names fields as a path', () => {
    expect(fieldPath(['components', 0, 'pinning'])).toBe('components[0].pinning');
    expect(fieldPath([0, 'a', 1])).toBe('[0].a[1]');
    expect(fieldPath(['a', 'b'])).toBe('a.b');
    expect(fieldPath([])).toBe('(root)');
  });

  it('describes the first issue, or says invalid when there is none', () => {
    const failed = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } });
    expect(failed.success).toBe(false);
    if (!failed.success) expect(describeIssues(failed.error)).toMatchObject({ field: 'a.b' });
    expect(describeIssues(new z.ZodError([]))).toEqual({ field: '(root)', message: 'invalid' });
  });

  it('phrases invalid and missing records in one line', () => {
    const invalid = new RecordInvalidError("trigger 't'", 'status', 'bad');
    expect(invalid.message).toBe("trigger 't': field 'status': bad");
    expect(invalid.name).toBe('RecordInvalidError');
    const missing = new RecordNotFoundError('trigger', 't');
    expect(missing.message).toBe("no trigger with id 't'");
    expect(missing.name).toBe('RecordNotFoundError');
  });
});

describe('canonical hashing', () => {
  it('sorts object keys at every depth, keeps array order and nulls', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: null }, 2] })).toBe('{"a":[{"c":null,"d":1},2],"b":1}');
    expect(canonicalJson({ z: { y: 1, x: 2 } })).toBe(canonicalJson({ z: { x: 2, y: 1 } }));
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson('s')).toBe('"s"');
  });

  it('is SHA-256 (FIPS 180-4 test vector) of text or bytes', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(sha256Hex('abc')).toBe(abc);
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
  });
});

describe('query fields', () => {
  const records = demoOrganisation('2026-03-02').records as unknown[] as AnyRecord[];
  const one = (kind: string) => records.find((r) => r.kind === kind)!;

  it('the system a record belongs to', () => {
    const system = one('ai-system');
    expect(systemIdOf(system)).toBe(system.id);
    const trigger = one('trigger') as AnyRecord & { systemId: string };
    expect(systemIdOf(trigger)).toBe(trigger.systemId);
    expect(systemIdOf(one('document'))).toBeUndefined();
  });

  it('the status field of each kind', () => {
    const field: Record<string, (r: Record<string, unknown>) => unknown> = {
      'ai-system': (r) => r.inventoryState,
      document: (r) => (r.approval as { state: string }).state,
      'risk-methodology': (r) => (r.approval as { state: string }).state,
      'impact-template': (r) => (r.approval as { state: string }).state,
      'risk-assessment': (r) => (r.approval as { state: string }).state,
      'impact-assessment': (r) => (r.approval as { state: string }).state,
      'soa-entry': (r) => (r.approval as { state: string }).state,
      treatment: (r) => r.status,
      trigger: (r) => r.status,
      audit: (r) => r.status,
      finding: (r) => r.status,
      'corrective-action': (r) => r.status,
    };
    const kinds = new Set(records.map((r) => r.kind));
    for (const kind of kinds) {
      const record = one(kind);
      const expected = field[kind]?.(record as unknown as Record<string, unknown>);
      expect(statusOf(record), kind).toBe(expected);
      if (field[kind]) expect(expected, kind).toBeTypeOf('string');
    }
  });

  it('the clauses or controls a record speaks to', () => {
    const get = (kind: string) => clausesOf(one(kind));
    expect(get('risk-assessment')).toEqual(['6.1.2', '8.2']);
    expect(get('impact-assessment')).toEqual(['6.1.4', '8.4']);
    expect(get('management-review')).toEqual(['9.3']);
    expect(get('ai-system')).toEqual([]);
    const soa = one('soa-entry') as AnyRecord & { controlId: string };
    expect(get('soa-entry')).toEqual([soa.controlId]);
    const finding = one('finding') as AnyRecord & { ref: string };
    expect(get('finding')).toEqual([finding.ref]);
    const treatment = one('treatment') as AnyRecord & { annexAControls: string[] };
    expect(get('treatment')).toEqual(treatment.annexAControls);
    const evidence = one('evidence') as AnyRecord & { clauses: string[]; controls: string[] };
    expect(get('evidence')).toEqual([...evidence.clauses, ...evidence.controls]);
    const audit = one('audit') as AnyRecord & { scope: { clauses: string[]; controls: string[] } };
    expect(get('audit')).toEqual([...audit.scope.clauses, ...audit.scope.controls]);
    const doc = one('document') as AnyRecord & { clauses: string[] };
    expect(get('document')).toEqual(doc.clauses);
    expect(get('trigger')).toEqual((one('trigger') as AnyRecord & { clauses: string[] }).clauses);
  });
});

describe('memory back-end', () => {
  it('hands out copies: changing what it returned changes nothing stored', async () => {
    const backend = createMemoryBackend();
    const register = createRegister(backend, { clock: steppingClock() });
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    const got = (await backend.get('ai-system', 'sys-support-bot')) as { name: string };
    got.name = 'changed';
    const listed = (await backend.query({ kind: 'ai-system' }))[0] as { name: string };
    listed.name = 'changed';
    const events = await backend.events();
    events[0]!.summary = 'changed';
    events.pop();
    expect(((await backend.get('ai-system', 'sys-support-bot')) as { name: string }).name).toBe(
      'Support bot',
    );
    expect((await backend.events())[0]?.summary).toBe('created ai-system sys-support-bot');
    expect((await register.verify()).ok).toBe(true);
  });

  it('keeps its seed apart from the caller', async () => {
    const seed = { records: [] as AnyRecord[], events: [] };
    const backend = createMemoryBackend(seed);
    await createRegister(backend, { clock: steppingClock() }).transact(ctx, (tx) =>
      tx.put('ai-system', systemDraft()),
    );
    expect(seed.records).toEqual([]);
    expect(backend.snapshot().records).toHaveLength(1);
  });
});

describe('transactions', () => {
  it('see their own pending writes and deletions, in id order, filtered', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact(ctx, async (tx) => {
      await tx.put('trigger', triggerDraft({ id: 'trg-b' }));
      await tx.put('trigger', triggerDraft({ id: 'trg-c', status: 'resolved' }));
    });
    await register.transact(ctx, async (tx) => {
      await tx.put('trigger', triggerDraft({ id: 'trg-a' }));
      await tx.remove('trigger', 'trg-b');
      await tx.put('trigger', triggerDraft({ id: 'trg-c', status: 'open' }));
      expect((await tx.list('trigger')).map((t) => t.id)).toEqual(['trg-a', 'trg-c']);
      expect((await tx.query({ kind: 'trigger', status: 'resolved' })).map((t) => t.id)).toEqual([]);
      expect((await tx.query({ kind: 'ai-system' })).map((t) => t.id)).toEqual([]);
      expect(await tx.get('trigger', 'trg-b')).toBeUndefined();
      await expect(tx.require('trigger', 'trg-b')).rejects.toThrow("no trigger with id 'trg-b'");
      expect((await tx.require('trigger', 'trg-a')).id).toBe('trg-a');
    });
    expect((await register.list('trigger')).map((t) => t.id)).toEqual(['trg-a', 'trg-c']);
  });

  it('records options: transition action, summary and cause for one write', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact(ctx, async (tx) => {
      await tx.put('trigger', triggerDraft());
      await tx.put('trigger', triggerDraft({ id: 'trg-2' }), {
        action: 'transition',
        summary: 'moved',
        cause: 'trigger:x',
      });
      await tx.remove('trigger', 'trg-1', { summary: 'gone', cause: 'cleanup' });
    });
    expect((await register.events()).map((e) => [e.action, e.recordId, e.summary, e.cause, e.actor])).toEqual(
      [
        ['create', 'trg-1', 'created trigger trg-1', 'test', 'alice'],
        ['transition', 'trg-2', 'moved', 'trigger:x', 'alice'],
        ['delete', 'trg-1', 'gone', 'cleanup', 'alice'],
      ],
    );
  });

  it('fill metadata: creation kept on update, revision counted, schema failures named', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    const first = await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft()));
    expect(first).toMatchObject({ revision: 1, createdBy: 'alice', updatedBy: 'alice' });
    const second = await register.transact({ actor: 'bob', cause: 'x' }, (tx) =>
      tx.put('trigger', triggerDraft({ status: 'resolved' })),
    );
    expect(second).toMatchObject({
      revision: 2,
      createdBy: 'alice',
      createdAt: first.createdAt,
      updatedBy: 'bob',
    });
    expect(second.updatedAt > first.updatedAt).toBe(true);
    await expect(
      register.transact(ctx, (tx) => tx.put('trigger', triggerDraft({ status: 'nonsense' as 'open' }))),
    ).rejects.toThrow("trigger 'trg-1': field 'status'");
  });

  it('a throwing transaction writes nothing, and the next one still runs', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await expect(
      register.transact(ctx, async (tx) => {
        await tx.put('trigger', triggerDraft());
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await register.events()).toEqual([]);
    await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft()));
    expect(await register.events()).toHaveLength(1);
  });

  it('run one at a time: concurrent transactions chain one after another', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        register.transact(ctx, async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 5 - i));
          await tx.put('trigger', triggerDraft({ id: `trg-${i}` }));
        }),
      ),
    );
    const events = await register.events();
    expect(events.map((e) => e.recordId)).toEqual(['trg-0', 'trg-1', 'trg-2', 'trg-3', 'trg-4']);
    expect((await register.verify()).ok).toBe(true);
  });

  it('uses the back-end exclusive section around each transaction', async () => {
    const calls: string[] = [];
    const backend = createMemoryBackend();
    const register = createRegister(
      {
        ...backend,
        exclusive: async (fn) => {
          calls.push('enter');
          try {
            return await fn();
          } finally {
            calls.push('leave');
          }
        },
      },
      { clock: steppingClock() },
    );
    await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft()));
    expect(calls).toEqual(['enter', 'leave']);
  });
});

describe('strict JSON edges', () => {
  it('skips escaped quotes and backslashes inside strings', () => {
    expect(() => parseJsonStrict('{"a\\"b": 1, "a\\"b": 2}')).toThrow(`duplicate key 'a"b'`);
    expect(() => parseJsonStrict('{"x": "\\\\", "x": 1}')).toThrow("duplicate key 'x'");
    expect(parseJsonStrict('{"x": "\\\\", "y": "\\""}')).toEqual({ x: '\\', y: '"' });
  });

  it('gives the line of the second key', () => {
    expect(() => parseJsonStrict('{\n "a": 1,\n\n "a": 2\n}')).toThrow("duplicate key 'a' at line 4");
  });

  it('allows a key again after its object closed, and in arrays of objects', () => {
    expect(parseJsonStrict('{"o": {"a": 1}, "a": 2}')).toEqual({ o: { a: 1 }, a: 2 });
    expect(parseJsonStrict('{"l": [1, {"a": 1}], "a": [2]}')).toEqual({ l: [1, { a: 1 }], a: [2] });
  });
});

describe('checkpoint details', () => {
  const pair = signingKeyPair(new Uint8Array(32).fill(3));

  it('signs exactly the documented text; key id is 16 hex digits of the key hash', () => {
    expect(new TextDecoder().decode(checkpointMessage(4, 'ab', 'now'))).toBe(
      'aims-lens checkpoint v1\n4\nab\nnow',
    );
    expect(keyIdOf(pair.publicKey)).toBe(
      sha256Hex(Uint8Array.from(Buffer.from(pair.publicKey, 'hex'))).slice(0, 16),
    );
    expect(publicKeyOf(pair.secretKey)).toBe(pair.publicKey);
    expect(pair.publicKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a garbage signature is a bad signature, not a crash', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft()));
    const events = await register.events();
    const good = signCheckpoint(events, pair.secretKey, 'now');
    const garbage = { ...good, signature: 'f'.repeat(128) };
    expect(verifyCheckpoints(events, [garbage], pair.publicKey).problems[0]?.problem).toBe(
      'checkpoint-bad-signature',
    );
    expect(verifyCheckpoints(events, [good], pair.publicKey)).toEqual({ problems: [], signedThrough: 0 });
  });

  it('a checkpoint whose seq is another entry of the log is a mismatch', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact(ctx, async (tx) => {
      await tx.put('trigger', triggerDraft());
      await tx.put('trigger', triggerDraft({ id: 'trg-2' }));
    });
    const events = await register.events();
    const checkpoint = signCheckpoint(events, pair.secretKey, 'now');
    const renumbered = events.map((e, i) => (i === 1 ? { ...e, seq: 7 } : e));
    const result = verifyCheckpoints(renumbered, [checkpoint], pair.publicKey);
    expect(result.problems).toMatchObject([{ problem: 'checkpoint-mismatch', seq: 1 }]);
    expect(result.problems[0]?.detail).toContain('the log was rewritten: entry 1 no longer has the head');
    expect(result.signedThrough).toBeUndefined();
  });
});

describe('verifyRegister', () => {
  it('leaves anchor and signature fields out when not asked', () => {
    const verdict = verifyRegister({ events: [], records: [] });
    expect(verdict).toEqual({
      ok: true,
      entries: 0,
      records: 0,
      head: '0'.repeat(64),
      problems: [],
    });
  });

  it('one missing anchor alone fails the verdict', () => {
    const verdict = verifyRegister({ events: [], records: [], anchor: 'A'.repeat(64) });
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]?.detail).toContain(`the anchor ${'a'.repeat(64)} is not in the log`);
  });
});

describe('gaps mutation testing found', () => {
  it('a duplicate key after a closed array or object is still found', () => {
    expect(() => parseJsonStrict('{"l": [1, 2], "k": 1, "k": 2}')).toThrow("duplicate key 'k'");
    expect(() => parseJsonStrict('{"o": {}, "k": 1, "k": 2}')).toThrow("duplicate key 'k'");
  });

  it('a trusted key that is not a valid curve point verifies nothing', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft()));
    const events = await register.events();
    const invalid = 'f'.repeat(64);
    const claimed = {
      ...signCheckpoint(events, signingKeyPair(new Uint8Array(32).fill(5)).secretKey, 'now'),
      keyId: keyIdOf(invalid),
    };
    expect(verifyCheckpoints(events, [claimed], invalid).problems).toMatchObject([
      { problem: 'checkpoint-bad-signature' },
    ]);
  });

  it('a pending change to a record of another kind with the same id leaves a query alone', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft({ id: 'shared-id' })));
    await register.transact(ctx, async (tx) => {
      await tx.put('ai-system', systemDraft({ id: 'shared-id' }));
      expect((await tx.list('trigger')).map((t) => t.id)).toEqual(['shared-id']);
    });
  });
});
