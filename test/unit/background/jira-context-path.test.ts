// Two Jira Data Center instances on one origin, told apart by their context paths
// (https://jira.acme.example/jira-a and …/jira-b): the same key names two issues, so one instance's
// records never show on the other's pages, and a connection to one never links issues of the other.
// Host permission stays per origin: that is how browsers grant it.
import { describe, expect, it } from 'vitest';
import type { Connections } from '../../../extension/background/connections/settings';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { jiraSiteOf } from '../../../extension/overlay/jira-pages';
import { systemDraft, triggerDraft } from '../../support/builders';
import { jiraBackgroundDeps, jiraPageRole } from '../../support/jira-background';
import { jiraServer } from '../../support/jira-setup';
import { change, JiraWorld } from '../../support/jira-world';

const server = jiraServer();
const TODAY = '2026-11-28';
const HOST = 'https://jira.acme.example';
const SITE_A = `${HOST}/jira-a`;
const SITE_B = `${HOST}/jira-b`;
const CONNECTED_TO_A: Connections = {
  jira: {
    service: 'jira',
    deployment: 'data-center',
    serverUrl: `${SITE_A}/`,
    personalAccessToken: 'dc-secret-pat-a',
  },
};

/** The role the background gives a real tab on `url` (the origin registered as a Jira Data Center). */
const pageAt = (url: string) => jiraPageRole(HOST, url);

function deps(connections: Connections = {}): Promise<BackgroundDeps> {
  return jiraBackgroundDeps(TODAY, connections, 'one key on two instances', async (tx) => {
    await tx.put(
      'ai-system',
      systemDraft({
        id: 'sys-a',
        sources: [
          { tool: 'jira', url: `${SITE_A}/browse/RISK-7` },
          { tool: 'github', url: 'https://github.com/acme/pricing' },
        ],
      }),
    );
    await tx.put(
      'ai-system',
      systemDraft({ id: 'sys-b', sources: [{ tool: 'jira', url: `${SITE_B}/browse/RISK-7` }] }),
    );
    await tx.put(
      'trigger',
      triggerDraft({ id: 'trg-a', systemId: 'sys-a', source: { tool: 'jira', ref: 'RISK-8#changelog-3' } }),
    );
  });
}

async function statusOn(d: BackgroundDeps, page: string, key: string) {
  const reply = await handleMessage({ type: 'overlay/jira-status', key }, d, pageAt(page));
  if (!reply.ok || !('status' in reply)) throw new Error(`unexpected ${JSON.stringify(reply)}`);
  return {
    systems: reply.status.systems.map((s) => s.id),
    triggers: reply.status.openTriggers.map((t) => t.id),
  };
}

describe('the Jira site of an address', () => {
  it('is the origin on Jira Cloud and the origin with the context path on Data Center', () => {
    const site = (address: string) => jiraSiteOf(new URL(address));
    expect(site('https://acme.atlassian.net/browse/AI-1')).toBe('https://acme.atlassian.net');
    expect(site('https://acme.atlassian.net/jira/software/c/projects/AI/boards/1?selectedIssue=AI-1')).toBe(
      'https://acme.atlassian.net',
    );
    expect(site(`${SITE_A}/browse/RISK-7`)).toBe(SITE_A);
    expect(site(`${SITE_B}/secure/RapidBoard.jspa?rapidView=3&selectedIssue=RISK-7`)).toBe(SITE_B);
    expect(site(`${HOST}/browse/RISK-7`)).toBe(HOST);
    expect(site(`${HOST}/jira/browse/RISK-7`)).toBe(`${HOST}/jira`);
    expect(site(`${HOST}/tools/jira-a/projects/RISK/issues/RISK-7`)).toBe(`${HOST}/tools/jira-a`);
    // Host names are case-insensitive, context paths are not (a servlet container's are case-sensitive).
    expect(site('https://JIRA.acme.example/jira-a/browse/RISK-7')).toBe(SITE_A);
    expect(site(`${HOST}/JIRA-A/browse/RISK-7`)).not.toBe(SITE_A);
    // No Jira path in it: which instance it is cannot be told.
    expect(site(`${HOST}/jira-a`)).toBeUndefined();
    expect(site(`${HOST}/`)).toBeUndefined();
  });
});

