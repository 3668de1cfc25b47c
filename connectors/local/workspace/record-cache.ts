// A snapshot of the parsed record files, one file per kind in `.cache/` inside the workspace, so a command
// reads one file per kind and parses only the record files that changed. It is never the truth:
//
// - An entry is used only while its record file has the identity it had when the entry was made
//   (device, inode, size, modification and change times). Editing a file changes its change time, which
//   no user-level tool (touch -r included) can set back.
// - An entry made less than SETTLE_MS before the cache file was written is not used: a file rewritten
//   within one timestamp tick of being read could otherwise keep its identity with new content.
// - A cache file is ignored whole when it does not parse, when its body does not match the checksum in its
//   header, or when it names another workspace folder (copied in from elsewhere).
// - It is written atomically (a torn write is never read) and only under the workspace lock; a stale winner
//   of a race only costs a re-read, since its entries name identities the files no longer have.
// - `aims verify` does not read it for its verdict; it re-reads every file and reports an entry that
//   disagrees with the file it describes.
import { createHash } from 'node:crypto';
import {
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
const VERSION = 1;
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
  sha256: string;
}

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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const cacheFile = (root: string, kind: string) => join(root, CACHE_DIR, `${kind}.json`);
const rootIdOf = (root: string) => {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
};

const isEntry = (value: unknown): value is CachedRecord => {
  const e = value as Partial<CachedRecord> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    [e.dev, e.ino, e.size, e.mtimeMs, e.ctimeMs].every((n) => typeof n === 'number') &&
    typeof e.sha256 === 'string' &&
    typeof e.record === 'object' &&
    e.record !== null
  );
};

/**
 * The usable entries of one kind's cache, or undefined when there is no usable cache file (absent,
 * unreadable, torn, hand-edited so its checksum fails, or from another folder). Entries made too close to
 * the moment the cache was written are left out (see SETTLE_MS).
 */
export function readKindCache(root: string, kind: RecordKind): KindEntries | undefined {
  const path = cacheFile(root, kind);
  let text: string;
  let written: number;
  try {
    written = statSync(path).mtimeMs;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as Partial<Header>;
    const body = text.slice(newline + 1);
    if (
      header.format !== FORMAT ||
      header.version !== VERSION ||
      header.kind !== kind ||
      header.root !== rootIdOf(root) ||
      header.sha256 !== sha256(body)
    ) {
      return undefined;
    }
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const entries: KindEntries = new Map();
    for (const [name, entry] of Object.entries(parsed)) {
      if (!isEntry(entry) || entry.record.kind !== kind) return undefined;
      if (Math.max(entry.mtimeMs, entry.ctimeMs) > written - SETTLE_MS) continue;
      entries.set(name, entry);
    }
    return entries;
  } catch {
    return undefined;
  }
}

/**
 * Writes one kind's cache atomically. Failing to write (a read-only folder, a full disk) is not an error:
 * the next command reads the record files again.
 */
export function writeKindCache(root: string, kind: RecordKind, entries: KindEntries): void {
  try {
    const dir = join(root, CACHE_DIR);
    mkdirSync(dir, { recursive: true });
    // Never committed: the records are the source of truth, the cache is this machine's copy.
    const ignore = join(dir, '.gitignore');
    try {
      statSync(ignore);
    } catch {
      writeFileSync(ignore, '# Derived from records/ by aims; never commit it.\n*\n');
    }
    const body = JSON.stringify(Object.fromEntries(entries));
    const header: Header = {
      format: FORMAT,
      version: VERSION,
      root: rootIdOf(root),
      kind,
      sha256: sha256(body),
    };
    writeFileAtomicSync(cacheFile(root, kind), `${JSON.stringify(header)}\n${body}`);
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
