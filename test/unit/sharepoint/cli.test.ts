// `aims sharepoint …` end to end against the fake SharePoint: the token stays out of output and files,
// conflicts give exit 3 and are settled by a person, evidence is pinned, checked and confirmed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initWorkspace, openWorkspace } from '../../../connectors/local/workspace';
import { systemDraft } from '../../support/builders';
import { runCli } from '../../support/cli';
import { graphError, TOKEN } from '../../support/fake-sharepoint';
import { fakeSharePointServer } from '../../support/sharepoint-msw';
import { LIST, SITE_URL, TWO_SYSTEMS } from './helpers';
import { tempDir } from '../../support/temp';

const graph = fakeSharePointServer();
beforeEach(() => {
  process.env.AIMS_SHAREPOINT_TOKEN = TOKEN;
});
afterEach(() => {
  delete process.env.AIMS_SHAREPOINT_TOKEN;
});

async function newWorkspace(): Promise<string> {
  const root = tempDir('sharepoint');
  await initWorkspace(root);
  const register = await openWorkspace(root, { clock: () => '2026-11-28T08:00:00.000Z' });
  await register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
    for (const s of TWO_SYSTEMS) await tx.put('ai-system', systemDraft(s));
  });
  return root;
}

const editSystem = async (root: string, id: string, change: Record<string, unknown>) => {
  const register = await openWorkspace(root, { clock: () => '2026-11-28T10:00:00.000Z' });
  const current = await register.require('ai-system', id);
  await register.transact({ actor: 'person', cause: 'edit' }, (tx) =>
    tx.put('ai-system', { ...current, ...change }),
  );
};

