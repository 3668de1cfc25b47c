// *Register as evidence* on a real tenant (not the demo's): the background resolves the page's
// document through Microsoft Graph with the Microsoft 365 sign-in it keeps (GET /shares/{u!…}/driveItem),
// pins its current version with the connector (drive item id, version id, Graph's hash, SHA-256 of the
// bytes) and records it through the core's write rules. Without a usable sign-in it sends nothing and
// offers the Connections page. Graph is the msw fake typed with @microsoft/microsoft-graph-types.
import { createHash } from 'node:crypto';
import type { DriveItem } from '@microsoft/microsoft-graph-types';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createGraphClient, shareIdFor } from '../../../connectors/sharepoint';
import { createConnectionService } from '../../../extension/background/connections/service';
import type { Connections, ConnectionStore } from '../../../extension/background/connections/settings';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import type { SenderRole } from '../../../extension/background/senders';
import { createMemoryBackend, createRegister } from '../../../shared/register';
import { steppingClock, systemDraft } from '../../support/builders';
import { TOKEN, graphError } from '../../support/fake-sharepoint';
import { fakeSharePointServer } from '../../support/sharepoint-msw';

const TENANT = 'contoso.sharepoint.com';
const SHAREPOINT: SenderRole = { kind: 'content-script', host: 'sharepoint', origin: `https://${TENANT}` };
const NOW = new Date('2026-11-28T10:00:00.000Z');
const APP = {
  service: 'microsoft' as const,
  tenant: 'contoso.onmicrosoft.com',
  clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
};
const signedIn = (accessToken: string, expiresAt = '2026-11-28T11:00:00.000Z', refreshToken?: string) => ({
  ...APP,
  tokens: { accessToken, expiresAt, scope: 'Sites.Read.All', ...(refreshToken ? { refreshToken } : {}) },
});

const graph = fakeSharePointServer(TENANT);

function memoryStore(initial: Connections): ConnectionStore & { current: () => Connections } {
  let value = structuredClone(initial);
  return {
    read: async () => structuredClone(value),
    write: async (next) => void (value = structuredClone(next)),
    current: () => value,
  };
}

async function deps(connections: Connections, opened: string[] = []) {
  const register = createRegister(createMemoryBackend(), {
    clock: steppingClock('2026-11-28T09:00:00.000Z'),
  });
  await register.transact({ actor: 't', cause: 'seed' }, (tx) =>
    tx.put('ai-system', systemDraft({ id: 'sys-claims-triage', name: 'Claims triage' })),
  );
  const store = memoryStore(connections);
  const service = createConnectionService({
    store,
    probe: { fetch, hostAllowed: async () => true },
    microsoft: {
      launch: async () => {
        throw new Error('no interactive sign-in in this test');
      },
      redirectUri: 'https://abc.chromiumapp.org/',
      fetch: (...args) => fetch(...args),
      random: (n) => new Uint8Array(n),
      now: () => NOW,
    },
  });
  const d: BackgroundDeps = {
    register,
    connections: service,
    today: () => '2026-11-28',
    now: () => NOW.toISOString(),
    graphClient: (token) => createGraphClient({ token, sleep: async () => undefined }),
    openConnections: async () => void opened.push('options'),
  };
  return { d, register, store };
}

const DOC = `https://${TENANT}/sites/compliance/Shared%20Documents/Policies/AI%20policy.pdf`;
const request = (over: Record<string, unknown> = {}) => ({
  type: 'overlay/sharepoint-register-evidence' as const,
  url: DOC,
  title: 'AI policy.pdf',
  clauses: ['5.2'],
  controls: ['A.2.2'],
  systemIds: ['sys-claims-triage'],
  ...over,
});
const graphRequests = () => graph.sp.requests.map((r) => `${r.method} ${r.path}`);

