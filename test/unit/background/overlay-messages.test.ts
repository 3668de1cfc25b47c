// Overlay requests: who may send them, what they answer about a place, and that they carry
// nothing beyond it.
import { describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import type { RequestType } from '../../../extension/background/messages';
import { mayAsk, senderRole, type SenderRole } from '../../../extension/background/senders';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock, systemDraft, triggerDraft } from '../../support/builders';

const TODAY = '2026-03-02';
const SELF = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
};
const PAGE: SenderRole = { kind: 'extension-page' };
const GITHUB: SenderRole = { kind: 'content-script', host: 'github' };
const JIRA: SenderRole = {
  kind: 'content-script',
  host: 'jira',
  origin: 'https://harbormutual.atlassian.net',
  url: 'https://harbormutual.atlassian.net/browse/AIMS-142',
};
/** A Jira page's role at `url`, as senderRole gives it. */
const jiraAt = (url: string): SenderRole => ({ ...JIRA, origin: new URL(url).origin, url });
const SHAREPOINT: SenderRole = { kind: 'content-script', host: 'sharepoint' };
/** The content script each overlay status request belongs to. */
const HOST_OF = {
  'overlay/github-status': GITHUB,
  'overlay/jira-status': JIRA,
  'overlay/sharepoint-status': SHAREPOINT,
} as const;

/** The background's dependencies over `register` (in memory unless given), on TODAY at 09:00 UTC. */
function depsOver(
  register = createRegister(createMemoryBackend(), { clock: steppingClock() }),
): BackgroundDeps {
  return { register, today: () => TODAY, now: () => `${TODAY}T09:00:00.000Z` };
}

async function demoDeps(): Promise<BackgroundDeps> {
  const deps = depsOver();
  const loaded = await handleMessage({ type: 'demo/load' }, deps, PAGE);
  expect(loaded.ok).toBe(true);
  return deps;
}

type Reply = Awaited<ReturnType<typeof handleMessage>>;
/** The status an overlay request answered; any other reply fails the test, naming it. */
function statusOf(reply: Reply) {
  if (!reply.ok || !('status' in reply)) throw new Error(`unexpected ${JSON.stringify(reply)}`);
  return reply.status;
}
/** What an overlay hears about a place the register knows nothing of. */
const NOTHING = { ok: true, status: { systems: [], openTriggers: [], evidence: [] } };

