import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainEvents, entryHash, verifyChain, type EventDraft } from '../../../shared/register';
import type { EventEntry } from '../../../shared/model';

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

/** What a forger who can write the log does: change fields, then recompute this entry's hash. */
const reseal = (entry: EventEntry, change: Partial<EventEntry>): EventEntry => {
  const { hash: _old, ...rest } = { ...entry, ...change };
  return { ...rest, hash: entryHash(rest) };
};

describe('event hash chain', () => {
  const chain = chainEvents(undefined, [0, 1, 2, 3, 4].map(draft));

  it('starts at seq 0 from the genesis hash and links each entry to the one before', () => {
    expect(chain.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prevHash).toBe(chain[i - 1]?.hash);
    expect(new Set(chain.map((e) => e.hash)).size).toBe(5);
  });

  it('verifies an untouched chain, gives its head, and continues from it', () => {
    expect(verifyChain(chain)).toEqual({ ok: true, entries: 5, head: chain[4]!.hash });
    const more = chainEvents(chain.at(-1), [draft(5)]);
    expect(more[0]).toMatchObject({ seq: 5, prevHash: chain[4]!.hash });
    expect(verifyChain([...chain, ...more])).toMatchObject({ ok: true, entries: 6 });
  });

  it('verifies an empty log with the genesis head', () => {
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('names an edited entry', () => {
    const edited = chain.map((e) => (e.seq === 2 ? { ...e, summary: 'created X' } : e));
    expect(verifyChain(edited)).toEqual({
      ok: false,
      seq: 2,
      index: 2,
      problem: 'edited',
      head: chain[4]!.hash,
      detail: 'entry 2 (seq 2, trigger trg-2) was changed after it was written',
    });
  });

  it('names a changed hash field as an edit', () => {
    const badHash = chain.map((e) => (e.seq === 4 ? { ...e, hash: 'f'.repeat(64) } : e));
    expect(verifyChain(badHash)).toMatchObject({ ok: false, seq: 4, problem: 'edited' });
  });

  it('names the entry after a removed one by its sequence', () => {
    const removed = chain.filter((e) => e.seq !== 1);
    expect(verifyChain(removed)).toMatchObject({ ok: false, index: 1, seq: 2, problem: 'sequence-broken' });
  });

  it('names the first reordered entry', () => {
    const swapped = [chain[0]!, chain[2]!, chain[1]!, chain[3]!, chain[4]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, index: 1, problem: 'sequence-broken' });
  });

  // Each check on its own: the other two hold for the forged entry, so only one can catch it.
  it('the sequence check alone catches a last entry renumbered and resealed', () => {
    const forged = [...chain.slice(0, 4), reseal(chain[4]!, { seq: 7 })];
    expect(verifyChain(forged)).toMatchObject({ ok: false, index: 4, seq: 7, problem: 'sequence-broken' });
  });

  it('the link check alone catches a last entry re-linked and resealed', () => {
    const forged = [...chain.slice(0, 4), reseal(chain[4]!, { prevHash: chain[2]!.hash })];
    expect(verifyChain(forged)).toMatchObject({ ok: false, index: 4, seq: 4, problem: 'link-broken' });
  });

  it('the link check alone catches a first entry that does not start from genesis', () => {
    const forged = [reseal(chain[0]!, { prevHash: 'b'.repeat(64) })];
    expect(verifyChain(forged)).toMatchObject({ ok: false, index: 0, problem: 'link-broken' });
  });

  it('the hash check alone catches content changed with seq and link intact', () => {
    const forged = [...chain.slice(0, 4), { ...chain[4]!, recordHash: 'c'.repeat(64) }];
    expect(verifyChain(forged)).toMatchObject({ ok: false, index: 4, problem: 'edited' });
  });

  it('a log rewritten with every hash recomputed still verifies: only an anchor or a signature tells', () => {
    const rewritten = chainEvents(undefined, [0, 2, 3, 4].map(draft));
    expect(verifyChain(rewritten)).toMatchObject({ ok: true, entries: 4 });
  });
});
