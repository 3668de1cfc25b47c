// `aims scan --workspace` through the scan index: an unchanged tree writes nothing and takes no lock, and
// whatever a clumsy user or a second process does to the workspace, the scan decides and writes exactly
// what a full read of the inventory decides. Each case is run twice — on a workspace with a current index
// and on a copy without one — and both runs must print the same and leave the same files.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeTarget } from '../../../connectors/local/git';
import { prepareMerge, syncInventory } from '../../../connectors/local/inventory-sync';
import { scanDirectory } from '../../../connectors/local/scan';
import {
  JOURNAL_FILE,
  LOCK_FILE,
  SCAN_INDEX_FILE,
  SETTLE_MS,
  openScanIndex,
  openWorkspace,
  readIndexedMergeInputs,
  refreshScanIndex,
} from '../../../connectors/local/workspace';
import { DEFAULT_MAX_BYTES } from '../../../shared/discovery/limits';
import { RECORD_META_FIELDS, draftOf, type AiSystem } from '../../../shared/model';
import { RecordMeta } from '../../../shared/model/base';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const workspaces = demoWorkspaces('aims-scan-index-');
const CORPUS = join(import.meta.dirname, '../../fixtures/corpus');
const FOLDERS = ['agents-langchain-rag-guardrails', 'compose-ollama-vllm', 'workflow-ai-action'];
const quiet = () => undefined;

function makeTree(): string {
  const tree = workspaces.scratch('tree');
  mkdirSync(tree);
  for (const folder of FOLDERS) cpSync(join(CORPUS, folder), join(tree, folder), { recursive: true });
  return tree;
}

/** Every file of a folder but the derived cache, with its bytes (what a scan must write the same). */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (name.startsWith('.cache')) continue;
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = readFileSync(path, 'utf8');
  }
  return out;
}

/** Every file and folder of a workspace with its identity, the workspace folder itself included. */
function identities(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['.', ...readdirSync(dir, { recursive: true, encoding: 'utf8' })].sort()) {
    const info = statSync(join(dir, name));
    out[name] = `${info.size} ${info.mtimeMs} ${info.ctimeMs} ${info.ino}`;
  }
  return out;
}

/**
 * Writes a current scan index for `tree` as if the workspace had been at rest for a while: the index's
 * clock (and its file's time) set past the settling time, instead of waiting for it.
 */
async function writeIndex(ws: string, tree: string): Promise<void> {
  const report = await scanDirectory(tree, { maxBytes: DEFAULT_MAX_BYTES, target: tree });
  const prepared = await prepareMerge(report, await describeTarget(tree), new Date());
  const later = Date.now() + SETTLE_MS + 1_000;
  const wrote = await refreshScanIndex(
    ws,
    { ...prepared.concerns, evidenceIds: prepared.evidenceIds },
    { now: () => later },
  );
  expect(wrote).toBe(true);
  utimesSync(join(ws, SCAN_INDEX_FILE), later / 1000, later / 1000);
}

/** Two copies of the demo workspace with `tree` merged in; the first with a current scan index. */
async function twins(tree: string): Promise<[string, string]> {
  const indexed = workspaces.copy();
  const plain = workspaces.copy();
  for (const ws of [indexed, plain]) expect((await runCli(['scan', tree, '--workspace', ws])).code).toBe(0);
  await writeIndex(indexed, tree);
  expect(openScanIndex(indexed)).toBeDefined();
  rmSync(join(plain, SCAN_INDEX_FILE), { force: true });
  return [indexed, plain];
}

const systemFiles = (ws: string, linkedTo: string, linked: boolean) =>
  readdirSync(join(ws, 'records/ai-system'))
    .filter((name) => readFileSync(join(ws, 'records/ai-system', name), 'utf8').includes(linkedTo) === linked)
    .sort();

function editJson(path: string, edit: (record: Record<string, unknown>) => void): void {
  const record = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(record);
  writeFileSync(path, JSON.stringify(record, null, 2) + '\n');
}

