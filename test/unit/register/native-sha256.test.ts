// The CLI hashes with Node's native SHA-256; the browser with the pure one. A chain written by either must
// verify with the other, so the two must agree on every string a record or an event can hold.
import fc from 'fast-check';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initWorkspace, nativeSha256Hex, openWorkspace } from '../../../connectors/local/workspace';
import type { EventEntry } from '../../../shared/model';
import {
  chainEvents,
  entryHash,
  recordHashOf,
  sha256Hex,
  verifyChain,
  type EventDraft,
} from '../../../shared/register';
import { systemDraft } from '../../support/builders';
import { tempDir } from '../../support/temp';

const base = tempDir('sha');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const draft = (n: number, summary: string): EventDraft => ({
  at: `2026-01-01T00:00:0${n % 10}.000Z`,
  actor: 'alice',
  action: 'create',
  recordKind: 'trigger',
  recordId: `trg-${n}`,
  cause: 'test',
  summary,
  recordHash: 'a'.repeat(64),
});

/** Strings made of any UTF-16 code units, lone surrogates included. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((units) => String.fromCharCode(...units));

describe('the native SHA-256 the CLI hands the register', () => {
  it('gives the pure digest on edge inputs: empty, unicode, lone surrogates, control characters, large', () => {
    const inputs = [
      '',
      'a',
      'Ünïcödé — 日本語 — 🧪👩🏽‍🔬 — e\u0301',
      '\ud800',
      'x\udfffy',
      '\udbff\udc00\ud800',
      '\u0000\u0001\u007f\u2028\u2029\ufeff\uffff',
      'é'.repeat(1_000_003),
      `${'{"k":"v"}'.repeat(600_000)}\n`,
    ];
    for (const input of inputs) expect(nativeSha256Hex(input)).toBe(sha256Hex(input));
    // The known answer, so both cannot be wrong together.
    expect(nativeSha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(nativeSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the pure digest on any string of code units', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits, fc.string({ unit: 'binary' })), (text) => {
        expect(nativeSha256Hex(text)).toBe(sha256Hex(text));
      }),
      { numRuns: 300 },
    );
  });

  it('a chain written with one verifies with the other, and an edit fails with both at the same entry', () => {
    const summaries = ['', 'plain', '日本語 🧪', 'lone \ud800 surrogate', 'é'.repeat(10_000)];
    const drafts = summaries.map((s, i) => draft(i, s));
    const pure = chainEvents(undefined, drafts);
    const native = chainEvents(undefined, drafts, nativeSha256Hex);
    expect(native).toEqual(pure);
    expect(verifyChain(pure, nativeSha256Hex)).toEqual(verifyChain(native));
    expect(verifyChain(native, nativeSha256Hex)).toMatchObject({ ok: true, entries: 5 });

    const edited: EventEntry[] = native.map((e, i) =>
      i === 3 ? { ...e, summary: 'lone \ud801 surrogate' } : e,
    );
    const byNative = verifyChain(edited, nativeSha256Hex);
    expect(byNative).toMatchObject({ ok: false, problem: 'edited', index: 3 });
    expect(verifyChain(edited)).toEqual(byNative);
    const { hash: _hash, ...unsigned } = native[2]!;
    expect(entryHash(unsigned, nativeSha256Hex)).toBe(entryHash(unsigned));
    expect(recordHashOf({ b: '🧪', a: ['\ud800'] }, nativeSha256Hex)).toBe(
      recordHashOf({ a: ['\ud800'], b: '🧪' }),
    );
  });

  it('a file workspace written through the CLI path verifies with the pure implementation', async () => {
    const ws = join(base, 'ws');
    await initWorkspace(ws);
    const register = await openWorkspace(ws, {
      log: () => undefined,
      clock: () => '2026-11-29T10:00:00.000Z',
    });
    await register.transact({ actor: 'zoë', cause: 'unicode 🧪' }, async (tx) => {
      await tx.put('ai-system', systemDraft({ id: 'sys-unicode', name: 'Ünïcödé 🧪 \ud800 e\u0301' }));
    });
    const events = readFileSync(join(ws, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EventEntry);
    expect(verifyChain(events)).toMatchObject({ ok: true, entries: 1 });
    expect((await register.verify()).ok).toBe(true);
  });
});
