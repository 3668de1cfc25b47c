// A record file deleted while a read command runs (after its folder was listed, before the file was stat'ed
// or opened): the command shows the workspace without that record, as a run started a moment later would,
// rather than stopping on the file system's ENOENT. A dangling link is not a deletion: it is still reported
// (kind-listing.test.ts).
import type * as Fs from 'node:fs';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

/** Paths to delete just before this process next stats (`stat`) or opens (`open`) them. */
const doomed = { stat: new Set<string>(), open: new Set<string>() };

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const strike = (when: Set<string>, path: unknown) => {
    if (typeof path === 'string' && when.delete(path)) fs.rmSync(path);
  };
  const statSync = ((path: string, options?: object) => {
    strike(doomed.stat, path);
    return fs.statSync(path, options);
  }) as typeof Fs.statSync;
  const openSync = ((path: string, flags?: Fs.OpenMode, mode?: Fs.Mode) => {
    strike(doomed.open, path);
    return fs.openSync(path, flags ?? 'r', mode);
  }) as typeof Fs.openSync;
  return { ...fs, statSync, openSync, default: { ...fs, statSync, openSync } };
});

const workspaces = demoWorkspaces('deleted-during-read');
const TODAY = '2026-11-29';
const COMMANDS = [
  ['readiness', '--today', TODAY],
  ['soa'],
  ['calendar', '--today', TODAY],
  ['status'],
] as const;

const run = (ws: string, command: readonly string[]) => runCli([...command, '--workspace', ws]);

describe('a record file deleted while a read command runs', () => {
  for (const kind of ['evidence', 'ai-system'] as const) {
    // With warm caches an unchanged file is stat'ed but never opened: only its stat can race.
    for (const [when, warm] of [
      ['stat', false],
      ['open', false],
      ['stat', true],
    ] as const) {
      {
        it(`${kind}, deleted before its ${when}${warm ? ', caches warm' : ''}: the workspace as without it`, async () => {
          // `status` reads no evidence: nothing of it to delete while it runs.
          for (const command of COMMANDS.filter((c) => kind !== 'evidence' || c[0] !== 'status')) {
            const ws = workspaces.copy();
            const dir = join(ws, 'records', kind);
            const name = readdirSync(dir)
              .filter((n) => n.endsWith('.json'))
              .sort()[0]!;
            const before = workspaces.copy();
            rmSync(join(before, 'records', kind, name));
            if (warm) expect((await run(ws, command)).code).toBe(0);
            doomed[when].add(join(dir, name));
            const during = await run(ws, command);
            const planned = doomed[when].size === 0;
            doomed[when].clear();
            const deletedFirst = await run(before, command);
            expect(planned, `${command[0]} deleted the file while it ran`).toBe(true);
            expect(during.err).not.toMatch(/ENOENT/);
            expect({ code: during.code, out: during.out }).toEqual({
              code: deletedFirst.code,
              out: deletedFirst.out,
            });
            // And the next run, with the file gone for good, agrees too (no cache left claiming it).
            const after = await run(ws, command);
            expect({ code: after.code, out: after.out }).toEqual({
              code: deletedFirst.code,
              out: deletedFirst.out,
            });
          }
        }, 60_000);
      }
    }
  }
});
