import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SCAN_INDEX_FILE,
  SETTLE_MS,
  initWorkspace,
  openWorkspace,
} from '../../../connectors/local/workspace';
import { runCli } from '../../support/cli';
import { OPENAI_APP, commitAll, git, initRepo, tempDir, writeTree } from './support';

const NOW = '2026-11-28T09:00:00.000Z';

/** Every file under a folder with its size, times and content hash: what "nothing was written" compares. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const info = statSync(join(dir, name));
    if (info.isDirectory()) continue;
    const sha = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex');
    out[name] = `${info.size} ${info.mtimeMs} ${info.ctimeMs} ${info.ino} ${sha}`;
  }
  return out;
}

async function setup() {
  const root = tempDir('inv');
  initRepo(root);
  writeTree(root, {
    'apps/bot/main.py': OPENAI_APP('gpt-4o'),
    'apps/bot/requirements.txt': 'openai==1.40.0\n',
    'apps/tagger/requirements.txt': 'anthropic==0.40.0\n',
    'apps/tagger/tag.py':
      'import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model="claude-sonnet-4-20250514", max_tokens=10, messages=[])\n',
  });
  const sha = commitAll(root, 'initial');
  const ws = join(tempDir('ws'), 'ws');
  await initWorkspace(ws);
  return { root, ws, sha };
}

describe('aims scan --workspace', () => {
  it('enters new systems as discovered-unreviewed and out of scope, with pinned evidence', async () => {
    const { root, ws, sha } = await setup();
    const result = await runCli(['scan', root, '--workspace', ws], { now: NOW });
    expect(result.code).toBe(0);
    expect(result.out).toContain('Workspace: 2 new (awaiting review), 0 updated, 0 vanished');

    const register = await openWorkspace(ws);
    const systems = await register.list('ai-system');
    expect(systems.map((s) => s.discoveryRoot)).toEqual(['apps/bot', 'apps/tagger']);
    for (const system of systems) {
      expect(system.inventoryState).toBe('discovered-unreviewed');
      expect(system.inScope).toBe(false);
      expect(system.scopeJustification).toBe('awaiting review');
      expect(system.createdBy).toBe('aims-scan');
      expect(system.lastSeen).toBe('2026-11-28');
    }
    const bot = systems.find((s) => s.discoveryRoot === 'apps/bot');
    expect(bot?.components).toContainEqual(
      expect.objectContaining({ kind: 'model', id: 'gpt-4o', provider: 'openai', pinning: 'floating' }),
    );
    expect(bot?.components).toContainEqual({ kind: 'provider', id: 'openai' });

    const evidence = await register.list('evidence');
    const main = evidence.find((e) => e.title.includes('apps/bot/main.py'));
    expect(main).toMatchObject({
      sourceTool: 'local',
      pinnedVersion: sha,
      contentHash: createHash('sha256')
        .update(readFileSync(join(root, 'apps/bot/main.py')))
        .digest('hex'),
      systemIds: [bot?.id],
    });
    const events = await register.events();
    expect(events.every((e) => e.actor === 'aims-scan')).toBe(true);
    expect(events[0]?.cause).toContain(sha);
  });

  it('writes nothing when an unchanged tree is scanned again: no file added, removed or touched', async () => {
    const { root, ws } = await setup();
    await runCli(['scan', root, '--workspace', ws], { now: NOW });
    const before = (await (await openWorkspace(ws)).events()).length;
    // A workspace at rest: its snapshot cache holds entries older than the settle time.
    await new Promise((done) => setTimeout(done, SETTLE_MS + 200));
    expect((await runCli(['status', '--workspace', ws, '--today', '2026-11-28'])).code).toBe(0);
    const files = filesOf(ws);
    const again = await runCli(['scan', root, '--workspace', ws], { now: '2026-11-28T15:00:00.000Z' });
    expect(again.out).toContain('Workspace: 0 new (awaiting review), 0 updated, 0 vanished, 0 evidence');
    // The first scan at rest derives the scan index (see the register documentation); nothing else changes.
    const { [SCAN_INDEX_FILE]: index, ...rest } = filesOf(ws);
    expect(index).toBeDefined();
    expect(rest).toEqual(files);
    const indexed = filesOf(ws);
    const third = await runCli(['scan', root, '--workspace', ws], { now: '2026-11-28T16:00:00.000Z' });
    expect(third.out).toBe(again.out);
    expect(filesOf(ws)).toEqual(indexed);
    expect((await (await openWorkspace(ws)).events()).length).toBe(before);
  });

  it('updates components of a known system and keeps its review', async () => {
    const { root, ws } = await setup();
    await runCli(['scan', root, '--workspace', ws], { now: NOW });
    const register = await openWorkspace(ws);
    const bot = (await register.list('ai-system')).find((s) => s.discoveryRoot === 'apps/bot');
    if (!bot) throw new Error('bot not found');
    await register.transact({ actor: 'alice', cause: 'review' }, (tx) =>
      tx.put('ai-system', {
        ...bot,
        inventoryState: 'confirmed',
        inScope: true,
        scopeJustification: 'customer facing',
      }),
    );
    writeTree(root, { 'apps/bot/main.py': OPENAI_APP('gpt-4.1') });
    const result = await runCli(['scan', root, '--workspace', ws], { now: NOW });
    expect(result.out).toContain('0 new (awaiting review), 1 updated, 0 vanished, 1 evidence');
    const updated = await (await openWorkspace(ws)).require('ai-system', bot.id);
    expect(updated.inventoryState).toBe('confirmed');
    expect(updated.inScope).toBe(true);
    expect(updated.components.filter((c) => c.kind === 'model').map((c) => c.id)).toEqual(['gpt-4.1']);
  });

  it('marks a system that is no longer found as vanished instead of deleting it', async () => {
    const { root, ws } = await setup();
    await runCli(['scan', root, '--workspace', ws], { now: NOW });
    rmSync(join(root, 'apps/tagger'), { recursive: true });
    git(root, 'commit', '-qam', 'drop tagger');
    const result = await runCli(['scan', root, '--workspace', ws], { now: NOW });
    expect(result.out).toContain('0 new (awaiting review), 0 updated, 1 vanished');
    const register = await openWorkspace(ws);
    const tagger = (await register.list('ai-system')).find((s) => s.discoveryRoot === 'apps/tagger');
    expect(tagger?.inventoryState).toBe('vanished');
    const transition = (await register.events()).find(
      (e) => e.recordId === tagger?.id && e.action === 'transition',
    );
    expect(transition?.actor).toBe('aims-scan');
  });

  it('does not vanish systems outside the scanned folder', async () => {
    const { root, ws } = await setup();
    await runCli(['scan', root, '--workspace', ws], { now: NOW });
    const result = await runCli(['scan', join(root, 'apps/bot'), '--workspace', ws], { now: NOW });
    expect(result.out).toContain('0 vanished');
    const systems = await (await openWorkspace(ws)).list('ai-system');
    expect(systems.map((s) => s.inventoryState)).toEqual(['discovered-unreviewed', 'discovered-unreviewed']);
  });

  it("pins evidence to 'worktree' outside git", async () => {
    const root = tempDir('plain');
    writeTree(root, { 'main.py': OPENAI_APP('gpt-4o') });
    const ws = join(tempDir('ws'), 'ws');
    await initWorkspace(ws);
    await runCli(['scan', root, '--workspace', ws, '--format', 'json'], { now: NOW });
    const evidence = await (await openWorkspace(ws)).list('evidence');
    expect(evidence.map((e) => e.pinnedVersion)).toEqual(['worktree']);
    expect(evidence[0]?.url).toMatch(/^file:\/\//);
  });
});
