// A file workspace reads only the kinds a command asks for; any other kind is read when first needed,
// straight from the record files, which stay the source of truth. Broken the ways a clumsy user, a second
// process or a crash would break it.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  WorkspaceError,
  cacheFile,
  openWorkspace,
  openWorkspaceForReading,
} from '../../../connectors/local/workspace';
import { draftOf } from '../../../shared/model';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const quiet = () => undefined;
const clock = () => '2026-11-29T10:00:00.000Z';
const workspaces = demoWorkspaces('aims-kinds-');
const copy = () => workspaces.copy();

const EVIDENCE = 'records/evidence/ev-ai-data-standard.json';
const today = ['--today', '2026-11-29'];

describe('reading a workspace kind by kind', () => {
  it('aims status never opens the evidence: a broken evidence file does not stop it, readiness names it', async () => {
    const ws = copy();
    const before = await runCli(['status', '--workspace', ws, ...today]);
    expect(before.code).toBe(0);
    rmSync(join(ws, '.cache'), { recursive: true, force: true });
    writeFileSync(join(ws, EVIDENCE), '{ not json');

    const after = await runCli(['status', '--workspace', ws, ...today]);
    expect(after.code).toBe(0);
    expect(after.out).toBe(before.out);
    // Its cache was neither read nor rebuilt; the kinds status reads were.
    expect(existsSync(cacheFile(ws, 'evidence'))).toBe(false);
    expect(existsSync(cacheFile(ws, 'ai-system'))).toBe(true);

    const readiness = await runCli(['readiness', '--workspace', ws, ...today]);
    expect(readiness.code).toBe(2);
    expect(readiness.err).toContain(EVIDENCE);
  });

  it('aims scan --workspace reads the inventory and only the evidence items its files map to', async () => {
    const ws = copy();
    rmSync(join(ws, '.cache'), { recursive: true, force: true });
    // An unrelated evidence file broken by hand: the scan has no reason to read it.
    writeFileSync(join(ws, EVIDENCE), '{ not json');
    const tree = workspaces.scratch('tree');
    mkdirSync(tree);
    writeFileSync(
      join(tree, 'app.py'),
      'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n',
    );
    const first = await runCli(['scan', tree, '--workspace', ws]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Workspace: 1 new .* 1 evidence item\(s\) recorded/);
    const again = await runCli(['scan', tree, '--workspace', ws]);
    expect(again.out).toContain(
      '0 new (awaiting review), 0 updated, 0 vanished, 0 evidence item(s) recorded',
    );
    expect(existsSync(cacheFile(ws, 'evidence'))).toBe(false);
    expect(existsSync(cacheFile(ws, 'ai-system'))).toBe(true);
  });

  it('a snapshot that read one kind gives every other kind from the files when asked, hand edits included', async () => {
    const ws = copy();
    const path = join(ws, EVIDENCE);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"pinnedVersion": "1.4"', '"pinnedVersion": "1.5"'),
    );
    const extra = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(ws, 'records/evidence/ev-by-hand.json'),
      JSON.stringify({ ...extra, id: 'ev-by-hand' }),
    );
    rmSync(join(ws, 'records/evidence/ev-ai-policy-2-0.json'));

    const { snapshot } = await openWorkspaceForReading(ws, { log: quiet, kinds: ['ai-system'] });
    const full = await loadSnapshot(await openWorkspace(ws, { log: quiet, recordCache: 'check' }));
    expect(snapshot).toEqual(full);
    const ids = snapshot.evidence.map((e) => e.id);
    expect(ids).toContain('ev-by-hand');
    expect(ids).not.toContain('ev-ai-policy-2-0');
    expect(snapshot.evidence.find((e) => e.id === 'ev-ai-data-standard')?.pinnedVersion).toBe('1.5');
  });

  it('a kind read late, after another process committed, is refused rather than mixed with older records', async () => {
    const ws = copy();
    const { snapshot } = await openWorkspaceForReading(ws, { log: quiet, kinds: ['ai-system'] });
    const writer = await openWorkspace(ws, { log: quiet, clock });
    const item = await writer.require('evidence', 'ev-ai-data-standard');
    await writer.transact({ actor: 'bob', cause: 'meanwhile' }, (tx) =>
      tx.put('evidence', { ...draftOf(item), title: 'Changed meanwhile' }),
    );
    expect(() => snapshot.evidence).toThrow(WorkspaceError);
    expect(() => snapshot.evidence).toThrow(/another process changed the workspace .*run the command again/);
  });

  it('register reads of a kind not read yet, after another commit, reread everything under the lock', async () => {
    const ws = copy();
    const reader = await openWorkspace(ws, { log: quiet, kinds: ['trigger'] });
    const writer = await openWorkspace(ws, { log: quiet, clock });
    const system = await writer.require('ai-system', 'sys-claims-triage');
    const item = await writer.require('evidence', 'ev-ai-data-standard');
    await writer.transact({ actor: 'bob', cause: 'meanwhile' }, async (tx) => {
      await tx.put('ai-system', { ...draftOf(system), name: 'Renamed meanwhile' });
      await tx.put('evidence', { ...draftOf(item), title: 'Changed meanwhile' });
    });
    expect((await reader.get('evidence', 'ev-ai-data-standard'))?.title).toBe('Changed meanwhile');
    expect((await reader.list('ai-system')).find((s) => s.id === 'sys-claims-triage')?.name).toBe(
      'Renamed meanwhile',
    );
    expect((await reader.verify()).ok).toBe(true);
  });

  it('one record by id comes from its own file: edited, missing, broken or hostile ids', async () => {
    const ws = copy();
    const register = await openWorkspace(ws, { log: quiet, kinds: ['ai-system'] });
    const path = join(ws, EVIDENCE);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"pinnedVersion": "1.4"', '"pinnedVersion": "9.9"'),
    );
    expect((await register.get('evidence', 'ev-ai-data-standard'))?.pinnedVersion).toBe('9.9');
    expect(await register.get('evidence', 'ev-nowhere')).toBeUndefined();
    for (const hostile of ['../ai-system/sys-claims-triage', 'a/b', '', '.', '..', 'x\u0000y']) {
      expect(await register.get('evidence', hostile)).toBeUndefined();
    }
    writeFileSync(path, '[]');
    await expect(register.get('evidence', 'ev-ai-data-standard')).rejects.toThrow(EVIDENCE);
  });

  it('writes to a kind not read yet land in the files and in later reads; the chain still verifies', async () => {
    const ws = copy();
    const register = await openWorkspace(ws, { log: quiet, clock, kinds: ['ai-system'] });
    const item = await register.require('evidence', 'ev-ai-data-standard');
    await register.transact({ actor: 'bob', cause: 'edit' }, async (tx) => {
      await tx.put('evidence', { ...draftOf(item), title: 'Edited through a partial read' });
      await tx.remove('evidence', 'ev-ai-policy-2-0');
    });
    const evidence = await register.list('evidence');
    expect(evidence.find((e) => e.id === 'ev-ai-data-standard')?.title).toBe('Edited through a partial read');
    expect(evidence.map((e) => e.id)).not.toContain('ev-ai-policy-2-0');
    expect(JSON.parse(readFileSync(join(ws, EVIDENCE), 'utf8'))).toMatchObject({
      title: 'Edited through a partial read',
      revision: item.revision + 1,
    });
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });
});
