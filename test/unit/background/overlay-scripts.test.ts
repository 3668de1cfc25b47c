// Self-hosted overlays: the background registers a host's content script for each configured
// self-hosted origin the user granted, and only for those, against a fake `scripting` API that
// refuses what Chrome refuses (a duplicate id, an update or removal of an unknown id).
import { describe, expect, it } from 'vitest';
import {
  createOverlayScripts,
  selfHostedOrigins,
  syncOverlayScripts,
  type ContentScriptSpec,
  type ScriptingApi,
} from '../../../extension/background/overlay-scripts';
import type { Connections } from '../../../extension/background/connections/settings';

const DC = 'https://jira.acme.example';
const GHE = 'https://ghe.acme.example';
const DC_ID = `aims-self-hosted:jira:${DC}`;
const GHE_ID = `aims-self-hosted:github:${GHE}`;

function fakeScripting(initial: { id: string }[] = []) {
  const scripts = new Map<string, { id: string } | ContentScriptSpec>(initial.map((s) => [s.id, s]));
  const calls: string[] = [];
  const unknown = (ids: readonly string[]) => ids.find((id) => !scripts.has(id));
  const api: ScriptingApi = {
    async getRegisteredContentScripts() {
      return [...scripts.values()];
    },
    async registerContentScripts(list) {
      calls.push(`register ${list.map((s) => s.id).join(',')}`);
      const dup = list.find((s) => scripts.has(s.id));
      if (dup) throw new Error(`Duplicate script ID '${dup.id}'`);
      for (const s of list) scripts.set(s.id, s);
    },
    async updateContentScripts(list) {
      calls.push(`update ${list.map((s) => s.id).join(',')}`);
      const missing = unknown(list.map((s) => s.id));
      if (missing) throw new Error(`Content script with ID '${missing}' does not exist`);
      for (const s of list) scripts.set(s.id, s);
    },
    async unregisterContentScripts(filter) {
      const ids = filter?.ids ?? [...scripts.keys()];
      calls.push(`unregister ${ids.join(',')}`);
      const missing = unknown(ids);
      if (missing) throw new Error(`Nonexistent script ID '${missing}'`);
      for (const id of ids) scripts.delete(id);
    },
  };
  return { api, scripts, calls };
}

function world(connections: Connections, granted: string[], registered: { id: string }[] = []) {
  const fake = fakeScripting(registered);
  const state = { connections, granted: new Set(granted) };
  const deps = {
    scripting: fake.api,
    connections: async () => state.connections,
    granted: async (origin: string) => state.granted.has(origin),
  };
  return { fake, state, deps };
}

const dataCenter: Connections = {
  jira: {
    service: 'jira',
    deployment: 'data-center',
    serverUrl: `${DC}/jira`,
    personalAccessToken: 'pat-12345678',
  },
};

