// A Jira Data Center site is its origin and context path, and the context path is whatever the server
// was installed under: it may itself hold a word Jira uses for its own pages (`/projects/jira`). The
// stored connection's server address says where the site is; guessing from the page's path is the
// fallback only for addresses no connection covers.
import { describe, expect, it } from 'vitest';
import type { Connections } from '../../../extension/background/connections/settings';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { jiraSiteOf } from '../../../extension/overlay/jira-pages';
import { systemDraft } from '../../support/builders';
import { jiraBackgroundDeps, jiraPageRole } from '../../support/jira-background';
import { jiraServer } from '../../support/jira-setup';
import { change, JiraWorld } from '../../support/jira-world';

const server = jiraServer();
const TODAY = '2026-11-28';
const HOST = 'https://tools.acme.example';
/** A context path holding `projects`, one of Jira's own first segments. */
const SITE = `${HOST}/projects/jira`;
const CONNECTED: Connections = {
  jira: {
    service: 'jira',
    deployment: 'data-center',
    serverUrl: SITE,
    personalAccessToken: 'dc-secret-pat-projects',
  },
};

const site = (address: string, sites: readonly string[] = []) => jiraSiteOf(new URL(address), sites);

describe("the Jira site of an address, told by the connections' server addresses", () => {
  it('is the connection whose address the page is under, even when its context path holds a Jira word', () => {
    expect(site(`${SITE}/browse/ABC-1`, [SITE])).toBe(SITE);
    expect(site(`${SITE}/secure/RapidBoard.jspa?rapidView=3&selectedIssue=ABC-1`, [SITE])).toBe(SITE);
    expect(site(`${SITE}/projects/ABC/issues/ABC-1`, [SITE])).toBe(SITE);
    // An issue's own address tells its site without the connection; other pages fall back on the guess,
    // which stops at `projects` (here wrongly): the connection tells them.
    expect(site(`${SITE}/browse/ABC-1`)).toBe(SITE);
    expect(site(`${SITE}/projects/ABC/issues/ABC-1`)).toBe(HOST);
    // The site root itself is on the site.
    expect(site(SITE, [SITE])).toBe(SITE);
    expect(site(`${SITE}/`, [SITE])).toBe(SITE);
  });

  it('matches on a whole path segment: /jira is not /jira-b, /jirax or /JIRA', () => {
    const jira = `${HOST}/jira`;
    expect(site(`${HOST}/jira/browse/ABC-1`, [jira])).toBe(jira);
    // Not under /jira: the fallback rule decides, and it never answers /jira.
    expect(site(`${HOST}/jira-b/browse/ABC-1`, [jira])).toBe(`${HOST}/jira-b`);
    expect(site(`${HOST}/jirax/browse/ABC-1`, [jira])).toBe(`${HOST}/jirax`);
    expect(site(`${HOST}/projects/jira-b/browse/ABC-1`, [SITE])).not.toBe(SITE);
    // Context paths are case-sensitive (a servlet container's are); host names are not.
    expect(site(`${HOST}/JIRA/browse/ABC-1`, [jira])).toBe(`${HOST}/JIRA`);
    expect(site('https://TOOLS.Acme.Example/jira/browse/ABC-1', [jira])).toBe(jira);
    expect(site(`${HOST}/jira/browse/ABC-1`, ['https://TOOLS.ACME.EXAMPLE/jira'])).toBe(jira);
  });

  it('reads a stored address with a trailing slash, a dot segment or a doubled slash as the same site', () => {
    const jira = `${HOST}/jira`;
    for (const stored of [`${HOST}/jira/`, `${HOST}/jira//`, `${HOST}/x/../jira`, `${HOST}/./jira`])
      expect(site(`${HOST}/jira/browse/ABC-1`, [stored]), stored).toBe(jira);
    // A stored root (no context path) covers the whole origin.
    expect(site(`${HOST}/projects/ABC/issues/ABC-1`, [`${HOST}/`])).toBe(HOST);
  });

  it('does not let an encoded slash, a dot-dot segment or a query string reach another site', () => {
    // %2F is one segment's text, not a separator: not under /projects/jira, and not it either.
    expect(site(`${HOST}/projects%2Fjira/browse/ABC-1`, [SITE])).not.toBe(SITE);
    expect(site(`${HOST}/projects/jira%2Fbrowse/ABC-1`, [SITE])).not.toBe(SITE);
    expect(site(`${HOST}/a%2Fb/browse/ABC-1`, [`${HOST}/a/b`])).not.toBe(`${HOST}/a/b`);
    // Dot-dot segments are resolved as the browser does before anything is compared.
    // (`/projects/jira-b` is covered by no connection; the issue's address is its site.)
    expect(site(`${SITE}/../jira-b/browse/ABC-1`, [SITE])).toBe(`${HOST}/projects/jira-b`);
    expect(site(`${SITE}/%2e%2e/jira-b/browse/ABC-1`, [SITE])).toBe(`${HOST}/projects/jira-b`);
    expect(site(`${SITE}/../../jira/browse/ABC-1`, [SITE])).toBe(`${HOST}/jira`);
    expect(site(`${HOST}/projects/other/../jira/browse/ABC-1`, [SITE])).toBe(SITE);
    // The query and fragment are not the path.
    expect(site(`${HOST}/browse/ABC-1?next=/projects/jira/browse/ABC-1`, [SITE])).toBe(HOST);
    expect(site(`${HOST}/?u=${encodeURIComponent(`${SITE}/browse/ABC-1`)}`, [SITE])).toBeUndefined();
    expect(site(`${SITE}/browse/ABC-1?x=/jira-b#/other`, [SITE])).toBe(SITE);
  });

  it('never matches another origin: scheme, port or host', () => {
    expect(site(`https://tools.acme.example:8443/projects/jira/browse/ABC-1`, [SITE])).not.toBe(SITE);
    expect(site(`http://tools.acme.example/projects/jira/browse/ABC-1`, [SITE])).not.toBe(SITE);
    expect(site(`https://evil.example/projects/jira/browse/ABC-1`, [SITE])).toBe(
      'https://evil.example/projects/jira',
    );
  });

  it('takes the longest of two connections on one origin, each on its own pages', () => {
    const outer = `${HOST}/jira`;
    const inner = `${HOST}/jira/projects/jira`;
    for (const sites of [
      [outer, inner],
      [inner, outer],
    ]) {
      expect(site(`${inner}/browse/ABC-1`, sites)).toBe(inner);
      expect(site(`${outer}/browse/ABC-1`, sites)).toBe(outer);
      expect(site(`${outer}/projects/ABC/issues/ABC-1`, sites)).toBe(outer);
    }
    const a = `${HOST}/jira-a`;
    const b = `${HOST}/jira-b`;
    expect(site(`${a}/browse/ABC-1`, [a, b])).toBe(a);
    expect(site(`${b}/browse/ABC-1`, [a, b])).toBe(b);
  });

  it('leaves Jira Cloud sites alone and skips stored addresses that are not URLs', () => {
    const cloud = 'https://acme.atlassian.net';
    expect(site(`${cloud}/browse/ABC-1`, [`${cloud}/jira`, `${HOST}/jira`])).toBe(cloud);
    expect(
      site(`${cloud}/jira/software/c/projects/ABC/boards/1?selectedIssue=ABC-1`, [`${cloud}/jira`]),
    ).toBe(cloud);
    expect(site(`${SITE}/browse/ABC-1`, ['not a url', '', SITE])).toBe(SITE);
  });
});

