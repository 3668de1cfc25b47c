// The snapshot cache of a file workspace, broken the ways a clumsy user or an attacker would break it. The
// record files stay the source of truth: whatever happens to .cache/, commands show what the files say, and
// `aims verify` re-reads every file and names a cache that claims otherwise.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace, openWorkspaceForReading } from '../../../connectors/local/workspace';
import { loadSnapshot } from '../../../shared/processes/snapshot';
import {
  SETTLE_MS,
  cacheFile,
  readKindCache,
  updateKindCache,
} from '../../../connectors/local/workspace/record-cache';
import { draftOf, type RecordKind } from '../../../shared/model';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const quiet = () => undefined;
const workspaces = demoWorkspaces('aims-cache-');
/** A copy of the demo whose files are older than the settle time, as a workspace at rest is. */
const copy = () => workspaces.copy();

/** Opens the workspace the way read commands do and returns every record, kind by kind. */
async function everything(ws: string, recordCache: 'use' | 'check' = 'use') {
  const register = await openWorkspace(ws, { log: quiet, recordCache });
  const out: Record<string, unknown[]> = {};
  for (const kind of ['ai-system', 'risk-assessment', 'evidence', 'trigger'] as RecordKind[]) {
    out[kind] = await register.list(kind);
  }
  return out;
}

/** The files' truth, read without the cache. */
const truth = (ws: string) => everything(ws, 'check');

type Entry = { row: unknown[]; record: Record<string, unknown> };

/** A cache file's entries by file name, every segment applied (a one-element row removes its name). */
function entriesOf(
  ws: string,
  kind: RecordKind,
): { header: string; body: Record<string, Entry>; segments: number } {
  const [header, ...segments] = readFileSync(cacheFile(ws, kind), 'utf8').trimEnd().split('\n');
  const body: Record<string, Entry> = {};
  for (const line of segments) {
    for (const row of (JSON.parse(line.slice(65)) as { rows: unknown[][] }).rows) {
      const name = row[0] as string;
      if (row.length === 1) delete body[name];
      else body[name] = { row, record: row[7] as Record<string, unknown> };
    }
  }
  return { header: header!, body, segments: segments.length };
}

/** Writes a cache file whose segment checksum matches its (edited) rows: what a careful forger does. */
function forge(ws: string, kind: RecordKind, edit: (body: Record<string, Entry>) => void) {
  const { header, body } = entriesOf(ws, kind);
  edit(body);
  // It claims a late write time, so its entries count as settled once the file's own time says so.
  const segment = JSON.stringify({
    at: Date.now() + 4 * SETTLE_MS,
    rows: Object.values(body).map((e) => e.row),
  });
  const sha = createHash('sha256').update(segment).digest('hex');
  writeFileSync(cacheFile(ws, kind), `${header}\n${sha} ${segment}\n`);
}

/** Back-dates a cache file so its entries count as settled (as they do a few seconds after writing). */
function settle(ws: string, kind: RecordKind) {
  const path = cacheFile(ws, kind);
  const now = Date.now() / 1000 + (SETTLE_MS / 1000) * 2;
  utimesSync(path, now, now);
}

const SYSTEM = 'records/ai-system/sys-claims-triage.json';

