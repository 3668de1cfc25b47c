// The Jira panel's background side through the message handler: the site is the sender's, the token never
// leaves, Jira is written before the register, and refusals name their reason.
import { describe, expect, it } from 'vitest';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import type { Connections } from '../../../extension/background/connections/settings';
import type { SenderRole } from '../../../extension/background/senders';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock } from '../../support/builders';
import { CLOUD_SITE, DC_SITE, jiraServer } from '../../support/jira-setup';
import { change, JiraWorld } from '../../support/jira-world';

const server = jiraServer();
const TODAY = '2026-11-28';
const PAGE: SenderRole = { kind: 'extension-page' };
/** A Jira issue page of the site at `origin` (no context path), as senderRole describes it. */
const jiraPage = (origin: string): SenderRole => ({
  kind: 'content-script',
  host: 'jira',
  origin,
  url: `${origin}/browse/X-1`,
});
const CLOUD: Connections = {
  jira: {
    service: 'jira',
    deployment: 'cloud',
    site: CLOUD_SITE,
    email: 'ana.silva@harbormutual.example',
    apiToken: 'cloud-secret-token',
  },
};
const DC: Connections = {
  jira: {
    service: 'jira',
    deployment: 'data-center',
    serverUrl: DC_SITE,
    personalAccessToken: 'dc-secret-pat',
  },
};

async function depsWith(connections: Connections, hostAllowed = true): Promise<BackgroundDeps> {
  const deps: BackgroundDeps = {
    register: createRegister(createMemoryBackend(), { clock: steppingClock() }),
    today: () => TODAY,
    now: () => `${TODAY}T09:00:00.000Z`,
    jira: {
      connections: () => Promise.resolve(connections),
      fetch: (input, init) => fetch(input, init),
      hostAllowed: () => Promise.resolve(hostAllowed),
      sleep: () => Promise.resolve(),
    },
  };
  expect((await handleMessage({ type: 'demo/load', today: TODAY }, deps, PAGE)).ok).toBe(true);
  return deps;
}

const epic = (key: string) => ({
  key,
  summary: 'Claims triage v2',
  changelog: [change('5001', '2026-11-20T10:00:00.000+0000', [{ field: 'status', to: 'In Progress' }])],
});

