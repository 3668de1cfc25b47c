// A snapshot of the parsed record files, one file per kind in `.cache/` inside the workspace, so a command
// reads one file per kind it needs and parses only the record files that changed. It is never the truth:
//
// - An entry is used only while its record file has the identity it had when the entry was made
//   (device, inode, size, modification and change times). Editing a file changes its change time, which
//   no user-level tool (touch -r included) can set back.
// - An entry made less than SETTLE_MS after its file last changed is not used (each segment says when it
//   was written): a file rewritten within one timestamp tick of being read could otherwise keep its
//   identity with new content.
// - The file is a header line, then segments: the first holds every entry, later ones what changed since
//   (appended, so one changed record does not rewrite the whole kind), until they grow enough to be folded
//   into a fresh file. A segment is two lines, each with the SHA-256 of its content: the view line (each
//   entry's file name, identity and the record as a read-only snapshot holds it: an evidence item's summary
//   fields, any other record whole) and the detail line (each entry's file digest and, where the view is a
//   summary, the whole record). Read-only commands parse view lines only ('light'); the rest parse both.
// - A cache file is ignored whole when any line it reads does not parse or does not match its checksum (a
//   torn append included), or when it names another workspace folder (copied in from elsewhere).
// - A fresh file is written atomically, appends are checksummed, and both happen only under the workspace
//   lock; a stale winner of a race only costs a re-read, since its entries name identities the files no
//   longer have.
// - `aims verify` does not read it for its verdict; it re-reads every file and reports an entry that
//   disagrees with the file it describes, in its digest, its record or its view.
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
import { summaryOf } from '../../../shared/processes/snapshot';
import { TEMP_FILE, writeFileAtomicSync } from './atomic-write';

export const CACHE_DIR = '.cache';
const FORMAT = 'aims-record-cache';
const VERSION = 3;
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

/**
 * A parsed record file: the validated record and the SHA-256 of the file's JSON as stored (canonical). An
 * entry read light holds the record as a snapshot view (summaryOf) and no digest (''); `view` is the view
 * line's record of an entry read whole from a cache file, for verify to compare with the record.
 */
export interface CachedRecord extends FileIdentity {
  sha256: string;
  record: AnyRecord;
  light?: true;
  view?: unknown;
}

/** How a cache file is read: 'whole' (records and digests) or 'light' (view lines only). */
export type CacheForm = 'whole' | 'light';

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

/** A view-line row: an entry's name, identity and view, or [name] for a record file that is gone. */
type ViewRow = [string, number, number, number, number, number, unknown] | [string];
/** A detail-line row, one per view row: the digest, and the whole record where the view is a summary. */
type DetailRow = [string] | [string, AnyRecord] | null;

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

/** The two rows of a whole entry: its view (computed unless read from a cache) and its detail. */
function rowsOf(name: string, e: CachedRecord): [ViewRow, DetailRow] {
  const view = summaryOf(e.record);
  return [
    [name, e.dev, e.ino, e.size, e.mtimeMs, e.ctimeMs, view],
    view === e.record ? [e.sha256] : [e.sha256, e.record],
  ];
}

/**
 * The entry a view row (and, read whole, its detail row) holds: null for a removal, undefined for anything
 * malformed.
 */
function entryOf(
  row: unknown,
  detail: unknown,
  kind: RecordKind,
  form: CacheForm,
): CachedRecord | null | undefined {
  if (!Array.isArray(row) || typeof row[0] !== 'string') return undefined;
  if (row.length === 1) return form === 'light' || detail === null ? null : undefined;
  // Read by index, not destructured: this runs once per record file, 50,000 times for a large kind.
  const dev: unknown = row[1];
  const ino: unknown = row[2];
  const size: unknown = row[3];
  const mtimeMs: unknown = row[4];
  const ctimeMs: unknown = row[5];
  const view: unknown = row[6];
  if (
    row.length !== 7 ||
    typeof dev !== 'number' ||
    typeof ino !== 'number' ||
    typeof size !== 'number' ||
    typeof mtimeMs !== 'number' ||
    typeof ctimeMs !== 'number' ||
    !isKindRecord(view, kind)
  ) {
    return undefined;
  }
  if (form === 'light') return { dev, ino, size, mtimeMs, ctimeMs, sha256: '', record: view, light: true };
  if (!Array.isArray(detail) || typeof detail[0] !== 'string' || detail.length > 2) return undefined;
  const record: unknown = detail.length === 2 ? detail[1] : view;
  if (!isKindRecord(record, kind)) return undefined;
  return { dev, ino, size, mtimeMs, ctimeMs, sha256: detail[0], record, view };
}

const isKindRecord = (value: unknown, kind: RecordKind): value is AnyRecord =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;

/**
 * Whether an entry read whole has the view its record gives (a view line edited or forged apart from its
 * detail line would otherwise show read-only commands something the record does not say).
 */
export const viewAgrees = (e: CachedRecord): boolean =>
  e.view === undefined ||
  e.view === e.record ||
  JSON.stringify(e.view) === JSON.stringify(summaryOf(e.record));

