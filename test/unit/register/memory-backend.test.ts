// The in-memory back-end indexes records by kind and AI system; whatever the history of puts and
// deletions, an indexed query must answer exactly what a scan of every record answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyRecord } from '../../../shared/model';
import { createMemoryBackend } from '../../../shared/register/memory-backend';
import { matchesQuery } from '../../../shared/register/register';

const trigger = (id: string, systemId: string, status: 'open' | 'closed'): AnyRecord =>
  ({
    kind: 'trigger',
    id,
    systemId,
    status,
    type: 'model-changed',
    clauses: ['8.2'],
    detail: 'test',
    source: { tool: 'aims' },
    raisedAt: '2026-11-29T09:00:00.000Z',
    createdAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
    createdBy: 't',
    updatedBy: 't',
    revision: 1,
  }) as unknown as AnyRecord;

const op = fc.oneof(
  fc.record({
    put: fc.constantFrom('t1', 't2', 't3', 't4'),
    system: fc.constantFrom('sys-a', 'sys-b', 'sys-c'),
    status: fc.constantFrom('open' as const, 'closed' as const),
  }),
  fc.record({ remove: fc.constantFrom('t1', 't2', 't3', 't4') }),
);

describe('memory back-end indexes', () => {
  it('answers per-system queries exactly as a full scan would, after any puts, moves and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const backend = createMemoryBackend();
        const truth = new Map<string, AnyRecord>();
        for (const o of ops) {
          if ('put' in o) {
            const r = trigger(o.put, o.system, o.status);
            truth.set(o.put, r);
            await backend.commit([{ kind: 'trigger', id: o.put, record: r }], []);
          } else {
            truth.delete(o.remove);
            await backend.commit([{ kind: 'trigger', id: o.remove }], []);
          }
        }
        for (const systemId of ['sys-a', 'sys-b', 'sys-c', 'sys-none']) {
          for (const status of [undefined, 'open', 'closed']) {
            const query = { kind: 'trigger' as const, systemId, ...(status ? { status } : {}) };
            const got = (await backend.query(query)).map((r) => r.id).sort();
            const want = [...truth.values()]
              .filter((r) => matchesQuery(r, query))
              .map((r) => r.id)
              .sort();
            expect(got).toEqual(want);
          }
        }
        expect(await backend.query({ kind: 'ai-system' })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('hands out copies: changing a returned record changes nothing stored', async () => {
    const seed = trigger('t1', 'sys-a', 'open');
    const backend = createMemoryBackend({ records: [seed] }, { adopt: true });
    const [got] = await backend.query({ kind: 'trigger', systemId: 'sys-a' });
    (got as { status: string }).status = 'closed';
    expect(await backend.get('trigger', 't1')).toMatchObject({ status: 'open' });
  });
});
