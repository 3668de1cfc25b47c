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
import {
  EVIDENCE_SUMMARY_FIELDS,
  SYSTEM_SUMMARY_FIELDS,
  loadSnapshot,
  summaryOf,
} from '../../../shared/processes/snapshot';
import {
  LINE_PREFIX,
  SETTLE_MS,
  cacheFile,
  readKindCache,
  settled,
  readLightKindCache,
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

/** One entry of a cache file: its identity, its view, its file digest and the whole record. */
type Entry = {
  ids: number[];
  view: Record<string, unknown>;
  digest: string;
  record: Record<string, unknown>;
};

/** A cache line: the SHA-256 of its body, its byte length (12 digits), the body. */
const checksummed = (body: object) => {
  const json = JSON.stringify(body);
  const length = String(Buffer.byteLength(json)).padStart(12, '0');
  return `${createHash('sha256').update(json).digest('hex')} ${length} ${json}\n`;
};

/** Identity numbers as a view line stores them, and back. */
const encodeIds = (ids: number[]) => Buffer.from(new Float64Array(ids).buffer).toString('base64');
const decodeIds = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  return [...new Float64Array(new Uint8Array(bytes).buffer)];
};

/** A column of a view line: a value a record, or positions in a table of distinct values. */
type Column = { values: unknown[] } | { table: unknown[]; at: number[] };

type ViewLine = {
  at: number;
  count: number;
  /** The entries' file names joined by '/'. */
  names: string;
  /** Five numbers an entry, as the base64 of their 64-bit floats. */
  ids: string;
  gone: string[];
  /** Field names (all but `kind`), each record's key order by position in `shapes`, a column a field. */
  fields: string[];
  shapes: string[][];
  shape: number | number[];
  columns: Column[];
};

/** A view line's records rebuilt from its columns, each its own copy of every value. */
const recordsOfView = (view: ViewLine, kind: RecordKind): Record<string, unknown>[] =>
  Array.from({ length: view.count }, (_, i) => {
    const keys = view.shapes[typeof view.shape === 'number' ? view.shape : view.shape[i]!]!;
    return Object.fromEntries(
      keys.map((key) => {
        if (key === 'kind') return [key, kind];
        const column = view.columns[view.fields.indexOf(key)]!;
        const value = 'table' in column ? column.table[column.at[i]!] : column.values[i];
        return [key, structuredClone(value)];
      }),
    );
  });

/** Records as view-line columns with every value in place (no table): what a forger may write. */
function plainColumns(records: Record<string, unknown>[]) {
  const fields = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((key) => key !== 'kind');
  const shapes = [...new Set(records.map((r) => JSON.stringify(Object.keys(r))))];
  return {
    fields,
    shapes: shapes.map((keys) => JSON.parse(keys) as string[]),
    shape: records.map((r) => shapes.indexOf(JSON.stringify(Object.keys(r)))),
    columns: fields.map((field) => ({ values: records.map((r) => (field in r ? r[field] : null)) })),
  };
}
type DetailLine = { at: number; digests: string; records: Record<string, unknown>[] };

/** A cache file's entries by file name, every segment (view line, detail line) applied. */
function entriesOf(
  ws: string,
  kind: RecordKind,
): { header: string; body: Record<string, Entry>; segments: number; views: string[] } {
  const [header, ...lines] = readFileSync(cacheFile(ws, kind), 'utf8').trimEnd().split('\n');
  const body: Record<string, Entry> = {};
  for (let i = 0; i < lines.length; i += 2) {
    const view = JSON.parse(lines[i]!.slice(LINE_PREFIX)) as ViewLine;
    const detail = JSON.parse(lines[i + 1]!.slice(LINE_PREFIX)) as DetailLine;
    const ids = decodeIds(view.ids);
    const views = recordsOfView(view, kind);
    (view.names === '' ? [] : view.names.split('/')).forEach((name, p) => {
      body[name] = {
        ids: ids.slice(p * 5, p * 5 + 5),
        view: views[p]!,
        digest: detail.digests.slice(p * 64, p * 64 + 64),
        record: detail.records.length > 0 ? detail.records[p]! : views[p]!,
      };
    });
    for (const name of view.gone) delete body[name];
  }
  return {
    header: header!,
    body,
    segments: lines.length / 2,
    views: lines.filter((_, i) => i % 2 === 0).map((l) => l.slice(LINE_PREFIX)),
  };
}