describe('Register as evidence on a real tenant, signed in', () => {
  it("resolves the page's document through /shares and pins its current version", async () => {
    const itemId = graph.sp.upload('Policies', 'AI policy.pdf', 'version one', '2026-10-01T10:00:00Z');
    graph.sp.upload('Policies', 'AI policy.pdf', 'version two', '2026-11-01T10:00:00Z');
    const { d, register } = await deps({ microsoft: signedIn(TOKEN) });
    const reply = await handleMessage(request(), d, SHAREPOINT);
    expect(reply).toMatchObject({
      ok: true,
      status: {
        systems: [{ id: 'sys-claims-triage' }],
        evidence: [{ pinnedVersion: '2.0', state: 'fresh', clauses: ['5.2'], controls: ['A.2.2'] }],
      },
    });
    // The share id is u! + unpadded base64url of the file's address, and it went with the token.
    const shareId = `u!${Buffer.from(DOC).toString('base64url')}`;
    expect(shareIdFor(DOC)).toBe(shareId);
    const shares = graph.sp.requests.find((r) => r.path === `/shares/${shareId}/driveItem`);
    expect(shares).toMatchObject({ method: 'GET', authorization: `Bearer ${TOKEN}` });
    expect(graphRequests()).toContain(`GET /drives/${graph.sp.driveId}/items/${itemId}/versions/2.0/content`);
    const [item] = await register.list('evidence');
    expect(item).toMatchObject({
      id: `ev-sharepoint-${itemId}`,
      title: 'AI policy.pdf',
      sourceTool: 'sharepoint',
      pinnedVersion: '2.0',
      url: `https://${TENANT}/sites/compliance/Shared%20Documents/Policies/AI%20policy.pdf`,
      contentHash: createHash('sha256').update('version two').digest('hex'),
      createdBy: 'aims-extension',
      sourceVersion: {
        driveId: graph.sp.driveId,
        itemId,
        versionId: '2.0',
        versionUrl: `https://${TENANT}/sites/compliance/_vti_history/1024/Shared%20Documents/Policies/AI%20policy.pdf`,
        reportedHash: {
          algorithm: 'quickXorHash',
          value: createHash('sha1').update('version two').digest('base64'),
        },
      },
    });
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
  });

  it('the library preview address of the same file resolves to the same item', async () => {
    const itemId = graph.sp.upload('Policies', 'AI policy.pdf', 'version one', '2026-10-01T10:00:00Z');
    const { d, register } = await deps({ microsoft: signedIn(TOKEN) });
    const preview = `https://${TENANT}/sites/compliance/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites%2Fcompliance%2FShared%20Documents%2FPolicies%2FAI%20policy.pdf`;
    expect(await handleMessage(request({ url: preview }), d, SHAREPOINT)).toMatchObject({ ok: true });
    expect((await register.list('evidence'))[0]?.sourceVersion?.itemId).toBe(itemId);
  });

  it("an Office document's viewer page resolves through its own address, and the record names the file's", async () => {
    graph.sp.officeViewerLinks = true;
    const itemId = graph.sp.upload('Policies', 'AI policy.docx', 'version one', '2026-10-01T10:00:00Z');
    const { d, register } = await deps({ microsoft: signedIn(TOKEN) });
    // Where SharePoint opens a .docx: the viewer, naming the file by unique id and bare name only.
    const viewer = graph.sp.webUrlFor(itemId);
    expect(viewer).toMatch(/\/_layouts\/15\/Doc\.aspx\?sourcedoc=.*&file=AI%20policy\.docx/);
    const reply = await handleMessage(request({ url: viewer, title: 'AI policy.docx' }), d, SHAREPOINT);
    expect(reply).toMatchObject({ ok: true, status: { evidence: [{ pinnedVersion: '1.0' }] } });
    // Resolved by the viewer's own address, never by the bare name glued to the host.
    expect(graph.sp.requests.filter((r) => r.path.startsWith('/shares/')).map((r) => r.path)).toEqual([
      `/shares/${shareIdFor(viewer)}/driveItem`,
    ]);
    const [item] = await register.list('evidence');
    expect(item).toMatchObject({
      sourceVersion: { itemId, uniqueId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      url: `https://${TENANT}/sites/compliance/Shared%20Documents/Policies/AI%20policy.docx`,
    });
    // The viewer names it by that unique id: the badge there shows it, and another document's does not.
    expect(viewer.toLowerCase()).toContain(`%7b${item?.sourceVersion?.uniqueId}%7d`);
    const other = viewer.replace(
      /sourcedoc=%7B[0-9A-F-]+%7D/i,
      'sourcedoc=%7B00000000-0000-4000-8000-0000000000aa%7D',
    );
    const status = async (url: string) =>
      handleMessage({ type: 'overlay/sharepoint-status', url }, d, SHAREPOINT);
    expect(await status(viewer)).toMatchObject({
      ok: true,
      status: { evidence: [{ pinnedVersion: '1.0' }] },
    });
    expect(await status(other)).toMatchObject({ ok: true, status: { evidence: [] } });
  });

  it('renews an access token about to expire, then uses the new one; the renewal is stored', async () => {
    graph.sp.upload('Policies', 'AI policy.pdf', 'version one', '2026-10-01T10:00:00Z');
    const renewals: string[] = [];
    graph.server.use(
      http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', async ({ request: r }) => {
        renewals.push(new URLSearchParams(await r.text()).get('grant_type') ?? '');
        return HttpResponse.json({
          access_token: TOKEN,
          refresh_token: 'rotated',
          expires_in: 3600,
          scope: 'x',
        });
      }),
    );
    const { d, store } = await deps({
      microsoft: signedIn('old-token', '2026-11-28T10:01:00.000Z', 'refresh-1'),
    });
    expect(await handleMessage(request(), d, SHAREPOINT)).toMatchObject({ ok: true });
    expect(renewals[0]).toBe('refresh_token');
    expect(graph.sp.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(store.current().microsoft?.tokens).toMatchObject({ accessToken: TOKEN, refreshToken: 'rotated' });
  });
});