describe('sender roles', () => {
  const tab = { id: 4 };

  it('knows its own pages and its own content scripts by host', () => {
    expect(senderRole({ id: SELF.id, url: `${SELF.origin}dashboard.html` }, SELF)).toEqual(PAGE);
    // The page's origin comes with the role: the site a Jira request is about is the sender's own.
    for (const [url, role, origin] of [
      ['https://github.com/acme/app/pull/1', GITHUB, 'https://github.com'],
      ['https://acme.atlassian.net/browse/A-1', JIRA, 'https://acme.atlassian.net'],
      ['https://acme.sharepoint.com/sites/x', SHAREPOINT, 'https://acme.sharepoint.com'],
    ] as const)
      expect(senderRole({ id: SELF.id, url, tab }, SELF), url).toEqual({ ...role, origin, url });
  });

  it('knows a configured self-hosted origin as its host, and no other origin', () => {
    const selfHosted = new Map([
      ['https://jira.acme.example', 'jira' as const],
      ['https://ghe.acme.example:8443', 'github' as const],
    ]);
    const role = (url: string, withTab = true) =>
      senderRole({ id: SELF.id, url, ...(withTab ? { tab } : {}) }, SELF, selfHosted);
    expect(role('https://jira.acme.example/jira/browse/A-1')).toEqual({
      kind: 'content-script',
      host: 'jira',
      origin: 'https://jira.acme.example',
      url: 'https://jira.acme.example/jira/browse/A-1',
    });
    expect(role('https://ghe.acme.example:8443/acme/app')).toMatchObject({ host: 'github' });
    // Same name on another scheme or port, a look-alike host, a frame without a tab: strangers.
    for (const [url, withTab] of [
      ['http://jira.acme.example/browse/A-1', true],
      ['https://jira.acme.example:444/browse/A-1', true],
      ['https://jira.acme.example.evil.test/browse/A-1', true],
      ['https://jira.acme.example/browse/A-1', false],
    ] as const)
      expect(role(url, withTab), `${url} (tab: ${withTab})`).toBeUndefined();
    // Without the configuration (the default), the origin is nobody's.
    expect(
      senderRole({ id: SELF.id, url: 'https://jira.acme.example/browse/A-1', tab }, SELF),
    ).toBeUndefined();
  });

  it.each([
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${SELF.origin}options.html` }],
    [
      'another extension’s page',
      { id: SELF.id, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' },
    ],
    ['a content script on a page no feature runs on', { id: SELF.id, url: 'https://evil.example/', tab: {} }],
    ['a host page without a tab', { id: SELF.id, url: 'https://github.com/acme/app' }],
    ['a sender without an address', { id: SELF.id }],
    ['a sender without an id', { url: `${SELF.origin}options.html` }],
  ])('refuses %s', (_label, sender) => expect(senderRole(sender, SELF)).toBeUndefined());

  it('lets a content script ask only its own host’s overlay requests', () => {
    const who = (role: SenderRole) => ('host' in role ? role.host : role.kind);
    const asks: [SenderRole, RequestType, boolean][] = [
      [GITHUB, 'overlay/github-status', true],
      [GITHUB, 'overlay/jira-status', false],
      [JIRA, 'overlay/jira-status', true],
      [SHAREPOINT, 'overlay/sharepoint-status', true],
      [PAGE, 'overlay/jira-status', true],
    ];
    for (const [role, type, allowed] of asks)
      expect(mayAsk(role, type), `${who(role)} ${type}`).toBe(allowed);
    for (const role of [GITHUB, JIRA, SHAREPOINT])
      for (const type of ['demo/load', 'inventory/list', 'register/verify'] as const)
        expect(mayAsk(role, type), `${who(role)} ${type}`).toBe(false);
  });
});

describe('overlay requests through the handler', () => {
  it('refuses an unknown sender before reading the message', async () => {
    const deps = await demoDeps();
    expect(await handleMessage({ type: 'inventory/list' }, deps, undefined)).toEqual({
      ok: false,
      error: 'refused: unexpected sender',
    });
  });

  it('refuses page-only and other hosts’ requests from a content script', async () => {
    const deps = await demoDeps();
    expect(await handleMessage({ type: 'demo/load' }, deps, GITHUB)).toEqual({
      ok: false,
      error: 'refused: demo/load is not available to the github content script',
    });
    const reply = await handleMessage({ type: 'overlay/jira-status', key: 'AIMS-142' }, deps, GITHUB);
    expect(reply.ok).toBe(false);
  });

  it.each([
    { type: 'overlay/github-status', repo: 'harbor-mutual' },
    { type: 'overlay/github-status', repo: '../etc/passwd' },
    { type: 'overlay/github-status', repo: 'a/b', pull: 0 },
    { type: 'overlay/github-status', repo: 'a/b', token: 'x' },
    { type: 'overlay/jira-status', key: 'aims-142' },
    { type: 'overlay/jira-status', key: '<img src=x onerror=alert(1)>-1' },
    { type: 'overlay/sharepoint-status', url: 'https://evil.example/sites/aims/a.docx' },
    { type: 'overlay/sharepoint-status', url: 'javascript:alert(1)' },
    { type: 'overlay/sharepoint-status', url: `https://x.sharepoint.com/${'a'.repeat(5000)}` },
  ] as const)('rejects the malformed request %j', async (message) => {
    const deps = await demoDeps();
    const reply = await handleMessage(message, deps, HOST_OF[message.type]);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^malformed message: /) });
  });

  it('gives a Jira issue the systems its evidence covers and nothing else', async () => {
    const deps = await demoDeps();
    const status = statusOf(
      await handleMessage({ type: 'overlay/jira-status', key: 'AIMS-142' }, deps, JIRA),
    );
    expect(status.evidence.map((e) => e.id)).toEqual(['ev-fairness-tests-2026-q3']);
    expect(status.systems.map((s) => s.id).sort()).toEqual([
      'sys-claims-triage',
      'sys-fraud-scoring',
      'sys-underwriting-score',
    ]);
    // Summaries only: no owners, purposes or components leave the background.
    expect(
      Object.keys(status.systems[0] ?? {})
        .filter((k) => k !== 'riskLevel' && k !== 'lastSeen')
        .sort(),
    ).toEqual(['id', 'impact', 'inScope', 'inventoryState', 'lifecycleStage', 'name', 'risk']);
    const other = await handleMessage({ type: 'overlay/jira-status', key: 'AIMS-1420' }, deps, JIRA);
    expect(other).toEqual(NOTHING);
  });

  it('matches a Jira issue by site and key: the same key on another site is another issue', async () => {
    const deps = await demoDeps();
    const elsewhere = jiraAt('https://other.atlassian.net/browse/AIMS-142');
    const reply = await handleMessage({ type: 'overlay/jira-status', key: 'AIMS-142' }, deps, elsewhere);
    expect(reply).toEqual(NOTHING);
    // An extension page has no site: it cannot ask about an issue by key alone.
    expect(await handleMessage({ type: 'overlay/jira-status', key: 'AIMS-142' }, deps, PAGE)).toMatchObject({
      ok: false,
      error: expect.stringContaining('only a Jira page'),
    });
  });

  it('matches a Data Center issue under a context path on its own origin only', async () => {
    const deps = await demoDeps();
    await deps.register.transact({ actor: 't', cause: 'a system planned in a Data Center epic' }, (tx) =>
      tx.put(
        'ai-system',
        systemDraft({
          id: 'sys-dc-risk',
          name: 'DC risk model',
          sources: [{ tool: 'jira', url: 'https://jira.acme.example/jira/browse/RISK-7' }],
        }),
      ),
    );
    const ask = (origin: string) =>
      handleMessage(
        { type: 'overlay/jira-status', key: 'RISK-7' },
        deps,
        jiraAt(`${origin}/jira/browse/RISK-7`),
      );
    const here = statusOf(await ask('https://jira.acme.example'));
    expect(here.systems.map((s) => s.id)).toEqual(['sys-dc-risk']);
    for (const origin of [
      'https://jira.acme.example:8443',
      'https://jira2.acme.example',
      'https://acme.atlassian.net',
    ]) {
      expect(statusOf(await ask(origin)).systems).toEqual([]);
    }
  });

  it('gives a SharePoint document its evidence, whichever way the address spells the path', async () => {
    const deps = await demoDeps();
    const spelled = [
      'https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/monitoring-report-2026-q3.pdf',
      'https://HarborMutual.sharepoint.com/sites/aims/Shared Documents/monitoring-report-2026-q3.pdf',
      'https://harbormutual.sharepoint.com/:b:/r/sites/aims/Shared%20Documents/monitoring-report-2026-q3.pdf?csf=1',
    ];
    for (const url of spelled) {
      const status = statusOf(
        await handleMessage({ type: 'overlay/sharepoint-status', url }, deps, SHAREPOINT),
      );
      expect(
        status.evidence.map((e) => e.id),
        url,
      ).toEqual(['ev-monitoring-report-2026-q3']);
    }
    const otherTenant = await handleMessage(
      {
        type: 'overlay/sharepoint-status',
        url: 'https://evilcorp.sharepoint.com/sites/aims/Shared%20Documents/monitoring-report-2026-q3.pdf',
      },
      deps,
      SHAREPOINT,
    );
    expect(otherTenant).toEqual(NOTHING);
  });

  it('gives a repository its systems and their open triggers, and a pull request the triggers it raised', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact({ actor: 't', cause: 'test' }, async (tx) => {
      await tx.put(
        'ai-system',
        systemDraft({ id: 'sys-a', sources: [{ tool: 'github', url: 'https://github.com/Acme/App' }] }),
      );
      await tx.put(
        'ai-system',
        systemDraft({ id: 'sys-b', sources: [{ tool: 'github', url: 'https://github.com/acme/app-two' }] }),
      );
      await tx.put(
        'trigger',
        triggerDraft({ id: 'trg-a', systemId: 'sys-a', source: { tool: 'github', ref: 'acme/app#3' } }),
      );
      await tx.put('trigger', triggerDraft({ id: 'trg-a-done', systemId: 'sys-a', status: 'resolved' }));
      await tx.put(
        'trigger',
        triggerDraft({ id: 'trg-b', systemId: 'sys-b', source: { tool: 'github', ref: 'acme/app#9' } }),
      );
    });
    const deps = depsOver(register);
    const ask = async (pull?: number) =>
      statusOf(
        await handleMessage(
          { type: 'overlay/github-status', repo: 'acme/app', ...(pull === undefined ? {} : { pull }) },
          deps,
          GITHUB,
        ),
      );
    const repo = await ask();
    expect(repo.systems.map((s) => s.id)).toEqual(['sys-a']);
    expect(repo.openTriggers.map((t) => t.id).sort()).toEqual(['trg-a', 'trg-b']);
    expect((await ask(9)).openTriggers.map((t) => t.id).sort()).toEqual(['trg-a', 'trg-b']);
    expect((await ask(4)).openTriggers.map((t) => t.id)).toEqual(['trg-a']);
  });
});

