// Evidence documents: listing a library folder, pinning a file's version with its hashes, the link to
// that version, and a newer version marking the evidence superseded until a person confirms.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkEvidence,
  confirmEvidence,
  createGraphClient,
  EvidenceCheckStopped,
  evidenceFreshness,
  listDocuments,
  registerEvidence,
  SharePointError,
  versionAddress,
} from '../../../connectors/sharepoint';
import type { DriveItem } from '@microsoft/microsoft-graph-types';
import { graphError, recordingSleep, TOKEN } from '../../support/fake-sharepoint';
import { fakeSharePointServer } from '../../support/sharepoint-msw';
import { SITE_URL, TWO_SYSTEMS, workspace } from './helpers';

const graph = fakeSharePointServer();

const client = () => createGraphClient({ token: () => TOKEN, sleep: async () => undefined });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const POLICY_V1 = 'AI policy, approved 2026-10-01';
const POLICY_V2 = 'AI policy, approved 2026-10-01, amended 2026-11-20';

/** A registration of drive item `itemId` into `register`, with the fields a test does not vary filled in. */
const evidenceOf = (
  register: Parameters<typeof registerEvidence>[0]['register'],
  itemId: string,
  fields: Partial<Parameters<typeof registerEvidence>[0]> = {},
): Parameters<typeof registerEvidence>[0] => ({
  client: client(),
  register,
  siteUrl: SITE_URL,
  driveId: graph.sp.driveId,
  itemId,
  clauses: ['5.2'],
  controls: [],
  systemIds: [],
  actor: 'lena.fischer@harbormutual.example',
  now: '2026-11-28T09:00:00.000Z',
  ...fields,
});

async function registered() {
  const ws = await workspace(TWO_SYSTEMS);
  const itemId = graph.sp.upload('Policies', 'AI policy.pdf', POLICY_V1, '2026-10-01T10:00:00Z');
  const item = await registerEvidence(
    evidenceOf(ws.register, itemId, { controls: ['A.2.2'], systemIds: ['sys-claims-triage'] }),
  );
  return { ws, itemId, item };
}

