import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askBackground } from '../../../extension/background/client';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import type { SenderRole } from '../../../extension/background/senders';
import { demoOrganisation } from '../../../shared/demo';
import { createMemoryBackend, createRegister, type Register } from '../../../shared/register';
import { steppingClock } from '../../support/builders';

const TODAY = '2026-03-02';

function deps(
  register: Register = createRegister(createMemoryBackend(), { clock: steppingClock() }),
): BackgroundDeps {
  return { register, today: () => TODAY, now: () => `${TODAY}T09:00:00.000Z` };
}

const PAGE: SenderRole = { kind: 'extension-page' };

describe('background message handling', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'inventory/list'],
    ['an unknown type', { type: 'inventory/delete-everything' }],
    ['an extra field', { type: 'inventory/list', extra: true }],
    ['a bad day', { type: 'demo/load', today: '02/03/2026' }],
  ])('answers %s with ok:false', async (_label, message) => {
    const reply = await handleMessage(message, deps(), PAGE);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^malformed message: /) });
  });

  it('lists no systems in an empty register', async () => {
    expect(await handleMessage({ type: 'inventory/list' }, deps(), PAGE)).toEqual({
      ok: true,
      systems: [],
      total: 0,
      matched: 0,
      offset: 0,
    });
  });

  it('loads the demo organisation once, then finds nothing to write', async () => {
    const d = deps();
    const { records } = demoOrganisation(TODAY);
    expect(await handleMessage({ type: 'demo/load' }, d, PAGE)).toEqual({
      ok: true,
      records: records.length,
      written: records.length,
    });
    expect(await handleMessage({ type: 'demo/load' }, d, PAGE)).toEqual({
      ok: true,
      records: records.length,
      written: 0,
    });
    const listed = await handleMessage({ type: 'inventory/list' }, d, PAGE);
    const names = records.filter((r) => r.kind === 'ai-system').map((r) => r.name);
    const systems = 'systems' in listed ? listed.systems : [];
    expect(systems.map((s) => s.name).sort()).toEqual([...names].sort());
    expect(await handleMessage({ type: 'register/verify' }, d, PAGE)).toEqual({
      ok: true,
      verdict: expect.objectContaining({ ok: true, entries: records.length }),
    });
  });

  it('turns a failing handler into ok:false instead of throwing', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    const broken: Register = { ...register, list: () => Promise.reject(new Error('database is closed')) };
    expect(await handleMessage({ type: 'inventory/list' }, deps(broken), PAGE)).toEqual({
      ok: false,
      error: 'inventory/list: database is closed',
    });
  });

  it('refuses to send a response that breaks the protocol', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    const leaky = {
      ...register,
      list: async () => [{ id: 'sys-x', token: 'secret' }],
    } as unknown as Register;
    const reply = await handleMessage({ type: 'inventory/list' }, deps(leaky), PAGE);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^inventory\/list: invalid response/) });
  });
});

describe('asking the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gets the validated reply', async () => {
    const d = deps();
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => handleMessage(message, d, PAGE));
    expect(await askBackground({ type: 'inventory/list' })).toEqual({
      ok: true,
      systems: [],
      total: 0,
      matched: 0,
      offset: 0,
    });
  });

  it('reports a reply that does not match the protocol', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, systems: 'all of them' }));
    expect(await askBackground({ type: 'inventory/list' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^unexpected reply to inventory\/list: /),
    });
  });

  it('reports an unreachable background', async () => {
    const reply = await askBackground({ type: 'register/verify' });
    expect(reply.ok).toBe(false);
  });
});
