// The fault matrix: every way Graph can answer badly gives a clear SharePointError or a correct retry,
// and never loses or duplicates an item.
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { SharePointError } from '../../../connectors/sharepoint';
import { TOKEN, graphError } from '../../support/fake-sharepoint';
import { fakeSharePointServer } from '../../support/sharepoint-msw';
import { LIST, TWO_SYSTEMS, workspace } from './helpers';

const graph = fakeSharePointServer();

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SharePointError);
  return error as SharePointError;
};

const FIVE_SYSTEMS = [
  ...TWO_SYSTEMS,
  { id: 'sys-fraud-score', name: 'Fraud score', lifecycleStage: 'operation' as const },
  { id: 'sys-doc-extract', name: 'Document extraction', lifecycleStage: 'verification' as const },
  { id: 'sys-underwriting', name: 'Underwriting assistant', lifecycleStage: 'design' as const },
];

describe('refusals', () => {
  it('401: a refused token is one clear error, and the token appears nowhere', async () => {
    const ws = await workspace(TWO_SYSTEMS, { token: () => 'expired-token' });
    const error = await failure(ws.sync());
    expect(error.failure).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/GET site: HTTP 401: the token was refused/);
    expect(error.message).not.toContain('expired-token');
    expect(graph.sp.requests[0]?.authorization).toBe('Bearer expired-token');
  });

  it('403: missing permission is named', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      respond: () => graphError(403, 'accessDenied', 'Access denied'),
    });
    const error = await failure((await workspace(TWO_SYSTEMS)).sync());
    expect(error.failure).toBe('forbidden');
    expect(error.message).toContain('Sites.ReadWrite.All');
  });

  it('404: an unknown site says so', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    const { syncInventoryList, createGraphClient } = await import('../../../connectors/sharepoint');
    const error = await failure(
      syncInventoryList({
        client: createGraphClient({ token: () => TOKEN }),
        register: ws.register,
        store: ws.store,
        siteUrl: 'https://harbormutual.sharepoint.com/sites/nowhere',
        today: '2026-11-28',
        now: () => '2026-11-28T09:00:00.000Z',
      }),
    );
    expect(error.failure).toBe('not-found');
    expect(ws.store.current()).toBeUndefined();
  });

  it('rejects a site URL that is not https before sending anything', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    const { syncInventoryList, createGraphClient } = await import('../../../connectors/sharepoint');
    const error = await failure(
      syncInventoryList({
        client: createGraphClient({ token: () => TOKEN }),
        register: ws.register,
        store: ws.store,
        siteUrl: 'http://harbormutual.sharepoint.com/sites/compliance',
        today: '2026-11-28',
        now: () => '2026-11-28T09:00:00.000Z',
      }),
    );
    expect(error.message).toMatch(/https/);
    expect(graph.sp.requests).toHaveLength(0);
  });
});

describe('throttling and outages', () => {
  it('429 with Retry-After: waits exactly what SharePoint asked, then succeeds', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      times: 2,
      respond: () => graphError(429, 'tooManyRequests', 'slow down', { 'Retry-After': '7' }),
    });
    const ws = await workspace(TWO_SYSTEMS);
    const report = await ws.sync();
    expect(report.created).toHaveLength(2);
    expect(ws.waits).toEqual([7000, 7000]);
    expect(ws.logs.some((l) => l.includes('HTTP 429') && l.includes('in 7000 ms'))).toBe(true);
  });

  it('429 with Retry-After as an HTTP date waits until that instant', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      respond: () =>
        graphError(429, 'tooManyRequests', 'slow down', { 'Retry-After': 'Sat, 28 Nov 2026 09:00:30 GMT' }),
    });
    const ws = await workspace(TWO_SYSTEMS, { now: () => Date.parse('2026-11-28T09:00:00Z') });
    await ws.sync();
    expect(ws.waits).toEqual([30_000]);
  });

  it('503 without Retry-After backs off exponentially; when it persists the error is clear', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      times: 10,
      respond: () => graphError(503, 'serviceNotAvailable', 'down'),
    });
    const ws = await workspace(TWO_SYSTEMS, { retryBaseMs: 5, maxRetries: 3 });
    const error = await failure(ws.sync());
    expect(error.failure).toBe('unavailable');
    expect(ws.waits).toEqual([5, 10, 20]);
    expect(graph.sp.requests).toHaveLength(4);
  });

  it('a Retry-After longer than the allowed maximum is not slept through', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      respond: () => graphError(429, 'tooManyRequests', 'slow down', { 'Retry-After': '86400' }),
    });
    const ws = await workspace(TWO_SYSTEMS);
    const error = await failure(ws.sync());
    expect(error.failure).toBe('throttled');
    expect(ws.waits).toEqual([]);
  });

  it('timeout: a request with no answer fails within the limit, named as a timeout', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      respond: () =>
        new Promise<Response>((resolve) => setTimeout(() => resolve(HttpResponse.json({})), 5_000)),
    });
    const ws = await workspace(TWO_SYSTEMS, { requestTimeoutMs: 50 });
    const started = performance.now();
    const error = await failure(ws.sync());
    expect(error.failure).toBe('timeout');
    expect(error.message).toContain('no response within 50 ms');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('malformed answers', () => {
  it('a 200 whose body is not JSON', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      respond: () => new HttpResponse('{"id": "harbor', { headers: { 'Content-Type': 'application/json' } }),
    });
    const error = await failure((await workspace(TWO_SYSTEMS)).sync());
    expect(error.failure).toBe('malformed');
    expect(error.message).toMatch(/GET site: the response is not valid JSON/);
  });

  it('a delta page of the wrong shape is refused, and the state is not advanced', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    const before = ws.store.current()?.deltaLink;
    graph.sp.faults.push({
      match: '/items/delta',
      respond: () => HttpResponse.json({ value: 'not a list' }),
    });
    const error = await failure(ws.sync());
    expect(error.failure).toBe('malformed');
    expect(error.message).toMatch(/field 'value'/);
    expect(ws.store.current()?.deltaLink).toBe(before);
  });

  it('an item without a system id is skipped and reported, never imported', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    graph.sp.add(LIST, { Title: 'Someone typed this', LifecycleStage: 'design' });
    const report = await ws.sync();
    expect(report.pull.skipped).toEqual([
      { itemId: expect.any(String), problem: expect.stringMatching(/SystemId/) },
    ]);
    expect(report.imported).toEqual([]);
  });
});