/** Runs the same scan on both twins; both must print the same, exit the same and leave the same files. */
async function sameOnBoth(indexed: string, plain: string, tree: string, args: string[] = []) {
  const a = await runCli(['scan', tree, '--workspace', indexed, ...args]);
  const b = await runCli(['scan', tree, '--workspace', plain, ...args]);
  // Messages name the workspace folder, which differs between the twins.
  expect({ ...a, err: a.err.replaceAll(indexed, '<ws>') }).toEqual({
    ...b,
    err: b.err.replaceAll(plain, '<ws>'),
  });
  expect(contents(indexed)).toEqual(contents(plain));
  return a;
}

describe('aims scan --workspace through the scan index', () => {
  it('an unchanged tree: the same report, and not one file or folder of the workspace touched, lock included', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const before = identities(indexed);
    const result = await sameOnBoth(indexed, plain, tree);
    expect(result.out).toContain(
      'Workspace: 0 new (awaiting review), 0 updated, 0 vanished, 0 evidence item(s)',
    );
    // The workspace folder's own times say no lock file was made and removed in it.
    expect(identities(indexed)).toEqual(before);
    for (const format of ['json', 'cyclonedx']) await sameOnBoth(indexed, plain, tree, ['--format', format]);
    expect(identities(indexed)).toEqual(before);
  });

  it('a new model id in the tree is merged as a full read merges it', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    appendFileSync(
      join(tree, FOLDERS[0]!, 'assistant/agent.py'),
      '\nclient.chat.completions.create(model="gpt-4.1-nano-2025-04-14")\n',
    );
    const result = await sameOnBoth(indexed, plain, tree);
    expect(result.out).toMatch(/0 new \(awaiting review\), 1 updated, 0 vanished, 1 evidence item/);
    // Written, so the index no longer matches: the next unchanged scan reads the workspace, and agrees.
    expect(openScanIndex(indexed)).toBeUndefined();
    expect((await sameOnBoth(indexed, plain, tree)).out).toMatch(/0 new .*0 updated, 0 vanished, 0 evidence/);
  });

  it('a system removed from the tree is marked vanished, and found again when it comes back', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const moved = workspaces.scratch('aside');
    cpSync(join(tree, FOLDERS[1]!), moved, { recursive: true });
    rmSync(join(tree, FOLDERS[1]!), { recursive: true });
    expect((await sameOnBoth(indexed, plain, tree)).out).toMatch(/0 updated, [1-9]\d* vanished/);
    cpSync(moved, join(tree, FOLDERS[1]!), { recursive: true });
    expect((await sameOnBoth(indexed, plain, tree)).out).toMatch(/[1-9]\d* updated, 0 vanished/);
  });

  it('a system record edited by hand in place (same folder, same name) is read and merged', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const url = pathToFileURL(tree).href;
    const [name] = systemFiles(indexed, url, true);
    for (const ws of [indexed, plain]) {
      editJson(join(ws, 'records/ai-system', name!), (r) => {
        r.name = 'Renamed by hand';
        r.components = (r.components as unknown[]).slice(1);
      });
    }
    const result = await sameOnBoth(indexed, plain, tree);
    expect(result.out).toMatch(/0 new \(awaiting review\), 1 updated/);
    expect(readFileSync(join(indexed, 'records/ai-system', name!), 'utf8')).toContain('Renamed by hand');
  });

  it('a system record broken by hand fails the scan before its report is printed, as without an index', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const [name] = systemFiles(indexed, 'https://', false);
    for (const ws of [indexed, plain]) writeFileSync(join(ws, 'records/ai-system', name!), '{ not json');
    const result = await sameOnBoth(indexed, plain, tree);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(name);
  });

  it('an unrelated system given a link to the tree by hand is judged with the others (vanished)', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const url = pathToFileURL(tree).href;
    const [name] = systemFiles(indexed, url, false);
    for (const ws of [indexed, plain]) {
      editJson(join(ws, 'records/ai-system', name!), (r) => {
        r.sources = [...(r.sources as unknown[]), { tool: 'local', url, label: 'by hand' }];
        r.discoveryRoot = 'not-in-the-tree';
      });
    }
    expect((await sameOnBoth(indexed, plain, tree)).out).toMatch(/0 updated, 1 vanished/);
  });

  it('a system file deleted by hand is discovered anew; one added by hand with a candidate id is matched', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const url = pathToFileURL(tree).href;
    const [first] = systemFiles(indexed, url, true);
    const saved = readFileSync(join(indexed, 'records/ai-system', first!), 'utf8');
    for (const ws of [indexed, plain]) rmSync(join(ws, 'records/ai-system', first!));
    expect((await sameOnBoth(indexed, plain, tree)).out).toMatch(/1 new \(awaiting review\)/);

    const [again, plainAgain] = await twins(tree);
    for (const ws of [again, plainAgain]) rmSync(join(ws, 'records/ai-system', first!));
    await writeIndex(again, tree);
    // Put back by hand (as a reviewer restoring it from version control): known again, nothing new.
    for (const ws of [again, plainAgain]) writeFileSync(join(ws, 'records/ai-system', first!), saved);
    expect((await sameOnBoth(again, plainAgain, tree)).out).toMatch(/0 new \(awaiting review\)/);
  });

  it('an evidence item edited by hand, a stray temp file, a journal or a lock: the workspace is read as usual', async () => {
    const tree = makeTree();
    const [indexed, plain] = await twins(tree);
    const evidence = readdirSync(join(indexed, 'records/evidence')).find((n) => n.startsWith('ev-src-'))!;
    for (const ws of [indexed, plain]) {
      editJson(join(ws, 'records/evidence', evidence), (r) => {
        r.contentHash = '0'.repeat(64);
      });
    }
    expect((await sameOnBoth(indexed, plain, tree)).out).toMatch(/1 evidence item\(s\) recorded/);

    const [quiet1, quiet2] = await twins(tree);
    writeFileSync(join(quiet1, '.events.jsonl.0123456789ab.tmp'), 'half');
    writeFileSync(join(quiet2, '.events.jsonl.0123456789ab.tmp'), 'half');
    const swept = await sameOnBoth(quiet1, quiet2, tree);
    expect(swept.err).toContain('discarded an interrupted transaction');

    const [held] = await twins(tree);
    writeFileSync(join(held, JOURNAL_FILE), '{}');
    expect(openScanIndex(held)).toBeUndefined();
    rmSync(join(held, JOURNAL_FILE));
    writeFileSync(join(held, LOCK_FILE), '{}');
    expect(openScanIndex(held)).toBeUndefined();
  });

  it('an index copied in from elsewhere, torn, edited or not yet settled is not used', async () => {
    const tree = makeTree();
    const [indexed] = await twins(tree);
    const copied = workspaces.scratch('copied');
    cpSync(indexed, copied, { recursive: true });
    expect(openScanIndex(copied)).toBeUndefined();

    const path = join(indexed, SCAN_INDEX_FILE);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, -40));
    expect(openScanIndex(indexed)).toBeUndefined();
    writeFileSync(path, text.replace('"at":', '"at": '));
    expect(openScanIndex(indexed)).toBeUndefined();
    // Its own file time is earlier than the files it describes have settled: not trusted.
    writeFileSync(path, text);
    expect(openScanIndex(indexed)).toBeUndefined();
    // Written now, the record files just changed: the refresh declines rather than write rows it cannot trust.
    const fresh = workspaces.copy();
    expect((await runCli(['scan', tree, '--workspace', fresh])).code).toBe(0);
    expect(
      await refreshScanIndex(fresh, { urls: new Set(), ids: new Set(), evidenceIds: [] }, { log: quiet }),
    ).toBe(false);
    expect(existsSync(join(fresh, SCAN_INDEX_FILE))).toBe(false);
  });

  it('the records read through the index are those a full read gives', async () => {
    const tree = makeTree();
    const [indexed] = await twins(tree);
    const report = await scanDirectory(tree, { maxBytes: DEFAULT_MAX_BYTES, target: tree });
    const prepared = await prepareMerge(report, await describeTarget(tree), new Date());
    const index = openScanIndex(indexed)!;
    const read = await readIndexedMergeInputs(index, {
      ...prepared.concerns,
      evidenceIds: prepared.evidenceIds,
    });
    const register = await openWorkspace(indexed, { log: quiet });
    const all = await register.list('ai-system');
    const { urls, ids } = prepared.concerns;
    expect(read?.systems).toEqual(all.filter((s) => ids.has(s.id) || s.sources.some((l) => urls.has(l.url))));
    expect([...(read?.ids ?? [])].sort()).toEqual(all.map((s) => s.id).sort());
    const evidence = [];
    for (const id of prepared.evidenceIds) {
      const item = await register.get('evidence', id);
      if (item) evidence.push({ id, contentHash: item.contentHash, systemIds: item.systemIds });
    }
    expect(read?.evidence).toEqual(evidence);
  });
});