describe('aims sharepoint sync', () => {
  it('creates the list and items; the state file holds the sync and never the token', async () => {
    const ws = await newWorkspace();
    const result = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("Created the list 'AI System Inventory'");
    expect(result.out).toContain('Added to SharePoint: sys-claims-triage, sys-support-assistant');
    expect(result.out).toContain('No conflicts');
    const state = readFileSync(join(ws, 'sync', 'sharepoint.json'), 'utf8');
    expect(JSON.parse(state)).toMatchObject({
      format: 'aims-lens-sharepoint-sync',
      deltaLink: expect.any(String),
    });
    for (const text of [state, result.out, result.err]) expect(text).not.toContain(TOKEN);
    expect(graph.sp.liveItems(LIST)).toHaveLength(2);
  });

  it('reads the token from a file when given one', async () => {
    delete process.env.AIMS_SHAREPOINT_TOKEN;
    const ws = await newWorkspace();
    const file = join(tempDir('sharepoint-token'), 'token');
    writeFileSync(file, `${TOKEN}\n`);
    const result = await runCli([
      'sharepoint',
      'sync',
      '--site',
      SITE_URL,
      '--workspace',
      ws,
      '--token-file',
      file,
    ]);
    expect(result.code).toBe(0);
  });

  it('without a token: one line naming the variable, exit 2, nothing sent', async () => {
    delete process.env.AIMS_SHAREPOINT_TOKEN;
    const result = await runCli([
      'sharepoint',
      'sync',
      '--site',
      SITE_URL,
      '--workspace',
      await newWorkspace(),
    ]);
    expect(result).toMatchObject({ code: 2, err: expect.stringContaining('set AIMS_SHAREPOINT_TOKEN') });
    expect(graph.sp.requests).toHaveLength(0);
  });

  it('a refused token: exit 5, one line, one request, no stack trace, the token not echoed', async () => {
    process.env.AIMS_SHAREPOINT_TOKEN = 'stale-token-123';
    const result = await runCli([
      'sharepoint',
      'sync',
      '--site',
      SITE_URL,
      '--workspace',
      await newWorkspace(),
    ]);
    expect(result.code).toBe(5);
    expect(result.err.split('\n')).toEqual([
      'aims sharepoint: sync stopped: GET site: HTTP 401: the token was refused; get a fresh one. Nothing more was sent with this token; what this sync did before it is saved, and the next sync goes on from there',
    ]);
    expect(result.out).toBe('');
    expect(graph.sp.requests).toHaveLength(1);
    expect(result.err).not.toContain('stale-token-123');
  });

  it('a token refused midway (it expired during the sync): exit 5, nothing sent after it, what was written before it kept', async () => {
    const ws = await newWorkspace();
    expect((await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws])).code).toBe(0);
    // A local edit (written first, in id order) and two new systems (each created with a POST).
    await editSystem(ws, 'sys-claims-triage', { name: 'Claims triage v2' });
    const register = await openWorkspace(ws, { clock: () => '2026-11-28T10:00:00.000Z' });
    await register.transact({ actor: 'test', cause: 'seed' }, async (tx) => {
      for (const id of ['sys-doc-extraction', 'sys-underwriting']) {
        await tx.put('ai-system', systemDraft({ id, name: id, owner: 'ana@harbormutual.example' }));
      }
    });
    // From the first POST on, every request with this token is refused.
    graph.sp.faults.push({
      match: 'POST ',
      times: 100,
      respond: () =>
        graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
    });
    const before = graph.sp.requests.length;
    const stopped = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
    expect(stopped.code).toBe(5);
    expect(stopped.out).toBe('');
    expect(stopped.err.split('\n')).toEqual([
      'aims sharepoint: sync stopped: POST list item for sys-doc-extraction: HTTP 401: the token was refused; get a fresh one. Nothing more was sent with this token; what this sync did before it is saved, and the next sync goes on from there',
    ]);
    const sent = graph.sp.requests.slice(before);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sent.at(-1)).toMatchObject({ method: 'POST' });
    // The edit written before the refusal is in SharePoint and in the saved state.
    const names = () => graph.sp.liveItems(LIST).map((i) => i.fields['Title']);
    expect(names()).toContain('Claims triage v2');
    graph.sp.faults.length = 0;
    // With a fresh token the next sync goes on: the two new systems are added, the edit is not written again.
    const again = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Added to SharePoint: sys-doc-extraction, sys-underwriting');
    expect(again.out).not.toContain('Written to SharePoint');
    expect(graph.sp.liveItems(LIST)).toHaveLength(4);
  });

  it('a token without the permission (403) is a SharePoint failure, not a refused token: exit 1', async () => {
    graph.sp.faults.push({
      match: 'GET /sites/',
      respond: () => graphError(403, 'accessDenied', 'Access denied'),
    });
    const result = await runCli([
      'sharepoint',
      'sync',
      '--site',
      SITE_URL,
      '--workspace',
      await newWorkspace(),
    ]);
    expect({ code: result.code, err: result.err }).toEqual({
      code: 1,
      err: 'aims sharepoint: GET site: HTTP 403: the token lacks permission for this site (Sites.ReadWrite.All)',
    });
  });

  it('a damaged state file is refused with the field named, and nothing is sent', async () => {
    const ws = await newWorkspace();
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
    const path = join(ws, 'sync', 'sharepoint.json');
    const state = JSON.parse(readFileSync(path, 'utf8'));
    state.items['sys-claims-triage'].itemId = 42;
    writeFileSync(path, JSON.stringify(state));
    const before = graph.sp.requests.length;
    const result = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/sync\/sharepoint.json: field 'items.sys-claims-triage.itemId'/);
    expect(graph.sp.requests.length).toBe(before);
  });

  it('a conflict exits 3 and is listed; a person keeps this side and the next sync writes it', async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', a]);
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', b]);
    await editSystem(a, 'sys-claims-triage', { riskOwner: 'ana@harbormutual.example' });
    await editSystem(b, 'sys-claims-triage', { riskOwner: 'ravi@harbormutual.example' });
    expect((await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', a])).code).toBe(0);
    const conflicted = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', b]);
    expect(conflicted.code).toBe(3);
    expect(conflicted.out).toContain(
      "sys-claims-triage riskOwner: here 'ravi@harbormutual.example' · SharePoint 'ana@harbormutual.example' (was (empty))",
    );
    const listed = await runCli(['sharepoint', 'conflicts', '--workspace', b]);
    expect(listed.code).toBe(3);
    expect(listed.out).toContain('sys-claims-triage riskOwner');

    const settled = await runCli([
      'sharepoint',
      'resolve',
      '--workspace',
      b,
      '--system',
      'sys-claims-triage',
      '--field',
      'riskOwner',
      '--keep',
      'here',
    ]);
    expect(settled.code).toBe(0);
    const after = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', b]);
    expect(after.code).toBe(0);
    expect(after.out).toContain('Written to SharePoint: sys-claims-triage (riskOwner)');
    expect(graph.sp.itemBySystem(LIST, 'sys-claims-triage').fields.RiskOwner).toBe(
      'ravi@harbormutual.example',
    );
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', a]);
    const register = await openWorkspace(a);
    expect((await register.require('ai-system', 'sys-claims-triage')).riskOwner).toBe(
      'ravi@harbormutual.example',
    );
  });

  it("a conflict on a name holding line breaks is listed on one line: the register's value cannot forge a line", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', a]);
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', b]);
    await editSystem(a, 'sys-claims-triage', { name: 'Claims triage v2' });
    await editSystem(b, 'sys-claims-triage', { name: 'Claims\nsys-x name: here forged\r\nrow' });
    expect((await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', a])).code).toBe(0);
    const conflicted = await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', b]);
    expect(conflicted.code).toBe(3);
    const listed = await runCli(['sharepoint', 'conflicts', '--workspace', b]);
    for (const out of [conflicted.out, listed.out]) {
      expect(out).toContain(
        "  sys-claims-triage name: here 'Claims sys-x name: here forged row' · SharePoint 'Claims triage v2'",
      );
      expect(out.split('\n').filter((l) => l.includes('forged'))).toHaveLength(1);
    }
  });

  it('settling a conflict that is not open is a usage error', async () => {
    const ws = await newWorkspace();
    await runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
    const result = await runCli([
      'sharepoint',
      'resolve',
      '--workspace',
      ws,
      '--system',
      'sys-claims-triage',
      '--field',
      'owner',
      '--keep',
      'here',
    ]);
    expect(result).toMatchObject({
      code: 2,
      err: expect.stringContaining('no open conflict on owner of sys-claims-triage'),
    });
  });
});