describe('listing documents', () => {
  it('lists the files of a folder over several pages, with the hash Graph reports', async () => {
    graph.sp.pageSize = 2;
    for (const name of ['a.pdf', 'b.docx', 'c.xlsx', 'd.pdf', 'e.md'])
      graph.sp.upload('Policies', name, name, '2026-11-01T00:00:00Z');
    graph.sp.upload('', 'elsewhere.pdf', 'x', '2026-11-01T00:00:00Z');
    const docs = await listDocuments(client(), graph.sp.site.id ?? '', {
      library: 'Documents',
      folder: 'Policies',
    });
    expect(docs.map((d) => d.name)).toEqual(['a.pdf', 'b.docx', 'c.xlsx', 'd.pdf', 'e.md']);
    expect(docs[0]).toMatchObject({ driveId: graph.sp.driveId, reportedHash: { algorithm: 'quickXorHash' } });
  });

  it('refuses a folder that climbs out of the library, before any request', async () => {
    const error = await listDocuments(client(), graph.sp.site.id ?? '', {
      folder: 'Policies/../../secrets',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharePointError);
    expect(String(error)).toMatch(/may not contain/);
    expect(graph.sp.requests).toHaveLength(0);
  });

  it('names the libraries there are when the one asked for is not', async () => {
    const error = await listDocuments(client(), graph.sp.site.id ?? '', { library: 'Evidence' }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/no document library 'Evidence' \(the site has: Documents\)/);
  });
});

describe('registering evidence', () => {
  it('pins the current version: drive item id, version id, Graph hash, SHA-256 and a link to that version', async () => {
    const { item, itemId } = await registered();
    expect(item).toMatchObject({
      kind: 'evidence',
      sourceTool: 'sharepoint',
      pinnedVersion: '1.0',
      contentHash: sha256(POLICY_V1),
      clauses: ['5.2'],
      controls: ['A.2.2'],
      systemIds: ['sys-claims-triage'],
      createdBy: 'lena.fischer@harbormutual.example',
      sourceVersion: {
        driveId: graph.sp.driveId,
        itemId,
        versionId: '1.0',
        webUrl: `${graph.sp.site.webUrl}/Shared%20Documents/Policies/AI%20policy.pdf`,
        versionUrl: `${graph.sp.site.webUrl}/_vti_history/512/Shared%20Documents/Policies/AI%20policy.pdf`,
        reportedHash: {
          algorithm: 'quickXorHash',
          value: createHash('sha1').update(POLICY_V1).digest('base64'),
        },
      },
    });
    // SharePoint serves only earlier versions under _vti_history: while 1.0 is current, the file's own
    // address is the one that opens it.
    expect(item.url).toBe(`${graph.sp.site.webUrl}/Shared%20Documents/Policies/AI%20policy.pdf`);
    expect(evidenceFreshness(item)).toBe('fresh');
  });

  it('refuses an unknown system and a bad control, writing nothing', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    const itemId = graph.sp.upload('Policies', 'x.pdf', 'x', '2026-10-01T10:00:00Z');
    const base = evidenceOf(ws.register, itemId, { clauses: ['7.5.3'], actor: 'p' });
    await expect(registerEvidence({ ...base, systemIds: ['sys-nope'] })).rejects.toThrow(
      /no AI system 'sys-nope'/,
    );
    await expect(registerEvidence({ ...base, controls: ['A.99 or 1=1'], systemIds: [] })).rejects.toThrow(
      /controls\[0\]/,
    );
    expect(await ws.register.list('evidence')).toEqual([]);
  });

  it('refuses a file above the size limit without downloading it', async () => {
    const ws = await workspace(TWO_SYSTEMS);
    const itemId = graph.sp.upload('Policies', 'huge.pdf', new Uint8Array(2048), '2026-10-01T10:00:00Z');
    const error = await registerEvidence(
      evidenceOf(ws.register, itemId, { clauses: ['7.5.3'], actor: 'p', maxBytes: 1024 }),
    ).catch((e: unknown) => e);
    expect((error as SharePointError).failure).toBe('too-large');
    expect(graph.sp.requests.some((r) => r.path.endsWith('/content'))).toBe(false);
  });
});