describe('412 Precondition Failed', () => {
  it('every write carries If-Match; a write that keeps losing the race stops with a clear error', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    await ws.edit('sys-claims-triage', { name: 'Claims triage v2' });
    graph.sp.faults.push({
      match: 'PATCH /sites/',
      times: 3,
      respond: () => graphError(412, 'resourceModified', 'eTag mismatch'),
    });
    const error = await failure(ws.sync());
    expect(error.failure).toBe('precondition-failed');
    const patches = graph.sp.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(3);
    expect(patches.every((p) => p.ifMatch && p.ifMatch !== '*')).toBe(true);
    // Nothing was lost: the next sync writes the change.
    const report = await ws.sync();
    expect(report.pushed).toEqual([{ systemId: 'sys-claims-triage', fields: ['name'] }]);
    expect(graph.sp.itemBySystem(LIST, 'sys-claims-triage').fields.Title).toBe('Claims triage v2');
  });
});

describe('delta', () => {
  it('follows nextLink over three or more pages and then syncs incrementally from the deltaLink', async () => {
    const seed = await workspace(FIVE_SYSTEMS);
    await seed.sync();
    graph.sp.pageSize = 2;
    const reader = await workspace([]);
    const first = await reader.sync();
    expect(first.pull.pages).toBe(3);
    expect(first.pull.full).toBe(true);
    expect(first.imported.sort()).toEqual(FIVE_SYSTEMS.map((s) => s.id).sort());
    const imported = await reader.system('sys-fraud-score');
    expect(imported.inventoryState).toBe('discovered-unreviewed');
    // Entered through the core's discovery apply step, then took the list's values; nothing pushed back.
    expect(imported.lifecycleStage).toBe('operation');
    expect(imported.sources).toMatchObject([
      { tool: 'sharepoint', url: expect.stringContaining('DispForm.aspx?ID=') },
    ]);
    expect(first.pushed).toEqual([]);
    expect(first.conflicts).toEqual([]);
    expect(reader.store.current()?.deltaLink).toMatch(/token=/);

    graph.sp.edit(LIST, 'sys-fraud-score', { SystemOwner: 'lena@harbormutual.example' });
    const next = await reader.sync();
    expect(next.pull).toMatchObject({ pages: 1, full: false, changed: ['sys-fraud-score'] });
    expect(next.pulled).toEqual([{ systemId: 'sys-fraud-score', fields: ['owner'] }]);
    const deltaCalls = graph.sp.requests.filter((r) => r.path.endsWith('/items/delta'));
    expect(deltaCalls.at(-1)?.search).toContain('token=');
  });

  it('items that come without fields (links that dropped $expand=fields) are read one by one, not skipped', async () => {
    const seed = await workspace(FIVE_SYSTEMS);
    await seed.sync();
    graph.sp.pageSize = 2;
    graph.sp.fieldsOnlyOnFirstDeltaCall = true;
    const reader = await workspace([]);
    const before = graph.sp.requests.length;
    const first = await reader.sync();
    expect(first.pull.pages).toBe(3);
    expect(first.pull.skipped).toEqual([]);
    expect(first.imported.sort()).toEqual(FIVE_SYSTEMS.map((s) => s.id).sort());
    // The three items of pages 2 and 3 each needed their own read; the two of page 1 did not.
    const single = graph.sp.requests
      .slice(before)
      .filter((r) => /\/items\/\d+$/.test(r.path) && r.method === 'GET');
    expect(single.map((r) => r.path.split('/').at(-1))).toEqual(['4', '5', '6']);
    expect(single.every((r) => r.search.includes('expand=fields'))).toBe(true);
    graph.sp.edit(LIST, 'sys-fraud-score', { SystemOwner: 'lena@harbormutual.example' });
    const next = await reader.sync();
    expect(next.pulled).toEqual([{ systemId: 'sys-fraud-score', fields: ['owner'] }]);
  });

  it('410 Gone on an expired delta link: full resync from the Location given, items not lost', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    graph.sp.edit(LIST, 'sys-claims-triage', { RiskOwner: 'ana@harbormutual.example' });
    graph.sp.expiredBelow = Number.MAX_SAFE_INTEGER;
    const report = await ws.sync();
    expect(report.pull.full).toBe(true);
    expect(report.pulled).toEqual([{ systemId: 'sys-claims-triage', fields: ['riskOwner'] }]);
    expect(report.created).toEqual([]);
    expect(graph.sp.liveItems(LIST)).toHaveLength(2);
    expect(
      graph.sp.requests.some((r) => r.path.endsWith('/items/delta') && !r.search.includes('token=')),
    ).toBe(true);
  });

  it('a deleted item is flagged locally, the system is kept, and the item is not re-created', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    graph.sp.remove(LIST, 'sys-support-assistant');
    const report = await ws.sync();
    expect(report.pull.deletedRemotely).toEqual(['sys-support-assistant']);
    expect(report.deletedRemotely).toEqual(['sys-support-assistant']);
    expect(ws.store.current()?.items['sys-support-assistant']?.deletedRemotely).toBeDefined();
    expect(await ws.system('sys-support-assistant')).toBeDefined();
    await ws.sync();
    expect(graph.sp.liveItems(LIST).map((i) => i.fields.SystemId)).toEqual(['sys-claims-triage']);
  });

  it('a deletion missed while the delta link expired is still found by the full resync', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    graph.sp.remove(LIST, 'sys-claims-triage');
    graph.sp.expiredBelow = Number.MAX_SAFE_INTEGER;
    const report = await ws.sync();
    expect(report.pull.full).toBe(true);
    expect(report.deletedRemotely).toEqual(['sys-claims-triage']);
  });
});

