// Listing a kind's record files on a worker thread (what large workspaces do while the caches are parsed)
// gives exactly what listing them here gives, and every promise of the snapshot cache still holds with it:
// an edit made by hand is seen, a file that cannot be stat'ed or is too large is named as before.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../connectors/local/workspace';
import {
  hasIdentity,
  identityAt,
  listKind,
  listKindsInBackground,
  restatMissing,
} from '../../../connectors/local/workspace/kind-listing';
import { SETTLE_MS } from '../../../connectors/local/workspace/record-cache';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model';
import { demoWorkspaces } from '../../support/demo-workspace';

const quiet = () => undefined;
const workspaces = demoWorkspaces('aims-listing-');

/** Every record of some kinds, read with the listing made here or on a worker thread. */
async function everything(ws: string, listInBackground: boolean, recordCache: 'use' | 'check' = 'use') {
  const kinds: RecordKind[] = ['ai-system', 'evidence', 'risk-assessment'];
  const register = await openWorkspace(ws, { log: quiet, recordCache, listInBackground, kinds });
  const out: Record<string, unknown[]> = {};
  for (const kind of kinds) out[kind] = await register.list(kind);
  return out;
}

const pause = () => new Promise((done) => setTimeout(done, SETTLE_MS + 100));

describe('listing record files on a worker thread', () => {
  it('gives the names and identities listing here gives: other files left out, missing and empty folders empty', async () => {
    const ws = workspaces.copy();
    writeFileSync(join(ws, 'records/evidence/notes.txt'), 'not a record');
    mkdirSync(join(ws, 'records/finding'), { recursive: true });
    const dirs = [
      ...RECORD_KINDS.map((kind) => join(ws, 'records', kind)),
      join(ws, 'records/finding'),
      join(ws, 'no-such-folder'),
    ];
    const background = await listKindsInBackground(dirs)();
    expect(background).toBeDefined();
    const here = dirs.map((dir) => listKind(dir));
    expect(background!.map((l) => l.names)).toEqual(here.map((l) => l.names));
    expect(background!.map((l) => [...l.identities])).toEqual(here.map((l) => [...l.identities]));
    const evidence = here[RECORD_KINDS.indexOf('evidence')]!;
    expect(evidence.names.length).toBeGreaterThan(5);
    expect(evidence.names).not.toContain('notes.txt');
    expect(evidence.names).toEqual([...evidence.names].sort());
    // Each identity is what statSync says of that file.
    evidence.names.forEach((name, i) => {
      const info = statSync(join(ws, 'records/evidence', name));
      expect(identityAt(evidence, i)).toEqual({
        dev: info.dev,
        ino: info.ino,
        size: info.size,
        mtimeMs: info.mtimeMs,
        ctimeMs: info.ctimeMs,
      });
      expect(hasIdentity(evidence, i, { ...identityAt(evidence, i), ctimeMs: info.ctimeMs + 1 })).toBe(false);
    });
  });

  it("a name that cannot be stat'ed (a dangling link) is left for this thread, which names the error as before", async () => {
    const ws = workspaces.copy();
    const dir = join(ws, 'records/evidence');
    symlinkSync(join(ws, 'nowhere.json'), join(dir, 'ev-dangling.json'));
    expect(() => listKind(dir)).toThrow(/ENOENT/);
    const [listing] = (await listKindsInBackground([dir])())!;
    const index = listing!.names.indexOf('ev-dangling.json');
    expect(index).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(identityAt(listing!, index).ino)).toBe(true);
    expect(() => restatMissing(listing!, index, join(dir, 'ev-dangling.json'))).toThrow(/ENOENT/);
    const here = await everything(ws, false).catch((error: Error) => error.message);
    const there = await everything(ws, true).catch((error: Error) => error.message);
    expect(here).toMatch(/ENOENT.*ev-dangling\.json/);
    expect(there).toBe(here);
  });

  it("shared with this thread chunk by chunk (help), the listing is the same: every file stat'ed once, a dangling link left NaN", async () => {
    const ws = workspaces.copy();
    // Enough files for several chunks in each folder, so both threads take some.
    const big = join(ws, 'records/evidence');
    for (let i = 0; i < 1500; i++)
      writeFileSync(join(big, `ev-bulk-${String(i).padStart(4, '0')}.json`), '{}');
    symlinkSync(join(ws, 'nowhere.json'), join(big, 'ev-dangling.json'));
    const dirs = [join(ws, 'records/ai-system'), big, join(ws, 'no-such-folder')];
    const shared = await listKindsInBackground(dirs, { help: true })();
    expect(shared).toBeDefined();
    const alone = await listKindsInBackground(dirs)();
    expect(shared!.map((l) => l.names)).toEqual(alone!.map((l) => l.names));
    expect(shared!.map((l) => [...l.identities])).toEqual(alone!.map((l) => [...l.identities]));
    const evidence = shared![1]!;
    expect(evidence.names.length).toBeGreaterThan(1500);
    const dangling = evidence.names.indexOf('ev-dangling.json');
    evidence.names.forEach((name, i) => {
      if (i === dangling) {
        expect(Number.isNaN(identityAt(evidence, i).ino)).toBe(true);
        return;
      }
      expect(identityAt(evidence, i).ino).toBe(statSync(join(big, name)).ino);
    });
    expect(() => restatMissing(evidence, dangling, join(big, 'ev-dangling.json'))).toThrow(/ENOENT/);
  });

  it('a record edited by hand keeping its size and mtime (touch -r) is seen; the records equal the files', async () => {
    const ws = workspaces.copy();
    await pause();
    const truth = await everything(ws, false, 'check');
    expect(await everything(ws, true)).toEqual(truth);
    await pause();
    // The second read comes from the cache, the worker's identities matching its entries.
    expect(await everything(ws, true)).toEqual(truth);
    const path = join(ws, 'records/ai-system/sys-claims-triage.json');
    const reference = `${workspaces.scratch('reference')}.json`;
    execFileSync('cp', ['-p', path, reference]);
    const text = readFileSync(path, 'utf8');
    const edited = text.replace('"name": "Claims triage"', '"name": "Claims triagE"');
    expect(edited.length).toBe(text.length);
    writeFileSync(path, edited);
    execFileSync('touch', ['-r', reference, path]);
    const seen = (await everything(ws, true))['ai-system'] as { id: string; name: string }[];
    expect(seen.find((s) => s.id === 'sys-claims-triage')?.name).toBe('Claims triagE');
    expect(await everything(ws, true)).toEqual(await everything(ws, false, 'check'));
  });

  it('a record file over the size limit is refused with its name, whichever thread listed it', async () => {
    const ws = workspaces.copy();
    const path = join(ws, 'records/evidence/ev-huge.json');
    writeFileSync(path, ' '.repeat(5 * 1024 * 1024 + 1));
    const here = await everything(ws, false).catch((error: Error) => error.message);
    const there = await everything(ws, true).catch((error: Error) => error.message);
    expect(here).toMatch(/records\/evidence\/ev-huge\.json: 5\.0 MB is over the 5 MB limit/);
    expect(there).toBe(here);
    rmSync(path);
    expect(await everything(ws, true)).toEqual(await everything(ws, false, 'check'));
  });
});