describe('newer versions', () => {
  it('a new version marks the evidence superseded; a person confirming re-pins it to that version', async () => {
    const { ws, item } = await registered();
    expect(
      await checkEvidence({ client: client(), register: ws.register, now: '2026-11-29T09:00:00.000Z' }),
    ).toEqual([{ id: item.id, state: 'fresh', pinnedVersion: '1.0', latestVersion: '1.0' }]);
    graph.sp.upload('Policies', 'AI policy.pdf', POLICY_V2, '2026-11-20T10:00:00Z');
    const checks = await checkEvidence({
      client: client(),
      register: ws.register,
      now: '2026-11-29T09:00:00.000Z',
    });
    expect(checks).toEqual([
      { id: item.id, state: 'superseded', pinnedVersion: '1.0', latestVersion: '2.0' },
    ]);
    const marked = await ws.register.require('evidence', item.id);
    expect(evidenceFreshness(marked)).toBe('superseded');
    // Still pinned to what was registered: the hash is that of version 1.0, and the link moves from the
    // file's address (now version 2.0) to where version 1.0 stays.
    expect(marked).toMatchObject({
      pinnedVersion: '1.0',
      contentHash: sha256(POLICY_V1),
      url: `${graph.sp.site.webUrl}/_vti_history/512/Shared%20Documents/Policies/AI%20policy.pdf`,
    });
    // Checking again writes nothing new.
    const events = (await ws.register.events()).length;
    await checkEvidence({ client: client(), register: ws.register, now: '2026-11-30T09:00:00.000Z' });
    expect((await ws.register.events()).length).toBe(events);

    const confirmed = await confirmEvidence({
      client: client(),
      register: ws.register,
      id: item.id,
      actor: 'lena.fischer@harbormutual.example',
      now: '2026-11-30T09:00:00.000Z',
    });
    expect(confirmed).toMatchObject({
      pinnedVersion: '2.0',
      contentHash: sha256(POLICY_V2),
      updatedBy: 'lena.fischer@harbormutual.example',
    });
    expect(confirmed.url).toBe(`${graph.sp.site.webUrl}/Shared%20Documents/Policies/AI%20policy.pdf`);
    expect(confirmed.sourceVersion?.versionUrl).toBe(
      `${graph.sp.site.webUrl}/_vti_history/1024/Shared%20Documents/Policies/AI%20policy.pdf`,
    );
    expect(confirmed.supersededBy).toBeUndefined();
    expect(evidenceFreshness(confirmed)).toBe('fresh');
  });

  it('says so when SharePoint no longer keeps the pinned version (trimmed by the version limit)', async () => {
    const { ws, item, itemId } = await registered();
    graph.sp.upload('Policies', 'AI policy.pdf', POLICY_V2, '2026-11-20T10:00:00Z');
    const now = '2026-11-29T09:00:00.000Z';
    expect(await checkEvidence({ client: client(), register: ws.register, now })).toEqual([
      { id: item.id, state: 'superseded', pinnedVersion: '1.0', latestVersion: '2.0' },
    ]);
    // The library keeps one version only: 1.0 goes from its history.
    graph.sp.upload('Policies', 'AI policy.pdf', 'third', '2026-11-25T10:00:00Z');
    const file = graph.sp.files.get(itemId);
    if (!file) throw new Error('no file');
    file.versions = file.versions.filter((v) => v.id !== '1.0');
    expect(await checkEvidence({ client: client(), register: ws.register, now })).toEqual([
      { id: item.id, state: 'superseded', pinnedVersion: '1.0', latestVersion: '3.0', pinnedKept: false },
    ]);
    // The record keeps what was pinned: the hash of version 1.0's bytes.
    expect(await ws.register.require('evidence', item.id)).toMatchObject({
      pinnedVersion: '1.0',
      contentHash: sha256(POLICY_V1),
    });
  });

  it('a deleted file is reported missing and its evidence kept', async () => {
    const { ws, item, itemId } = await registered();
    graph.sp.files.delete(itemId);
    expect(
      await checkEvidence({ client: client(), register: ws.register, now: '2026-11-29T09:00:00.000Z' }),
    ).toEqual([{ id: item.id, state: 'missing', pinnedVersion: '1.0' }]);
    expect(await ws.register.get('evidence', item.id)).toBeDefined();
  });
});

const NOW = '2026-11-29T09:00:00.000Z';

/** Five files pinned as evidence, each its own record, in upload order. */
async function five() {
  const ws = await workspace(TWO_SYSTEMS);
  const ids: string[] = [];
  for (const name of ['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf', 'e.pdf']) {
    const itemId = graph.sp.upload('Policies', name, `${name} v1`, '2026-10-01T10:00:00Z');
    await registerEvidence(evidenceOf(ws.register, itemId, { clauses: ['7.5.3'] }));
    ids.push(itemId);
  }
  return { ws, ids };
}
const itemPath = (itemId: string) => `/drives/${graph.sp.driveId}/items/${itemId}?`;
const versionsPath = (itemId: string) => `/drives/${graph.sp.driveId}/items/${itemId}/versions`;

