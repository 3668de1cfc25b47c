// The pull-request banner's data: what a pull request changes in the register's AI systems, read
// through the GitHub connector with the background's token (msw answers GitHub), each change mapped
// to its register system, Raise trigger recorded through the core's write rules with its event, and
// the demo's pull request without a connection. The token never reaches a reply.
import { describe, expect, it } from 'vitest';
import { createGithubPullReader, pullChanges } from '../../../extension/background/github-pull';
import { githubPullRef } from '../../../extension/overlay/github-ref';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import type { SenderRole } from '../../../extension/background/senders';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock, systemDraft } from '../../support/builders';
import { OPENAI_SUPPORT_BOT } from '../../support/github/fixtures';
import { mockGitHubServer } from '../../support/github/msw';

const API = 'https://api.github.com';
const TODAY = '2026-11-29';
const TOKEN = 'ghp_backgroundOnlyToken77';
const DOT_COM = 'https://github.com';
const GHES = 'https://ghe.acme.example';
const GITHUB: SenderRole = { kind: 'content-script', host: 'github', origin: DOT_COM };
const GITHUB_ENTERPRISE: SenderRole = { kind: 'content-script', host: 'github', origin: GHES };
const PAGE: SenderRole = { kind: 'extension-page' };

const github = mockGitHubServer(API);

function deps(connected: boolean, serverUrl?: string): BackgroundDeps {
  return {
    register: createRegister(createMemoryBackend(), { clock: steppingClock() }),
    today: () => TODAY,
    now: () => `${TODAY}T09:00:00.000Z`,
    githubPulls: createGithubPullReader({
      connection: async () => (connected ? { token: TOKEN, ...(serverUrl ? { serverUrl } : {}) } : undefined),
      fetch: (...args) => globalThis.fetch(...args),
      now: () => Date.now(),
    }),
  };
}

/** A register that knows the bot (found by a scan of acme/bot at its root) and a pull request swapping its model. */
async function botWithSwap(d: BackgroundDeps) {
  github.mock.addRepo('acme/bot', OPENAI_SUPPORT_BOT('gpt-4o'));
  github.mock.openPull('acme/bot', 12, OPENAI_SUPPORT_BOT('gpt-4.1'));
  await d.register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
    await tx.put(
      'ai-system',
      systemDraft({
        id: 'sys-bot',
        name: 'Customer support assistant',
        sources: [{ tool: 'github', url: 'https://github.com/acme/bot' }],
        discoveryRoot: '.',
      }),
    );
  });
}