describe('overlay/jira-panel', () => {
  it('shows the issue’s systems with risk level and assessment states, and which may be linked', async () => {
    const deps = await depsWith({});
    const reply = await handleMessage(
      { type: 'overlay/jira-panel', key: 'AIMS-142' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    if (!reply.ok || !('panel' in reply)) throw new Error(JSON.stringify(reply));
    const { panel } = reply;
    expect(panel.status.systems.map((s) => s.id).sort()).toEqual([
      'sys-claims-triage',
      'sys-fraud-scoring',
      'sys-underwriting-score',
    ]);
    expect(panel.assessments).toHaveLength(3);
    expect(panel.assessments[0]).toMatchObject({
      riskAssessment: expect.stringMatching(/^(current|stale|due|overdue|in-progress|missing)$/) as unknown,
      riskLevel: expect.any(String) as unknown,
    });
    expect(panel.linkedSystemIds).toEqual([]);
    expect(panel.linking).toEqual({
      available: true,
      detail: 'demo site: recorded in the register only, nothing is written to Jira',
    });
    // Choices carry an id and a name, nothing else of the register.
    expect(Object.keys(panel.choices[0] ?? {}).sort()).toEqual(['id', 'name']);
  });

  it('another site than the connection’s gets the reason and no link', async () => {
    const deps = await depsWith(CLOUD);
    const reply = await handleMessage(
      { type: 'overlay/jira-panel', key: 'X-1' },
      deps,
      jiraPage('https://other.atlassian.net'),
    );
    expect(reply).toMatchObject({
      ok: true,
      panel: {
        linking: {
          available: false,
          detail:
            'the Jira connection is for harbormutual.atlassian.net, not other.atlassian.net: change it on the connections page',
        },
      },
    });
  });

  it('is refused to an extension page (it has no Jira site) and to other hosts’ content scripts', async () => {
    const deps = await depsWith({});
    expect(await handleMessage({ type: 'overlay/jira-panel', key: 'A-1' }, deps, PAGE)).toEqual({
      ok: false,
      error: 'overlay/jira-panel: refused: only a Jira page can ask about its issue',
    });
    const github: SenderRole = { kind: 'content-script', host: 'github', origin: 'https://github.com' };
    expect(
      await handleMessage({ type: 'overlay/jira-link', key: 'A-1', systemId: 'x' }, deps, github),
    ).toEqual({
      ok: false,
      error: 'refused: overlay/jira-link is not available to the github content script',
    });
  });
});

describe('overlay/jira-link', () => {
  it('Cloud: writes the remote link and property with Basic auth, then records the evidence and the link', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(epic('CLM-7')));
    const deps = await depsWith(CLOUD);
    const reply = await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-claims-triage' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(reply).toMatchObject({ ok: true, panel: { linkedSystemIds: ['sys-claims-triage'] } });
    expect(world.issue('CLM-7').remoteLinks).toEqual([
      expect.objectContaining({
        globalId: 'aims-lens:ai-system:sys-claims-triage',
        object: expect.objectContaining({ url: 'https://github.com/harbor-mutual/ai-platform' }) as unknown,
      }),
    ]);
    expect(world.requests.every((r) => r.authorization?.startsWith('Basic '))).toBe(true);
    const evidence = (await deps.register.list('evidence')).find(
      (e) => e.url === `${CLOUD_SITE}/browse/CLM-7`,
    );
    expect(evidence).toMatchObject({ pinnedVersion: '5001', systemIds: ['sys-claims-triage'] });
    const events = await deps.register.events();
    expect(events.at(-1)?.actor).toBe('aims-lens-overlay:jira');
    // Linking again changes nothing: same link in Jira, nothing new in the register.
    await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-claims-triage' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(world.issue('CLM-7').remoteLinks).toHaveLength(1);
    expect(await deps.register.events()).toHaveLength(events.length);
  });

  it('Data Center: the page of the connection’s server links with the PAT as a bearer token', async () => {
    const world = server.use(new JiraWorld('data-center', DC_SITE).add(epic('CLM-7')));
    const deps = await depsWith(DC);
    const reply = await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-fraud-scoring' },
      deps,
      jiraPage(DC_SITE),
    );
    expect(reply.ok).toBe(true);
    expect(world.requests.map((r) => r.authorization)).toContain('Bearer dc-secret-pat');
    expect(world.issue('CLM-7').remoteLinks).toHaveLength(1);
  });

  it('Jira refusing leaves the register as it was, and its echo of the credentials is redacted', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(epic('CLM-7')));
    world.fail({
      path: /remotelink$/,
      times: 1,
      respond: (seen) =>
        Response.json({ errorMessages: [`no: ${seen.authorization ?? ''}`], errors: {} }, { status: 403 }),
    });
    const deps = await depsWith(CLOUD);
    const before = (await deps.register.events()).length;
    const reply = await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-claims-triage' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(reply).toEqual({
      ok: false,
      error:
        'overlay/jira-link: write the remote link on CLM-7: the account may not do this (403) (no: Basic [redacted])',
    });
    expect(await deps.register.events()).toHaveLength(before);
  });

  it('a network failure on a site the user did not grant says so', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE).add(epic('CLM-7')));
    world.fail({ path: /remotelink$/, times: 5, respond: () => Response.error() });
    const deps = await depsWith(CLOUD, false);
    const reply = await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-claims-triage' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(reply).toEqual({
      ok: false,
      error: `overlay/jira-link: AIMS Lens has no access to ${CLOUD_SITE}: add the Jira connection again and allow it`,
    });
    // One retry at most: a person is waiting on the button.
    expect(world.requests.filter((r) => r.path.endsWith('/remotelink'))).toHaveLength(2);
  });

  it('refuses an unknown system, a malformed key and a page on a site without a connection', async () => {
    server.use(new JiraWorld('cloud', CLOUD_SITE).add(epic('CLM-7')));
    const deps = await depsWith(CLOUD);
    const unknown = await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-nope' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(unknown).toEqual({
      ok: false,
      error: "overlay/jira-link: no AI system 'sys-nope' in the register",
    });
    const badKey = await handleMessage(
      { type: 'overlay/jira-link', key: '../../rest/api/3/myself', systemId: 'sys-claims-triage' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(badKey).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^malformed message: key: /) as unknown,
    });
    const elsewhere = await handleMessage(
      { type: 'overlay/jira-link', key: 'CLM-7', systemId: 'sys-claims-triage' },
      await depsWith({}),
      jiraPage('https://acme.atlassian.net'),
    );
    expect(elsewhere).toEqual({
      ok: false,
      error:
        'overlay/jira-link: no Jira connection: add this site, your email and an API token on the connections page',
    });
  });

  it('demo site without a connection: recorded in the register only, pinned as not written to Jira', async () => {
    const world = server.use(new JiraWorld('cloud', CLOUD_SITE));
    const deps = await depsWith({});
    const reply = await handleMessage(
      { type: 'overlay/jira-link', key: 'AIMS-142', systemId: 'sys-claims-triage' },
      deps,
      jiraPage(CLOUD_SITE),
    );
    expect(reply).toMatchObject({ ok: true, panel: { linkedSystemIds: ['sys-claims-triage'] } });
    expect(world.requests).toEqual([]);
    const evidence = (await deps.register.list('evidence')).find(
      (e) => e.title === 'Jira AIMS-142 linked to AI system sys-claims-triage',
    );
    expect(evidence?.pinnedVersion).toBe('demo-not-written-to-jira');
  });
});
