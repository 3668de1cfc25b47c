// Two workspaces share one SharePoint inventory list: no update is lost, and a field both changed is
// reported as a conflict instead of being overwritten.
import { describe, expect, it } from 'vitest';
import { fakeSharePointServer } from '../../support/sharepoint-msw';
import { LIST, TWO_SYSTEMS, workspace } from './helpers';

const graph = fakeSharePointServer();

describe('two writers on one inventory item', () => {
  it('keeps both edits to different fields, and reports the field both edited as a conflict', async () => {
    const a = await workspace(TWO_SYSTEMS);
    const b = await workspace(TWO_SYSTEMS);
    const first = await a.sync();
    expect(first.listCreated).toBe(true);
    expect(first.created).toEqual(['sys-claims-triage', 'sys-support-assistant']);
    const joined = await b.sync();
    expect(joined.created).toEqual([]);
    expect(joined.conflicts).toEqual([]);
    expect(graph.sp.liveItems(LIST)).toHaveLength(2);

    // Round 1: A changes the owner, B the lifecycle stage of the same system.
    await a.edit('sys-claims-triage', { owner: 'lena@harbormutual.example' });
    await b.edit('sys-claims-triage', { lifecycleStage: 'retirement' });
    await a.sync();
    const bRound1 = await b.sync();
    expect(bRound1.pulled).toEqual([{ systemId: 'sys-claims-triage', fields: ['owner'] }]);
    expect(bRound1.pushed).toEqual([{ systemId: 'sys-claims-triage', fields: ['lifecycleStage'] }]);
    await a.sync();
    for (const ws of [a, b]) {
      const system = await ws.system('sys-claims-triage');
      expect(system.owner).toBe('lena@harbormutual.example');
      expect(system.lifecycleStage).toBe('retirement');
    }
    const item = graph.sp.itemBySystem(LIST, 'sys-claims-triage');
    expect(item.fields.SystemOwner).toBe('lena@harbormutual.example');
    expect(item.fields.LifecycleStage).toBe('retirement');

    // Round 2: both change the owner to different people.
    await a.edit('sys-claims-triage', { owner: 'omar@harbormutual.example' });
    await b.edit('sys-claims-triage', { owner: 'ravi@harbormutual.example' });
    expect((await a.sync()).conflicts).toEqual([]);
    const bRound2 = await b.sync();
    expect(bRound2.conflicts).toEqual([
      {
        systemId: 'sys-claims-triage',
        field: 'owner',
        base: 'lena@harbormutual.example',
        local: 'ravi@harbormutual.example',
        remote: 'omar@harbormutual.example',
      },
    ]);
    // Nobody's value was overwritten: SharePoint keeps A's, B's register keeps B's.
    expect(graph.sp.itemBySystem(LIST, 'sys-claims-triage').fields.SystemOwner).toBe(
      'omar@harbormutual.example',
    );
    expect((await b.system('sys-claims-triage')).owner).toBe('ravi@harbormutual.example');
    expect(b.store.current()?.conflicts).toMatchObject([{ systemId: 'sys-claims-triage', field: 'owner' }]);
    // The conflict stays until a person settles it; syncing again neither hides nor resolves it.
    expect((await b.sync()).conflicts).toHaveLength(1);
    expect(graph.sp.itemBySystem(LIST, 'sys-claims-triage').fields.SystemOwner).toBe(
      'omar@harbormutual.example',
    );
  });

  it('merges and rewrites after a 412 when the other writer lands between read and write', async () => {
    const fresh = graph.sp;
    const a = await workspace(TWO_SYSTEMS);
    const b = await workspace(TWO_SYSTEMS);
    await a.sync();
    await b.sync();
    await a.edit('sys-support-assistant', { riskOwner: 'ana@harbormutual.example' });
    await b.edit('sys-support-assistant', { name: 'Support assistant (web chat)' });
    // B has read the list; A's whole sync lands before B's write reaches SharePoint.
    fresh.beforeWrite = async () => {
      await a.sync();
    };
    const report = await b.sync();
    expect(report.retriedAfterConflict).toBe(1);
    const patches = fresh.requests.filter((r) => r.method === 'PATCH');
    expect(patches.every((p) => p.ifMatch?.startsWith('"'))).toBe(true);
    expect(patches.at(-2)?.ifMatch).not.toBe(patches.at(-1)?.ifMatch);
    const item = fresh.itemBySystem(LIST, 'sys-support-assistant');
    expect(item.fields.RiskOwner).toBe('ana@harbormutual.example');
    expect(item.fields.Title).toBe('Support assistant (web chat)');
    expect((await b.system('sys-support-assistant')).riskOwner).toBe('ana@harbormutual.example');
    await a.sync();
    expect((await a.system('sys-support-assistant')).name).toBe('Support assistant (web chat)');
  });
});
