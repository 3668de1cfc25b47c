// A listing started before the workspace is opened (what `aims readiness` does while its modules load) is
// adopted only for the same folders, unchanged since; the records read through it are the records on disk,
// and a change made after it started is still seen. Bad --workspace values fail as they always did.
import { readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../connectors/local/workspace';
import {
  adoptListing,
  dropPrestarted,
  listKind,
  prestartListing,
} from '../../../connectors/local/workspace/kind-listing';
import { SETTLE_MS } from '../../../connectors/local/workspace/record-cache';
import type { RecordKind } from '../../../shared/model';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const quiet = () => undefined;
const workspaces = demoWorkspaces('aims-prestart-');
const KINDS: RecordKind[] = ['ai-system', 'evidence', 'risk-assessment'];
/** The demo's folders are small: these three stand for a large workspace's large folders. */
const large = (dir: string) => KINDS.some((kind) => dir.endsWith(`/records/${kind}`));
const dirsOf = (ws: string) => KINDS.map((kind) => join(ws, 'records', kind));
const pause = () => new Promise((done) => setTimeout(done, SETTLE_MS + 100));

/** Every record of KINDS, read through the cache with the large folders listed on a worker thread. */
async function everything(ws: string, recordCache: 'use' | 'check' = 'use') {
  const register = await openWorkspace(ws, { log: quiet, recordCache, listInBackground: true, kinds: KINDS });
  const out: Record<string, unknown[]> = {};
  for (const kind of KINDS) out[kind] = await register.list(kind);
  return out;
}

afterEach(() => dropPrestarted());

describe('a listing started before the workspace is opened', () => {
  it('is adopted for the same folders and gives what a fresh listing gives', async () => {
    const ws = workspaces.copy();
    await pause();
    const before = Date.now();
    prestartListing(ws, { large });
    const adopted = adoptListing(dirsOf(ws), SETTLE_MS);
    expect(adopted).toBeDefined();
    expect(adopted!.at).toBeGreaterThanOrEqual(before);
    const listed = await adopted!.wait();
    const fresh = dirsOf(ws).map((dir) => listKind(dir));
    expect(listed!.map((l) => l.names)).toEqual(fresh.map((l) => l.names));
    expect(listed!.map((l) => [...l.identities])).toEqual(fresh.map((l) => [...l.identities]));
    // Taken once.
    expect(adoptListing(dirsOf(ws), SETTLE_MS)).toBeUndefined();
  });

  it('opened through it, the records are those read file by file', async () => {
    const ws = workspaces.copy();
    await pause();
    const truth = await everything(ws, 'check');
    await pause();
    prestartListing(ws, { large });
    expect(await everything(ws)).toEqual(truth);
    // Cached now: the second opening through a pre-started listing takes the records from the cache.
    await pause();
    prestartListing(ws, { large });
    expect(await everything(ws)).toEqual(truth);
  });

  it('records in the cache the time it started, before its stats, not the time the cache was written', async () => {
    const ws = workspaces.copy();
    rmSync(join(ws, '.cache'), { recursive: true, force: true });
    await pause();
    const before = Date.now();
    prestartListing(ws, { large });
    await new Promise((done) => setTimeout(done, 500));
    await everything(ws);
    const cache = readFileSync(join(ws, '.cache/ai-system.json'), 'utf8');
    const at = Number(/"at":(\d+)/.exec(cache)?.[1]);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThan(before + 500);
  });

  it('is not adopted for other folders, a workspace named through a symlink, or one that did not exist', async () => {
    const ws = workspaces.copy();
    const other = workspaces.copy();
    const link = `${workspaces.scratch('link')}`;
    symlinkSync(ws, link);
    await pause();
    prestartListing(other, { large });
    expect(adoptListing(dirsOf(ws), SETTLE_MS)).toBeUndefined();
    prestartListing(link, { large });
    expect(adoptListing(dirsOf(ws), SETTLE_MS)).toBeUndefined();
    prestartListing(ws, { large });
    expect(adoptListing(dirsOf(ws).slice(0, 2), SETTLE_MS)).toBeUndefined();
    prestartListing(join(ws, 'no-such-folder'), { large });
    expect(adoptListing(dirsOf(join(ws, 'no-such-folder')), SETTLE_MS)).toBeUndefined();
    // Opening another workspace than the one pre-started reads that workspace's own records.
    const truth = await everything(other, 'check');
    prestartListing(ws, { large });
    expect(await everything(other)).toEqual(truth);
  });

  it('is not adopted when a folder changed after it started (a file added), and the new record is seen', async () => {
    const ws = workspaces.copy();
    await pause();
    const source = join(ws, 'records/ai-system/sys-claims-triage.json');
    const added = join(ws, 'records/ai-system/sys-claims-triage-2.json');
    const copy = readFileSync(source, 'utf8').replace(
      '"id": "sys-claims-triage"',
      '"id": "sys-claims-triage-2"',
    );
    prestartListing(ws, { large });
    writeFileSync(added, copy);
    expect(adoptListing(dirsOf(ws), SETTLE_MS)).toBeUndefined();
    prestartListing(ws, { large });
    writeFileSync(added, copy.replace('"name": "Claims triage"', '"name": "Claims triage two"'));
    const systems = (await everything(ws))['ai-system'] as { id: string; name: string }[];
    expect(systems.find((s) => s.id === 'sys-claims-triage-2')?.name).toBe('Claims triage two');
  });

  it('a folder changed within the settle time before it started is not trusted', async () => {
    const ws = workspaces.copy();
    // Copied just now: the folders' change times are younger than SETTLE_MS.
    prestartListing(ws, { large });
    expect(adoptListing(dirsOf(ws), SETTLE_MS)).toBeUndefined();
  });

  it('a record edited in place (same size and mtime) once the listing has started is seen', async () => {
    const ws = workspaces.copy();
    await pause();
    // Cached: an entry with the file's identity before the edit exists.
    expect(await everything(ws)).toEqual(await everything(ws, 'check'));
    await pause();
    const path = join(ws, 'records/ai-system/sys-claims-triage.json');
    const { atime, mtime } = statSync(path);
    const text = readFileSync(path, 'utf8');
    const edited = text.replace('"name": "Claims triage"', '"name": "Claims triagE"');
    expect(edited.length).toBe(text.length);
    prestartListing(ws, { large });
    writeFileSync(path, edited);
    utimesSync(path, atime, mtime);
    const systems = (await everything(ws))['ai-system'] as { id: string; name: string }[];
    expect(systems.find((s) => s.id === 'sys-claims-triage')?.name).toBe('Claims triagE');
    expect(await everything(ws)).toEqual(await everything(ws, 'check'));
  });

  it('leaves the errors of a missing, invalid or unreadable --workspace as they were', async () => {
    const file = join(workspaces.copy(), 'aims-workspace.json');
    const cases: [string[], string][] = [
      [
        ['--workspace', '/no/such/aims-workspace'],
        "/no/such/aims-workspace: not an AIMS workspace (no aims-workspace.json); create one with 'aims init'",
      ],
      [['-w', file], `${file}: not an AIMS workspace (no aims-workspace.json); create one with 'aims init'`],
      [['--workspace'], "Option '-w, --workspace <value>' argument missing"],
      [[], 'missing --workspace'],
    ];
    for (const command of ['readiness', 'soa', 'calendar']) {
      for (const [args, message] of cases) {
        const run = await runCli([command, ...args]);
        expect(run).toEqual({ code: 2, out: '', err: `aims ${command}: ${message}` });
      }
    }
  });
});
