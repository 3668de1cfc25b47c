import { describe, expect, it } from 'vitest';
import { chainEvents, verifyChain, type EventDraft } from '../../../shared/register';

const draft = (n: number): EventDraft => ({
  at: `2026-01-01T00:00:0${n}.000Z`,
  actor: 'alice',
  action: 'create',
  recordKind: 'trigger',
  recordId: `trg-${n}`,
  cause: 'test',
  summary: `created ${n}`,
  recordHash: 'a'.repeat(64),
});

describe('event hash chain', () => {
  const chain = chainEvents(undefined, [0, 1, 2, 3, 4].map(draft));

  it('verifies an untouched chain and continues from its head', () => {
    expect(verifyChain(chain)).toMatchObject({ ok: true, entries: 5 });
    const more = chainEvents(chain.at(-1), [draft(5)]);
    expect(more[0]?.seq).toBe(5);
    expect(verifyChain([...chain, ...more])).toMatchObject({ ok: true, entries: 6 });
  });

  it('names an edited entry', () => {
    const edited = chain.map((e) => (e.seq === 2 ? { ...e, summary: 'created X' } : e));
    expect(verifyChain(edited)).toMatchObject({ ok: false, seq: 2, problem: 'edited' });
  });

  it('names the entry after a removed one', () => {
    const removed = chain.filter((e) => e.seq !== 1);
    expect(verifyChain(removed)).toMatchObject({
      ok: false,
      index: 1,
      seq: 2,
      problem: 'removed-or-reordered',
    });
  });

  it('names the first reordered entry', () => {
    const swapped = [chain[0]!, chain[2]!, chain[1]!, chain[3]!, chain[4]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, index: 1, problem: 'removed-or-reordered' });
  });

  it('detects a removed last entry only through a known head, and a changed hash field', () => {
    const badHash = chain.map((e) => (e.seq === 4 ? { ...e, hash: 'f'.repeat(64) } : e));
    expect(verifyChain(badHash)).toMatchObject({ ok: false, seq: 4, problem: 'edited' });
  });
});
