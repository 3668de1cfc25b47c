// Plain `aims verify` starts from what the last verify recorded (.cache/verified.json) and re-reads only
// what changed. Every case here breaks the workspace the way a clumsy user or an attacker would, and the
// incremental verdict must be the one a full read gives — except for a forged index, which plain verify
// trusts (as it trusts the folder) and `--full` sees through.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LINE_PREFIX,
  SETTLE_MS,
  cacheFile,
  verifiedLatestPath,
  verifiedStatePath,
  verifyWorkspace,
  type WorkspaceVerification,
} from '../../../connectors/local/workspace';
import { largeFolder } from '../../../connectors/local/workspace/kind-listing';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const { copy, scratch } = demoWorkspaces('aims-verify-inc-');
const quiet = { log: () => {} };

/**
 * Lets time pass for the index: it claims to have been written a minute from now, so every file changed
 * before this moment counts as settled (outside the racy window), as it would a few seconds later.
 */
const LATER = 60_000;
function settleIndex(ws: string) {
  const path = verifiedStatePath(ws);
  const later = (Date.now() + LATER) / 1000;
  utimesSync(path, later, later);
}
const plain = (ws: string) => verifyWorkspace(ws, { ...quiet, now: () => Date.now() + LATER });
const full = (ws: string) => verifyWorkspace(ws, { ...quiet, full: true, now: () => Date.now() + LATER });

/** A workspace verified once (index written) and settled. */
async function verified(): Promise<string> {
  const ws = copy();
  const first = await plain(ws);
  expect(first.incremental).toBe(false);
  expect(first.verdict.ok).toBe(true);
  settleIndex(ws);
  return ws;
}

/** The incremental verdict, checked against a full read of the same files. */
async function same(ws: string): Promise<WorkspaceVerification> {
  const incremental = await plain(ws);
  const reference = await full(ws);
  expect(incremental.verdict).toEqual(reference.verdict);
  return incremental;
}

const firstFile = (ws: string, kind: string) =>
  `records/${kind}/${
    readdirSync(join(ws, 'records', kind))
      .filter((n) => n.endsWith('.json'))
      .sort()[0]!
  }`;
const eventsOf = (ws: string) => readFileSync(join(ws, 'events.jsonl'), 'utf8').trimEnd().split('\n');
const writeEvents = (ws: string, lines: string[]) =>
  writeFileSync(join(ws, 'events.jsonl'), lines.join('\n') + '\n');

/** Replaces one character in a record's text, keeping its size (an in-place edit a diff would show). */
function editSameSize(ws: string, file: string): void {
  const text = readFileSync(join(ws, file), 'utf8');
  const at = text.indexOf('"name": "') + 9;
  const edited = text.slice(0, at) + (text[at] === 'X' ? 'Y' : 'X') + text.slice(at + 1);
  expect(edited.length).toBe(text.length);
  writeFileSync(join(ws, file), edited);
}

/**
 * The index as stored: a JSON line, then binary columns (per kind, 5 float64 identity values per file, then
 * its two 32-byte digests per file). The latest events' JSON text is a file of its own.
 */
interface Index {
  body: Record<string, unknown> & { kinds: { kind: string; names: string; count: number }[] };
  binary: Buffer;
}

/**
 * Rewrites the index with its checksum recomputed: what a careful forger does. The edit gets the JSON
 * line and the binary part (a copy it may change in place, or replace by returning another).
 */
function forgeIndex(ws: string, edit: (index: Index) => Buffer | void) {
  const bytes = readFileSync(verifiedStatePath(ws));
  const split = bytes.indexOf(10, 65);
  const index: Index = {
    body: JSON.parse(bytes.toString('utf8', 65, split)) as Index['body'],
    binary: Buffer.from(bytes.subarray(split + 1)),
  };
  const binary = edit(index) ?? index.binary;
  const rest = Buffer.concat([Buffer.from(`${JSON.stringify(index.body)}\n`), binary]);
  writeFileSync(
    verifiedStatePath(ws),
    Buffer.concat([Buffer.from(`${createHash('sha256').update(rest).digest('hex')}\n`), rest]),
  );
}