describe('overlay/github-pull', () => {
  it('names the change, the system and the clauses; Raise trigger records it with its event; then it shows as raised', async () => {
    const d = deps(true);
    await botWithSwap(d);
    const first = await handleMessage({ type: 'overlay/github-pull', repo: 'acme/bot', pull: 12 }, d, GITHUB);
    expect(first).toMatchObject({ ok: true, pull: { analysed: true } });
    if (!first.ok || !('pull' in first)) throw new Error(JSON.stringify(first));
    const swap = first.pull.changes.find((c) => c.type === 'model-changed');
    expect(swap).toMatchObject({
      systemId: 'sys-bot',
      systemName: 'Customer support assistant',
      before: 'gpt-4o',
      after: 'gpt-4.1',
      clauses: ['8.2', '8.4'],
    });
    expect(swap?.raised).toBeUndefined();
    expect(JSON.stringify(first)).not.toContain(TOKEN);

    // What the banner's button sends.
    const raised = await handleMessage(
      {
        type: 'overlay/record',
        kind: 'trigger',
        value: {
          systemId: swap?.systemId,
          type: swap?.type,
          before: swap?.before,
          after: swap?.after,
          detail: `Pull request acme/bot#12: ${swap?.detail ?? ''}`,
          source: { tool: 'github', ref: 'acme/bot#12' },
        },
      },
      d,
      GITHUB,
    );
    expect(raised).toMatchObject({ ok: true, writes: [{ kind: 'trigger' }] });
    const events = await d.register.events();
    const id = raised.ok && 'writes' in raised ? raised.writes[0]?.id : undefined;
    const event = events.find((e) => e.recordKind === 'trigger' && e.recordId === id);
    expect(event).toMatchObject({ actor: 'aims-lens-overlay:github', action: 'transition' });
    expect(event?.summary).toMatch(/gpt-4o → gpt-4.1/);
    const again = await pullChanges(
      d.register,
      { origin: DOT_COM, repo: 'acme/bot', pull: 12, today: TODAY },
      d.githubPulls,
    );
    expect(again.changes.find((c) => c.type === 'model-changed')?.raised).toMatchObject({ raisedOn: TODAY });
    // The badge now counts it.
    const status = await handleMessage(
      { type: 'overlay/github-status', repo: 'acme/bot', pull: 12 },
      d,
      GITHUB,
    );
    if (!status.ok || !('status' in status)) throw new Error(JSON.stringify(status));
    expect(status.status.openTriggers.map((t) => t.sourceRef)).toContain('acme/bot#12');
    expect(status.status.systems[0]).toMatchObject({ id: 'sys-bot', risk: 'missing', impact: 'missing' });
  });

  it('reads a pull request once a minute at most (tabs of one pull request share the answer)', async () => {
    const d = deps(true);
    await botWithSwap(d);
    await pullChanges(
      d.register,
      { origin: DOT_COM, repo: 'acme/bot', pull: 12, today: TODAY },
      d.githubPulls,
    );
    const requests = github.mock.log.length;
    await pullChanges(
      d.register,
      { origin: DOT_COM, repo: 'acme/bot', pull: 12, today: TODAY },
      d.githubPulls,
    );
    expect(github.mock.log.length).toBe(requests);
  });

  it('says why when GitHub cannot be read, and still shows what was raised from the pull request', async () => {
    const d = deps(true);
    await botWithSwap(d);
    github.mock.fail(/\/repos\/acme\/bot\/pulls\/12$/, { kind: 'status', status: 404 }, 5);
    const reply = await pullChanges(
      d.register,
      { origin: DOT_COM, repo: 'acme/bot', pull: 12, today: TODAY },
      d.githubPulls,
    );
    expect(reply.analysed).toBe(false);
    expect(reply.note).toMatch(/GitHub could not be read \(.*not found/);
    expect(reply.changes).toEqual([]);
  });

  it('without a connection, shows the demo pull request’s raised swap and says how to check it live', async () => {
    const d = deps(false);
    expect((await handleMessage({ type: 'demo/load' }, d, PAGE)).ok).toBe(true);
    const reply = await handleMessage(
      { type: 'overlay/github-pull', repo: 'harbor-mutual/ai-platform', pull: 214 },
      d,
      GITHUB,
    );
    if (!reply.ok || !('pull' in reply)) throw new Error(JSON.stringify(reply));
    expect(reply.pull.analysed).toBe(false);
    expect(reply.pull.note).toMatch(/Connect GitHub/);
    expect(reply.pull.changes).toEqual([
      expect.objectContaining({
        systemName: 'Customer support assistant',
        before: 'gpt-4o',
        after: 'gpt-4.1',
        clauses: ['8.2', '8.4'],
        raised: expect.objectContaining({ id: 'trg-support-model-swap' }),
      }),
    ]);
  });

  it.each([
    [{ type: 'overlay/github-pull', repo: 'acme/bot', pull: 0 }],
    [{ type: 'overlay/github-pull', repo: 'acme/bot', pull: 1.5 }],
    [{ type: 'overlay/github-pull', repo: '<img src=x onerror=alert(1)>', pull: 1 }],
    [{ type: 'overlay/github-pull', repo: 'acme/bot' }],
    [{ type: 'overlay/github-pull', repo: 'acme/bot', pull: 1, token: 'x' }],
  ])('refuses a malformed request %j', async (message) => {
    const reply = await handleMessage(message, deps(true), GITHUB);
    expect(reply.ok).toBe(false);
    expect(github.mock.log).toEqual([]);
  });

  it('is a GitHub request only: the Jira content script may not ask it', async () => {
    const reply = await handleMessage(
      { type: 'overlay/github-pull', repo: 'acme/bot', pull: 1 },
      deps(true),
      {
        kind: 'content-script',
        host: 'jira',
      },
    );
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
  });

  it('reads a pull request only from the server the page is on: the same owner/name elsewhere is another repository', async () => {
    // A github.com page while the connection is for a GitHub Enterprise Server: nothing is read from
    // that server (it has its own acme/bot#12, if any), and the note says which server is connected.
    const enterprise = deps(true, GHES);
    await botWithSwap(enterprise);
    const onDotCom = await handleMessage(
      { type: 'overlay/github-pull', repo: 'acme/bot', pull: 12 },
      enterprise,
      GITHUB,
    );
    expect(onDotCom).toMatchObject({
      ok: true,
      pull: {
        analysed: false,
        note: expect.stringMatching(/connection is for ghe\.acme\.example, not github\.com/),
      },
    });
    // A GitHub Enterprise page while the connection is for github.com: github.com is not asked either.
    const dotCom = deps(true);
    await botWithSwap(dotCom);
    const onEnterprise = await handleMessage(
      { type: 'overlay/github-pull', repo: 'acme/bot', pull: 12 },
      dotCom,
      GITHUB_ENTERPRISE,
    );
    expect(onEnterprise).toMatchObject({
      ok: true,
      pull: {
        analysed: false,
        note: expect.stringMatching(/connection is for github\.com, not ghe\.acme\.example/),
      },
    });
    expect(github.mock.log).toEqual([]);
  });

  it('shows a trigger raised from a pull request only on the server it was raised on', async () => {
    const d = deps(false);
    await d.register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
      await tx.put('ai-system', systemDraft({ id: 'sys-bot', name: 'Bot', sources: [] }));
    });
    const raise = (sender: SenderRole, ref: string) =>
      handleMessage(
        {
          type: 'overlay/record',
          kind: 'trigger',
          value: {
            systemId: 'sys-bot',
            type: 'model-changed',
            before: 'gpt-4o',
            after: 'gpt-4.1',
            detail: `Pull request ${ref}`,
            source: { tool: 'github', ref },
          },
        },
        d,
        sender,
      );
    expect(await raise(GITHUB_ENTERPRISE, githubPullRef(GHES, 'acme/bot', 12))).toMatchObject({ ok: true });
    const pull = (sender: SenderRole) =>
      handleMessage({ type: 'overlay/github-pull', repo: 'acme/bot', pull: 12 }, d, sender);
    expect(await pull(GITHUB_ENTERPRISE)).toMatchObject({
      ok: true,
      pull: { changes: [expect.objectContaining({ before: 'gpt-4o', after: 'gpt-4.1' })] },
    });
    expect(await pull(GITHUB)).toMatchObject({ ok: true, pull: { changes: [] } });
    expect(githubPullRef(DOT_COM, 'acme/bot', 12)).toBe('acme/bot#12');
    expect(githubPullRef(GHES, 'acme/bot', 12)).toBe('ghe.acme.example/acme/bot#12');
  });
});
