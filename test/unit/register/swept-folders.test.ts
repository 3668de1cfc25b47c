// Recovery's look for temp files skips a record folder whose identity is the one it had when last found
// with none (.cache/swept.json). Broken the ways a user or a forger would: a temp file dropped in by hand
// with the folder's times put back (touch -r), a record file of garbage, one naming another folder, one
// forged to the folder's current identity.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../connectors/local/workspace';
import { folderIdentity } from '../../../connectors/local/workspace/kind-listing';
import { SETTLE_MS } from '../../../connectors/local/workspace/record-cache';
import { demoWorkspaces } from '../../support/demo-workspace';

const workspaces = demoWorkspaces('aims-swept-');
const TEMP = 'records/ai-system/.sys-other.json.abcdefabcdef.tmp';
const DISCARDED =
  'discarded an interrupted transaction that had not committed (removed 1 unfinished file(s))';
const settleTime = () => new Promise((done) => setTimeout(done, SETTLE_MS + 100));
const sweptOf = (ws: string) =>
  JSON.parse(readFileSync(join(ws, '.cache/swept.json'), 'utf8')) as {
    root: string;
    folders: Record<string, string>;
  };

/** Opens the workspace and returns what it said. */
async function open(ws: string): Promise<string[]> {
  const said: string[] = [];
  await openWorkspace(ws, { log: (l) => said.push(l) });
  return said;
}

describe('record folders found clean', () => {
  it('are recorded only once settled, by their identity', async () => {
    const ws = workspaces.copy();
    // Just copied: every folder changed within the settle time, so none is recorded yet.
    expect(await open(ws)).toEqual([]);
    expect(existsSync(join(ws, '.cache/swept.json'))).toBe(false);
    await settleTime();
    expect(await open(ws)).toEqual([]);
    const { folders } = sweptOf(ws);
    expect(Object.keys(folders)).toEqual(readdirSync(join(ws, 'records')).map((k) => `records/${k}`));
    expect(folders['records/ai-system']).toBe(folderIdentity(join(ws, 'records/ai-system')));
  });

  it('a temp file dropped in by hand, the folder times put back (touch -r), is still found and swept', async () => {
    const ws = workspaces.copy();
    await settleTime();
    await open(ws);
    const dir = join(ws, 'records/ai-system');
    expect(sweptOf(ws).folders['records/ai-system']).toBeDefined();
    const reference = workspaces.scratch('reference');
    mkdirSync(reference);
    execFileSync('touch', ['-r', dir, reference]);
    writeFileSync(join(ws, TEMP), '{}');
    execFileSync('touch', ['-r', reference, dir]);
    expect(statSync(dir).mtimeMs).toBe(statSync(reference).mtimeMs);
    expect(await open(ws)).toEqual([`${ws}: ${DISCARDED}`]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a record of garbage, of the wrong shape, or naming another workspace folder is not used: the folders are listed', async () => {
    const ws = workspaces.copy();
    await settleTime();
    await open(ws);
    const stamp = sweptOf(ws);
    const dir = join(ws, 'records/ai-system');
    for (const record of [
      () => 'not json',
      () => JSON.stringify({ root: stamp.root, folders: null }),
      () => JSON.stringify({ root: stamp.root, folders: { 'records/ai-system': 12 } }),
      // Made to claim the folder as it is now (temp file and all), but for another workspace folder.
      () => JSON.stringify({ root: '/elsewhere', folders: { 'records/ai-system': folderIdentity(dir) } }),
    ]) {
      writeFileSync(join(ws, TEMP), '{}');
      writeFileSync(join(ws, '.cache/swept.json'), record());
      expect(await open(ws)).toEqual([`${ws}: ${DISCARDED}`]);
    }
  });

  it('the threat it accepts: a record forged to a folder identity leaves a temp file unswept, never read as a record', async () => {
    const ws = workspaces.copy();
    await settleTime();
    await open(ws);
    writeFileSync(join(ws, TEMP), '{"half":');
    const forged = sweptOf(ws);
    forged.folders['records/ai-system'] = folderIdentity(join(ws, 'records/ai-system'))!;
    writeFileSync(join(ws, '.cache/swept.json'), JSON.stringify(forged));
    await settleTime();
    const said: string[] = [];
    const register = await openWorkspace(ws, { log: (l) => said.push(l) });
    expect(said).toEqual([]);
    expect((await register.verify()).ok).toBe(true);
    expect((await register.list('ai-system')).map((s) => s.id)).not.toContain('sys-other');
    // Any later change to the folder (a commit, a file added or removed) makes it listed again.
    writeFileSync(join(ws, 'records/ai-system/.other.json.0123456789ab.tmp'), '');
    expect(await open(ws)).toEqual([
      `${ws}: discarded an interrupted transaction that had not committed (removed 2 unfinished file(s))`,
    ]);
  });
});