describe('self-hosted overlay scripts', () => {
  it('registers the Jira script for a granted Data Center origin, persistent, for that origin only', async () => {
    const { fake, deps } = world(dataCenter, [DC]);
    expect(await syncOverlayScripts(deps)).toEqual({
      supported: true,
      registered: [DC_ID],
      updated: [],
      unregistered: [],
    });
    expect(fake.scripts.get(DC_ID)).toEqual({
      id: DC_ID,
      matches: [`${DC}/*`],
      js: ['content-scripts/jira.js'],
      runAt: 'document_end',
      persistAcrossSessions: true,
    });
    // Nothing about the connection but its origin reaches the browser's script registry.
    expect(JSON.stringify([...fake.scripts.values()])).not.toContain('pat-12345678');
  });

  it('is idempotent: a second sync (a new worker start) updates the script, never registers it twice', async () => {
    const { fake, deps } = world(dataCenter, [DC]);
    await syncOverlayScripts(deps);
    expect(await syncOverlayScripts(deps)).toMatchObject({
      registered: [],
      updated: [DC_ID],
      unregistered: [],
    });
    expect([...fake.scripts.keys()]).toEqual([DC_ID]);
  });

  it('registers nothing while the origin is not granted, and registers once it is', async () => {
    const { fake, state, deps } = world(dataCenter, []);
    expect(await syncOverlayScripts(deps)).toMatchObject({ registered: [], updated: [], unregistered: [] });
    expect(fake.scripts.size).toBe(0);
    state.granted.add(DC);
    expect(await syncOverlayScripts(deps)).toMatchObject({ registered: [DC_ID] });
  });

  it('unregisters when the permission is withdrawn', async () => {
    const { fake, state, deps } = world(dataCenter, [DC]);
    await syncOverlayScripts(deps);
    state.granted.delete(DC);
    expect(await syncOverlayScripts(deps)).toMatchObject({ unregistered: [DC_ID] });
    expect(fake.scripts.size).toBe(0);
  });

  it('unregisters when the connection is deleted, and when it moves to another server', async () => {
    const { fake, state, deps } = world(dataCenter, [DC, 'https://jira2.acme.example']);
    await syncOverlayScripts(deps);
    state.connections = {
      jira: {
        service: 'jira',
        deployment: 'data-center',
        serverUrl: 'https://jira2.acme.example',
        personalAccessToken: 'pat-12345678',
      },
    };
    expect(await syncOverlayScripts(deps)).toMatchObject({
      registered: ['aims-self-hosted:jira:https://jira2.acme.example'],
      unregistered: [DC_ID],
    });
    state.connections = {};
    await syncOverlayScripts(deps);
    expect(fake.scripts.size).toBe(0);
  });

  it('registers the GitHub script for a GitHub Enterprise Server next to a Data Center host', async () => {
    const { fake, deps } = world(
      { ...dataCenter, github: { service: 'github', token: 'ghp_12345678', serverUrl: GHE } },
      [DC, GHE],
    );
    await syncOverlayScripts(deps);
    expect(fake.scripts.get(GHE_ID)).toMatchObject({
      matches: [`${GHE}/*`],
      js: ['content-scripts/github.js'],
    });
    expect([...fake.scripts.keys()].sort()).toEqual([GHE_ID, DC_ID].sort());
  });

  it('registers nothing for cloud hosts (the manifest covers them), even as a "Data Center" URL', async () => {
    const { fake, deps } = world(
      {
        github: { service: 'github', token: 'ghp_12345678' },
        jira: {
          service: 'jira',
          deployment: 'data-center',
          serverUrl: 'https://acme.atlassian.net',
          personalAccessToken: 'pat-12345678',
        },
      },
      ['https://acme.atlassian.net', 'https://api.github.com'],
    );
    await syncOverlayScripts(deps);
    expect(fake.scripts.size).toBe(0);
  });

  it('leaves scripts it did not register alone', async () => {
    const { fake, deps } = world({}, [], [{ id: 'someone-else' }]);
    expect(await syncOverlayScripts(deps)).toMatchObject({ unregistered: [] });
    expect([...fake.scripts.keys()]).toEqual(['someone-else']);
  });

  it('does nothing where the browser has no scripting API (older Firefox)', async () => {
    const { deps } = world(dataCenter, [DC]);
    expect(await syncOverlayScripts({ ...deps, scripting: undefined })).toEqual({ supported: false });
  });

  it('runs triggers that fire together one after another: no duplicate registration', async () => {
    const { fake, deps } = world(dataCenter, [DC]);
    const errors: unknown[] = [];
    const scripts = createOverlayScripts(deps, (e) => errors.push(e));
    // A grant (permissions.onAdded) and the save that follows it, at once.
    const results = await Promise.all([scripts.sync(), scripts.sync(), scripts.sync()]);
    expect(errors).toEqual([]);
    expect(results.map((r) => r && r.supported && r.registered)).toEqual([[DC_ID], [], []]);
    expect(fake.calls.filter((c) => c.startsWith('register'))).toEqual([`register ${DC_ID}`]);
  });

  it('reports a failed sync and recovers on the next one', async () => {
    const { fake, deps } = world(dataCenter, [DC]);
    let fail = true;
    const flaky: ScriptingApi = {
      ...fake.api,
      registerContentScripts: async (list) => {
        if (fail) throw new Error('Invalid match pattern');
        return fake.api.registerContentScripts(list);
      },
    };
    const errors: unknown[] = [];
    const scripts = createOverlayScripts({ ...deps, scripting: flaky }, (e) => errors.push(e));
    expect(await scripts.sync()).toBeUndefined();
    expect(String(errors[0])).toContain('Invalid match pattern');
    fail = false;
    expect(await scripts.sync()).toMatchObject({ registered: [DC_ID] });
  });

  it('maps configured self-hosted origins to their host for the sender check, nothing else', () => {
    const origins = selfHostedOrigins({
      ...dataCenter,
      github: { service: 'github', token: 'ghp_12345678', serverUrl: `${GHE}/` },
      microsoft: {
        service: 'microsoft',
        tenant: 'acme.onmicrosoft.com',
        clientId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect([...origins]).toEqual([
      [GHE, 'github'],
      [DC, 'jira'],
    ]);
  });
});
