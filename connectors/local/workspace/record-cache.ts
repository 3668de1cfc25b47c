// A snapshot of the parsed record files, one file per kind in `.cache/` inside the workspace, so a command
// reads one file per kind it needs and parses only the record files that changed. It is never the truth:
//
// - An entry is used only while its record file has the identity it had when the entry was made
//   (device, inode, size, modification and change times). Editing a file changes its change time, which
//   no user-level tool (touch -r included) can set back.
// - An entry made less than SETTLE_MS after its file last changed is not used (each segment says when it
//   was written): a file rewritten within one timestamp tick of being read could otherwise keep its
//   identity with new content.
// - The file is a header line, then segments, one a line, each with the SHA-256 of its content: the first
//   holds every entry, later ones what changed since (appended, so one changed record does not rewrite the
//   whole kind), until they grow enough to be folded into a fresh file.
// - A cache file is ignored whole when any line does not parse or does not match its checksum (a torn
//   append included), or when it names another workspace folder (copied in from elsewhere).
// - A fresh file is written atomically, appends are checksummed, and both happen only under the workspace
//   lock; a stale winner of a race only costs a re-read, since its entries name identities the files no
//   longer have.
// - `aims verify` does not read it for its verdict; it re-reads every file and reports an entry that
//   disagrees with the file it describes.
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import type { AnyRecord, RecordKind } from '../../../shared/model';
import { TEMP_FILE, writeFileAtomicSync } from './atomic-write';

export const CACHE_DIR = '.cache';
const FORMAT = 'aims-record-cache';
const VERSION = 2;
/** Appended segments beyond which the next change rewrites the file whole. */
const MAX_SEGMENTS = 16;
/** Entries younger than this when the cache was written are re-read (timestamps tick in steps of up to 2 s). */
export const SETTLE_MS = 2_000;

/** What identifies one version of a record file without reading it. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** A parsed record file: the validated record and the SHA-256 of the file's JSON as stored (canonical). */
export interface CachedRecord extends FileIdentity {
  sha256: string;
  record: AnyRecord;
}

/** File name (in records/<kind>/) → entry. */
export type KindEntries = Map<string, CachedRecord>;

interface Header {
  format: string;
  version: number;
  root: string;
  kind: string;
}

/** One cache file as read: its usable entries, and what the next change needs to know to append to it. */
export interface KindCache {
  entries: KindEntries;
  /** Segments in the file (the first holds every entry). */
  segments: number;
  /** Entries recorded in the file, counting those not usable now. */
  recorded: number;
}

/** A segment row: an entry, or [name] for a record file that is gone. */
type Row = [string, number, number, number, number, number, string, AnyRecord] | [string];

export const identityOf = (info: Stats): FileIdentity => ({
  dev: info.dev,
  ino: info.ino,
  size: info.size,
  mtimeMs: info.mtimeMs,
  ctimeMs: info.ctimeMs,
});

export const sameIdentity = (a: FileIdentity, b: FileIdentity) =>
  a.ino === b.ino &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs &&
  a.dev === b.dev;

/** SHA-256 as 64 lowercase hex digits; text is hashed as UTF-8. Every derived file under `.cache/` uses it. */
export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
export const cacheFile = (root: string, kind: string) => join(root, CACHE_DIR, `${kind}.json`);
/** The folder a derived file belongs to (its real path): a file copied in from another folder is not used. */
export const rootIdOf = (root: string) => {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
};

const rowOf = (name: string, e: CachedRecord): Row => [
  name,
  e.dev,
  e.ino,
  e.size,
  e.mtimeMs,
  e.ctimeMs,
  e.sha256,
  e.record,
];

/** The entry a row holds, null for a removal, undefined for anything malformed. */
function entryOf(row: unknown, kind: RecordKind): CachedRecord | null | undefined {
  if (!Array.isArray(row) || typeof row[0] !== 'string') return undefined;
  if (row.length === 1) return null;
  const [, dev, ino, size, mtimeMs, ctimeMs, sha256, record] = row as unknown[];
  if (
    row.length !== 8 ||
    typeof dev !== 'number' ||
    typeof ino !== 'number' ||
    typeof size !== 'number' ||
    typeof mtimeMs !== 'number' ||
    typeof ctimeMs !== 'number' ||
    typeof sha256 !== 'string' ||
    typeof record !== 'object' ||
    record === null ||
    (record as { kind?: unknown }).kind !== kind
  ) {
    return undefined;
  }
  return { dev, ino, size, mtimeMs, ctimeMs, sha256, record } as CachedRecord;
}

/** A segment: the checksum of its body, then the body: when it was written (ms) and its rows. */
const segmentLine = (rows: Row[], at: number) => {
  const body = JSON.stringify({ at, rows });
  return `${sha256(body)} ${body}\n`;
};

/** Whether an entry made at `at` (ms) was made long enough after its file last changed to be trusted. */
export const settled = (e: FileIdentity, at: number) => Math.max(e.mtimeMs, e.ctimeMs) <= at - SETTLE_MS;

/**
 * A derived file's bytes and its modification time (ms), stat'ed first so the time is no later than what
 * was read; undefined when it cannot be read.
 */