/** Writes a cache file whose checksums match its (edited) entries: what a careful forger does. */
function forge(ws: string, kind: RecordKind, edit: (body: Record<string, Entry>) => void) {
  const { header, body } = entriesOf(ws, kind);
  edit(body);
  // It claims a late write time, so its entries count as settled once the file's own time says so.
  const at = Date.now() + 4 * SETTLE_MS;
  const entries = Object.entries(body);
  const view: ViewLine = {
    at,
    count: entries.length,
    names: entries.map(([name]) => name).join('/'),
    ids: encodeIds(entries.flatMap(([, e]) => e.ids)),
    gone: [],
    // Values kept in place: a view line need not share any.
    ...plainColumns(entries.map(([, e]) => e.view)),
  };
  const summarised = entries.some(([, e]) => e.record !== e.view);
  const detail: DetailLine = {
    at,
    digests: entries.map(([, e]) => e.digest).join(''),
    records: summarised ? entries.map(([, e]) => e.record) : [],
  };
  writeFileSync(cacheFile(ws, kind), `${header}\n${checksummed(view)}${checksummed(detail)}`);
}

/** Back-dates a cache file so its entries count as settled (as they do a few seconds after writing). */
function settle(ws: string, kind: RecordKind) {
  const path = cacheFile(ws, kind);
  const now = Date.now() / 1000 + (SETTLE_MS / 1000) * 2;
  utimesSync(path, now, now);
}

const SYSTEM = 'records/ai-system/sys-claims-triage.json';

describe('the settle rule', () => {
  // On a file system with 2-second timestamps, a file stamped at the start of a tick T may be rewritten in
  // place until T + 2 s with no change of identity; the kernel's file clock can lag the wall clock the rule
  // reads by a few ms, so a wall time just past T + 2 s does not prove the tick is over.
  const T = Date.UTC(2026, 10, 30, 11, 0, 0);
  const stamped = { dev: 1, ino: 2, size: 3, mtimeMs: T, ctimeMs: T };
  it('does not count a file stamped at a 2-second tick as settled within a few ms of the tick ending', () => {
    for (const lag of [0, 1, 4, 10, 50])
      expect(settled(stamped, T + 2_000 + lag), `lag ${lag} ms`).toBe(false);
  });
  it('counts it as settled once the margin has passed, and reads the later of mtime and ctime', () => {
    expect(settled(stamped, T + SETTLE_MS)).toBe(true);
    expect(settled({ ...stamped, ctimeMs: T + 1 }, T + SETTLE_MS)).toBe(false);
    expect(settled({ ...stamped, mtimeMs: T + 1 }, T + SETTLE_MS)).toBe(false);
  });
});

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
    // The register itself still verifies: the records and the log agree. The last line says why exit 1.
    expect(verify.out).toMatch(/^OK: /m);
    expect(verify.out.split('\n').at(-1)).toBe(
      'FAILED: 1 snapshot cache file(s) disagreed with the records (removed; rebuilt from the files)',
    );
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

/** What a read-only command sees: the snapshot read light (evidence as summaries), kind by kind. */
async function lightly(ws: string) {
  const { snapshot } = await openWorkspaceForReading(ws, { log: quiet, summaries: true });
  return { evidence: [...snapshot.evidence], 'ai-system': [...snapshot['ai-system']] };
}

/** The files' truth as a read-only command should see it: read without the cache, evidence and systems summarised. */
async function lightTruth(ws: string) {
  const files = await truth(ws);
  return {
    evidence: files.evidence!.map((e) => summaryOf(e as never)),
    'ai-system': files['ai-system']!.map((s) => summaryOf(s as never)),
  };
}

const EVIDENCE = 'records/evidence/ev-ai-policy-2-0.json';