describe('one item failing does not stop the check', () => {
  it('records each failure in words with its HTTP status and checks every other item', async () => {
    const { ws, ids } = await five();
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    // a: superseded before the failures; b: 403; c: 404 (gone); d: 503 on every retry; e: a body of the wrong shape.
    graph.sp.upload('Policies', 'a.pdf', 'a.pdf v2', '2026-11-20T10:00:00Z');
    graph.sp.faults.push(
      { match: itemPath(b), respond: () => graphError(403, 'accessDenied', 'Access denied') },
      { match: versionsPath(d), times: 5, respond: () => graphError(503, 'serviceNotAvailable', 'Busy') },
      { match: itemPath(e), respond: () => Response.json({ id: e, name: 42 }) },
    );
    graph.sp.files.delete(c);
    const { sleep, waits } = recordingSleep();
    const checks = await checkEvidence({
      client: createGraphClient({ token: () => TOKEN, sleep }),
      register: ws.register,
      now: NOW,
    });
    const byItem = (itemId: string) => checks.find((x) => x.id === `ev-sharepoint-${itemId}`);
    expect(checks).toHaveLength(5);
    expect(byItem(a)).toEqual({
      id: `ev-sharepoint-${a}`,
      state: 'superseded',
      pinnedVersion: '1.0',
      latestVersion: '2.0',
    });
    expect(byItem(b)).toMatchObject({
      state: 'unchecked',
      problem: { failure: 'forbidden', status: 403, message: expect.stringMatching(/HTTP 403/) },
    });
    expect(byItem(c)).toEqual({ id: `ev-sharepoint-${c}`, state: 'missing', pinnedVersion: '1.0' });
    expect(byItem(d)).toMatchObject({
      state: 'unchecked',
      problem: { failure: 'unavailable', status: 503 },
    });
    expect(byItem(e)).toMatchObject({ state: 'unchecked', problem: { failure: 'malformed' } });
    // 503 was retried four times before it counted as a failure.
    expect(waits).toHaveLength(4);
    // The superseded mark found before the failures is in the register; the failed items are untouched.
    expect(await ws.register.require('evidence', `ev-sharepoint-${a}`)).toMatchObject({
      supersededBy: { versionId: '2.0', detectedAt: NOW },
    });
    for (const itemId of [b, d, e]) {
      expect((await ws.register.require('evidence', `ev-sharepoint-${itemId}`)).supersededBy).toBeUndefined();
    }
  });

  it('waits what Retry-After says on a 429, and an item still throttled after every retry is reported, not fatal', async () => {
    const { ws, ids } = await five();
    const [a, b] = ids as [string, string];
    graph.sp.faults.push(
      // a: throttled once, then answered.
      {
        match: itemPath(a),
        respond: () => graphError(429, 'activityLimitReached', 'Slow down', { 'Retry-After': '7' }),
      },
      // b: throttled on every attempt.
      {
        match: itemPath(b),
        times: 5,
        respond: () => graphError(429, 'activityLimitReached', 'Slow down', { 'Retry-After': '3' }),
      },
    );
    const { sleep, waits } = recordingSleep();
    const checks = await checkEvidence({
      client: createGraphClient({ token: () => TOKEN, sleep }),
      register: ws.register,
      now: NOW,
    });
    expect(waits).toEqual([7000, 3000, 3000, 3000, 3000]);
    expect(checks.map((x) => x.state)).toEqual(['fresh', 'unchecked', 'fresh', 'fresh', 'fresh']);
    expect(checks[1]).toMatchObject({ problem: { failure: 'throttled', status: 429 } });
  });

  it("a request that times out or reaches nobody is that item's outcome, with no HTTP status", async () => {
    const { ws, ids } = await five();
    const [a, , c] = ids as [string, string, string];
    graph.sp.faults.push(
      {
        match: itemPath(a),
        respond: () => new Promise<Response>((done) => setTimeout(() => done(Response.json({})), 500)),
      },
      { match: itemPath(c), respond: () => Response.error() },
    );
    const checks = await checkEvidence({
      client: createGraphClient({ token: () => TOKEN, sleep: async () => undefined, requestTimeoutMs: 50 }),
      register: ws.register,
      now: NOW,
    });
    expect(checks.map((x) => x.state)).toEqual(['unchecked', 'fresh', 'unchecked', 'fresh', 'fresh']);
    expect(checks[0]).toMatchObject({ problem: { failure: 'timeout', status: -1 } });
    expect(checks[2]).toMatchObject({ problem: { failure: 'unreachable', status: -1 } });
  });
});