describe('two writers', () => {
  it('a change another process commits between the read and the write is merged with, not overwritten', async () => {
    const tree = makeTree();
    const ws = workspaces.copy();
    expect((await runCli(['scan', tree, '--workspace', ws])).code).toBe(0);
    appendFileSync(
      join(tree, FOLDERS[0]!, 'assistant/agent.py'),
      '\nclient.chat.completions.create(model="gpt-4.1-nano-2025-04-14")\n',
    );
    const report = await scanDirectory(tree, { maxBytes: DEFAULT_MAX_BYTES, target: tree });
    const target = await describeTarget(tree);
    // The day of the first scan (runCli's clock), so only what changed in the tree is an update.
    const clock = () => '2026-11-28T09:00:00.000Z';
    const scanner = await openWorkspace(ws, { log: quiet, clock });
    const reviewer = await openWorkspace(ws, { log: quiet, clock });
    const url = pathToFileURL(tree).href;
    let reads = 0;
    let reviewed: AiSystem | undefined;
    const plan = await syncInventory(scanner, report, target, {
      now: new Date(clock()),
      cause: 'test',
      // The scanner reads the inventory; the reviewer then confirms every system of the tree.
      systems: async () => {
        const systems = await scanner.list('ai-system');
        if (reads++ === 0) {
          await reviewer.transact({ actor: 'alice', cause: 'review' }, async (tx) => {
            for (const s of systems.filter((s) => s.sources.some((l) => l.url === url))) {
              reviewed = await tx.put('ai-system', {
                ...draftOf<'ai-system'>(s),
                inventoryState: 'confirmed',
                inScope: true,
                scopeJustification: 'reviewed',
              });
            }
          });
        }
        return systems;
      },
    });
    expect(reads).toBe(2);
    expect(plan.updated.length).toBe(1);
    const after = await (await openWorkspace(ws, { log: quiet })).list('ai-system');
    const mine = after.filter((s) => s.sources.some((l) => l.url === url));
    // The review stands on every system, the updated one included, and the new model is there.
    expect(reviewed).toBeDefined();
    expect(mine.every((s) => s.inventoryState === 'confirmed' && s.inScope)).toBe(true);
    expect(JSON.stringify(mine)).toContain('gpt-4.1-nano-2025-04-14');
  });
});

describe('record metadata fields', () => {
  it('the list kept apart from the schemas is the schema’s fields but the id', () => {
    expect([...RECORD_META_FIELDS].sort()).toEqual(
      Object.keys(RecordMeta.shape)
        .filter((f) => f !== 'id')
        .sort(),
    );
  });
});