describe('the light read of read-only commands (view lines only)', () => {
  it('holds evidence summaries and no digests, and gives what the files give', async () => {
    const ws = copy();
    await everything(ws);
    settle(ws, 'evidence');
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
    const { body, views } = entriesOf(ws, 'evidence');
    const fields: readonly string[] = EVIDENCE_SUMMARY_FIELDS;
    for (const { ids, view, digest, record } of Object.values(body)) {
      // The view line: five identity numbers and the summary; the detail line: the file digest and the record.
      expect(ids).toHaveLength(5);
      expect(Object.keys(view).every((key) => fields.includes(key))).toBe(true);
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(record.url).toEqual(expect.any(String));
    }
    expect(views.join('\n')).not.toMatch(/[0-9a-f]{64}|"url"|"contentHash"/);
  });

  it('holds AI-system summaries: the view line has no source links or edit metadata, the detail line the whole records', async () => {
    const ws = copy();
    await everything(ws);
    settle(ws, 'ai-system');
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
    const { body, views } = entriesOf(ws, 'ai-system');
    const fields: readonly string[] = SYSTEM_SUMMARY_FIELDS;
    for (const { view, record } of Object.values(body)) {
      expect(Object.keys(view).every((key) => fields.includes(key))).toBe(true);
      expect(view).toEqual(summaryOf(record as never));
      expect(record.sources).toEqual(expect.any(Array));
      expect(record.revision).toEqual(expect.any(Number));
    }
    expect(views.join('\n')).not.toMatch(/"sources"|"updatedBy"|"revision"|"discoveryRoot"/);
    // Register reads, which writes build on, still get whole systems.
    const whole = await truth(ws);
    expect(await everything(ws)).toEqual(whole);
    expect(whole['ai-system']!.every((s) => Array.isArray((s as { sources?: unknown }).sources))).toBe(true);
  });

  it('an AI-system cache of format 7 (whole records in the view line) is ignored, not read as summaries; verify passes', async () => {
    const ws = copy();
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    const path = cacheFile(ws, 'ai-system');
    const { header, body } = entriesOf(ws, 'ai-system');
    const entries = Object.entries(body);
    const at = Date.now();
    // What format 7 wrote for systems: each whole record as its view, no records in the detail line.
    const v7 =
      checksummed({
        at,
        names: entries.map(([name]) => name),
        ids: encodeIds(entries.flatMap(([, e]) => e.ids)),
        views: entries.map(([, e]) => e.record),
        gone: [],
        lists: [],
        listed: [],
      }) + checksummed({ at, digests: entries.map(([, e]) => e.digest).join(''), records: [] });
    writeFileSync(path, `${header.replace(/"version":\d+/, '"version":7')}\n${v7}`);
    settle(ws, 'ai-system');
    expect(readLightKindCache(ws, 'ai-system')).toBeUndefined();
    expect(readKindCache(ws, 'ai-system')).toBeUndefined();
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
    expect(readFileSync(path, 'utf8')).toMatch(/^\{[^\n]*"version":9/);
    settle(ws, 'ai-system');
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.out).not.toMatch(/CACHE-DISAGREES/);
    expect(verify.code).toBe(0);
  });

  it('a forged AI-system view line (checksums recomputed) may mislead them until verify names it', async () => {
    const ws = copy();
    const expected = await lightTruth(ws);
    const whole = await truth(ws);
    await everything(ws);
    forge(ws, 'ai-system', (body) => {
      body['sys-claims-triage.json']!.view.inScope = false;
    });
    settle(ws, 'ai-system');
    const misled = await lightly(ws);
    expect(misled).not.toEqual(expected);
    expect(misled['ai-system'].find((s) => s.id === 'sys-claims-triage')).toMatchObject({ inScope: false });
    // Whole reads take the record from the detail line: they are not misled.
    expect(await everything(ws)).toEqual(whole);
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(
      /^CACHE-DISAGREES: \.cache\/ai-system\.json disagreed with 1 record file\(s\) it claimed to match \(records\/ai-system\/sys-claims-triage\.json\)/m,
    );
    expect(await lightly(ws)).toEqual(expected);
  });

  it('sees an evidence file edited by hand (same size, touch -r), and one added or deleted by hand', async () => {
    const ws = copy();
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    settle(ws, 'evidence');
    const path = join(ws, EVIDENCE);
    const reference = `${workspaces.scratch('reference')}.json`;
    execFileSync('cp', ['-p', path, reference]);
    const text = readFileSync(path, 'utf8');
    const edited = text.replace(
      /"title": "(.)/,
      (_, first: string) => `"title": "${first === 'X' ? 'Y' : 'X'}`,
    );
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(path, edited);
    execFileSync('touch', ['-r', reference, path]);
    expect(statSync(path).mtimeMs).toBe(statSync(reference).mtimeMs);
    expect(await lightly(ws)).toEqual(await lightTruth(ws));

    const added = JSON.parse(text) as Record<string, unknown>;
    writeFileSync(
      join(ws, 'records/evidence/ev-added-by-hand.json'),
      JSON.stringify({ ...added, id: 'ev-added-by-hand', title: 'Added by hand' }, null, 2),
    );
    rmSync(join(ws, 'records/evidence/ev-ai-raci.json'));
    const seen = await lightly(ws);
    expect(seen).toEqual(await lightTruth(ws));
    expect(seen.evidence.map((e) => e.id)).toContain('ev-added-by-hand');
    expect(seen.evidence.map((e) => e.id)).not.toContain('ev-ai-raci');
    // What the light reads appended serves whole reads too.
    expect(entriesOf(ws, 'evidence').segments).toBeGreaterThan(1);
    expect(await everything(ws)).toEqual(await truth(ws));
  });

  it('entries made within the settle time of the cache write are re-read, not trusted', async () => {
    const ws = copy();
    await everything(ws);
    forge(ws, 'evidence', (body) => {
      body['ev-ai-policy-2-0.json']!.view.title = 'Racy';
    });
    const entryFile = statSync(join(ws, EVIDENCE));
    const justAfter = new Date(Math.max(entryFile.mtimeMs, entryFile.ctimeMs) + SETTLE_MS / 2);
    utimesSync(cacheFile(ws, 'evidence'), justAfter, justAfter);
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
  });

  it('a forged view line (checksums recomputed) may mislead them until verify or pack names it; verify removes it', async () => {
    const ws = copy();
    const expected = await lightTruth(ws);
    const whole = await truth(ws);
    await everything(ws);
    const forgeView = () =>
      forge(ws, 'evidence', (body) => {
        body['ev-ai-policy-2-0.json']!.view.title = 'Nothing to see here';
      });
    forgeView();
    settle(ws, 'evidence');
    // The detail line still holds the true record: whole reads and the pack's check read it.
    expect(await everything(ws)).toEqual(whole);
    const problems: string[] = [];
    await openWorkspace(ws, { log: quiet, recordCache: 'check', cacheProblems: (p) => problems.push(...p) });
    expect(problems).toEqual([
      expect.stringMatching(
        /^\.cache\/evidence\.json disagreed with 1 record file\(s\) it claimed to match \(records\/evidence\/ev-ai-policy-2-0\.json\)/,
      ),
    ]);
    await everything(ws);
    forgeView();
    settle(ws, 'evidence');
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(
      /^CACHE-DISAGREES: \.cache\/evidence\.json disagreed with 1 record file\(s\) it claimed to match \(records\/evidence\/ev-ai-policy-2-0\.json\)/m,
    );
    expect(existsSync(cacheFile(ws, 'evidence'))).toBe(false);
    expect(await lightly(ws)).toEqual(expected);
  });

  it('an edited detail line: they still read the view lines; a whole read ignores the file and rebuilds it', async () => {
    const ws = copy();
    // Files older than the settle time, so the light reads below take every entry from the cache.
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    settle(ws, 'evidence');
    const path = cacheFile(ws, 'evidence');
    const [header, view, detail] = readFileSync(path, 'utf8').trimEnd().split('\n');
    // Same length, so only its checksum gives it away.
    const edited = detail!.replace('https://', 'http://x');
    expect(edited.length).toBe(detail!.length);
    writeFileSync(path, `${header}\n${view}\n${edited}\n`);
    settle(ws, 'evidence');
    expect(readLightKindCache(ws, 'evidence')).toBeDefined();
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
    expect(readKindCache(ws, 'evidence')).toBeUndefined();
    expect(await everything(ws)).toEqual(await truth(ws));
    expect(readKindCache(ws, 'evidence')).toBeDefined();
  });

  it('a file torn in or after its view line is not used at all, and is rebuilt by the next read', async () => {
    const ws = copy();
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    const path = cacheFile(ws, 'evidence');
    const [header, view, detail] = readFileSync(path, 'utf8').trimEnd().split('\n');
    for (const torn of [
      `${header}\n${view}\n${detail!.slice(0, detail!.length / 2)}\n`,
      `${header}\n${view}\n${detail!.slice(0, detail!.length / 2)}`,
      `${header}\n${view}\n`,
      `${header}\n${view!.slice(0, view!.length / 2)}`,
    ]) {
      writeFileSync(path, torn);
      settle(ws, 'evidence');
      expect(readLightKindCache(ws, 'evidence')).toBeUndefined();
      expect(readKindCache(ws, 'evidence')).toBeUndefined();
      expect(await lightly(ws)).toEqual(await lightTruth(ws));
      expect(readKindCache(ws, 'evidence')).toBeDefined();
    }
  });

  it('cache files of earlier versions (one line a segment; rows; columns without lengths; numeric identities; lists inline; records as objects) are ignored and rebuilt', async () => {
    const ws = copy();
    const expected = await lightTruth(ws);
    await everything(ws);
    const path = cacheFile(ws, 'evidence');
    const { header, body } = entriesOf(ws, 'evidence');
    const entries = Object.entries(body);
    const at = Date.now();
    // Version 2: a segment is one line, each row the name, identity, digest and whole record.
    const v2 = checksummed({
      at,
      rows: entries.map(([name, e]) => [name, ...e.ids, e.digest, e.record]),
    });
    // Version 3: a segment is a view line and a detail line, each a row per entry.
    const v3 =
      checksummed({ at, rows: entries.map(([name, e]) => [name, ...e.ids, e.view]) }) +
      checksummed({ at, rows: entries.map(([, e]) => [e.digest, e.record]) });
    // Version 4: the same two lines by column, with no byte length before a line's body.
    const unsized = (body: object) => checksummed(body).replace(/^([0-9a-f]{64}) [0-9]{12} /, '$1 ');
    const columns = {
      at,
      names: entries.map(([name]) => name),
      ids: entries.flatMap(([, e]) => e.ids),
      views: entries.map(([, e]) => e.view),
      gone: [],
    };
    const details = {
      at,
      digests: entries.map(([, e]) => e.digest).join(''),
      records: entries.map(([, e]) => e.record),
    };
    const v4 = unsized(columns) + unsized(details);
    // Version 5: each line with its byte length, identities as numbers.
    const v5 = checksummed(columns) + checksummed(details);
    // Version 6: identities as the base64 of their floats, every list inline in its view.
    const v6 =
      checksummed({ ...columns, ids: encodeIds(entries.flatMap(([, e]) => e.ids)) }) + checksummed(details);
    // Version 8: an object a record in the view line, lists of strings by position in `lists`.
    const v8 =
      checksummed({
        ...columns,
        ids: encodeIds(entries.flatMap(([, e]) => e.ids)),
        lists: [],
        listed: [],
      }) + checksummed(details);
    for (const [version, segment] of [
      [2, v2],
      [3, v3],
      [4, v4],
      [5, v5],
      [6, v6],
      [8, v8],
    ] as const) {
      writeFileSync(path, `${header.replace(/"version":\d+/, `"version":${version}`)}\n${segment}`);
      settle(ws, 'evidence');
      expect(readLightKindCache(ws, 'evidence')).toBeUndefined();
      expect(readKindCache(ws, 'evidence')).toBeUndefined();
      expect(await lightly(ws)).toEqual(expected);
    }
    expect(readFileSync(path, 'utf8')).toMatch(/^\{[^\n]*"version":9/);
    expect(await everything(ws)).toEqual(await truth(ws));
  });

  it('keeps each distinct value of a field once: a light read shares it between records, a whole read gives each its own', async () => {
    const ws = copy();
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    settle(ws, 'evidence');
    const view = JSON.parse(
      readFileSync(cacheFile(ws, 'evidence'), 'utf8').split('\n')[1]!.slice(LINE_PREFIX),
    ) as ViewLine;
    // No name is repeated per record: not `kind` (implied by the file), not the summary fields.
    expect(view.fields).not.toContain('kind');
    expect(view.count).toBeGreaterThan(10);
    const column = (field: string) => view.columns[view.fields.indexOf(field)]!;
    // The demo's items tag few distinct lists, come from few tools: tables; their ids are all distinct.
    for (const field of ['clauses', 'systemIds', 'sourceTool']) {
      const c = column(field) as { table: unknown[]; at: number[] };
      expect(c.at).toHaveLength(view.count);
      expect(new Set(c.table.map((value) => JSON.stringify(value))).size).toBe(c.table.length);
      expect(c.table.length * 2).toBeLessThanOrEqual(view.count);
    }
    expect(column('id')).toEqual({ values: expect.any(Array) });

    const light = readLightKindCache(ws, 'evidence')!;
    const items = light.views as unknown as { clauses: string[] }[];
    const untagged = items.filter((e) => e.clauses.length === 0);
    expect(untagged.length).toBeGreaterThan(1);
    expect(untagged[1]!.clauses).toBe(untagged[0]!.clauses);
    expect(await lightly(ws)).toEqual(await lightTruth(ws));

    const whole = [...readKindCache(ws, 'evidence')!.entries.values()];
    const records = whole.map((e) => e.record as unknown as { clauses: string[] });
    const bare = records.filter((v) => v.clauses.length === 0);
    expect(bare[1]!.clauses).not.toBe(bare[0]!.clauses);
    // Kinds whose views are their records: read whole, each record has its own lists and objects.
    const risks = [...readKindCache(ws, 'risk-assessment')!.entries.values()].map((e) => e.record);
    const shared = risks.flatMap((r, i) =>
      risks
        .slice(i + 1)
        .flatMap((other) =>
          Object.entries(r).filter(
            ([key, value]) =>
              typeof value === 'object' &&
              value !== null &&
              (other as Record<string, unknown>)[key] === value,
          ),
        ),
    );
    expect(risks.length).toBeGreaterThan(1);
    expect(shared).toEqual([]);
    expect(await everything(ws)).toEqual(await truth(ws));
  });

  it('a view line whose columns are forged out of shape (checksums recomputed) is not used, and is rebuilt', async () => {
    const ws = copy();
    const expected = await lightTruth(ws);
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    const path = cacheFile(ws, 'evidence');
    const [header, viewText, detailText] = readFileSync(path, 'utf8').trimEnd().split('\n');
    const original = JSON.parse(viewText!.slice(LINE_PREFIX)) as ViewLine;
    const detail = JSON.parse(detailText!.slice(LINE_PREFIX)) as object;
    const tabled = original.fields.indexOf('clauses');
    const plain = original.fields.indexOf('id');
    expect('table' in original.columns[tabled]!).toBe(true);
    expect('values' in original.columns[plain]!).toBe(true);
    const table = original.columns[tabled] as { table: unknown[]; at: number[] };
    /** The view line with the column of `field` replaced. */
    const withColumn = (at: number, column: unknown) => ({
      ...original,
      columns: original.columns.map((c, i) => (i === at ? column : c)),
    });
    /** The view line with the first record's position in the clauses table replaced. */
    const withFirst = (value: unknown) =>
      withColumn(tabled, { ...table, at: table.at.map((p, i) => (i === 0 ? value : p)) });
    const shapes = original.shapes;
    for (const forged of [
      // Table positions out of range or of the wrong type.
      withFirst(table.table.length),
      withFirst(-1),
      withFirst(0.5),
      withFirst('0'),
      withFirst(null),
      withFirst(['A.2.2']),
      // Truncated columns, columns of unequal length, a column of the wrong type or missing.
      withColumn(tabled, { ...table, at: table.at.slice(1) }),
      withColumn(plain, { values: (original.columns[plain] as { values: unknown[] }).values.slice(0, -1) }),
      withColumn(plain, { values: [...(original.columns[plain] as { values: unknown[] }).values, 'x'] }),
      withColumn(tabled, { table: table.table }),
      withColumn(tabled, { table: {}, at: table.at }),
      withColumn(plain, 'ev-1'),
      withColumn(plain, null),
      { ...original, columns: original.columns.slice(1) },
      { ...original, columns: {} },
      // Field names a record cannot take from a view line, or named twice.
      { ...original, fields: original.fields.map((f, i) => (i === plain ? '__proto__' : f)) },
      { ...original, fields: original.fields.map((f, i) => (i === plain ? 'kind' : f)) },
      { ...original, fields: original.fields.map((f, i) => (i === plain ? 7 : f)) },
      { ...original, fields: original.fields.map((f, i) => (i === plain ? original.fields[tabled] : f)) },
      { ...original, fields: 'id' },
      // Shapes: out of range, without `kind`, naming an unknown field or `__proto__`, one short.
      { ...original, shape: shapes.length },
      { ...original, shape: -1 },
      { ...original, shape: Array.from({ length: original.count }, () => 0.5) },
      { ...original, shape: Array.from({ length: original.count - 1 }, () => 0) },
      { ...original, shapes: shapes.map((keys) => keys.filter((key) => key !== 'kind')) },
      { ...original, shapes: shapes.map((keys) => [...keys, 'secret']) },
      { ...original, shapes: shapes.map((keys) => [...keys, '__proto__']) },
      { ...original, shapes: shapes.map((keys) => [...keys, 'kind']) },
      // Names and identities that do not add up to `count` entries.
      { ...original, count: original.count + 1 },
      { ...original, count: -1 },
      { ...original, count: 1.5 },
      { ...original, names: `${original.names}/extra.json` },
      { ...original, names: original.names.split('/') },
      { ...original, ids: original.ids.slice(8) },
      { ...original, gone: [7] },
      (({ fields: _, ...rest }) => rest)(original),
      (({ shapes: _, ...rest }) => rest)(original),
      (({ columns: _, ...rest }) => rest)(original),
      (({ count: _, ...rest }) => rest)(original),
    ]) {
      writeFileSync(path, `${header}\n${checksummed(forged)}${checksummed(detail)}`);
      settle(ws, 'evidence');
      expect(readLightKindCache(ws, 'evidence')).toBeUndefined();
      expect(readKindCache(ws, 'evidence')).toBeUndefined();
      expect(await lightly(ws)).toEqual(expected);
      expect(readLightKindCache(ws, 'evidence')).toBeDefined();
    }
    expect(Object.prototype).not.toHaveProperty('clauses');
    expect(Object.prototype).not.toHaveProperty('id');
  }, 60_000);

  it('a large change seen by a light read is written whole: one segment, complete for whole reads', async () => {
    const ws = copy();
    await new Promise((done) => setTimeout(done, SETTLE_MS + 100));
    await everything(ws);
    const items = readdirSync(join(ws, 'records/evidence'));
    for (const name of items.slice(0, Math.ceil(items.length / 2)))
      rmSync(join(ws, 'records/evidence', name));
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
    expect(entriesOf(ws, 'evidence').segments).toBe(1);
    expect(Object.keys(entriesOf(ws, 'evidence').body)).toHaveLength(
      items.length - Math.ceil(items.length / 2),
    );
    expect(await everything(ws)).toEqual(await truth(ws));
  }, 30_000);
});

describe('checked cache files', () => {
  // The demo's cache files are small: every size is stamped here, and the clock is past the settle time.
  const later = () => ({ now: Date.now() + SETTLE_MS * 5, stampedSize: 0 });
  const stampOf = (ws: string, kind: RecordKind) => join(ws, '.cache', `${kind}.checked`);

  /** A cache file whose view line was edited by hand (same length, so only its checksum gives it away). */
  function editView(ws: string) {
    const path = cacheFile(ws, 'evidence');
    const [header, view, ...rest] = readFileSync(path, 'utf8').trimEnd().split('\n');
    const edited = view!.replace('"sharepoint"', '"sharepoinT"');
    expect(edited).not.toBe(view);
    writeFileSync(path, [header, edited, ...rest].join('\n') + '\n');
    settle(ws, 'evidence');
  }

  it('stamps a settled file once its lines check out, and still catches an edit made afterwards', async () => {
    const ws = copy();
    await everything(ws);
    settle(ws, 'evidence');
    // Too young (the clock as it is): checked, not stamped.
    expect(readLightKindCache(ws, 'evidence', { stampedSize: 0 })).toBeDefined();
    expect(existsSync(stampOf(ws, 'evidence'))).toBe(false);
    // Small files are not stamped at the default size.
    expect(readLightKindCache(ws, 'evidence', { now: later().now })).toBeDefined();
    expect(existsSync(stampOf(ws, 'evidence'))).toBe(false);
    expect(readLightKindCache(ws, 'evidence', later())).toBeDefined();
    expect(JSON.parse(readFileSync(stampOf(ws, 'evidence'), 'utf8'))).toMatchObject({ form: 'light' });
    // The edit changes the file's identity: the stamp no longer applies and the checksum catches it.
    editView(ws);
    expect(readLightKindCache(ws, 'evidence', later())).toBeUndefined();
    expect(readKindCache(ws, 'evidence', later())).toBeUndefined();
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
  });

  it('a stamp of the view lines does not vouch for the detail lines; a whole check vouches for both', async () => {
    const ws = copy();
    await everything(ws);
    settle(ws, 'evidence');
    expect(readLightKindCache(ws, 'evidence', later())).toBeDefined();
    const path = cacheFile(ws, 'evidence');
    const [header, view, detail] = readFileSync(path, 'utf8').trimEnd().split('\n');
    // A stamp naming the file as edited below, for the view lines only (as if forged).
    writeFileSync(path, `${header}\n${view}\n${detail!.replace('https://', 'http://x')}\n`);
    settle(ws, 'evidence');
    const { dev, ino, size, mtimeMs, ctimeMs } = statSync(path);
    writeFileSync(
      stampOf(ws, 'evidence'),
      JSON.stringify({ ids: [dev, ino, size, mtimeMs, ctimeMs], form: 'light' }),
    );
    expect(readKindCache(ws, 'evidence', later())).toBeUndefined();
    // Rebuilt, checked whole and stamped so: both reads then take it as it is.
    await everything(ws);
    settle(ws, 'evidence');
    expect(readKindCache(ws, 'evidence', later())).toBeDefined();
    expect(JSON.parse(readFileSync(stampOf(ws, 'evidence'), 'utf8'))).toMatchObject({ form: 'whole' });
    expect(readLightKindCache(ws, 'evidence', later())).toBeDefined();
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
  });

  it('a malformed or mismatched stamp is ignored: the lines are checked', async () => {
    const ws = copy();
    await everything(ws);
    editView(ws);
    const path = cacheFile(ws, 'evidence');
    const { dev, ino, size, mtimeMs, ctimeMs } = statSync(path);
    for (const stamp of [
      'not json',
      '{}',
      JSON.stringify({ ids: [dev, ino, size, mtimeMs], form: 'light' }),
      JSON.stringify({ ids: [dev, ino, size + 1, mtimeMs, ctimeMs], form: 'whole' }),
      JSON.stringify({ ids: [dev, ino, size, mtimeMs, ctimeMs], form: 'all' }),
      JSON.stringify({ ids: [String(dev), ino, size, mtimeMs, ctimeMs], form: 'whole' }),
    ]) {
      writeFileSync(stampOf(ws, 'evidence'), stamp);
      expect(readLightKindCache(ws, 'evidence', later())).toBeUndefined();
    }
    expect(await lightly(ws)).toEqual(await lightTruth(ws));
  });

  it('the threat it accepts: a forged file with a stamp forged to its identity is read as it says (verify still names it)', async () => {
    const ws = copy();
    await everything(ws);
    editView(ws);
    const path = cacheFile(ws, 'evidence');
    const { dev, ino, size, mtimeMs, ctimeMs } = statSync(path);
    writeFileSync(
      stampOf(ws, 'evidence'),
      JSON.stringify({ ids: [dev, ino, size, mtimeMs, ctimeMs], form: 'light' }),
    );
    const read = readLightKindCache(ws, 'evidence', later());
    expect(read?.views.some((v) => (v as { sourceTool?: string }).sourceTool === 'sharepoinT')).toBe(true);
  });
});