describe('a refused token stops the check', () => {
  /** What checkEvidence threw, which must be the stop. */
  async function stopOf(run: Promise<unknown>): Promise<EvidenceCheckStopped> {
    const thrown = await run.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(EvidenceCheckStopped);
    return thrown as EvidenceCheckStopped;
  }

  it('at the first 401: the items before keep their results and marks, nothing more is asked of Graph', async () => {
    const { ws, ids } = await five();
    const [a, b, c] = ids as [string, string, string];
    graph.sp.upload('Policies', 'a.pdf', 'a.pdf v2', '2026-11-20T10:00:00Z');
    graph.sp.faults.push({
      match: itemPath(c),
      respond: () =>
        graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
    });
    const before = graph.sp.requests.length;
    const stop = await stopOf(checkEvidence({ client: client(), register: ws.register, now: NOW }));
    expect(stop).toBeInstanceOf(SharePointError);
    expect(stop).toMatchObject({ failure: 'unauthorized', status: 401, evidenceId: `ev-sharepoint-${c}` });
    expect(stop.message).toMatch(/HTTP 401/);
    expect(stop.checks).toEqual([
      { id: `ev-sharepoint-${a}`, state: 'superseded', pinnedVersion: '1.0', latestVersion: '2.0' },
      { id: `ev-sharepoint-${b}`, state: 'fresh', pinnedVersion: '1.0', latestVersion: '1.0' },
    ]);
    expect(stop.notChecked).toBe(3);
    // a and b: item and versions each; c: the refused request; d and e: nothing.
    const asked = graph.sp.requests.slice(before).map((r) => r.path);
    expect(asked).toHaveLength(5);
    expect(asked.at(-1)).toContain(`/items/${c}`);
    // The mark made before the stop is in the register; nothing after it was written.
    expect(await ws.register.require('evidence', `ev-sharepoint-${a}`)).toMatchObject({
      supersededBy: { versionId: '2.0', detectedAt: NOW },
    });
    expect(await ws.register.verify()).toMatchObject({ ok: true });
  });

  it('a token refused from the start costs one request and checks nothing; the token is not in the message', async () => {
    const { ws } = await five();
    const before = graph.sp.requests.length;
    const stale = 'expired-bearer-91f2';
    const stop = await stopOf(
      checkEvidence({
        client: createGraphClient({ token: () => stale, sleep: async () => undefined }),
        register: ws.register,
        now: NOW,
      }),
    );
    expect(stop.checks).toEqual([]);
    expect(stop.notChecked).toBe(5);
    expect(graph.sp.requests.length - before).toBe(1);
    expect(stop.message).not.toContain(stale);
  });

  it('a 401 on the second request of an item (its versions) stops as well; a 403 never does', async () => {
    const { ws, ids } = await five();
    const [a, b] = ids as [string, string];
    graph.sp.faults.push(
      { match: itemPath(a), respond: () => graphError(403, 'accessDenied', 'Access denied') },
      { match: versionsPath(b), respond: () => graphError(401, 'InvalidAuthenticationToken', 'Expired') },
    );
    const stop = await stopOf(checkEvidence({ client: client(), register: ws.register, now: NOW }));
    expect(stop.checks.map((x) => [x.state, x.problem?.failure])).toEqual([['unchecked', 'forbidden']]);
    expect(stop).toMatchObject({ evidenceId: `ev-sharepoint-${b}`, notChecked: 4 });
  });
});