export function readStamped(path: string): { bytes: Buffer; written: number } | undefined {
  try {
    const written = statSync(path).mtimeMs;
    return { bytes: readFileSync(path), written };
  } catch {
    return undefined;
  }
}

/**
 * The usable entries of one kind's cache, or undefined when there is no usable cache file (absent,
 * unreadable, torn, hand-edited so a checksum fails, or from another folder). Entries made within
 * SETTLE_MS of their file's last change (by their segment's time, or the cache file's if earlier) are left out.
 */
export function readKindCache(root: string, kind: RecordKind): KindCache | undefined {
  const stamped = readStamped(cacheFile(root, kind));
  if (!stamped) return undefined;
  const { bytes, written } = stamped;
  // Lines by byte offset: each segment is hashed as stored, without encoding its text again.
  const ends: number[] = [];
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) ends.push(at);
  // A complete file ends with a newline after its header and at least one segment.
  if (ends.length < 2 || ends.at(-1) !== bytes.length - 1) return undefined;
  try {
    const header = JSON.parse(bytes.toString('utf8', 0, ends[0])) as Partial<Header>;
    if (
      header.format !== FORMAT ||
      header.version !== VERSION ||
      header.kind !== kind ||
      header.root !== rootIdOf(root)
    ) {
      return undefined;
    }
    const entries: KindEntries = new Map();
    // Names whose latest entry is too young to use: they still count as recorded in the file.
    let young = 0;
    for (let i = 1; i < ends.length; i++) {
      const start = ends[i - 1]! + 1;
      const body = bytes.subarray(start + 65, ends[i]);
      const stated = bytes.toString('latin1', start, start + 64);
      if (bytes[start + 64] !== 32 || stated !== sha256(body)) return undefined;
      const segment = JSON.parse(body.toString('utf8')) as { at?: unknown; rows?: unknown };
      if (typeof segment.at !== 'number' || !Array.isArray(segment.rows)) return undefined;
      const at = Math.min(segment.at, written);
      for (const row of segment.rows) {
        const entry = entryOf(row, kind);
        if (entry === undefined) return undefined;
        const name = (row as Row)[0];
        // A later segment's row replaces an earlier one, usable or not.
        if (entry !== null && settled(entry, at)) entries.set(name, entry);
        else {
          entries.delete(name);
          if (entry !== null) young++;
        }
      }
    }
    return { entries, segments: ends.length - 1, recorded: entries.size + young };
  } catch {
    return undefined;
  }
}

/** Creates `.cache/` with the .gitignore that keeps it out of version control. */
export function cacheDir(root: string): void {
  const dir = join(root, CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  // Never committed: the records are the source of truth, the cache is this machine's copy.
  const ignore = join(dir, '.gitignore');
  try {
    statSync(ignore);
  } catch {
    writeFileSync(ignore, '# Derived from records/ by aims; never commit it.\n*\n');
  }
}

/**
 * Brings one kind's cache up to date with the entries just read (`current`, file name → entry), given the
 * cache as it was read (`previous`, undefined when there was none usable), at `now` (ms). What changed
 * (entries not taken from the cache, files gone) is appended as one segment; with no usable cache, a large
 * change or too many segments,
 * the file is written afresh (atomically). Failing to write (a read-only folder, a full disk) is not an
 * error: the next command reads the record files again. Call only while holding the workspace lock.
 */
export function updateKindCache(
  root: string,
  kind: RecordKind,
  previous: KindCache | undefined,
  current: KindEntries,
  now: number = Date.now(),
): void {
  try {
    if (previous) {
      // Walked without copying the maps: at 50,000 unchanged entries the copies cost more than the check.
      const changed: Row[] = [];
      current.forEach((entry, name) => {
        if (previous.entries.get(name) !== entry) changed.push(rowOf(name, entry));
      });
      const gone: Row[] = [];
      previous.entries.forEach((_, name) => {
        if (!current.has(name)) gone.push([name]);
      });
      const count = changed.length + gone.length;
      if (count === 0) return;
      // A small change is appended; a large one is as cheap to write whole, and leaves a compact file.
      if (previous.segments < MAX_SEGMENTS && count * 4 < previous.recorded) {
        appendFileSync(cacheFile(root, kind), segmentLine([...changed, ...gone], now));
        return;
      }
    } else if (current.size === 0) return;
    cacheDir(root);
    const header: Header = { format: FORMAT, version: VERSION, root: rootIdOf(root), kind };
    const rows = [...current].map(([name, entry]) => rowOf(name, entry));
    writeFileAtomicSync(cacheFile(root, kind), `${JSON.stringify(header)}\n${segmentLine(rows, now)}`);
  } catch {
    // The cache is an optimisation; the records were read.
  }
}

/** Removes one kind's cache file (it is rebuilt from the records by the next command). */
export function discardKindCache(root: string, kind: string): void {
  rmSync(cacheFile(root, kind), { force: true });
}

/** Removes temp files a killed cache writer left behind. Call only while holding the workspace lock. */
export function sweepCacheLeftovers(root: string): void {
  let names: string[];
  try {
    names = readdirSync(join(root, CACHE_DIR));
  } catch {
    return;
  }
  for (const name of names) if (TEMP_FILE.test(name)) rmSync(join(root, CACHE_DIR, name), { force: true });
}