/** The role the background gives a real tab on `url` (the origin registered as a Jira Data Center). */
const pageAt = (url: string) => jiraPageRole(HOST, url);

function deps(connections: Connections): Promise<BackgroundDeps> {
  return jiraBackgroundDeps(TODAY, connections, 'a context path holding a Jira word', async (tx) => {
    await tx.put(
      'ai-system',
      systemDraft({ id: 'sys-a', sources: [{ tool: 'jira', url: `${SITE}/browse/ABC-1` }] }),
    );
    await tx.put(
      'ai-system',
      systemDraft({
        id: 'sys-root',
        sources: [
          { tool: 'jira', url: `${HOST}/browse/ABC-1` },
          { tool: 'github', url: 'https://github.com/acme/pricing' },
        ],
      }),
    );
  });
}

describe('a Data Center connection under /projects/jira', () => {
  it("shows the site's own records on its pages, not those of the origin's root", async () => {
    const d = await deps(CONNECTED);
    const reply = await handleMessage(
      { type: 'overlay/jira-status', key: 'ABC-1' },
      d,
      pageAt(`${SITE}/browse/ABC-1`),
    );
    expect(reply).toMatchObject({ ok: true });
    if (!reply.ok || !('status' in reply)) throw new Error(JSON.stringify(reply));
    expect(reply.status.systems.map((s) => s.id)).toEqual(['sys-a']);
  });

  it('links the issue through the connection, under its context path', async () => {
    const world = server.use(
      new JiraWorld('data-center', SITE).add({
        key: 'ABC-1',
        summary: 'Pricing model',
        changelog: [change('9001', '2026-11-20T10:00:00.000+0000', [{ field: 'status', to: 'In Progress' }])],
      }),
    );
    const d = await deps(CONNECTED);
    const page = pageAt(`${SITE}/browse/ABC-1`);
    const panel = await handleMessage({ type: 'overlay/jira-panel', key: 'ABC-1' }, d, page);
    expect(panel, JSON.stringify(panel)).toMatchObject({ ok: true, panel: { linking: { available: true } } });

    const linked = await handleMessage(
      { type: 'overlay/jira-link', key: 'ABC-1', systemId: 'sys-root' },
      d,
      page,
    );
    expect(linked, JSON.stringify(linked)).toMatchObject({ ok: true });
    expect(world.issue('ABC-1').remoteLinks).toHaveLength(1);
    // The world answers only under `${SITE}/rest/api/2`: every request went there, with the PAT.
    expect(world.requests.length).toBeGreaterThan(0);
    expect(world.requests.every((r) => r.authorization === 'Bearer dc-secret-pat-projects')).toBe(true);
    expect((await d.register.require('ai-system', 'sys-root')).sources.map((s) => s.url)).toContain(
      `${SITE}/browse/ABC-1`,
    );
    if (!linked.ok || !('panel' in linked)) throw new Error(JSON.stringify(linked));
    expect(linked.panel.linkedSystemIds).toEqual(['sys-root']);
  });

  it('still refuses a sibling instance whose path only starts like the connection (/projects/jira-b)', async () => {
    const d = await deps(CONNECTED);
    const page = pageAt(`${HOST}/projects/jira-b/browse/ABC-1`);
    const panel = await handleMessage({ type: 'overlay/jira-panel', key: 'ABC-1' }, d, page);
    expect(panel).toMatchObject({ ok: true, panel: { linking: { available: false } } });
    const events = (await d.register.events()).length;
    const refused = await handleMessage(
      { type: 'overlay/jira-link', key: 'ABC-1', systemId: 'sys-a' },
      d,
      page,
    );
    expect(refused).toMatchObject({ ok: false });
    expect(await d.register.events()).toHaveLength(events);
  });
});

