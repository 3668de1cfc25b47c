// What a scan merge needs to know of a workspace without reading its whole inventory: for every AI-system
// record file, its identity, id and the source URLs it links to; for the evidence items scans asked for, their
// identity, content hash and systems. One file, `.cache/scan-index.json`, derived and never the truth:
//
// - It is used only when the workspace is at rest exactly as it was when the index was made: no journal, no
//   lock, no temp file in the workspace folder, every records folder (records/ and each kind's) with the
//   identity it had, and every AI-system file and asked-for evidence file with the identity its row names.
//   Adding, deleting or renaming a record changes its folder's identity; editing one in place changes the
//   file's (its change time cannot be set back). Anything else, and the caller reads the workspace as before.
// - The records a merge compares with (the systems linked to the scanned source or bearing a candidate's id)
//   are still read from their own files and validated; only the other systems are known by their row.
// - Rows are written only when every folder and file they name last changed at least SETTLE_MS before the
//   refresh began (before its stats), so a change within one timestamp tick of the read cannot keep its identity.
// - It is written whole (atomically), under the workspace lock, with a checksum; a torn, hand-edited or
//   copied-in index (another folder) is ignored.
import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { AiSystem, EvidenceItem, RecordKind } from '../../../shared/model';
import { TEMP_FILE, writeFileAtomicSync } from './atomic-write';
import {
  JOURNAL_FILE,
  MANIFEST_FILE,
  MAX_RECORD_BYTES,
  RECORDS_DIR,
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  fileNameForId,
  idForFileName,
} from './layout';
import {
  hasIdentity,
  largeFolder,
  listKind,
  listKindsInBackground,
  restatMissing,
  type KindListing,
} from './kind-listing';
import type { LockOptions } from './lock';
import {
  CACHE_DIR,
  identityOf,
  readKindCache,
  rootIdOf,
  sameIdentity,
  settled,
  sha256,
  type FileIdentity,
} from './record-cache';

export const SCAN_INDEX_FILE = `${CACHE_DIR}/scan-index.json`;
const FORMAT = 'aims-scan-index';
const VERSION = 1;

type IdentityRow = [number, number, number, number, number];
/**
 * An AI-system file: name, identity, record id, the URLs of its source links, and the record itself (as
 * validated) when it concerned the scan that wrote the index, null otherwise.
 */
type SystemRow = [string, ...IdentityRow, string, string[], AiSystem | null];
/** An evidence file: name, identity, content hash, system ids. */
type EvidenceRow = [string, ...IdentityRow, string, string[]];

interface Body {
  /** When the index was written (ms). */
  at: number;
  /** Workspace-relative folder → identity. */
  dirs: Record<string, IdentityRow>;
  systems: SystemRow[];
  evidence: EvidenceRow[];
}

/** A usable index: the workspace was checked to be as the index describes, AI-system files included. */
export interface ScanIndex {
  root: string;
  body: Body;
}

/** Which systems a merge compares with: those linked to one of `urls` or bearing one of `ids`. */
export interface MergeConcerns {
  urls: ReadonlySet<string>;
  ids: ReadonlySet<string>;
}

/** What a scan merge compares with, read through the index. */
export interface IndexedMergeInputs {
  /** The systems linked to one of `urls` or bearing one of `ids`, read from their files, sorted by id. */
  systems: AiSystem[];
  /** Every AI-system id in the register. */
  ids: Set<string>;
  /** The asked-for evidence items that exist: what a merge compares (content hash and systems). */
  evidence: Pick<EvidenceItem, 'id' | 'contentHash' | 'systemIds'>[];
}

const rowOf = (i: FileIdentity): IdentityRow => [i.dev, i.ino, i.size, i.mtimeMs, i.ctimeMs];
const identityOfRow = (r: readonly unknown[], at: number): FileIdentity => ({
  dev: r[at] as number,
  ino: r[at + 1] as number,
  size: r[at + 2] as number,
  mtimeMs: r[at + 3] as number,
  ctimeMs: r[at + 4] as number,
});
const statOrUndefined = (path: string): Stats | undefined => statSync(path, { throwIfNoEntry: false });
const concerns = (ask: MergeConcerns, id: string, urls: readonly string[]) =>
  ask.ids.has(id) || urls.some((url) => ask.urls.has(url));