/** A checksummed line: the SHA-256 of its body, then the body. */
const line = (body: string) => `${sha256(body)} ${body}\n`;

/** A segment: its view line (when it was written, in ms, and the view rows) and its detail line. */
function segmentLines(entries: readonly (readonly [string, CachedRecord | null])[], at: number): string {
  const views: ViewRow[] = [];
  const details: DetailRow[] = [];
  for (const [name, entry] of entries) {
    const [view, detail] = entry ? rowsOf(name, entry) : [[name] as ViewRow, null];
    views.push(view);
    details.push(detail);
  }
  return line(JSON.stringify({ at, rows: views })) + line(JSON.stringify({ at, rows: details }));
}

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
 * 'light' reads the view lines only: entries hold the snapshot view and no digest.
 */
export function readKindCache(
  root: string,
  kind: RecordKind,
  form: CacheForm = 'whole',
): KindCache | undefined {
  const stamped = readStamped(cacheFile(root, kind));
  if (!stamped) return undefined;
  const { bytes, written } = stamped;
  // Lines by byte offset: each line is hashed as stored, without encoding its text again.
  const ends: number[] = [];
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) ends.push(at);
  // A complete file ends with a newline after its header and at least one segment (two lines each).
  if (ends.length < 3 || ends.length % 2 === 0 || ends.at(-1) !== bytes.length - 1) return undefined;
  /** The parsed body of the line ending at ends[i], or undefined when its checksum fails. */
  const lineAt = (i: number): { at?: unknown; rows?: unknown } | undefined => {
    const start = ends[i - 1]! + 1;
    const body = bytes.subarray(start + 65, ends[i]);
    if (bytes[start + 64] !== 32 || bytes.toString('latin1', start, start + 64) !== sha256(body))
      return undefined;
    return JSON.parse(body.toString('utf8')) as { at?: unknown; rows?: unknown };
  };
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
    for (let i = 1; i < ends.length; i += 2) {
      const segment = lineAt(i);
      if (typeof segment?.at !== 'number' || !Array.isArray(segment.rows)) return undefined;
      const { rows } = segment;
      let details: unknown[] | undefined;
      if (form === 'whole') {
        const detail = lineAt(i + 1);
        if (detail?.at !== segment.at || !Array.isArray(detail.rows) || detail.rows.length !== rows.length) {
          return undefined;
        }
        details = detail.rows;
      }
      const at = Math.min(segment.at, written);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r] as ViewRow;
        const entry = entryOf(row, details?.[r], kind, form);
        if (entry === undefined) return undefined;
        const name = row[0];
        // A later segment's row replaces an earlier one, usable or not.
        if (entry !== null && settled(entry, at)) entries.set(name, entry);
        else {
          entries.delete(name);
          if (entry !== null) young++;
        }
      }
    }
    return { entries, segments: (ends.length - 1) / 2, recorded: entries.size + young };
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
 * change or too many segments, the file is written afresh (atomically; entries read light are completed
 * from the cache read whole). Failing to write (a read-only folder, a full disk) is not an error: the next
 * command reads the record files again. Call only while holding the workspace lock.
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
      const changed: [string, CachedRecord | null][] = [];
      current.forEach((entry, name) => {
        if (previous.entries.get(name) !== entry) changed.push([name, entry]);
      });
      previous.entries.forEach((_, name) => {
        if (!current.has(name)) changed.push([name, null]);
      });
      if (changed.length === 0) return;
      // A small change is appended; a large one is as cheap to write whole, and leaves a compact file.
      // Anything appended was just read from its file, so it is whole.
      if (previous.segments < MAX_SEGMENTS && changed.length * 4 < previous.recorded) {
        appendFileSync(cacheFile(root, kind), segmentLines(changed, now));
        return;
      }
    } else if (current.size === 0) return;
    const entries = wholeEntries(root, kind, current);
    if (!entries) return;
    cacheDir(root);
    const header: Header = { format: FORMAT, version: VERSION, root: rootIdOf(root), kind };
    writeFileAtomicSync(cacheFile(root, kind), `${JSON.stringify(header)}\n${segmentLines(entries, now)}`);
  } catch {
    // The cache is an optimisation; the records were read.
  }
}

/**
 * The entries to write a fresh cache file from: entries read light are replaced by the same file's entry
 * in the cache read whole (same identity); undefined when one cannot be (nothing is written then).
 */
function wholeEntries(
  root: string,
  kind: RecordKind,
  current: KindEntries,
): [string, CachedRecord][] | undefined {
  const entries = [...current];
  if (!entries.some(([, e]) => e.light)) return entries;
  const whole = readKindCache(root, kind, 'whole');
  for (const pair of entries) {
    if (!pair[1].light) continue;
    const found = whole?.entries.get(pair[0]);
    if (!found || !sameIdentity(found, pair[1])) return undefined;
    pair[1] = found;
  }
  return entries;
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