describe('the record snapshot cache', () => {
  it('is written per kind inside the workspace, never committed, and gives what the files give', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    expect(await everything(ws)).toEqual(fromFiles);
    expect(existsSync(cacheFile(ws, 'evidence'))).toBe(true);
    expect(readFileSync(join(ws, '.cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    settle(ws, 'ai-system');
    expect(await everything(ws)).toEqual(fromFiles);
  });

  it('a record edited by hand keeping its size and mtime (touch -r): commands show the edit, verify names it', async () => {
    const ws = copy();
    await everything(ws);
    settle(ws, 'ai-system');
    const path = join(ws, SYSTEM);
    const reference = `${workspaces.scratch('reference')}.json`;
    execFileSync('cp', ['-p', path, reference]);
    const before = statSync(path);
    const text = readFileSync(path, 'utf8');
    const edited = text.replace('"name": "Claims triage"', '"name": "Claims triagE"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(path, edited);
    execFileSync('touch', ['-r', reference, path]);
    expect(statSync(path).size).toBe(before.size);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);

    const seen = (await everything(ws))['ai-system'] as { id: string; name: string }[];
    expect(seen.find((s) => s.id === 'sys-claims-triage')?.name).toBe('Claims triagE');
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(`${SYSTEM} (ai-system sys-claims-triage)`);
  });

  it('a forged cache (checksum recomputed) may mislead reads until verify names it, removes it and exits 1', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    await everything(ws);
    forge(ws, 'ai-system', (body) => {
      body['sys-claims-triage.json']!.record.name = 'Nothing to see here';
    });
    settle(ws, 'ai-system');
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(
      /^CACHE-DISAGREES: \.cache\/ai-system\.json disagreed with 1 record file\(s\) it claimed to match \(records\/ai-system\/sys-claims-triage\.json\)/m,
    );
    // The register itself still verifies: the records and the log agree.
    expect(verify.out).toMatch(/^OK: /m);
    expect(existsSync(cacheFile(ws, 'ai-system'))).toBe(false);
    expect(await everything(ws)).toEqual(fromFiles);
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  it('aims pack states its verdict from the files and warns about a forged cache', async () => {
    const ws = copy();
    await everything(ws);
    forge(ws, 'ai-system', (body) => {
      body['sys-claims-triage.json']!.record.name = 'Nothing to see here';
    });
    settle(ws, 'ai-system');
    const out = workspaces.scratch('pack');
    const pack = await runCli(['pack', '--workspace', ws, '--out', out, '--today', '2026-11-29']);
    expect(pack.code).toBe(0);
    expect(pack.out).toMatch(/^WARNING: \.cache\/ai-system\.json disagreed with 1 record file/m);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('Nothing to see here');
  });

  it('the snapshot for read-only commands holds what register reads give, kind by kind and in the same order', async () => {
    const ws = copy();
    const writer = await openWorkspace(ws, { log: quiet, clock: () => '2026-11-29T10:00:00.000Z' });
    const system = await writer.require('ai-system', 'sys-claims-triage');
    // Ids with ':' are stored under another file name, and records written now come last in the store.
    await writer.transact({ actor: 'bob', cause: 'order' }, async (tx) => {
      await tx.put('ai-system', { ...system, id: 'sys:a', name: 'Colon' });
      await tx.put('ai-system', { ...system, id: 'sys-0', name: 'Zero' });
    });
    const { snapshot } = await openWorkspaceForReading(ws, { log: quiet });
    const register = await openWorkspace(ws, { log: quiet });
    expect(snapshot).toEqual(await loadSnapshot(register));
    expect(snapshot['ai-system'].map((s) => s.id)).toContain('sys:a');
  });

  it('a cache edited by hand without fixing its checksum is ignored and rebuilt', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    await everything(ws);
    const path = cacheFile(ws, 'ai-system');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Claims triage', 'Claims triagE'));
    settle(ws, 'ai-system');
    expect(await everything(ws)).toEqual(fromFiles);
    expect(readFileSync(path, 'utf8')).not.toContain('Claims triagE');
  });

  it('entries made within the settle time of the cache write are re-read, not trusted', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    await everything(ws);
    forge(ws, 'ai-system', (body) => {
      body['sys-claims-triage.json']!.record.name = 'Racy';
    });
    // The forged file is written now, within SETTLE_MS of... nothing: put its time right after the entry's.
    const entryFile = statSync(join(ws, SYSTEM));
    const justAfter = new Date(Math.max(entryFile.mtimeMs, entryFile.ctimeMs) + SETTLE_MS / 2);
    utimesSync(cacheFile(ws, 'ai-system'), justAfter, justAfter);
    expect(await everything(ws)).toEqual(fromFiles);
  });

  it('corrupt caches of every kind (garbage, binary, torn at any byte, empty) are ignored and rebuilt', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    await everything(ws);
    const path = cacheFile(ws, 'ai-system');
    const whole = readFileSync(path);
    for (const bad of [Buffer.from('not json'), Buffer.from([0, 159, 146, 150, 255]), Buffer.alloc(0)]) {
      writeFileSync(path, bad);
      settle(ws, 'ai-system');
      expect(await everything(ws)).toEqual(fromFiles);
    }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: whole.length - 1 }), async (cut) => {
        writeFileSync(path, whole.subarray(0, cut));
        settle(ws, 'ai-system');
        expect(await everything(ws)).toEqual(fromFiles);
      }),
      { numRuns: 15 },
    );
  });

  it('a deleted cache is rebuilt', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    await everything(ws);
    rmSync(join(ws, '.cache'), { recursive: true });
    expect(await everything(ws)).toEqual(fromFiles);
    expect(readdirSync(join(ws, '.cache'))).toContain('evidence.json');
  });

  it("a cache copied in from another workspace is not used for this one's records", async () => {
    const other = copy();
    const path = join(other, SYSTEM);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('"name": "Claims triage"', '"name": "Other place"'),
    );
    await everything(other);
    settle(other, 'ai-system');
    const ws = copy();
    const fromFiles = await truth(ws);
    cpSync(join(other, '.cache'), join(ws, '.cache'), { recursive: true });
    expect(await everything(ws)).toEqual(fromFiles);
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  it('a writer killed mid-write leaves a temp file: swept, and the old cache still serves', async () => {
    const ws = copy();
    const fromFiles = await truth(ws);
    await everything(ws);
    const torn = join(ws, '.cache', '.ai-system.json.0123456789ab.tmp');
    writeFileSync(torn, readFileSync(cacheFile(ws, 'ai-system')).subarray(0, 100));
    expect(await everything(ws)).toEqual(fromFiles);
    expect(existsSync(torn)).toBe(false);
  });

  it('a stale cache left by a slower writer never hides a later commit', async () => {
    const ws = copy();
    await everything(ws);
    const stale = readFileSync(cacheFile(ws, 'ai-system'));
    // Another writer commits a change through the register…
    const writer = await openWorkspace(ws, { log: quiet, clock: () => '2026-11-29T10:00:00.000Z' });
    const system = await writer.require('ai-system', 'sys-claims-triage');
    await writer.transact({ actor: 'bob', cause: 'rename' }, (tx) =>
      tx.put('ai-system', { ...system, name: 'Claims triage v2' }),
    );
    // …and the first writer's older cache lands after it.
    writeFileSync(cacheFile(ws, 'ai-system'), stale);
    settle(ws, 'ai-system');
    const seen = (await everything(ws))['ai-system'] as { id: string; name: string }[];
    expect(seen.find((s) => s.id === 'sys-claims-triage')?.name).toBe('Claims triage v2');
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });

  it('several writers and readers at once: every read agrees with the files, verify passes', async () => {
    const ws = copy();
    const names = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const register = await openWorkspace(ws, { log: quiet, clock: () => '2026-11-29T10:00:00.000Z' });
        const system = await register.require('ai-system', 'sys-claims-triage');
        await register.transact({ actor: `w${i}`, cause: 'race' }, (tx) =>
          tx.put('ai-system', { ...system, purpose: `${system.purpose} (${i})` }),
        );
        return everything(ws);
      }),
    );
    expect(names).toHaveLength(6);
    expect(await everything(ws)).toEqual(await truth(ws));
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });
  it("a changed or deleted record is appended to its kind's cache; a large change or a torn append rewrites it", async () => {
    const ws = copy();
    const pause = () => new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await pause();
    await everything(ws);
    const path = cacheFile(ws, 'evidence');
    const first = statSync(path);
    expect(entriesOf(ws, 'evidence').segments).toBe(1);

    const writer = await openWorkspace(ws, { log: quiet, clock: () => '2026-11-29T10:00:00.000Z' });
    const item = await writer.require('evidence', 'ev-ai-data-standard');
    await writer.transact({ actor: 'bob', cause: 'retitle' }, (tx) =>
      tx.put('evidence', { ...draftOf(item), title: 'Retitled' }),
    );
    await pause();
    expect(await everything(ws)).toEqual(await truth(ws));
    // Appended in place: the same file, one segment more, the rest untouched.
    expect(statSync(path).ino).toBe(first.ino);
    const appended = entriesOf(ws, 'evidence');
    expect(appended.segments).toBe(2);
    expect(appended.body['ev-ai-data-standard.json']?.record.title).toBe('Retitled');
    // Read again with nothing changed: the cache file is left exactly as it is.
    const atRest = statSync(path);
    expect(await everything(ws)).toEqual(await truth(ws));
    expect(statSync(path)).toMatchObject({ size: atRest.size, mtimeMs: atRest.mtimeMs, ino: atRest.ino });

    rmSync(join(ws, 'records/evidence/ev-ai-policy-2-0.json'));
    expect(await everything(ws)).toEqual(await truth(ws));
    const removed = entriesOf(ws, 'evidence');
    expect(removed.segments).toBe(3);
    expect(removed.body['ev-ai-policy-2-0.json']).toBeUndefined();

    // A torn append (a killed writer): the whole file is ignored, the records read, and the cache rebuilt.
    writeFileSync(path, `${readFileSync(path, 'utf8')}${'0'.repeat(64)} {"at":1,"ro`);
    expect(await everything(ws)).toEqual(await truth(ws));
    expect(entriesOf(ws, 'evidence').segments).toBe(1);
    expect(statSync(path).ino).not.toBe(first.ino);

    // Most of a kind changed by hand: written whole rather than appended.
    await pause();
    await everything(ws);
    const systems = readdirSync(join(ws, 'records/ai-system'));
    for (const name of systems.slice(0, Math.ceil(systems.length / 2)))
      rmSync(join(ws, 'records/ai-system', name));
    expect(await everything(ws)).toEqual(await truth(ws));
    expect(entriesOf(ws, 'ai-system').segments).toBe(1);
  }, 30_000);
  it('after 16 segments the next change folds the cache into one', async () => {
    const ws = copy();
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    for (let i = 2; i <= 17; i++) {
      const previous = readKindCache(ws, 'ai-system')!;
      const current = new Map(previous.entries);
      // A re-read entry is a new object with the file's identity: what loading a changed file leaves.
      const [name, entry] = [...current][i % current.size]!;
      current.set(name, { ...entry });
      updateKindCache(ws, 'ai-system', previous, current);
      expect(entriesOf(ws, 'ai-system').segments).toBe(i <= 16 ? i : 1);
    }
    expect(await everything(ws)).toEqual(await truth(ws));
  });
});
