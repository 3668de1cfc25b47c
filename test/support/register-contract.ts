// One behavioural contract for every register back-end.
import { describe, expect, it } from 'vitest';
import type { Register } from '../../shared/register';
import { RecordInvalidError } from '../../shared/register';
import { systemDraft, triggerDraft } from './builders';

export interface ContractHarness {
  register: Register;
  /** Opens the same storage again, as a new process or service-worker start would. */
  reopen: () => Promise<Register>;
}

const ctx = { actor: 'alice@example.com', cause: 'test' };

export function describeRegisterContract(name: string, make: () => Promise<ContractHarness>): void {
  describe(`register contract: ${name}`, () => {
    it('stores a record with metadata and logs a create event', async () => {
      const { register } = await make();
      const stored = await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
      expect(stored.revision).toBe(1);
      expect(stored.createdBy).toBe('alice@example.com');
      expect(await register.get('ai-system', 'sys-support-bot')).toEqual(stored);
      const events = await register.events();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'create',
        recordKind: 'ai-system',
        recordId: 'sys-support-bot',
        seq: 0,
      });
    });

    it('bumps the revision on change, keeps creation data, and skips unchanged writes', async () => {
      const { register } = await make();
      const first = await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
      await register.transact({ actor: 'bob', cause: 'owner set' }, (tx) =>
        tx.put('ai-system', systemDraft({ owner: 'bob@example.com' })),
      );
      await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft({ owner: 'bob@example.com' })));
      const now = await register.require('ai-system', 'sys-support-bot');
      expect(now.revision).toBe(2);
      expect(now.createdAt).toBe(first.createdAt);
      expect(now.updatedBy).toBe('bob');
      expect((await register.events()).map((e) => e.action)).toEqual(['create', 'update']);
    });

    it('queries by kind, system, status and clause', async () => {
      const { register } = await make();
      await register.transact(ctx, async (tx) => {
        await tx.put('ai-system', systemDraft());
        await tx.put(
          'ai-system',
          systemDraft({ id: 'sys-other', name: 'Other', inventoryState: 'discovered-unreviewed' }),
        );
        await tx.put('trigger', triggerDraft());
        await tx.put('trigger', triggerDraft({ id: 'trg-2', systemId: 'sys-other', status: 'resolved' }));
      });
      expect((await register.list('ai-system')).map((s) => s.id)).toEqual(['sys-other', 'sys-support-bot']);
      expect((await register.query({ kind: 'trigger', systemId: 'sys-other' })).map((t) => t.id)).toEqual([
        'trg-2',
      ]);
      expect((await register.query({ kind: 'trigger', status: 'open' })).map((t) => t.id)).toEqual(['trg-1']);
      expect(
        (await register.query({ kind: 'ai-system', status: 'discovered-unreviewed' })).map((s) => s.id),
      ).toEqual(['sys-other']);
      expect((await register.query({ kind: 'trigger', clause: '8.4' })).length).toBe(2);
      expect((await register.query({ kind: 'trigger', clause: '9.3' })).length).toBe(0);
    });

    it('lets a transaction read its own pending writes', async () => {
      const { register } = await make();
      const seen = await register.transact(ctx, async (tx) => {
        await tx.put('ai-system', systemDraft());
        return (await tx.query({ kind: 'ai-system' })).length;
      });
      expect(seen).toBe(1);
    });

    it('writes nothing when the transaction throws', async () => {
      const { register } = await make();
      await expect(
        register.transact(ctx, async (tx) => {
          await tx.put('ai-system', systemDraft());
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await register.list('ai-system')).toEqual([]);
      expect(await register.events()).toEqual([]);
    });

    it('rejects an invalid record naming the field, and keeps what was there', async () => {
      const { register } = await make();
      await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
      const bad = { ...systemDraft(), lifecycleStage: 'shipping' } as unknown as ReturnType<
        typeof systemDraft
      >;
      const attempt = register.transact(ctx, (tx) => tx.put('ai-system', bad));
      await expect(attempt).rejects.toBeInstanceOf(RecordInvalidError);
      await expect(attempt).rejects.toThrow(/field 'lifecycleStage'/);
      expect((await register.require('ai-system', 'sys-support-bot')).lifecycleStage).toBe('operation');
      expect(await register.events()).toHaveLength(1);
    });

    it('removes a record and logs the deletion', async () => {
      const { register } = await make();
      await register.transact(ctx, (tx) => tx.put('trigger', triggerDraft()));
      await register.transact(ctx, (tx) => tx.remove('trigger', 'trg-1'));
      expect(await register.get('trigger', 'trg-1')).toBeUndefined();
      expect((await register.events()).at(-1)).toMatchObject({ action: 'delete', recordId: 'trg-1' });
    });

    it('keeps a verifiable chain across concurrent transactions and a reopen', async () => {
      const { register, reopen } = await make();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          register.transact(ctx, (tx) => tx.put('trigger', triggerDraft({ id: `trg-${i}` }))),
        ),
      );
      expect(await register.verify()).toMatchObject({ ok: true, entries: 10 });
      const again = await reopen();
      expect((await again.list('trigger')).length).toBe(10);
      expect(await again.verify()).toMatchObject({ ok: true, entries: 10 });
      await again.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
      expect(await again.verify()).toMatchObject({ ok: true, entries: 11 });
    });
  });
}