describe('GitHub Enterprise Server pages', () => {
  const ENTERPRISE: SenderRole = {
    kind: 'content-script',
    host: 'github',
    origin: 'https://ghe.acme.example',
  };

  it('gives a repository on a GitHub Enterprise Server its own systems, never github.com’s same-named ones', async () => {
    const register = createRegister(createMemoryBackend(), { clock: steppingClock() });
    await register.transact({ actor: 't', cause: 'test' }, async (tx) => {
      await tx.put(
        'ai-system',
        systemDraft({ id: 'sys-cloud', sources: [{ tool: 'github', url: 'https://github.com/acme/app' }] }),
      );
      await tx.put(
        'ai-system',
        systemDraft({
          id: 'sys-ghe',
          sources: [{ tool: 'github', url: 'https://ghe.acme.example/acme/app' }],
        }),
      );
      // Raised from github.com's acme/app#3 (no host) and from the server's acme/app#3 (host-qualified).
      await tx.put(
        'trigger',
        triggerDraft({
          id: 'trg-cloud',
          systemId: 'sys-none',
          source: { tool: 'github', ref: 'acme/app#3' },
        }),
      );
      await tx.put(
        'trigger',
        triggerDraft({
          id: 'trg-ghe',
          systemId: 'sys-none',
          source: { tool: 'github', ref: 'ghe.acme.example/acme/app#3' },
        }),
      );
    });
    const deps = depsOver(register);
    const ask = async (sender: SenderRole) => {
      const status = statusOf(
        await handleMessage({ type: 'overlay/github-status', repo: 'acme/app', pull: 3 }, deps, sender),
      );
      return {
        systems: status.systems.map((s) => s.id),
        triggers: status.openTriggers.map((t) => t.id),
      };
    };
    expect(await ask(ENTERPRISE)).toEqual({ systems: ['sys-ghe'], triggers: ['trg-ghe'] });
    expect(await ask({ ...GITHUB, origin: 'https://github.com' })).toEqual({
      systems: ['sys-cloud'],
      triggers: ['trg-cloud'],
    });
    // The extension's own pages ask about github.com.
    expect(await ask(PAGE)).toEqual({ systems: ['sys-cloud'], triggers: ['trg-cloud'] });
  });
});