describe('where a pinned version opens', () => {
  const register = async (itemId: string) =>
    registerEvidence(evidenceOf((await workspace(TWO_SYSTEMS)).register, itemId));

  it('an Office document, whose webUrl is a viewer link, gets its own address and its version address', async () => {
    graph.sp.officeViewerLinks = true;
    const itemId = graph.sp.upload('Policies/2026', 'AI policy 2027.docx', POLICY_V1, '2026-10-01T10:00:00Z');
    const item = await register(itemId);
    const path = 'Shared%20Documents/Policies/2026/AI%20policy%202027.docx';
    expect(item.url).toBe(`${graph.sp.site.webUrl}/${path}`);
    expect(item.sourceVersion).toMatchObject({
      webUrl: `${graph.sp.site.webUrl}/${path}`,
      versionUrl: `${graph.sp.site.webUrl}/_vti_history/512/${path}`,
    });
    expect(JSON.stringify(item)).not.toContain('_layouts');
  });

  it('hostile file and folder names stay inside one path segment each', async () => {
    const itemId = graph.sp.upload(
      'Audit & Risk/Q3 #2',
      "100% ready? it's ü.pdf",
      POLICY_V1,
      '2026-10-01T10:00:00Z',
    );
    const item = await register(itemId);
    const url = new URL(item.url);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
    expect(url.pathname.split('/').map(decodeURIComponent)).toEqual([
      '',
      'sites',
      'compliance',
      'Shared Documents',
      'Audit & Risk',
      'Q3 #2',
      "100% ready? it's ü.pdf",
    ]);
    expect(item.sourceVersion?.versionUrl).toBe(
      `${graph.sp.site.webUrl}/_vti_history/512${url.pathname.slice('/sites/compliance'.length)}`,
    );
  });

  it('a file Graph places nowhere is refused before its bytes are fetched, writing nothing', async () => {
    graph.sp.officeViewerLinks = true;
    const itemId = graph.sp.upload('Policies', 'plan.xlsx', 'x', '2026-10-01T10:00:00Z');
    graph.sp.faults.push({
      match: `GET /drives/${graph.sp.driveId}/items/${itemId}`,
      respond: () =>
        Response.json({
          id: itemId,
          name: 'plan.xlsx',
          webUrl: `${graph.sp.site.webUrl}/_layouts/15/Doc.aspx?sourcedoc=%7Bx%7D&file=plan.xlsx`,
          file: { hashes: {} },
        } satisfies DriveItem),
    });
    const ws = await workspace(TWO_SYSTEMS);
    const error = await registerEvidence(evidenceOf(ws.register, itemId)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharePointError);
    expect(String(error)).toMatch(/plan\.xlsx: Graph gave a viewer link and no folder path/);
    expect(graph.sp.requests.some((r) => r.path.endsWith('/content'))).toBe(false);
    expect(await ws.register.list('evidence')).toEqual([]);
  });

  it('versionAddress: that version under _vti_history, and refuses labels or files it cannot place', () => {
    const site = 'https://harbormutual.sharepoint.com/sites/compliance';
    expect(versionAddress(site, `${site}/Shared%20Documents/a.pdf`, '3.2')).toBe(
      `${site}/_vti_history/1538/Shared%20Documents/a.pdf`,
    );
    expect(() => versionAddress(site, `${site}/a.pdf`, 'latest')).toThrow(/not a SharePoint version label/);
    expect(() => versionAddress(site, 'https://evil.example/a.pdf', '1.0')).toThrow(/not inside the site/);
    // A site address Graph gives unencoded still contains the file's encoded one.
    const spaced = 'https://harbormutual.sharepoint.com/sites/Risk Team';
    expect(versionAddress(spaced, `${encodeURI(spaced)}/Shared%20Documents/a.pdf`, '1.0')).toBe(
      'https://harbormutual.sharepoint.com/sites/Risk%20Team/_vti_history/512/Shared%20Documents/a.pdf',
    );
  });
});