describe('two Data Center instances on one origin', () => {
  it("shows each instance's systems and triggers on its own pages only", async () => {
    const d = await deps();
    expect(await statusOn(d, `${SITE_A}/browse/RISK-7`, 'RISK-7')).toEqual({
      systems: ['sys-a'],
      triggers: ['trg-a'],
    });
    expect(await statusOn(d, `${SITE_B}/browse/RISK-7`, 'RISK-7')).toEqual({
      systems: ['sys-b'],
      triggers: [],
    });
    // A trigger raised from a bare key belongs to its system's instance: RISK-8 of jira-b is not jira-a's.
    expect((await statusOn(d, `${SITE_A}/browse/RISK-8`, 'RISK-8')).triggers).toEqual(['trg-a']);
    expect((await statusOn(d, `${SITE_B}/browse/RISK-8`, 'RISK-8')).triggers).toEqual([]);
    // The origin's root is a third instance (or none): neither's issue is shown there.
    expect(await statusOn(d, `${HOST}/browse/RISK-7`, 'RISK-7')).toEqual({ systems: [], triggers: [] });
  });

  it('a page whose address names no Jira path is refused, not guessed', async () => {
    const d = await deps();
    const reply = await handleMessage(
      { type: 'overlay/jira-status', key: 'RISK-7' },
      d,
      pageAt(`${SITE_A}/`),
    );
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) as unknown });
  });

  it("a connection to jira-a links jira-a's issue, and refuses jira-b's with the reason, writing nothing", async () => {
    const epic = {
      key: 'RISK-7',
      summary: 'Pricing model',
      changelog: [change('9001', '2026-11-20T10:00:00.000+0000', [{ field: 'status', to: 'In Progress' }])],
    };
    const worldA = server.use(new JiraWorld('data-center', SITE_A).add(epic));
    const worldB = server.use(new JiraWorld('data-center', SITE_B).add(epic));
    const d = await deps(CONNECTED_TO_A);

    const panelB = await handleMessage(
      { type: 'overlay/jira-panel', key: 'RISK-7' },
      d,
      pageAt(`${SITE_B}/browse/RISK-7`),
    );
    expect(panelB).toMatchObject({
      ok: true,
      panel: {
        linking: {
          available: false,
          detail:
            'the Jira connection is for jira.acme.example/jira-a, not jira.acme.example/jira-b: change it on the connections page',
        },
      },
    });
    const events = (await d.register.events()).length;
    const refused = await handleMessage(
      { type: 'overlay/jira-link', key: 'RISK-7', systemId: 'sys-b' },
      d,
      pageAt(`${SITE_B}/browse/RISK-7`),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringContaining('not jira.acme.example/jira-b') as unknown,
    });
    expect(worldA.requests).toHaveLength(0);
    expect(worldB.requests).toHaveLength(0);
    expect(await d.register.events()).toHaveLength(events);

    const panelA = await handleMessage(
      { type: 'overlay/jira-panel', key: 'RISK-7' },
      d,
      pageAt(`${SITE_A}/browse/RISK-7`),
    );
    expect(panelA).toMatchObject({ ok: true, panel: { linking: { available: true } } });
    const linked = await handleMessage(
      { type: 'overlay/jira-link', key: 'RISK-7', systemId: 'sys-a' },
      d,
      pageAt(`${SITE_A}/browse/RISK-7`),
    );
    expect(linked, JSON.stringify(linked)).toMatchObject({ ok: true });
    expect(worldA.issue('RISK-7').remoteLinks).toHaveLength(1);
    expect(worldB.requests).toHaveLength(0);
    // The link is recorded against jira-a's address, so jira-b's RISK-7 page still does not show sys-a.
    expect((await d.register.require('ai-system', 'sys-a')).sources.map((s) => s.url)).toContain(
      `${SITE_A}/browse/RISK-7`,
    );
    expect((await statusOn(d, `${SITE_B}/browse/RISK-7`, 'RISK-7')).systems).toEqual(['sys-b']);
  });
});
