// The workspace bundle refuses anything that is not exactly what its event log recorded.
import { describe, expect, it } from 'vitest';
import { bundleOf, verifyBundle, type WorkspaceBundle } from '../../../shared/exchange/bundle';
import { demoOrganisation } from '../../../shared/demo';
import { RECORD_KINDS, type AnyRecord } from '../../../shared/model';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock } from '../../support/builders';

const META = { exportedAt: '2026-03-02T09:00:00.000Z', exportedBy: 'test' };

async function demoBundle(): Promise<WorkspaceBundle> {
  const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
  const { records } = demoOrganisation('2026-03-02');
  await register.transact({ actor: 'demo', cause: 'demo' }, async (tx) => {
    for (const draft of records) await tx.put(draft.kind, draft);
  });
  // One deletion, so the log holds a record that must not be in the bundle.
  await register.transact({ actor: 'demo', cause: 'tidy' }, (tx) =>
    tx.remove('ai-system', records.find((r) => r.kind === 'ai-system')?.id ?? ''),
  );
  const all: AnyRecord[] = [];
  for (const kind of RECORD_KINDS) all.push(...(await register.list(kind)));
  return bundleOf(all, await register.events(), META);
}

const clone = <T>(value: T): T => structuredClone(value);

describe('workspace bundle', () => {
  it('accepts an intact register and sorts records by kind and id', async () => {
    const bundle = await demoBundle();
    expect(verifyBundle(bundle)).toEqual({
      ok: true,
      records: bundle.records.length,
      events: bundle.events.length,
      head: bundle.events.at(-1)?.hash,
    });
    const keys = bundle.records.map((r) => [r.kind, r.id] as const);
    const byKindThenId = (a: readonly [string, string], b: readonly [string, string]) =>
      a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1;
    expect(keys).toEqual([...keys].sort(byKindThenId));
  });

  it('survives JSON: what is exported as text verifies after parsing', async () => {
    const bundle = await demoBundle();
    expect(verifyBundle(JSON.parse(JSON.stringify(bundle))).ok).toBe(true);
  });

  it.each([
    [
      'an edited event',
      (b: WorkspaceBundle) => void (b.events[3] = { ...b.events[3]!, summary: 'rewritten' }),
      /event chain broken at entry 3 .*changed after it was written/,
    ],
    ['a removed event', (b: WorkspaceBundle) => void b.events.splice(5, 1), /event chain broken at entry 5/],
    ['a reordered log', (b: WorkspaceBundle) => void b.events.reverse(), /event chain broken at entry 0/],
    [
      'an edited record',
      (b: WorkspaceBundle) => void (b.records[0] = { ...b.records[0]!, name: 'Renamed quietly' }),
      /ai-system \S+: edited outside the register \(its SHA-256 differs from event seq \d+\)/,
    ],
    [
      'a record the log never wrote',
      (b: WorkspaceBundle) => void b.records.push({ ...b.records[0]!, id: 'sys-smuggled' }),
      /sys-smuggled: no event records it/,
    ],
    [
      'a record removed from the bundle',
      (b: WorkspaceBundle) => void b.records.pop(),
      /the bundle \(\S+ \S+\): missing, but event seq \d+ says it exists/,
    ],
    ['a record twice', (b: WorkspaceBundle) => void b.records.push(clone(b.records[0]!)), /appears twice/],
    [
      'a record the log deleted',
      (b: WorkspaceBundle) => {
        const deleted = b.events.find((e) => e.action === 'delete')!;
        const sameKind = b.records.find((r) => r.kind === deleted.recordKind)!;
        b.records.push({ ...sameKind, id: deleted.recordId });
      },
      /present although event seq \d+ deleted it/,
    ],
    [
      'an unknown kind',
      (b: WorkspaceBundle) => void b.records.push({ kind: 'payload', id: 'x' }),
      /unknown record kind/,
    ],
  ])('refuses %s', async (_label, breakIt, message) => {
    const bundle = clone(await demoBundle());
    breakIt(bundle);
    const verdict = verifyBundle(bundle);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem).toMatch(message);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'bundle'],
    ['another format', { format: 'zip', version: 1 }],
    [
      'a future version',
      {
        format: 'aims-lens-workspace-bundle',
        version: 2,
        exportedAt: '',
        exportedBy: '',
        records: [],
        events: [],
      },
    ],
    [
      'events that are not events',
      {
        format: 'aims-lens-workspace-bundle',
        version: 1,
        exportedAt: '',
        exportedBy: '',
        records: [],
        events: [{ seq: 'zero' }],
      },
    ],
  ])('refuses %s as not a bundle', (_label, value) => {
    const verdict = verifyBundle(value);
    expect(verdict).toEqual({ ok: false, problem: expect.stringMatching(/^not a workspace bundle: /) });
  });

  it('accepts an empty register', () => {
    expect(verifyBundle(bundleOf([], [], META))).toEqual({
      ok: true,
      records: 0,
      events: 0,
      head: '0'.repeat(64),
    });
  });
});