describe('Jira triggers raised from an issue key', () => {
  it('shows a trigger raised from KEY only on the site its system belongs to', async () => {
    const deps = await demoDeps();
    await deps.register.transact({ actor: 't', cause: 'two sites, one key' }, async (tx) => {
      await tx.put(
        'ai-system',
        systemDraft({
          id: 'sys-other-site',
          sources: [{ tool: 'jira', url: 'https://other.atlassian.net/browse/RISK-1' }],
        }),
      );
      await tx.put('ai-system', systemDraft({ id: 'sys-no-site', sources: [] }));
      await tx.put(
        'trigger',
        triggerDraft({
          id: 'trg-other-site',
          systemId: 'sys-other-site',
          source: { tool: 'jira', ref: 'AIMS-142#changelog-9' },
        }),
      );
      await tx.put(
        'trigger',
        triggerDraft({
          id: 'trg-no-site',
          systemId: 'sys-no-site',
          source: { tool: 'jira', ref: 'AIMS-142' },
        }),
      );
    });
    const triggers = async (origin: string) =>
      statusOf(
        await handleMessage(
          { type: 'overlay/jira-status', key: 'AIMS-142' },
          deps,
          jiraAt(`${origin}/browse/AIMS-142`),
        ),
      ).openTriggers.map((t) => t.id);
    // The demo site's AIMS-142 is not other.atlassian.net's: that site's trigger stays there.
    expect(await triggers('https://harbormutual.atlassian.net')).not.toContain('trg-other-site');
    expect(await triggers('https://harbormutual.atlassian.net')).toContain('trg-no-site');
    expect(await triggers('https://other.atlassian.net')).toEqual(
      expect.arrayContaining(['trg-other-site', 'trg-no-site']),
    );
  });
});