/** Where a record file's values lie in the binary part: its identity, its file digest. */
function columnsOf(index: Index, kind: string, name: string) {
  let start = 0;
  for (const k of index.body.kinds) {
    if (k.kind === kind) {
      const i = k.names.split('/').indexOf(name);
      expect(i).toBeGreaterThanOrEqual(0);
      return { identity: start + 40 * i, sha256: start + 40 * k.count + 32 * i, kindStart: start };
    }
    start += 104 * k.count;
  }
  throw new Error(`no kind ${kind} in the index`);
}

/** The latest events as stored in their own file. */
const latestOf = (ws: string) => JSON.parse(readFileSync(verifiedLatestPath(ws), 'utf8')) as string[][];

/** Makes an index say a record file has this identity (as a stat of it would). */
function claimIdentity(
  index: Index,
  kind: string,
  name: string,
  info: { dev: number; ino: number; size: number; mtimeMs: number; ctimeMs: number },
): void {
  const values = new Float64Array([info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs]);
  index.binary.set(new Uint8Array(values.buffer), columnsOf(index, kind, name).identity);
}

describe('aims verify, incremental by default', () => {
  it('a workspace at rest: nothing re-read, the same OK verdict as a full read', async () => {
    const ws = await verified();
    const again = await same(ws);
    expect(again).toMatchObject({ incremental: true, reread: 0 });
    expect(again.recordFiles).toBeGreaterThan(50);
    expect(again.verdict.ok).toBe(true);
    // A read command rewrites snapshot caches: they are checked again, the log is still taken as verified.
    expect((await runCli(['status', '--workspace', ws])).code).toBe(0);
    for (let i = 0; i < 2; i++) {
      settleIndex(ws);
      const after = await same(ws);
      expect(after).toMatchObject({ incremental: true, reread: 0, eventsReused: after.verdict.entries });
    }
  });

  it('an in-place edit keeping the size: re-read and named', async () => {
    const ws = await verified();
    const file = firstFile(ws, 'ai-system');
    editSameSize(ws, file);
    const run = await same(ws);
    expect(run.reread).toBe(1);
    expect(run.verdict.problems.map((p) => [p.problem, p.location])).toEqual([['record-edited', file]]);
    // Nothing changes after that: the problem is named again without reading the file again.
    settleIndex(ws);
    const again = await same(ws);
    expect(again.reread).toBe(0);
    expect(again.verdict).toEqual(run.verdict);
  });

  it('an edit with the modification time set back (touch -r): the change time still gives it away', async () => {
    const ws = await verified();
    const file = firstFile(ws, 'ai-system');
    const reference = scratch('reference.json');
    cpSync(join(ws, file), reference, { preserveTimestamps: true });
    editSameSize(ws, file);
    expect(spawnSync('touch', ['-r', reference, join(ws, file)]).status).toBe(0);
    expect(statSync(join(ws, file)).mtimeMs).toBe(statSync(reference).mtimeMs);
    const run = await same(ws);
    expect(run.verdict.problems.map((p) => p.problem)).toEqual(['record-edited']);
  });

  it('a file changed within 2 s of the index write is read again even when its identity matches', async () => {
    const ws = copy();
    await plain(ws);
    const file = firstFile(ws, 'ai-system');
    const original = readFileSync(verifiedStatePath(ws));
    editSameSize(ws, file);
    // The index claims the edited file's identity (a stat in the same timestamp tick as the write) but the
    // old digest, and was written less than SETTLE_MS after the file changed.
    const info = statSync(join(ws, file));
    const name = file.split('/').pop()!;
    // The index as the verify before the edit wrote it, claiming the edited file's identity, written at `at`.
    const claim = (at: number) => {
      writeFileSync(verifiedStatePath(ws), original);
      forgeIndex(ws, (index) => {
        index.body.at = at;
        claimIdentity(index, 'ai-system', name, info);
      });
    };
    // Written less than SETTLE_MS after the file changed: the file is read again, and the edit named.
    claim(Math.max(info.mtimeMs, info.ctimeMs) + SETTLE_MS / 2);
    const racy = await verifyWorkspace(ws, quiet);
    expect(racy.incremental).toBe(true);
    expect(racy.verdict.problems.map((p) => [p.problem, p.location])).toEqual([['record-edited', file]]);
    // The control: the same claim made well after the change is trusted (which is what the window is for).
    claim(Math.max(info.mtimeMs, info.ctimeMs) + SETTLE_MS * 3);
    settleIndex(ws);
    expect((await verifyWorkspace(ws, quiet)).verdict.ok).toBe(true);
  });

  it('a record added by hand, and one deleted by hand: named as a full read names them', async () => {
    const ws = await verified();
    const file = firstFile(ws, 'trigger');
    const record = JSON.parse(readFileSync(join(ws, file), 'utf8')) as { id: string };
    writeFileSync(
      join(ws, 'records/trigger/trg-forged.json'),
      JSON.stringify({ ...record, id: 'trg-forged' }, null, 2),
    );
    rmSync(join(ws, firstFile(ws, 'finding')));
    const run = await same(ws);
    expect(run.reread).toBe(1);
    expect(run.verdict.problems.map((p) => p.problem).sort()).toEqual([
      'record-missing',
      'record-without-event',
    ]);
  });

  it('an event edited in the middle of the log: the whole chain is checked again', async () => {
    const ws = await verified();
    const lines = eventsOf(ws);
    lines[3] = lines[3]!.replace(/"summary":"[^"]*"/, '"summary":"nothing happened"');
    writeEvents(ws, lines);
    const run = await same(ws);
    expect(run.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: 3 });
  });

  it('events reordered, the log cut short, or emptied: the same problems as a full read', async () => {
    for (const damage of [
      (lines: string[]) => [lines[1]!, lines[0]!, ...lines.slice(2)],
      (lines: string[]) => lines.slice(0, -3),
      (lines: string[]) => lines.slice(0, 1),
    ]) {
      const ws = await verified();
      writeEvents(ws, damage(eventsOf(ws)));
      const run = await same(ws);
      expect(run.verdict.ok).toBe(false);
    }
    const ws = await verified();
    writeFileSync(join(ws, 'events.jsonl'), '');
    expect((await same(ws)).verdict.problems.every((p) => p.problem === 'record-without-event')).toBe(true);
  });

  it('events appended through the register: only the tail is parsed, and the verdict is right', async () => {
    const ws = await verified();
    const system = JSON.parse(readFileSync(join(ws, 'records/ai-system/sys-claims-triage.json'), 'utf8')) as {
      id: string;
      name: string;
    };
    const draft = scratch('system.json');
    writeFileSync(draft, JSON.stringify({ ...system, id: 'sys-appended', name: 'Appended system' }));
    const before = eventsOf(ws).length;
    const recorded = await runCli(['record', 'ai-system', draft, '--workspace', ws]);
    expect(recorded.code, recorded.err).toBe(0);
    const run = await same(ws);
    expect(run.eventsReused).toBe(before);
    expect(run.verdict.ok).toBe(true);
    expect(run.reread).toBeGreaterThanOrEqual(1);
    expect(run.verdict.entries).toBe(eventsOf(ws).length);
  });

  it('a forged event appended (hash not matching) or garbage appended: named as a full read names it', async () => {
    const ws = await verified();
    const lines = eventsOf(ws);
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    writeEvents(ws, [...lines, JSON.stringify({ ...last, seq: lines.length, prevHash: last.hash })]);
    const run = await same(ws);
    expect(run.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: lines.length });

    const garbled = await verified();
    writeFileSync(
      join(garbled, 'events.jsonl'),
      readFileSync(join(garbled, 'events.jsonl'), 'utf8') + '{"seq":1,"seq":2}\n',
    );
    const line = eventsOf(garbled).length;
    await expect(plain(garbled)).rejects.toThrow(
      `events.jsonl line ${line}: not valid JSON (duplicate key 'seq'`,
    );
    await expect(full(garbled)).rejects.toThrow(
      `events.jsonl line ${line}: not valid JSON (duplicate key 'seq'`,
    );
  });

  it('an index edited without its checksum, torn, or not JSON: ignored, everything read', async () => {
    for (const damage of [
      (path: string) => writeFileSync(path, readFileSync(path, 'utf8').replace('"sha256"', '"sha257"')),
      (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2)),
      (path: string) => writeFileSync(path, 'not json'),
    ]) {
      const ws = await verified();
      editSameSize(ws, firstFile(ws, 'ai-system'));
      damage(verifiedStatePath(ws));
      const run = await same(ws);
      expect(run.incremental).toBe(false);
      expect(run.verdict.problems.map((p) => p.problem)).toEqual(['record-edited']);
    }
  });

  it('an index with its checksum recomputed but malformed columns: ignored, everything read', async () => {
    const aiSystem = (index: Index) => index.body.kinds.find((k) => k.kind === 'ai-system')!;
    const damages: ((index: Index) => Buffer | void)[] = [
      // a column one byte short or one byte long
      (index) => index.binary.subarray(1),
      (index) => Buffer.concat([Buffer.from([0]), index.binary]),
      // an identity value that is not a finite number
      (index) => {
        const name = aiSystem(index).names.split('/')[0]!;
        index.binary.set(
          new Uint8Array(new Float64Array([Number.NaN]).buffer),
          columnsOf(index, 'ai-system', name).identity + 24,
        );
      },
      // a count that does not match the names, the latest events' file named without a length, a kind twice
      (index) => void (aiSystem(index).count += 1),
      (index) => void ((index.body.log as { latest: { bytes: number } }).latest.bytes = -1),
      (index) => void index.body.kinds.push({ ...aiSystem(index), count: 0, names: '' }),
    ];
    for (const damage of damages) {
      const ws = await verified();
      editSameSize(ws, firstFile(ws, 'ai-system'));
      forgeIndex(ws, damage);
      const run = await same(ws);
      expect(run).toMatchObject({ incremental: false, indexIgnored: 'its content is malformed' });
      expect(run.verdict.problems.map((p) => p.problem)).toEqual(['record-edited']);
    }
  });

  it('a forged index (checksum recomputed) hides an edit from plain verify; --full still names it', async () => {
    const ws = await verified();
    const file = firstFile(ws, 'ai-system');
    editSameSize(ws, file);
    const name = file.split('/').pop()!;
    const edited = await full(copyOf(ws));
    const digest = edited.verdict.problems.length; // the edit is real
    expect(digest).toBe(1);
    const info = statSync(join(ws, file));
    // The forger also knows the edited file's digest: taken from a full read of a copy.
    const fresh = await verifyWorkspace(ws, { ...quiet, full: true });
    forgeIndex(ws, (index) => {
      claimIdentity(index, 'ai-system', name, info);
      // …and the digest the log binds for it, in place of the edited file's.
      const bound = latestOf(ws).find((e) => e[0] === 'ai-system' && `${e[1]}.json` === name)!;
      index.binary.write(bound[4]!, columnsOf(index, 'ai-system', name).sha256, 'hex');
      index.body.at = Date.now() + LATER;
    });
    expect(fresh.verdict.ok).toBe(false);
    settleIndex(ws);
    const fooled = await verifyWorkspace(ws, quiet);
    expect(fooled.verdict.ok).toBe(true);
    const cli = await runCli(['verify', '--workspace', ws, '--full']);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`RECORD-EDITED: ${file}`);
  });

  it('a copied workspace (times kept): the index names another folder, so everything is read', async () => {
    const ws = await verified();
    const copied = scratch('copied');
    cpSync(ws, copied, { recursive: true, preserveTimestamps: true });
    editSameSize(copied, firstFile(copied, 'ai-system'));
    const run = await same(copied);
    expect(run.incremental).toBe(false);
    expect(run.verdict.problems.map((p) => p.problem)).toEqual(['record-edited']);
  });

  it('a snapshot cache forged after the last verify: named and removed, as a full read does', async () => {
    const ws = await verified();
    // A read command builds the ai-system cache; then its entry is forged with the checksum recomputed.
    expect((await runCli(['status', '--workspace', ws])).code).toBe(0);
    const path = cacheFile(ws, 'ai-system');
    // A segment is a view line (names, identities, records by column: a field's values in place or as
    // positions in a table of them) and a detail line (digests, whole records): the view is forged.
    const [header, views, details] = readFileSync(path, 'utf8').trimEnd().split('\n');
    const body = JSON.parse(views!.slice(LINE_PREFIX)) as {
      at: number;
      names: string;
      fields: string[];
      columns: ({ values: unknown[] } | { table: unknown[]; at: number[] })[];
    };
    const detail = JSON.parse(details!.slice(LINE_PREFIX)) as { at: number };
    const entry = body.names.split('/').indexOf('sys-claims-triage.json');
    const column = body.columns[body.fields.indexOf('name')]!;
    if ('values' in column) column.values[entry] = 'Nothing to see here';
    else column.at[entry] = column.table.push('Nothing to see here') - 1;
    body.at = detail.at = Date.now() + 4 * SETTLE_MS;
    const line = (value: object) => {
      const json = JSON.stringify(value);
      const length = String(Buffer.byteLength(json)).padStart(12, '0');
      return `${createHash('sha256').update(json).digest('hex')} ${length} ${json}\n`;
    };
    writeFileSync(path, `${header}\n${line(body)}${line(detail)}`);
    const later = Date.now() / 1000 + 8;
    utimesSync(path, later, later);
    const run = await plain(ws);
    expect(run.reread).toBe(0);
    expect(run.cacheProblems).toEqual([
      expect.stringMatching(
        /^\.cache\/ai-system\.json disagreed with 1 record file\(s\) it claimed to match \(records\/ai-system\/sys-claims-triage\.json\)/,
      ),
    ]);
    expect(existsSync(path)).toBe(false);
    expect(run.verdict.ok).toBe(true);
  });

  it('a killed index writer leaves the old index or none, and its temp file is swept', async () => {
    const ws = await verified();
    const leftover = join(ws, '.cache', '.verified.json.0123456789ab.tmp');
    writeFileSync(leftover, readFileSync(verifiedStatePath(ws), 'utf8').slice(0, 100));
    editSameSize(ws, firstFile(ws, 'ai-system'));
    const run = await same(ws);
    expect(run.verdict.problems.map((p) => p.problem)).toEqual(['record-edited']);
    expect(existsSync(leftover)).toBe(false);
  });

  /** Records one more AI system through the register (an event appended, a record file added). */
  async function recordSystem(ws: string, id: string) {
    const system = JSON.parse(readFileSync(join(ws, 'records/ai-system/sys-claims-triage.json'), 'utf8')) as {
      id: string;
    };
    const draft = scratch(`${id}.json`);
    writeFileSync(draft, JSON.stringify({ ...system, id, name: `System ${id}` }));
    const recorded = await runCli(['record', 'ai-system', draft, '--workspace', ws]);
    expect(recorded.code, recorded.err).toBe(0);
  }

  it('the latest events file is used only when it is the one the index names; otherwise the whole log is proven', async () => {
    const ws = await verified();
    // Used: events appended, only the tail parsed.
    const before = eventsOf(ws).length;
    await recordSystem(ws, 'sys-latest-used');
    expect(await same(ws)).toMatchObject({ eventsReused: before });
    settleIndex(ws);
    const stale = readFileSync(verifiedLatestPath(ws));
    await recordSystem(ws, 'sys-latest-next');
    expect((await same(ws)).verdict.ok).toBe(true);
    settleIndex(ws);
    const current = readFileSync(verifiedLatestPath(ws));
    const damages: [string, (path: string) => void][] = [
      ['deleted', (path) => rmSync(path)],
      ['torn', (path) => truncateSync(path, Math.floor(current.length / 2))],
      [
        'edited keeping its size',
        (path) => writeFileSync(path, current.toString('utf8').replace('"create"', '"update"')),
      ],
      // what a writer killed between the two files leaves, or an older file put back: its events lack the last record
      ['stale', (path) => writeFileSync(path, stale)],
      ['not JSON', (path) => writeFileSync(path, 'x'.repeat(current.length))],
    ];
    for (const [what, damage] of damages) {
      const copied = copyOf(ws);
      // The copy's index names the original folder: a first verify writes its own, then its events file is damaged.
      await plain(copied);
      settleIndex(copied);
      damage(verifiedLatestPath(copied));
      await recordSystem(copied, `sys-after-${what.split(' ')[0]}`);
      editSameSize(copied, firstFile(copied, 'ai-system'));
      const run = await same(copied);
      expect(run, what).toMatchObject({ incremental: true, eventsReused: 0 });
      expect(
        run.verdict.problems.map((p) => p.problem),
        what,
      ).toEqual(['record-edited']);
    }
  });

  it('the latest events file is not rewritten while the events are unchanged', async () => {
    const ws = await verified();
    const path = verifiedLatestPath(ws);
    const before = statSync(path);
    const index = statSync(verifiedStatePath(ws));
    // The ai-system snapshot cache built by a read command: the index is rewritten, its events file kept.
    expect((await runCli(['status', '--workspace', ws])).code).toBe(0);
    const run = await plain(ws);
    expect(run).toMatchObject({ incremental: true, reread: 0 });
    expect(statSync(verifiedStatePath(ws)).ino).not.toBe(index.ino);
    expect(statSync(path)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
    expect(run.verdict).toEqual((await full(ws)).verdict);
  });

  it('a log at rest is trusted unread; appended through the register, it is hashed whole and only the tail parsed', async () => {
    const ws = await verified();
    const rest = await same(ws);
    expect(rest).toMatchObject({ logTrusted: true, eventsReused: rest.verdict.entries });
    const system = JSON.parse(readFileSync(join(ws, 'records/ai-system/sys-claims-triage.json'), 'utf8')) as {
      id: string;
    };
    const draft = scratch('appended-system.json');
    writeFileSync(draft, JSON.stringify({ ...system, id: 'sys-appended-2', name: 'Appended again' }));
    expect((await runCli(['record', 'ai-system', draft, '--workspace', ws])).code).toBe(0);
    const run = await same(ws);
    expect(run).toMatchObject({ logTrusted: false, eventsReused: rest.verdict.entries });
    expect(run.verdict.ok).toBe(true);
    settleIndex(ws);
    expect(await same(ws)).toMatchObject({ logTrusted: true, reread: 0 });
  });

  /** One event's summary changed, the line keeping its length. */
  const editEvent = (line: string) =>
    line.replace(/"summary":"(.)/, (_, c: string) => `"summary":"${c === 'X' ? 'Y' : 'X'}`);

  it('the log edited in place keeping its size, its modification time set back (touch -r): read, and named', async () => {
    const ws = await verified();
    const log = join(ws, 'events.jsonl');
    const reference = scratch('events-reference');
    cpSync(log, reference, { preserveTimestamps: true });
    const lines = eventsOf(ws);
    lines[2] = editEvent(lines[2]!);
    writeEvents(ws, lines);
    expect(spawnSync('touch', ['-r', reference, log]).status).toBe(0);
    expect(statSync(log).size).toBe(statSync(reference).size);
    expect(statSync(log).mtimeMs).toBe(statSync(reference).mtimeMs);
    const run = await same(ws);
    expect(run.logTrusted).toBe(false);
    expect(run.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: 2 });
  });

  it('the log edited and appended to, or cut and appended to the same size: the whole log is proven again', async () => {
    const ws = await verified();
    const lines = eventsOf(ws);
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    lines[1] = editEvent(lines[1]!);
    writeEvents(ws, [...lines, JSON.stringify({ ...last, seq: lines.length, prevHash: last.hash })]);
    const edited = await same(ws);
    expect(edited.logTrusted).toBe(false);
    expect(edited.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: 1 });

    const cut = await verified();
    const log = join(cut, 'events.jsonl');
    const size = statSync(log).size;
    const kept = eventsOf(cut);
    const replaced = editEvent(kept.at(-1)!);
    writeEvents(cut, [...kept.slice(0, -1), replaced]);
    expect(statSync(log).size).toBe(size);
    const run = await same(cut);
    expect(run.logTrusted).toBe(false);
    expect(run.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: kept.length - 1 });
  });

  it('the log replaced by an edited copy with its times kept: another inode, so it is read', async () => {
    const ws = await verified();
    const log = join(ws, 'events.jsonl');
    const copied = join(ws, 'events.copy');
    cpSync(log, copied, { preserveTimestamps: true });
    const lines = readFileSync(copied, 'utf8').trimEnd().split('\n');
    lines[0] = editEvent(lines[0]!);
    writeFileSync(copied, lines.join('\n') + '\n');
    expect(spawnSync('touch', ['-r', log, copied]).status).toBe(0);
    const before = statSync(log);
    renameSync(copied, log);
    expect(statSync(log)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    const run = await same(ws);
    expect(run.logTrusted).toBe(false);
    expect(run.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: 0 });
  });

  it('a log changed within 2 s of the index write is read even when the index claims its identity', async () => {
    const ws = copy();
    await plain(ws);
    const original = readFileSync(verifiedStatePath(ws));
    const lines = eventsOf(ws);
    lines[4] = editEvent(lines[4]!);
    writeEvents(ws, lines);
    const info = statSync(join(ws, 'events.jsonl'));
    const claim = (at: number) => {
      writeFileSync(verifiedStatePath(ws), original);
      forgeIndex(ws, ({ body }) => {
        body.at = at;
        (body.log as Record<string, unknown>).identity = [
          info.dev,
          info.ino,
          info.size,
          info.mtimeMs,
          info.ctimeMs,
        ];
      });
    };
    claim(Math.max(info.mtimeMs, info.ctimeMs) + SETTLE_MS / 2);
    const racy = await verifyWorkspace(ws, quiet);
    expect(racy).toMatchObject({ incremental: true, logTrusted: false });
    expect(racy.verdict.problems[0]).toMatchObject({ problem: 'edited', seq: 4 });
    // The control: the same claim made well after the change is trusted, as a forged index is (--full is not).
    claim(Math.max(info.mtimeMs, info.ctimeMs) + SETTLE_MS * 3);
    settleIndex(ws);
    const fooled = await verifyWorkspace(ws, quiet);
    expect(fooled).toMatchObject({ logTrusted: true });
    expect(fooled.verdict.ok).toBe(true);
    expect((await full(ws)).verdict.problems[0]).toMatchObject({ problem: 'edited', seq: 4 });
  });

  it('an index of an older version: ignored and said why, everything read, then rebuilt', async () => {
    const ws = await verified();
    // Version 4: the JSON line held every column (hex digests, base64 identities) and no binary part.
    const version4 = {
      format: 'aims-verified-state',
      version: 4,
      root: realpathSync(ws),
      at: Date.now(),
      log: null,
      caches: {},
      files: { 'ai-system': { names: '', identities: '', sha256: '', content: '' } },
    };
    const rest = JSON.stringify(version4) + '\n';
    writeFileSync(verifiedStatePath(ws), `${createHash('sha256').update(rest).digest('hex')}\n${rest}`);
    editSameSize(ws, firstFile(ws, 'ai-system'));
    const run = await same(ws);
    expect(run).toMatchObject({ incremental: false, indexIgnored: 'it is of another format or version' });
    expect(run.verdict.problems.map((p) => p.problem)).toEqual(['record-edited']);
    settleIndex(ws);
    const again = await same(ws);
    expect(again).toMatchObject({ incremental: true, reread: 0, logTrusted: true });
    expect(again.indexIgnored).toBeUndefined();
  });

  it('the CLI says on standard error why an index was not used; standard output and exit code are those of --full', async () => {
    const damages: [string, (ws: string) => void, RegExp][] = [
      ['torn', (ws) => truncateSync(verifiedStatePath(ws), 200), /checksum does not match/],
      [
        'edited by hand',
        (ws) => {
          const path = verifiedStatePath(ws);
          writeFileSync(path, readFileSync(path, 'utf8').replace('"at":', '"at": '));
        },
        /checksum does not match/,
      ],
      [
        'another folder',
        (ws) => forgeIndex(ws, ({ body }) => void (body.root = '/elsewhere')),
        /another folder/,
      ],
    ];
    for (const [what, damage, why] of damages) {
      const ws = await verified();
      editSameSize(ws, firstFile(ws, 'ai-system'));
      damage(ws);
      const incremental = await runCli(['verify', '--workspace', ws]);
      const whole = await runCli(['verify', '--workspace', ws, '--full']);
      expect(incremental.code, what).toBe(1);
      expect(incremental.code).toBe(whole.code);
      expect(incremental.out).toBe(whole.out);
      expect(incremental.err.split('\n').filter(Boolean)).toEqual([
        expect.stringMatching(/^\.cache\/verified\.json was not used: /),
      ]);
      expect(incremental.err).toMatch(why);
    }
    // No index at all (a first verify) is not worth a line.
    const fresh = copy();
    const first = await runCli(['verify', '--workspace', fresh]);
    expect(first).toMatchObject({ code: 0, err: '' });
  });

  it("a large kind folder (stat'ed on a worker thread, shared with this one): the same verdicts, an edit in it re-read", async () => {
    const ws = copy();
    const dir = join(ws, 'records/ai-system');
    const first = firstFile(ws, 'ai-system');
    const record = JSON.parse(readFileSync(join(ws, first), 'utf8')) as { id: string };
    // Records without events, enough for the folder to be listed in the background.
    for (let i = 0; i < 4000; i++) {
      const id = `sys-bulk-system-record-${String(i).padStart(4, '0')}`;
      writeFileSync(join(dir, `${id}.json`), JSON.stringify({ ...record, id }, null, 2));
    }
    expect(largeFolder(dir)).toBe(true);
    const reference = await full(ws);
    expect(reference.verdict.problems.filter((p) => p.problem === 'record-without-event')).toHaveLength(4000);
    await plain(ws);
    settleIndex(ws);
    const rest = await same(ws);
    expect(rest).toMatchObject({ incremental: true, reread: 0 });
    expect(rest.verdict).toEqual(reference.verdict);
    settleIndex(ws);
    editSameSize(ws, first);
    const edited = await same(ws);
    expect(edited.reread).toBe(1);
    expect(edited.verdict.problems.filter((p) => p.problem === 'record-edited')).toHaveLength(1);
    // One file removed and one added by hand: as many names as before (the worker's joined names differ from
    // the index's by one character).
    settleIndex(ws);
    rmSync(join(dir, 'sys-bulk-system-record-2000.json'));
    const id = 'sys-bulk-system-record-2000x';
    writeFileSync(join(dir, `${id}.json`), JSON.stringify({ ...record, id }, null, 2));
    const replaced = await same(ws);
    expect(replaced).toMatchObject({ incremental: true, reread: 1 });
  });

  it('record files swapped or renamed by hand, their count unchanged: read again, refused as a full read refuses them', async () => {
    const mismatch = /field 'id': '.*' does not match the file name/;
    const swapped = await verified();
    const dir = join(swapped, 'records/ai-system');
    const [a, b] = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
    // The same names in the same order, each file now under the other's name (an index trusting names would
    // keep both files' old digests).
    renameSync(join(dir, a!), join(dir, 'swap.tmp'));
    renameSync(join(dir, b!), join(dir, a!));
    renameSync(join(dir, 'swap.tmp'), join(dir, b!));
    await expect(plain(swapped)).rejects.toThrow(mismatch);
    await expect(full(swapped)).rejects.toThrow(mismatch);
    const renamed = await verified();
    renameSync(join(renamed, 'records/ai-system', a!), join(renamed, 'records/ai-system', `z-${a!}`));
    await expect(plain(renamed)).rejects.toThrow(mismatch);
    await expect(full(renamed)).rejects.toThrow(mismatch);
  });

  it('the CLI: the same standard output with and without --full; one line on standard error says what was re-read', async () => {
    const ws = await verified();
    editSameSize(ws, firstFile(ws, 'ai-system'));
    const incremental = await runCli(['verify', '--workspace', ws]);
    const whole = await runCli(['verify', '--workspace', ws, '--full']);
    expect(incremental.code).toBe(1);
    expect(whole.code).toBe(1);
    expect(incremental.out).toBe(whole.out);
    expect(incremental.err).toMatch(/^re-read 1 of \d+ record file\(s\); .*\(--full re-reads all\)$/);
    expect(whole.err).toBe('');
  });
});

function copyOf(ws: string): string {
  const to = scratch('forgery-reference');
  cpSync(ws, to, { recursive: true });
  return to;
}