/**
 * A connection to a root install (`serverUrl` is the origin) and a second, unconnected instance behind
 * the same origin under `/jira-b` (one reverse proxy in front of both): the connection's site must not
 * swallow the other instance's pages.
 */
describe('a Data Center connection to a root install, with another instance under /jira-b', () => {
  const B = `${HOST}/jira-b`;
  const ROOT: Connections = {
    jira: {
      service: 'jira',
      deployment: 'data-center',
      serverUrl: `${HOST}/`,
      personalAccessToken: 'dc-secret-pat-root',
    },
  };
  const rootDeps = () =>
    jiraBackgroundDeps(TODAY, ROOT, 'a root install beside /jira-b', async (tx) => {
      await tx.put(
        'ai-system',
        systemDraft({
          id: 'sys-root',
          sources: [
            { tool: 'jira', url: `${HOST}/browse/ABC-1` },
            { tool: 'github', url: 'https://github.com/acme/pricing' },
          ],
        }),
      );
      await tx.put(
        'ai-system',
        systemDraft({ id: 'sys-b', sources: [{ tool: 'jira', url: `${B}/browse/ABC-1` }] }),
      );
    });
  const statusOn = async (d: BackgroundDeps, url: string) => {
    const reply = await handleMessage({ type: 'overlay/jira-status', key: 'ABC-1' }, d, pageAt(url));
    if (!reply.ok || !('status' in reply)) throw new Error(JSON.stringify(reply));
    return reply.status.systems.map((s) => s.id);
  };

  it("tells the other instance's pages apart from the root install's", () => {
    for (const sites of [[HOST], [`${HOST}/`], []]) {
      expect(site(`${B}/browse/ABC-1`, sites)).toBe(B);
      expect(site(`${B}/secure/RapidBoard.jspa?rapidView=3&selectedIssue=ABC-1`, sites)).toBe(B);
      expect(site(`${B}/projects/ABC/issues/ABC-1`, sites)).toBe(B);
      expect(site(`${HOST}/browse/ABC-1`, sites)).toBe(HOST);
      expect(site(`${HOST}/secure/RapidBoard.jspa?rapidView=3&selectedIssue=ABC-1`, sites)).toBe(HOST);
    }
    // A root install's own pages whose first segment is Jira's: still the root install.
    expect(site(`${HOST}/projects/ABC/issues/ABC-1`, [HOST])).toBe(HOST);
    expect(site(`${HOST}/servicedesk/customer/portal/1/ABC-1`, [HOST])).toBe(HOST);
    // An unconnected instance whose context path holds a Jira word: its issues' addresses tell it.
    expect(site(`${HOST}/projects/jira/browse/ABC-1`, [HOST])).toBe(`${HOST}/projects/jira`);
    expect(site(`${HOST}/projects/jira/browse/ABC-1`, [`${HOST}/jira-a`])).toBe(`${HOST}/projects/jira`);
  });

  it("each instance's issue page shows its own system, not the other's with the same key", async () => {
    const d = await rootDeps();
    expect(await statusOn(d, `${B}/browse/ABC-1`)).toEqual(['sys-b']);
    expect(await statusOn(d, `${HOST}/browse/ABC-1`)).toEqual(['sys-root']);
  });

  it("the other instance's page cannot link through the root install's connection: nothing is sent, nothing recorded", async () => {
    const world = server.use(new JiraWorld('data-center', HOST).add({ key: 'ABC-1', summary: 'Root issue' }));
    const d = await rootDeps();
    const page = pageAt(`${B}/browse/ABC-1`);
    const panel = await handleMessage({ type: 'overlay/jira-panel', key: 'ABC-1' }, d, page);
    expect(panel, JSON.stringify(panel)).toMatchObject({
      ok: true,
      panel: { linking: { available: false } },
    });
    const events = (await d.register.events()).length;
    const refused = await handleMessage(
      { type: 'overlay/jira-link', key: 'ABC-1', systemId: 'sys-root' },
      d,
      page,
    );
    expect(refused).toMatchObject({ ok: false });
    expect(world.requests).toHaveLength(0);
    expect(world.issue('ABC-1').remoteLinks).toHaveLength(0);
    expect(await d.register.events()).toHaveLength(events);
    // The root install's own page links through it.
    const linked = await handleMessage(
      { type: 'overlay/jira-link', key: 'ABC-1', systemId: 'sys-root' },
      d,
      pageAt(`${HOST}/browse/ABC-1`),
    );
    expect(linked, JSON.stringify(linked)).toMatchObject({ ok: true });
    expect(world.issue('ABC-1').remoteLinks).toHaveLength(1);
  });
});