describe('two syncs of one workspace', () => {
  /** Holds the next PATCH until released: a sync caught in the middle of its writes. */
  function holdNextWrite() {
    let reached!: () => void;
    let release!: () => void;
    const atWrite = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    graph.sp.beforeWrite = async () => {
      reached();
      await released;
    };
    return { atWrite, release };
  }
  const sync = (ws: string) => runCli(['sharepoint', 'sync', '--site', SITE_URL, '--workspace', ws]);
  const stateOf = (ws: string) => readFileSync(join(ws, 'sync', 'sharepoint.json'), 'utf8');

  it('the second waits for the first, sends nothing meanwhile, and no state is lost', async () => {
    const ws = await newWorkspace();
    expect((await sync(ws)).code).toBe(0);
    await editSystem(ws, 'sys-claims-triage', { name: 'Claims triage v2' });
    const hold = holdNextWrite();
    const first = sync(ws);
    await hold.atWrite;
    const sentBefore = graph.sp.requests.length;
    const second = sync(ws);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The first is stopped inside its write; the second has not read the state or called Graph.
    expect(graph.sp.requests.length).toBe(sentBefore);
    hold.release();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({
      code: 0,
      out: expect.stringContaining('Written to SharePoint: sys-claims-triage (name)'),
    });
    expect(b.code).toBe(0);
    // The second started from the first's saved state: an incremental pull, nothing to write again.
    expect(b.out).toContain('changes since the last sync');
    expect(b.out).not.toContain('Written to SharePoint');
    expect(graph.sp.liveItems(LIST)).toHaveLength(2);
    expect(graph.sp.itemBySystem(LIST, 'sys-claims-triage').fields.Title).toBe('Claims triage v2');
    const state = JSON.parse(stateOf(ws)) as { items: Record<string, { base: { name?: string } }> };
    expect(state.items['sys-claims-triage']?.base.name).toBe('Claims triage v2');
    expect(existsSync(join(ws, 'sync', '.aims-lock'))).toBe(false);
  });

  it('past the wait bound the second refuses in one line naming the holder, changing nothing', async () => {
    const ws = await newWorkspace();
    expect((await sync(ws)).code).toBe(0);
    await editSystem(ws, 'sys-support-assistant', { owner: 'lena@harbormutual.example' });
    const hold = holdNextWrite();
    const first = sync(ws);
    await hold.atWrite;
    const before = stateOf(ws);
    const sentBefore = graph.sp.requests.length;
    process.env.AIMS_LOCK_TIMEOUT_MS = '150';
    let refused: Awaited<ReturnType<typeof sync>>;
    try {
      refused = await sync(ws);
    } finally {
      delete process.env.AIMS_LOCK_TIMEOUT_MS;
    }
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      new RegExp(
        `^aims sharepoint: ${ws.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: another sync of this workspace is running; the workspace is locked by pid ${process.pid} .*nothing was changed`,
      ),
    );
    expect(refused.err.split('\n')).toHaveLength(1);
    expect(stateOf(ws)).toBe(before);
    expect(graph.sp.requests.length).toBe(sentBefore);
    hold.release();
    expect((await first).code).toBe(0);
    expect(graph.sp.itemBySystem(LIST, 'sys-support-assistant').fields.SystemOwner).toBe(
      'lena@harbormutual.example',
    );
  });

  it('a mistyped workspace is refused and gets no sync folder', async () => {
    const missing = join(tmpdir(), `aims-no-workspace-${Date.now()}`);
    const result = await sync(missing);
    expect(result).toMatchObject({ code: 2, err: expect.stringContaining('not an AIMS workspace') });
    expect(existsSync(missing)).toBe(false);
  });
});

