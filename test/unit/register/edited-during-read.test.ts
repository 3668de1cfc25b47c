// A record file edited in place, same size and times kept, after the early listing's worker stat'ed it and
// while the command reads it (just before it is opened, or just after it was read): the run may show the
// file either way, as any read racing a writer, but the snapshot cache must not keep the older content
// under the newer identity. The next run shows the edit, and `aims verify` finds the cache agreeing with
// every file. The demo's folders are small, so the file system reports the two kind folders as large:
// that is what makes `readiness`, `soa` and `calendar` list them on a worker before they load.
import type * as Fs from 'node:fs';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as Listing from '../../../connectors/local/workspace/kind-listing';
import { SETTLE_MS } from '../../../connectors/local/workspace/record-cache';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

/** An edit to make on this thread's next `open` of a path (before it), or on its `close` (after the read). */
const armed: { when: 'open' | 'close'; path: string; edit: () => void; done: boolean }[] = [];
/** Whether the workspace adopted the early listing, each time it was asked (reset per run). */
const adoptions: boolean[] = [];

const LARGE = /\/records\/(evidence|ai-system)$/;

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const open = new Map<number, string>();
  const fire = (when: 'open' | 'close', path: string | undefined) => {
    for (const a of armed) {
      if (!a.done && a.when === when && a.path === path) {
        a.done = true;
        a.edit();
      }
    }
  };
  const statSync = ((path: string, options?: object) => {
    const info = fs.statSync(path, options);
    // Over the 128 KiB at which a kind folder is listed on a worker thread.
    if (typeof path === 'string' && LARGE.test(path) && info) Object.assign(info, { size: 1 << 20 });
    return info;
  }) as typeof Fs.statSync;
  const openSync = ((path: string, flags?: Fs.OpenMode, mode?: Fs.Mode) => {
    fire('open', path);
    const fd = fs.openSync(path, flags ?? 'r', mode);
    open.set(fd, path);
    return fd;
  }) as typeof Fs.openSync;
  const closeSync = ((fd: number) => {
    fs.closeSync(fd);
    fire('close', open.get(fd));
    open.delete(fd);
  }) as typeof Fs.closeSync;
  const mocked = { statSync, openSync, closeSync };
  return { ...fs, ...mocked, default: { ...fs, ...mocked } };
});

vi.mock('../../../connectors/local/workspace/kind-listing', async (importOriginal) => {
  const real = await importOriginal<typeof Listing>();
  return {
    ...real,
    adoptListing: (...args: Parameters<typeof real.adoptListing>) => {
      const adopted = real.adoptListing(...args);
      adoptions.push(adopted !== undefined);
      return adopted;
    },
  };
});

const workspaces = demoWorkspaces('edited-during-read');
const TODAY = '2026-11-29';
const COMMANDS = [['readiness', '--today', TODAY], ['soa'], ['calendar', '--today', TODAY]] as const;
/** Same-size edits each command shows: a system's name; an evidence item's capture year and a control. */
const EDITS = {
  'ai-system': {
    file: 'sys-claims-triage.json',
    edit: (t: string) => t.replace('"name": "Claims triage"', '"name": "Claims triagE"'),
  },
  evidence: {
    file: 'ev-ai-data-standard.json',
    edit: (t: string) =>
      t.replace('"capturedAt": "2026-10-15', '"capturedAt": "2025-10-15').replace('"A.7.6"', '"A.9.4"'),
  },
} as const;
const pause = () => new Promise((done) => setTimeout(done, SETTLE_MS + 100));

const run = (ws: string, command: readonly string[]) => runCli([...command, '--workspace', ws]);

/** Rewrites a file in place (same inode) with `edit`, its size and access/modification times kept. */
function editInPlace(path: string, edit: (text: string) => string): void {
  const { atime, mtime } = statSync(path);
  const text = readFileSync(path, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  expect(edited.length).toBe(text.length);
  writeFileSync(path, edited);
  utimesSync(path, atime, mtime);
}

interface Case {
  kind: keyof typeof EDITS;
  command: readonly string[];
  when: 'open' | 'close';
  warm: boolean;
  ws: string;
  path: string;
}

describe('a record file edited in place between the early listing and its read', () => {
  it('never leaves the older content in the cache under the newer identity', async () => {
    const cases: Case[] = [];
    for (const kind of ['evidence', 'ai-system'] as const) {
      for (const command of COMMANDS) {
        for (const when of ['open', 'close'] as const) {
          for (const warm of [false, true]) {
            const ws = workspaces.copy();
            cases.push({ kind, command, when, warm, ws, path: join(ws, 'records', kind, EDITS[kind].file) });
          }
        }
      }
    }
    // What each command shows before the edit, and with it made first (no cache in either).
    const outputs = new Map<string, { before: string; after: string }>();
    for (const kind of Object.keys(EDITS) as (keyof typeof EDITS)[]) {
      const before = workspaces.copy();
      const after = workspaces.copy();
      editInPlace(join(after, 'records', kind, EDITS[kind].file), EDITS[kind].edit);
      for (const command of COMMANDS) {
        for (const ws of [before, after]) rmSync(join(ws, '.cache'), { recursive: true, force: true });
        const [b, a] = [await run(before, command), await run(after, command)];
        expect([b.code, a.code]).toEqual([0, 0]);
        outputs.set(`${kind} ${command[0]}`, { before: b.out, after: a.out });
      }
    }
    // Each command shows one edit at least: the system's name in readiness and the calendar, the evidence
    // item's staleness in the calendar and its control in the SoA.
    for (const command of COMMANDS) {
      const shown = Object.keys(EDITS).filter((kind) => {
        const { before, after } = outputs.get(`${kind} ${command[0]}`)!;
        return after !== before;
      });
      expect(shown.length, command[0]).toBeGreaterThan(0);
    }
    // Warm: a cache holding the file, whose identity then changes (a touch, content kept) long enough
    // before the run for the folder and the file to have settled, so the file is read and its entry written.
    for (const c of cases) {
      if (c.warm) expect((await run(c.ws, c.command)).code).toBe(0);
      else rmSync(join(c.ws, '.cache'), { recursive: true, force: true });
    }
    for (const c of cases) if (c.warm) utimesSync(c.path, new Date(), new Date());
    await pause();

    for (const c of cases) {
      const label = `${c.kind}, ${c.command[0]}, edited ${c.when === 'open' ? 'before its open' : 'after its read'}${c.warm ? ', cache warm' : ''}`;
      const { before, after } = outputs.get(`${c.kind} ${c.command[0]}`)!;
      const hook = {
        when: c.when,
        path: c.path,
        edit: () => editInPlace(c.path, EDITS[c.kind].edit),
        done: false,
      };
      armed.push(hook);
      adoptions.length = 0;
      const during = await run(c.ws, c.command);
      armed.splice(armed.indexOf(hook), 1);
      expect(hook.done, `${label}: the file was edited while the command read it`).toBe(true);
      expect(adoptions, `${label}: the early listing was adopted`).toEqual([true]);
      expect(during.code, label).toBe(0);
      // This run may show either: it read the file while it was being written.
      expect([before, after], label).toContain(during.out);
      // The next run shows the edit, and the cache agrees with every file it claims to match.
      const next = await run(c.ws, c.command);
      expect({ code: next.code, out: next.out }, label).toEqual({ code: 0, out: after });
      const verify = await runCli(['verify', '--workspace', c.ws]);
      expect(verify.out, label).not.toMatch(/CACHE-DISAGREES/);
    }
  }, 120_000);
});
