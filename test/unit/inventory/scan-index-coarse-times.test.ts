// The scan index on a file system whose timestamps tick in steps of 2 s (FAT and exFAT, as a USB stick or
// a shared drive may be): a system record rewritten in place while the index is being refreshed, within
// the same tick as the edit before it, keeps its identity (same inode, size and times). The index must not
// then claim the file's older content under that identity: its settle rule has to be measured from a time
// no later than the stats, not from when the index is written after a slow read.
import type * as Fs from 'node:fs';
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeTarget } from '../../../connectors/local/git';
import { prepareMerge } from '../../../connectors/local/inventory-sync';
import { scanDirectory } from '../../../connectors/local/scan';
import {
  SCAN_INDEX_FILE,
  fileNameForId,
  SETTLE_MS,
  openScanIndex,
  openWorkspace,
  readIndexedMergeInputs,
  refreshScanIndex,
} from '../../../connectors/local/workspace';
import { DEFAULT_MAX_BYTES } from '../../../shared/discovery/limits';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

/** Paths under this folder get times as a 2-second file system keeps them (rounded down to even seconds). */
const coarse = { under: '' };
/** A file whose next read rewrites it (after the read) and then takes `slowMs` more, as a long read would. */
const armed: { path: string; edit: () => void; slowMs: number; done: boolean }[] = [];

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const tick = (ms: number) => Math.floor(ms / 2000) * 2000;
  const statSync = ((path: string, options?: object) => {
    const info = fs.statSync(path, options);
    if (info && coarse.under && typeof path === 'string' && path.startsWith(coarse.under)) {
      Object.assign(info, { mtimeMs: tick(info.mtimeMs), ctimeMs: tick(info.ctimeMs) });
    }
    return info;
  }) as typeof Fs.statSync;
  const readFileSync = ((path: Fs.PathOrFileDescriptor, options?: object) => {
    const read = fs.readFileSync(path, options);
    for (const a of armed) {
      if (!a.done && a.path === path) {
        a.done = true;
        a.edit();
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, a.slowMs);
      }
    }
    return read;
  }) as typeof Fs.readFileSync;
  const mocked = { statSync, readFileSync };
  return { ...fs, ...mocked, default: { ...fs, ...mocked } };
});

const workspaces = demoWorkspaces('aims-scan-index-ticks-');
const CORPUS = join(import.meta.dirname, '../../fixtures/corpus');
const quiet = () => undefined;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Rewrites a file in place with the first letter of its purpose changed: same inode, same size. */
function editInPlace(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  const edited = text.replace(`"purpose": "${from}`, `"purpose": "${to}`);
  expect(edited).not.toBe(text);
  writeFileSync(path, edited);
}

describe('the scan index on a file system with 2-second timestamps', () => {
  it('a system rewritten within the tick of its last edit while the index is refreshed is read as it now is', async () => {
    const tree = workspaces.scratch('tree');
    cpSync(join(CORPUS, 'agents-langchain-rag-guardrails'), tree, { recursive: true });
    const ws = workspaces.copy();
    expect((await runCli(['scan', tree, '--workspace', ws])).code).toBe(0);
    rmSync(join(ws, SCAN_INDEX_FILE), { force: true });
    const report = await scanDirectory(tree, { maxBytes: DEFAULT_MAX_BYTES, target: tree });
    const prepared = await prepareMerge(report, await describeTarget(tree), new Date());
    const ask = { ...prepared.concerns, evidenceIds: prepared.evidenceIds };
    // A system the scan concerns: the index keeps its record whole.
    const register = await openWorkspace(ws, { log: quiet });
    const system = (await register.list('ai-system')).find((s) =>
      s.sources.some((l) => prepared.concerns.urls.has(l.url)),
    );
    expect(system).toBeDefined();
    const path = join(ws, 'records/ai-system', fileNameForId(system!.id));
    const first = system!.purpose.slice(0, 1);
    const other = first === 'X' ? 'Y' : 'X';
    coarse.under = ws;
    const identity = () => {
      const { ino, size, mtimeMs, ctimeMs } = statSync(path);
      return [ino, size, mtimeMs, ctimeMs];
    };
    // Once first, so the refresh's own modules are loaded and it reads as fast as it will.
    await refreshScanIndex(ws, ask, { log: quiet });
    rmSync(join(ws, SCAN_INDEX_FILE), { force: true });
    await sleep(SETTLE_MS + 100);
    // Tried until the rewrite lands in the same tick as the edit before it (the case in question).
    let sameTick = false;
    let wrote = false;
    for (let attempt = 0; attempt < 8 && !sameTick; attempt++) {
      // Everything settled, then the first edit early in a 2-second tick.
      while (Date.now() % 2000 > 100) await sleep(5);
      editInPlace(path, first, other);
      const before = identity();
      // Read by the refresh; rewritten right after, then 2.1 s pass (a slow read) before the index is written.
      const hook = {
        path,
        edit: () => {
          editInPlace(path, other, 'Z');
          sameTick = JSON.stringify(identity()) === JSON.stringify(before);
        },
        slowMs: SETTLE_MS + 100,
        done: false,
      };
      armed.push(hook);
      wrote = await refreshScanIndex(ws, ask, { log: quiet });
      armed.length = 0;
      expect(hook.done, 'the file was rewritten while the refresh read it').toBe(true);
      if (!sameTick) editInPlace(path, 'Z', first);
    }
    expect(sameTick, "the rewrite kept the identity the refresh stat'ed").toBe(true);

    const truth = await openWorkspace(ws, { log: quiet });
    expect((await truth.require('ai-system', system!.id)).purpose.slice(0, 1)).toBe('Z');
    // An index, when one was written and is usable, gives what a full read gives.
    const index = openScanIndex(ws);
    if (index) {
      const read = await readIndexedMergeInputs(index, ask);
      const all = await truth.list('ai-system');
      const { urls, ids } = prepared.concerns;
      expect(read?.systems).toEqual(
        all.filter((s) => ids.has(s.id) || s.sources.some((l) => urls.has(l.url))),
      );
    }
    // Refreshed within 2 s of the file's last change as the stats saw it: nothing may be trusted yet.
    expect(wrote).toBe(false);
  }, 90_000);
});