describe('aims sharepoint evidence', () => {
  it('lists, registers, checks and confirms a document version', async () => {
    const ws = await newWorkspace();
    const itemId = graph.sp.upload('Policies', 'AI policy.pdf', 'version one', '2026-10-01T10:00:00Z');
    const listed = await runCli([
      'sharepoint',
      'evidence',
      'list',
      '--site',
      SITE_URL,
      '--folder',
      'Policies',
    ]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${itemId}  "AI policy.pdf"`);

    const registered = await runCli([
      'sharepoint',
      'evidence',
      'register',
      '--site',
      SITE_URL,
      '--workspace',
      ws,
      '--item',
      itemId,
      '--folder',
      'Policies',
      '--clause',
      '5.2',
      '--control',
      'A.2.2',
      '--system',
      'sys-claims-triage',
      '--by',
      'lena.fischer@harbormutual.example',
    ]);
    expect(registered.code).toBe(0);
    expect(registered.out).toContain('version 1.0');
    expect(registered.out).toContain(
      'Opens that version while it is the latest: https://harbormutual.sharepoint.com/sites/compliance/Shared%20Documents/Policies/AI%20policy.pdf',
    );
    expect(registered.out).toContain(
      '/sites/compliance/_vti_history/512/Shared%20Documents/Policies/AI%20policy.pdf',
    );

    expect((await runCli(['sharepoint', 'evidence', 'check', '--workspace', ws])).out).toContain(
      ': fresh (pinned 1.0)',
    );
    graph.sp.upload('Policies', 'AI policy.pdf', 'version two', '2026-11-20T10:00:00Z');
    const checked = await runCli(['sharepoint', 'evidence', 'check', '--workspace', ws]);
    expect(checked).toMatchObject({
      code: 3,
      out: expect.stringContaining(': superseded (pinned 1.0, latest 2.0)'),
    });
    // The library's version limit trims 1.0: the check says its link now opens nothing.
    const file = graph.sp.files.get(itemId);
    if (!file) throw new Error('no file');
    file.versions = file.versions.filter((v) => v.id !== '1.0');
    expect((await runCli(['sharepoint', 'evidence', 'check', '--workspace', ws])).out).toContain(
      ': superseded (pinned 1.0, latest 2.0; SharePoint no longer keeps version 1.0: its link opens nothing, the register keeps its SHA-256)',
    );

    const id = `ev-sharepoint-${itemId}`;
    const confirmed = await runCli([
      'sharepoint',
      'evidence',
      'confirm',
      '--workspace',
      ws,
      '--id',
      id,
      '--by',
      'lena.fischer@harbormutual.example',
    ]);
    expect(confirmed).toMatchObject({ code: 0, out: expect.stringContaining('now pinned to version 2.0') });
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.code).toBe(0);
  });

  it('check reports an item SharePoint refuses, checks the others, sums up and exits 4 (not checked and superseded)', async () => {
    const { ws, ids } = await registeredFiles(['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf']);
    const [a, b, c, d] = ids as [string, string, string, string];
    graph.sp.upload('Policies', 'd.pdf', 'd.pdf v2', '2026-11-20T10:00:00Z');
    graph.sp.files.delete(c);
    graph.sp.faults.push(
      { match: `/items/${a}/versions`, respond: () => graphError(500, 'generalException', 'Oops') },
      { match: `/items/${b}?`, respond: () => graphError(403, 'accessDenied', 'Access denied') },
    );
    const checked = await runCli(['sharepoint', 'evidence', 'check', '--workspace', ws]);
    // Some not checked and some superseded or missing: neither hides the other.
    expect(checked.code).toBe(4);
    const lines = checked.out.split('\n');
    expect(lines).toContain(
      `ev-sharepoint-${a}: not checked: unavailable (HTTP 500; pinned 1.0): GET versions of ${a}: HTTP 500: SharePoint is unavailable; try again later`,
    );
    expect(lines).toContain(
      `ev-sharepoint-${b}: not checked: forbidden (HTTP 403; pinned 1.0): GET drive item ${b}: HTTP 403: the token lacks permission for this site (Sites.ReadWrite.All)`,
    );
    expect(lines).toContain(`ev-sharepoint-${c}: missing (pinned 1.0)`);
    expect(lines).toContain(`ev-sharepoint-${d}: superseded (pinned 1.0, latest 2.0)`);
    expect(lines).toContain(
      'Checked 4 SharePoint evidence item(s): 0 fresh, 1 superseded, 1 missing, 2 not checked (unavailable 1, forbidden 1)',
    );
    expect(checked.out + checked.err).not.toContain(TOKEN);
    // The mark made after the failures is kept, and the next check (SharePoint answering again) completes.
    const again = await runCli(['sharepoint', 'evidence', 'check', '--workspace', ws]);
    expect(again.code).toBe(3);
    expect(again.out).toContain(
      'Checked 4 SharePoint evidence item(s): 2 fresh, 1 superseded, 1 missing, 0 not checked',
    );
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  /** A workspace with `names` registered as evidence through the CLI; their drive item ids. */
  async function registeredFiles(names: readonly string[]) {
    const ws = await newWorkspace();
    const ids: string[] = [];
    for (const name of names) {
      const itemId = graph.sp.upload('Policies', name, `${name} v1`, '2026-10-01T10:00:00Z');
      const registered = await runCli([
        ...['sharepoint', 'evidence', 'register', '--site', SITE_URL, '--workspace', ws, '--item', itemId],
        ...['--folder', 'Policies', '--clause', '7.5.3', '--by', 'lena.fischer@harbormutual.example'],
      ]);
      expect(registered.code).toBe(0);
      ids.push(itemId);
    }
    return { ws, ids };
  }
  const check = (ws: string) => runCli(['sharepoint', 'evidence', 'check', '--workspace', ws]);
  const summaryOf = (out: string) => out.split('\n').find((l) => l.startsWith('Checked ')) ?? '';

  it('check with a token Graph refuses stops at the first refusal: one line, exit 5, one request, no line per item', async () => {
    const { ws, ids } = await registeredFiles(['a.pdf', 'b.pdf', 'c.pdf']);
    graph.sp.upload('Policies', 'a.pdf', 'a.pdf v2', '2026-11-20T10:00:00Z');
    process.env.AIMS_SHAREPOINT_TOKEN = 'stale-token-123';
    const before = graph.sp.requests.length;
    const stopped = await check(ws);
    expect(stopped.code).toBe(5);
    expect(graph.sp.requests.length - before).toBe(1);
    expect(stopped.err.split('\n')).toEqual([
      `aims sharepoint: evidence check stopped at ev-sharepoint-${ids[0]}: GET drive item ${ids[0]}: HTTP 401: the token was refused; get a fresh one. Nothing after it can be checked with this token: 0 of 3 item(s) checked, 3 not checked`,
    ]);
    expect(stopped.out).not.toMatch(/not checked:/);
    expect(stopped.out.split('\n')).toEqual([
      'Checked 3 SharePoint evidence item(s): 0 fresh, 0 superseded, 0 missing, 3 not checked (unauthorized 3)',
    ]);
    expect(stopped.out + stopped.err).not.toContain('stale-token-123');
    // A fresh token: the next check completes and finds what the stopped one could not.
    process.env.AIMS_SHAREPOINT_TOKEN = TOKEN;
    const again = await check(ws);
    expect(again.code).toBe(3);
    expect(summaryOf(again.out)).toBe(
      'Checked 3 SharePoint evidence item(s): 2 fresh, 1 superseded, 0 missing, 0 not checked',
    );
  });

  it('a token refused midway: the items before it are reported and their marks kept; exit 5 wins', async () => {
    const { ws, ids } = await registeredFiles(['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf']);
    const [a, b, c] = ids as [string, string, string];
    graph.sp.upload('Policies', 'a.pdf', 'a.pdf v2', '2026-11-20T10:00:00Z');
    graph.sp.faults.push(
      { match: `/items/${b}?`, respond: () => graphError(403, 'accessDenied', 'Access denied') },
      { match: `/items/${c}?`, respond: () => graphError(401, 'InvalidAuthenticationToken', 'Expired') },
    );
    const stopped = await check(ws);
    expect(stopped.code).toBe(5);
    expect(stopped.out.split('\n')).toEqual([
      `ev-sharepoint-${a}: superseded (pinned 1.0, latest 2.0)`,
      `ev-sharepoint-${b}: not checked: forbidden (HTTP 403; pinned 1.0): GET drive item ${b}: HTTP 403: the token lacks permission for this site (Sites.ReadWrite.All)`,
      'Checked 4 SharePoint evidence item(s): 0 fresh, 1 superseded, 0 missing, 3 not checked (forbidden 1, unauthorized 2)',
    ]);
    expect(stopped.err).toMatch(/^aims sharepoint: evidence check stopped at ev-sharepoint-/);
    expect(stopped.err).toContain('2 of 4 item(s) checked, 2 not checked');
    expect(stopped.err.split('\n')).toHaveLength(1);
    const register = await openWorkspace(ws, { clock: () => '2026-11-29T00:00:00.000Z' });
    expect((await register.require('evidence', `ev-sharepoint-${a}`)).supersededBy).toMatchObject({
      versionId: '2.0',
    });
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  it('exit codes a CI job can rely on: 0 fresh, 1 only not checked, 3 only stale, 4 both, 5 token refused', async () => {
    const { ws, ids } = await registeredFiles(['x.pdf', 'y.pdf']);
    const [x, y] = ids as [string, string];
    const refuseY = () =>
      graph.sp.faults.push({
        match: `/items/${y}?`,
        respond: () => graphError(403, 'accessDenied', 'Access denied'),
      });
    const outcome = async () => {
      const result = await check(ws);
      return [result.code, summaryOf(result.out)];
    };
    expect(await outcome()).toEqual([
      0,
      'Checked 2 SharePoint evidence item(s): 2 fresh, 0 superseded, 0 missing, 0 not checked',
    ]);
    refuseY();
    expect(await outcome()).toEqual([
      1,
      'Checked 2 SharePoint evidence item(s): 1 fresh, 0 superseded, 0 missing, 1 not checked (forbidden 1)',
    ]);
    graph.sp.upload('Policies', 'x.pdf', 'x.pdf v2', '2026-11-20T10:00:00Z');
    expect(await outcome()).toEqual([
      3,
      'Checked 2 SharePoint evidence item(s): 1 fresh, 1 superseded, 0 missing, 0 not checked',
    ]);
    refuseY();
    expect(await outcome()).toEqual([
      4,
      'Checked 2 SharePoint evidence item(s): 0 fresh, 1 superseded, 0 missing, 1 not checked (forbidden 1)',
    ]);
    graph.sp.files.delete(y);
    expect(await outcome()).toEqual([
      3,
      'Checked 2 SharePoint evidence item(s): 0 fresh, 1 superseded, 1 missing, 0 not checked',
    ]);
    graph.sp.faults.push({
      match: `/items/${x}?`,
      respond: () => graphError(401, 'InvalidAuthenticationToken', 'Expired'),
    });
    expect(await outcome()).toEqual([
      5,
      'Checked 2 SharePoint evidence item(s): 0 fresh, 0 superseded, 0 missing, 2 not checked (unauthorized 2)',
    ]);
    expect(x).not.toBe(y);
  });

  /** What the workspace's evidence items and event log hold (unchanged by a command that recorded nothing). */
  const recorded = async (ws: string) => {
    const register = await openWorkspace(ws, { clock: () => '2026-11-29T00:00:00.000Z' });
    return {
      evidence: await register.list('evidence'),
      events: readFileSync(join(ws, 'events.jsonl'), 'utf8'),
    };
  };
  const refused = (command: string, request: string, kept: string) =>
    `aims sharepoint: ${command} stopped: ${request}: HTTP 401: the token was refused; get a fresh one. Nothing more was sent with this token; ${kept}`;
  const expire = (match: string) =>
    graph.sp.faults.push({
      match,
      times: 100,
      respond: () =>
        graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
    });

  it('list, register and confirm with a token Graph refuses: exit 5, one line, one request, nothing recorded', async () => {
    const { ws, ids } = await registeredFiles(['a.pdf']);
    const itemId = graph.sp.upload('Policies', 'b.pdf', 'b v1', '2026-10-01T10:00:00Z');
    graph.sp.upload('Policies', 'a.pdf', 'a.pdf v2', '2026-11-20T10:00:00Z');
    const before = await recorded(ws);
    process.env.AIMS_SHAREPOINT_TOKEN = 'stale-token-123';
    const cases: [string[], string][] = [
      [['list', '--site', SITE_URL], refused('evidence list', 'GET site', 'nothing was listed')],
      [
        [
          ...['register', '--site', SITE_URL, '--workspace', ws, '--item', itemId, '--folder', 'Policies'],
          ...['--by', 'lena.fischer@harbormutual.example'],
        ],
        refused('evidence register', 'GET site', 'nothing was registered'),
      ],
      [
        [
          'confirm',
          '--workspace',
          ws,
          '--id',
          `ev-sharepoint-${ids[0]}`,
          '--by',
          'lena.fischer@harbormutual.example',
        ],
        refused('evidence confirm', `GET drive item ${ids[0]}`, 'nothing was confirmed'),
      ],
    ];
    for (const [args, line] of cases) {
      const sentBefore = graph.sp.requests.length;
      const result = await runCli(['sharepoint', 'evidence', ...args]);
      expect({ code: result.code, out: result.out, err: result.err.split('\n') }).toEqual({
        code: 5,
        out: '',
        err: [line],
      });
      expect(graph.sp.requests.length - sentBefore).toBe(1);
      expect(result.err).not.toContain('stale-token-123');
    }
    expect(await recorded(ws)).toEqual(before);
  });

  it('register and confirm refused midway (at the download): exit 5, nothing sent after it, the register unchanged', async () => {
    const { ws, ids } = await registeredFiles(['a.pdf']);
    const itemId = graph.sp.upload('Policies', 'b.pdf', 'b v1', '2026-10-01T10:00:00Z');
    graph.sp.upload('Policies', 'a.pdf', 'a.pdf v2', '2026-11-20T10:00:00Z');
    const before = await recorded(ws);
    expire('/content');
    const cases: [string[], string][] = [
      [
        [
          ...[
            'register',
            '--site',
            SITE_URL,
            '--workspace',
            ws,
            '--item',
            itemId,
            '--drive',
            graph.sp.driveId,
          ],
          ...['--by', 'lena.fischer@harbormutual.example'],
        ],
        refused('evidence register', `GET content of ${itemId} version 1.0`, 'nothing was registered'),
      ],
      [
        [
          'confirm',
          '--workspace',
          ws,
          '--id',
          `ev-sharepoint-${ids[0]}`,
          '--by',
          'lena.fischer@harbormutual.example',
        ],
        refused('evidence confirm', `GET content of ${ids[0]} version 2.0`, 'nothing was confirmed'),
      ],
    ];
    for (const [args, line] of cases) {
      const sentBefore = graph.sp.requests.length;
      const result = await runCli(['sharepoint', 'evidence', ...args]);
      expect({ code: result.code, out: result.out, err: result.err.split('\n') }).toEqual({
        code: 5,
        out: '',
        err: [line],
      });
      const sent = graph.sp.requests.slice(sentBefore);
      expect(sent.at(-1)?.path).toMatch(/\/content$/);
      expect(sent.filter((r) => r.path.endsWith('/content'))).toHaveLength(1);
    }
    expect(await recorded(ws)).toEqual(before);
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  it('--help documents exit 5 for a refused token in every action', async () => {
    const help = (await runCli(['sharepoint', '--help'])).out.replace(/\s+/g, ' ');
    const general = help.slice(help.indexOf('Exit codes:'), help.indexOf('evidence check exits'));
    expect(general).toContain(
      '5 the credentials were refused (HTTP 401: wrong, expired or revoked): the command stopped at that request and sent nothing more with them',
    );
    expect(general).toContain(
      '(sync keeps what it saved before a refusal; list, register and confirm record nothing)',
    );
  });

  it('--help documents every exit code of evidence check', async () => {
    const help = await runCli(['sharepoint', '--help']);
    expect(help.code).toBe(0);
    const text = help.out.replace(/\s+/g, ' ');
    const codes = text.slice(text.indexOf('evidence check exits'));
    expect(codes).toContain('0 every item checked and fresh');
    expect(codes).toContain('1 some item not checked, every checked one fresh');
    expect(codes).toContain('3 every item checked, some superseded or missing');
    expect(codes).toContain('4 some superseded or missing and some not checked');
    expect(codes).toContain('5 the token was refused (401), the check stopped');
    expect(codes).toContain('2 nothing checked: no token, not a workspace, or a usage error');
  });

  it('evidence check without a token, or outside a workspace: exit 2, one line, nothing sent', async () => {
    const ws = await newWorkspace();
    delete process.env.AIMS_SHAREPOINT_TOKEN;
    const untokened = await runCli(['sharepoint', 'evidence', 'check', '--workspace', ws]);
    expect(untokened).toMatchObject({ code: 2, err: expect.stringContaining('set AIMS_SHAREPOINT_TOKEN') });
    process.env.AIMS_SHAREPOINT_TOKEN = TOKEN;
    const nowhere = await runCli(['sharepoint', 'evidence', 'check', '--workspace', join(ws, 'records')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.err.split('\n')).toHaveLength(1);
    expect(graph.sp.requests).toHaveLength(0);
  });

  it('an unknown action is a usage error', async () => {
    const result = await runCli(['sharepoint', 'evidence', 'delete']);
    expect(result).toMatchObject({
      code: 2,
      err: expect.stringContaining("unknown evidence action 'delete'"),
    });
  });
});