const byId = (a: AiSystem, b: AiSystem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Whether the workspace folder holds a journal or a temp file (of a transaction), or, unless the caller holds
 * it, the lock or what a killed locker left.
 */
function busy(root: string, holdingLock = false): boolean {
  return readdirSync(root).some(
    (name) =>
      name === JOURNAL_FILE || TEMP_FILE.test(name) || (!holdingLock && name.startsWith('.aims-lock')),
  );
}

function manifestOk(root: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(root, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
    return manifest.format === WORKSPACE_FORMAT && manifest.version === WORKSPACE_VERSION;
  } catch {
    return false;
  }
}

/** The records folders (records/ and one per kind present), with their identities, or undefined if absent. */
function recordDirs(root: string): Record<string, FileIdentity> | undefined {
  const top = statOrUndefined(join(root, RECORDS_DIR));
  if (!top?.isDirectory()) return undefined;
  const dirs: Record<string, FileIdentity> = { [RECORDS_DIR]: identityOf(top) };
  for (const kind of readdirSync(join(root, RECORDS_DIR)).sort()) {
    const info = statSync(join(root, RECORDS_DIR, kind));
    dirs[`${RECORDS_DIR}/${kind}`] = identityOf(info);
  }
  return dirs;
}

/** Whether every folder the index names still has its identity, and no other records folder exists. */
function dirsUnchanged(root: string, dirs: Body['dirs']): boolean {
  // records/ unchanged means the same kind folders, so stat'ing those named is enough.
  for (const [dir, row] of Object.entries(dirs)) {
    const info = statOrUndefined(join(root, dir));
    if (!info || !sameIdentity(identityOfRow(row, 0), info)) return false;
  }
  return RECORDS_DIR in dirs;
}

function readBody(root: string): Body | undefined {
  let text: string;
  let written: number;
  const path = join(root, SCAN_INDEX_FILE);
  try {
    written = statSync(path).mtimeMs;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [headerLine, line, rest] = text.split('\n');
  if (headerLine === undefined || line === undefined || rest !== '') return undefined;
  try {
    const header = JSON.parse(headerLine) as Record<string, unknown>;
    if (header.format !== FORMAT || header.version !== VERSION || header.root !== rootIdOf(root)) {
      return undefined;
    }
    const stated = line.slice(0, 64);
    const json = line.slice(65);
    if (line[64] !== ' ' || sha256(json) !== stated) return undefined;
    const body = JSON.parse(json) as Body;
    if (typeof body.at !== 'number' || !Array.isArray(body.systems) || !Array.isArray(body.evidence)) {
      return undefined;
    }
    // The earlier of the stated time and the file's own: a row is trusted only if settled by then.
    return { ...body, at: Math.min(body.at, written) };
  } catch {
    return undefined;
  }
}

/** Whether every AI-system file listed has the identity its row names, and no other file is there. */
function filesMatch(root: string, body: Body, listing: KindListing): boolean {
  if (listing.names.length !== body.systems.length) return false;
  const dir = join(root, RECORDS_DIR, 'ai-system');
  for (let i = 0; i < body.systems.length; i++) {
    const row = body.systems[i]!;
    if (listing.names[i] !== row[0]) return false;
    const identity = identityOfRow(row, 1);
    if (!settled(identity, body.at)) return false;
    restatMissing(listing, i, `${dir}/${row[0]}`);
    if (!hasIdentity(listing, i, identity)) return false;
  }
  return true;
}

/** The index, if the workspace folder and its records folders are as it describes (files not yet checked). */
function checkedBody(root: string): Body | undefined {
  if (!manifestOk(root) || busy(root)) return undefined;
  const body = readBody(root);
  if (!body || !dirsUnchanged(root, body.dirs)) return undefined;
  if (Object.values(body.dirs).some((row) => !settled(identityOfRow(row, 0), body.at))) return undefined;
  return body;
}

/**
 * Checks the workspace against its scan index: valid manifest, nothing in progress, every records folder and
 * every AI-system file as the index describes. Returns the index, or undefined when the workspace must be read
 * as usual (no index, or anything changed). Opening the workspace the usual way would then report no error
 * and read the same AI systems. Reads no record; writes nothing; takes no lock.
 */
export function openScanIndex(root: string): ScanIndex | undefined {
  try {
    const body = checkedBody(root);
    if (!body || !filesMatch(root, body, listKind(join(root, RECORDS_DIR, 'ai-system')))) return undefined;
    return { root, body };
  } catch {
    return undefined;
  }
}

/**
 * `openScanIndex` in two steps, so the AI-system files are stat'ed while the caller works: the folders are
 * checked now, and a large systems folder is listed and stat'ed on a worker thread. Undefined when the index
 * is already not usable; otherwise `finish` resolves to what `openScanIndex` would have returned.
 */
export function beginScanIndex(root: string): { finish(): Promise<ScanIndex | undefined> } | undefined {
  let body: Body | undefined;
  try {
    body = checkedBody(root);
  } catch {
    return undefined;
  }
  if (!body) return undefined;
  const dir = join(root, RECORDS_DIR, 'ai-system');
  const background = largeFolder(dir) ? listKindsInBackground([dir]) : undefined;
  return {
    async finish() {
      try {
        const listing = (await background?.())?.[0] ?? listKind(dir);
        return body && filesMatch(root, body, listing) ? { root, body } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** An id a record file can be named after (the model's Id rule, without loading the validator). */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$/;

/**
 * Reads and validates one record file; undefined if it is not what the index says or does not parse. The
 * validator is loaded only here: a merge that finds every record it compares with in the index needs none.
 */
async function readRecord<K extends RecordKind>(root: string, kind: K, name: string, identity: FileIdentity) {
  const { parseJsonStrict, parseRecord } = await import('../../../shared/register');
  const path = join(root, RECORDS_DIR, kind, name);
  const info = statOrUndefined(path);
  if (!info || !sameIdentity(identity, info) || info.size > MAX_RECORD_BYTES) return undefined;
  try {
    const record = parseRecord(kind, parseJsonStrict(readFileSync(path, 'utf8')), path);
    return record.id === idForFileName(name) ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a merge of candidates from sources `urls` with ids `ids` compares with, and the evidence items
 * `evidenceIds` (those that exist), read through an index `openScanIndex` returned. Undefined when anything
 * differs from the index or the workspace changed meanwhile: read the workspace as usual then.
 */
export async function readIndexedMergeInputs(
  index: ScanIndex,
  ask: MergeConcerns & { evidenceIds: readonly string[] },
): Promise<IndexedMergeInputs | undefined> {
  const { root, body } = index;
  try {
    const ids = new Set<string>();
    const systems: AiSystem[] = [];
    for (const row of body.systems) {
      const [name, , , , , , id, urls, kept] = row;
      ids.add(id);
      if (!concerns(ask, id, urls)) continue;
      // openScanIndex found the file as the row describes, so the record kept with it is the file's.
      const record = kept ?? (await readRecord(root, 'ai-system', name, identityOfRow(row, 1)));
      if (!record) return undefined;
      systems.push(record);
    }
    const rows = new Map(body.evidence.map((row) => [row[0], row]));
    const evidence: IndexedMergeInputs['evidence'] = [];
    for (const id of ask.evidenceIds) {
      if (!ID.test(id)) return undefined;
      const name = fileNameForId(id);
      const info = statOrUndefined(join(root, RECORDS_DIR, 'evidence', name));
      if (!info) continue;
      const row = rows.get(name);
      if (!row || !sameIdentity(identityOfRow(row, 1), info)) return undefined;
      evidence.push({ id, contentHash: row[6], systemIds: row[7] });
    }
    // Nothing was committed or begun meanwhile: the records read belong together.
    if (busy(root) || !dirsUnchanged(root, body.dirs)) return undefined;
    return { systems: systems.sort(byId), ids, evidence };
  } catch {
    return undefined;
  }
}

/**
 * Rewrites the scan index from the workspace as it is now, under the workspace lock: every AI-system file
 * (through its snapshot cache where that matches; the records `scan` concerns kept whole), the evidence
 * items `scan.evidenceIds` that exist, and the previous index's evidence rows still current. Writes nothing when a transaction is in progress or left over, when a
 * record does not parse (opening the workspace reports it), or when anything changed within SETTLE_MS (the
 * next scan tries again). Call after the workspace opened without error. `options.now`: the clock, in ms
 * (default Date.now). Returns whether it wrote.
 */
export async function refreshScanIndex(
  root: string,
  scan: MergeConcerns & { evidenceIds: readonly string[] },
  options: LockOptions & { now?: () => number } = {},
): Promise<boolean> {
  const { withLock } = await import('./lock');
  return withLock(root, options, async () => {
    try {
      if (busy(root, true) || !statOrUndefined(join(root, CACHE_DIR))?.isDirectory()) return false;
      // The settle rule's time, taken before any stat: a file rewritten after its stat within one timestamp
      // tick keeps its identity, so it must count as changed after this time (taken once the reads are
      // done, a slow read could make it look settled).
      const at = (options.now ?? Date.now)();
      // Identity first: what is read afterwards is at least as new as what the rows will claim.
      const dirs = recordDirs(root);
      if (!dirs) return false;
      const systemsDir = join(root, RECORDS_DIR, 'ai-system');
      const cached = readKindCache(root, 'ai-system');
      const systems: SystemRow[] = [];
      const names = statOrUndefined(systemsDir) ? readdirSync(systemsDir).sort() : [];
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        const info = statSync(`${systemsDir}/${name}`);
        const identity = identityOf(info);
        const hit = cached?.entries.get(name);
        const record =
          hit && sameIdentity(hit, identity)
            ? (hit.record as AiSystem)
            : await readRecord(root, 'ai-system', name, identity);
        if (!record) return false;
        const urls = record.sources.map((s) => s.url);
        systems.push([
          name,
          ...rowOf(identity),
          record.id,
          urls,
          concerns(scan, record.id, urls) ? record : null,
        ]);
      }
      const evidence = new Map<string, EvidenceRow>();
      const previous = readBody(root);
      const wanted = new Set([
        ...(previous?.evidence ?? []).map((row) => row[0]),
        ...scan.evidenceIds.filter((id) => ID.test(id)).map(fileNameForId),
      ]);
      for (const name of [...wanted].sort()) {
        const info = statOrUndefined(join(root, RECORDS_DIR, 'evidence', name));
        if (!info) continue;
        const identity = identityOf(info);
        const record = await readRecord(root, 'evidence', name, identity);
        if (!record) return false;
        evidence.set(name, [name, ...rowOf(identity), record.contentHash, record.systemIds]);
      }
      const rows = [...Object.values(dirs), ...systems.map((r) => identityOfRow(r, 1))];
      if (!rows.every((identity) => settled(identity, at))) return false;
      if (![...evidence.values()].every((r) => settled(identityOfRow(r, 1), at))) return false;
      const body: Body = {
        at,
        dirs: Object.fromEntries(Object.entries(dirs).map(([dir, i]) => [dir, rowOf(i)])),
        systems,
        evidence: [...evidence.values()],
      };
      const json = JSON.stringify(body);
      const header = JSON.stringify({ format: FORMAT, version: VERSION, root: rootIdOf(root) });
      writeFileAtomicSync(join(root, SCAN_INDEX_FILE), `${header}\n${sha256(json)} ${json}\n`);
      return true;
    } catch {
      // The index is an optimisation; the scan's merge was made from the records.
      return false;
    }
  });
}