describe('interrupted syncs', () => {
  it('a pull cut off at page 3 resumes at page 3 and duplicates nothing', async () => {
    const seed = await workspace(FIVE_SYSTEMS);
    await seed.sync();
    graph.sp.pageSize = 2;
    const reader = await workspace([]);
    graph.sp.faults.push({
      match: 'skip=4',
      times: 10,
      respond: () => graphError(503, 'serviceNotAvailable', 'down'),
    });
    const error = await failure(reader.sync());
    expect(error.failure).toBe('unavailable');
    expect(reader.store.current()?.resume?.link).toContain('skip=4');
    graph.sp.faults.length = 0;
    const before = graph.sp.requests.length;
    const resumed = await reader.sync();
    const deltaCalls = graph.sp.requests.slice(before).filter((r) => r.path.endsWith('/items/delta'));
    expect(deltaCalls.map((r) => r.search)).toEqual([expect.stringContaining('skip=4')]);
    expect(resumed.imported).toHaveLength(5);
    expect(graph.sp.liveItems(LIST)).toHaveLength(5);
    expect((await reader.register.list('ai-system')).map((s) => s.id).sort()).toEqual(
      FIVE_SYSTEMS.map((s) => s.id).sort(),
    );
  });

  it('a create whose answer was lost is not created again when the sync resumes', async () => {
    const ws = await workspace(FIVE_SYSTEMS);
    // SharePoint stores the first item, but the answer never reaches the client.
    graph.sp.faults.push({
      match: `POST /sites/${graph.sp.site.id}/lists/`,
      afterApplying: true,
      respond: () => graphError(500, 'generalException', 'connection reset'),
    });
    const error = await failure(ws.sync());
    expect(error.failure).toBe('unavailable');
    expect(graph.sp.liveItems(LIST)).toHaveLength(1);
    const resumed = await ws.sync();
    expect(resumed.created).toHaveLength(4);
    const ids = graph.sp.liveItems(LIST).map((i) => String(i.fields.SystemId));
    expect(ids.sort()).toEqual(FIVE_SYSTEMS.map((s) => s.id).sort());
    const posts = graph.sp.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/items'));
    expect(posts).toHaveLength(5);
  });
});

describe('the sync state', () => {
  it('holds bases, eTags, the delta link and conflicts, and never the token', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    await ws.sync();
    const state = ws.store.current();
    expect(state?.items['sys-claims-triage']).toMatchObject({
      itemId: expect.any(String),
      eTag: expect.stringMatching(/^"/),
    });
    expect(JSON.stringify(state)).not.toContain(TOKEN);
    expect(ws.logs.join('\n')).not.toContain(TOKEN);
  });
});