describe('Register as evidence on a real tenant, without a usable sign-in', () => {
  it.each([
    ['no Microsoft 365 connection', {}],
    ['a connection never signed in', { microsoft: APP }],
  ])('%s: nothing is sent, nothing recorded, the Connections page is offered', async (_case, connections) => {
    const { d, register } = await deps(connections);
    const reply = await handleMessage(request(), d, SHAREPOINT);
    expect(reply).toEqual({
      ok: false,
      error:
        'overlay/sharepoint-register-evidence: registering a document of this tenant needs a Microsoft 365 sign-in: sign in on the Connections page',
      remedy: 'open-connections',
    });
    expect(graph.sp.requests).toEqual([]);
    expect(await register.list('evidence')).toEqual([]);
  });

  it("with a Microsoft 365 connection, the demo tenant's name gets no stand-in pin: it needs a real sign-in", async () => {
    const { d, register } = await deps({ microsoft: APP });
    const demoDoc =
      'https://harbormutual.sharepoint.com/sites/aims/Shared%20Documents/Policies/AI%20policy.pdf';
    const reply = await handleMessage(request({ url: demoDoc }), d, {
      ...SHAREPOINT,
      origin: 'https://harbormutual.sharepoint.com',
    });
    expect(reply).toMatchObject({ ok: false, remedy: 'open-connections' });
    expect(graph.sp.requests).toEqual([]);
    expect(await register.list('evidence')).toEqual([]);
  });

  it('a renewal Microsoft refuses: sign in again, nothing sent to Graph', async () => {
    graph.server.use(
      http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', () =>
        HttpResponse.json(
          { error: 'invalid_grant', error_description: 'AADSTS70008: The refresh token has expired.\nTrace' },
          { status: 400 },
        ),
      ),
    );
    const { d } = await deps({ microsoft: signedIn('old', '2026-11-28T09:00:00.000Z', 'refresh-1') });
    const reply = await handleMessage(request(), d, SHAREPOINT);
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringContaining(
        'AADSTS70008: The refresh token has expired.): sign in again on the Connections page',
      ),
      remedy: 'open-connections',
    });
    expect(graph.sp.requests).toEqual([]);
  });

  it('a token Graph refuses (401, revoked): sign in again, the token not echoed', async () => {
    const { d, register } = await deps({ microsoft: signedIn('revoked-token-123') });
    const reply = await handleMessage(request(), d, SHAREPOINT);
    expect(reply).toMatchObject({ ok: false, remedy: 'open-connections' });
    expect(JSON.stringify(reply)).not.toContain('revoked-token-123');
    expect(await register.list('evidence')).toEqual([]);
  });
});