describe('recording through the core’s write rules', () => {
  const trigger = (tool: string) => ({
    id: 'trg-from-overlay',
    systemId: 'sys-claims-triage',
    type: 'model-changed',
    before: 'gpt-4o',
    after: 'gpt-4.1',
    detail: 'Pull request acme/app#5 swaps the model',
    raisedOn: TODAY,
    source: { tool, ref: 'acme/app#5' },
    status: 'open',
  });

  it('lets the GitHub overlay raise a trigger from GitHub, recorded with its clauses and an event', async () => {
    const deps = await demoDeps();
    const reply = await handleMessage(
      { type: 'overlay/record', kind: 'trigger', value: trigger('github') },
      deps,
      GITHUB,
    );
    expect(reply).toMatchObject({
      ok: true,
      writes: expect.arrayContaining([{ kind: 'trigger', id: 'trg-from-overlay' }]),
    });
    const stored = await deps.register.get('trigger', 'trg-from-overlay');
    expect(stored?.clauses.length).toBeGreaterThan(0);
    const events = await deps.register.events();
    expect(events.at(-1)?.actor).toBe('aims-lens-overlay:github');
    expect(await deps.register.verify()).toMatchObject({ ok: true });
  });

  it('never lets an overlay replace or close a record the register holds (a page script may be hostile)', async () => {
    const deps = await demoDeps();
    const before = await deps.register.events();
    // An existing GitHub evidence item re-sent with a forged hash, and an open trigger re-sent as dismissed.
    const evidence = (await deps.register.list('evidence')).find((e) => e.sourceTool === 'github');
    const open = (await deps.register.list('trigger')).find((t) => t.status === 'open');
    expect(evidence).toBeDefined();
    expect(open).toBeDefined();
    const forged = { ...evidence, title: 'Forged', contentHash: '0'.repeat(64) };
    const dismissed = { ...open, status: 'dismissed', source: { tool: 'github', ref: 'acme/app#5' } };
    for (const [kind, value] of [
      ['evidence', forged],
      ['trigger', dismissed],
    ] as const) {
      const reply = await handleMessage({ type: 'overlay/record', kind, value }, deps, {
        ...GITHUB,
        origin: 'https://github.com',
      });
      expect(reply).toEqual({
        ok: false,
        error: `overlay/record: refused: an overlay adds records; it cannot change the existing ${kind} ${value.id}`,
      });
    }
    expect(await deps.register.get('evidence', evidence?.id ?? '')).toEqual(evidence);
    expect((await deps.register.get('trigger', open?.id ?? ''))?.status).toBe('open');
    expect(await deps.register.events()).toEqual(before);
    // The dashboard (an extension page) may still change a record, through the kind's rules.
    const renamed = await handleMessage(
      { type: 'overlay/record', kind: 'evidence', value: { ...evidence, title: 'Renamed' } },
      deps,
      { kind: 'extension-page' },
    );
    expect(renamed).toMatchObject({ ok: true, writes: [{ kind: 'evidence', id: evidence?.id }] });
    expect((await deps.register.get('evidence', evidence?.id ?? ''))?.title).toBe('Renamed');
  });

  it('takes evidence from a page only for an address of that page’s own site', async () => {
    const deps = await demoDeps();
    const before = (await deps.register.events()).length;
    const evidence = {
      id: 'ev-other-tenant',
      title: 'Another tenant’s policy',
      sourceTool: 'sharepoint',
      url: 'https://other.sharepoint.com/sites/x/Shared%20Documents/policy.docx',
      pinnedVersion: '3.0',
      contentHash: 'a'.repeat(64),
      capturedAt: `${TODAY}T09:00:00.000Z`,
      clauses: [],
      controls: [],
      systemIds: [],
    };
    const fromPage = (origin: string) =>
      handleMessage({ type: 'overlay/record', kind: 'evidence', value: evidence }, deps, {
        kind: 'content-script',
        host: 'sharepoint',
        origin,
      });
    expect(await fromPage('https://harbormutual.sharepoint.com')).toEqual({
      ok: false,
      error:
        "overlay/record: refused: evidence from a sharepoint page must be an address of that page's own site",
    });
    expect((await deps.register.events()).length).toBe(before);
    expect(await fromPage('https://other.sharepoint.com')).toMatchObject({ ok: true });
  });

  it('refuses an overlay recording for another host, and an unknown kind', async () => {
    const deps = await demoDeps();
    const before = (await deps.register.events()).length;
    expect(
      await handleMessage({ type: 'overlay/record', kind: 'trigger', value: trigger('jira') }, deps, GITHUB),
    ).toEqual({
      ok: false,
      error: 'overlay/record: refused: a trigger from the github overlay must name github as its source',
    });
    const evidence = {
      id: 'ev-x',
      title: 'x',
      sourceTool: 'github',
      url: 'https://evil.example/acme/app',
      pinnedVersion: 'abc',
      contentHash: 'a'.repeat(64),
      capturedAt: `${TODAY}T09:00:00.000Z`,
      clauses: [],
      controls: [],
      systemIds: [],
    };
    expect(
      await handleMessage({ type: 'overlay/record', kind: 'evidence', value: evidence }, deps, GITHUB),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must come from a github address/),
    });
    expect(
      await handleMessage({ type: 'overlay/record', kind: 'ai-system', value: {} }, deps, GITHUB),
    ).toMatchObject({ ok: false });
    expect((await deps.register.events()).length).toBe(before);
  });

  it('applies the kind’s rule for a page write and names the field at fault', async () => {
    const deps = await demoDeps();
    const bad = await handleMessage(
      { type: 'record/write', kind: 'trigger', value: { ...trigger('github'), systemId: 'sys-nope' } },
      deps,
      PAGE,
    );
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^record\/write: /) });
    expect(
      await handleMessage({ type: 'record/write', kind: 'payload', value: {} }, deps, PAGE),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown kind 'payload'/),
    });
    expect(
      await handleMessage({ type: 'record/write', kind: 'trigger', value: trigger('github') }, deps, GITHUB),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused: record\/write is not available/),
    });
  });
});