describe('Register as evidence on a real tenant, Graph failures', () => {
  it('a document Graph does not know: one clear line, no remedy, nothing recorded', async () => {
    const { d, register } = await deps({ microsoft: signedIn(TOKEN) });
    const reply = await handleMessage(request(), d, SHAREPOINT);
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^overlay\/sharepoint-register-evidence: GET shared drive item: HTTP 404/),
    });
    expect(await register.list('evidence')).toEqual([]);
  });

  it('403 on the download is named, nothing recorded', async () => {
    graph.sp.upload('Policies', 'AI policy.pdf', 'version one', '2026-10-01T10:00:00Z');
    graph.sp.faults.push({
      match: '/content',
      respond: () => graphError(403, 'accessDenied', 'Access denied'),
    });
    const { d, register } = await deps({ microsoft: signedIn(TOKEN) });
    const reply = await handleMessage(request(), d, SHAREPOINT);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 403') });
    expect(reply).not.toHaveProperty('remedy');
    expect(await register.list('evidence')).toEqual([]);
  });

  it('429 with Retry-After on the lookup is waited out and then succeeds', async () => {
    graph.sp.upload('Policies', 'AI policy.pdf', 'version one', '2026-10-01T10:00:00Z');
    graph.sp.faults.push({
      match: 'GET /shares/',
      respond: () => graphError(429, 'tooManyRequests', 'slow down', { 'Retry-After': '2' }),
    });
    const { d } = await deps({ microsoft: signedIn(TOKEN) });
    expect(await handleMessage(request(), d, SHAREPOINT)).toMatchObject({ ok: true });
    expect(graph.sp.requests.filter((r) => r.path.startsWith('/shares/'))).toHaveLength(2);
  });

  it('a folder address is refused', async () => {
    const { d } = await deps({ microsoft: signedIn(TOKEN) });
    graph.server.use(
      http.get('https://graph.microsoft.com/v1.0/shares/:id/driveItem', () =>
        HttpResponse.json({
          id: '01FOLDER',
          name: 'Policies',
          webUrl: `https://${TENANT}/sites/compliance/Shared%20Documents/Policies`,
          parentReference: { driveId: graph.sp.driveId },
          folder: { childCount: 3 },
        } satisfies DriveItem),
      ),
    );
    expect(await handleMessage(request(), d, SHAREPOINT)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Policies is a folder, not a file'),
    });
  });
});

describe('Open Connections', () => {
  it('any content script may ask; it opens the page and answers only ok', async () => {
    const opened: string[] = [];
    const { d } = await deps({}, opened);
    expect(await handleMessage({ type: 'connections/open' }, d, SHAREPOINT)).toEqual({ ok: true });
    expect(
      await handleMessage({ type: 'connections/open' }, d, { kind: 'content-script', host: 'jira' }),
    ).toEqual({
      ok: true,
    });
    expect(opened).toEqual(['options', 'options']);
    expect(await handleMessage({ type: 'connections/open' }, d, undefined)).toMatchObject({ ok: false });
    expect(
      await handleMessage({ type: 'connections/open', url: 'https://evil.example' }, d, SHAREPOINT),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed message/) });
    expect(opened).toHaveLength(2);
  });
});
