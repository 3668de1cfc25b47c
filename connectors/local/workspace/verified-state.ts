// What the last `aims verify` established, so the next one re-reads only what changed (as git's index
// lets `git status` skip files whose stat data is unchanged). Two files in `.cache/`:
//
// - `verified.json`: the SHA-256 of the body, a newline, then the body: one line of JSON (what the verify
//   found, each kind's file names), a newline, then binary columns the JSON gives the length of — per kind,
//   the files' identities as float64 values (native byte order: the index never leaves this machine, as the
//   folder binding makes sure) and their two digests as 32 raw bytes each. Reading it parses only the small
//   JSON line; the columns are memory copies. A file whose checksum fails (torn, edited by hand without
//   recomputing it), that does not parse, whose columns do not add up to its length, has another format or
//   version, or names another workspace folder (copied in) is ignored: the next verify reads everything and
//   writes it anew.
// - `verified-latest.json`: the log's latest events as JSON text, about half the index's bytes at 50,000
//   records, read only when the log grew or a record changed. `verified.json` records its length and
//   SHA-256, so it is bound to that index (checksummed and bound to the folder): a torn, edited, stale or
//   copied-in file does not match and is not used — the verify then proves the whole log instead. Written
//   (atomically) before the `verified.json` that names it, and not rewritten while its events are unchanged.
// - per record file: its identity when read (device, inode, size, modification and change time), the
//   SHA-256 of its canonical JSON (what the log binds) and of the validated record's JSON (what a
//   snapshot-cache entry for the file must match).
// - the event log as verified: its identity when read, its length in bytes, the SHA-256 of those bytes, its
//   line count, entry count and head, the latest event for every record at that point, and whether every
//   record matched its latest event. Kept only when the chain held.
// - each kind's snapshot-cache file's identity when it was last found to agree with the record files.
//
// A record file, and the log, is trusted only while its identity is unchanged and it last changed at least
// SETTLE_MS before the index was written (a file rewritten within one timestamp tick can keep its identity).
// Written atomically, under the workspace lock, and never the truth: `aims verify --full` ignores it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LatestEvent } from '../../../shared/register';
import { writeFileAtomicSync } from './atomic-write';
import {
  CACHE_DIR,
  SETTLE_MS,
  cacheDir,
  readStamped,
  rootIdOf,
  sha256,
  type FileIdentity,
} from './record-cache';

const FORMAT = 'aims-verified-state';
const VERSION = 6;
export const VERIFIED_FILE = 'verified.json';
export const verifiedStatePath = (root: string) => join(root, CACHE_DIR, VERIFIED_FILE);
export const VERIFIED_LATEST_FILE = 'verified-latest.json';
export const verifiedLatestPath = (root: string) => join(root, CACHE_DIR, VERIFIED_LATEST_FILE);

/** The latest-events file as `verified.json` names it: its length in bytes and SHA-256 (hex). */
export interface StoredLatest {
  bytes: number;
  sha256: string;
}

/** Bytes per file in a kind's columns: 5 float64 identity values, then two SHA-256 digests. */
const IDENTITY_BYTES = 5 * 8;
const DIGEST_BYTES = 32;

/**
 * One kind's record files as last verified, column by column (a few large values cost less than one object
 * per file): file i is `names[i]`, its identity the 5 numbers (dev, ino, size, mtimeMs, ctimeMs) at
 * `identities[5 * i]`, the SHA-256 of its canonical JSON (what the log binds) the 32 bytes at
 * `sha256[32 * i]`, and of its validated record's JSON (what a snapshot-cache entry must match) at
 * `content[32 * i]`.
 */
export interface VerifiedKind {
  /** From an index: split from `joined` only when first asked for (a verify at rest never asks). */
  readonly names: string[];
  /** The names joined by '/' (a name cannot hold one), as the index stores them and the worker sends them. */
  readonly joined: string;
  identities: Float64Array;
  sha256: Uint8Array;
  content: Uint8Array;
}

/** File i's digest in a column, as 64 lowercase hex digits. */
export const digestAt = (column: Uint8Array, i: number): string =>
  Buffer.from(column.buffer, column.byteOffset + DIGEST_BYTES * i, DIGEST_BYTES).toString('hex');

/** The event log as last verified (its chain held). */
export interface VerifiedLog {
  /** The log file's identity, stat'ed before its bytes were read (null: there was no log file). */
  identity: FileIdentity | null;
  /** Length of the verified log in bytes; it ended with a newline (or was empty). */
  bytes: number;
  /** SHA-256 (hex) of those bytes. */
  sha256: string;
  /** Newlines in those bytes. */
  lines: number;
  entries: number;
  head: string;
  /** Whether every record file matched the latest event for it (no binding problem). */
  bound: boolean;
  /** Records counted by that verify. */
  records: number;
  /**
   * The latest event for every record, in latestEvents() order: read from its own file only when asked for;
   * undefined when that file is missing or is not the one the index names (length, SHA-256) or malformed.
   */
  latest: () => LatestEvent[] | undefined;
  /** That file as the index names it (to keep it unchanged on the next write). */
  latestFile: StoredLatest;
}

export interface VerifiedState {
  /** When the verify that wrote it started (ms since the epoch); on reading, no later than the file's mtime. */
  at: number;
  files: Map<string, VerifiedKind>;
  /** Kind → its snapshot-cache file's identity (null: there was none) when it last agreed with the files. */
  caches: Map<string, FileIdentity | null>;
  log?: VerifiedLog;
}

/** What writeVerifiedState needs of the log. */
export type VerifiedLogToWrite = Omit<VerifiedLog, 'latest' | 'latestFile'> & {
  /** The latest events (written to their file), or the file the index already names (kept as it is). */
  latest: readonly LatestEvent[] | StoredLatest;
};

type IdentityRow = [number, number, number, number, number];
const identityRow = (i: FileIdentity): IdentityRow => [i.dev, i.ino, i.size, i.mtimeMs, i.ctimeMs];
const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function identityOfRow(row: unknown): FileIdentity | undefined {
  if (!Array.isArray(row)) return undefined;
  const [dev, ino, size, mtimeMs, ctimeMs] = row as unknown[];
  if (![dev, ino, size, mtimeMs, ctimeMs].every(isNumber)) return undefined;
  return { dev, ino, size, mtimeMs, ctimeMs } as FileIdentity;
}

/** Whether file `i` of a kind, recorded by a verify that started at `at` (ms), can be trusted (SETTLE_MS). */
export const settledAt = (kind: VerifiedKind, i: number, at: number) =>
  Math.max(kind.identities[5 * i + 3]!, kind.identities[5 * i + 4]!) <= at - SETTLE_MS;

function latestOf(text: string): LatestEvent[] | undefined {
  try {
    const rows = JSON.parse(text) as unknown;
    if (!Array.isArray(rows)) return undefined;
    const latest: LatestEvent[] = [];
    for (const row of rows as unknown[]) {
      if (!Array.isArray(row) || row.length !== 5) return undefined;
      const [recordKind, recordId, seq, action, recordHash] = row as unknown[];
      if (
        typeof recordKind !== 'string' ||
        typeof recordId !== 'string' ||
        !isNumber(seq) ||
        typeof action !== 'string' ||
        typeof recordHash !== 'string'
      ) {
        return undefined;
      }
      latest.push({ recordKind, recordId, seq, action, recordHash } as LatestEvent);
    }
    return latest;
  } catch {
    return undefined;
  }
}

/**
 * The index as read: `state` when it is usable; otherwise `ignored` says why (a sentence fragment) unless
 * there was no index at all.
 */
export type VerifiedStateRead =
  { state: VerifiedState; ignored?: undefined } | { state?: undefined; ignored?: string };

const MALFORMED = 'its content is malformed';

/** One kind's entry in the JSON line: its file names joined by '/' (a name cannot hold one). */
interface KindHeader {
  kind: string;
  names: string;
  count: number;
}

/**
 * Reads one kind's columns at `at` in `bytes`; undefined when the header is malformed or the columns
 * would run past `end` or hold a value that is not finite.
 */
function kindOf(header: unknown, bytes: Buffer, at: number, end: number): VerifiedKind | undefined {
  const { names, count } = (header ?? {}) as Partial<KindHeader>;
  if (typeof names !== 'string' || !isCount(count)) return undefined;
  // Counted, not split: comparing the joined names with a listing's needs no array.
  let separators = 0;
  for (let s = names.indexOf('/'); s >= 0; s = names.indexOf('/', s + 1)) separators++;
  if ((names === '' ? 0 : separators + 1) !== count || at + count * (IDENTITY_BYTES + 2 * DIGEST_BYTES) > end)
    return undefined;
  // Copied into an array of its own: a float64 view needs an aligned offset, which the file does not give.
  const identities = new Float64Array(5 * count);
  new Uint8Array(identities.buffer).set(bytes.subarray(at, at + count * IDENTITY_BYTES));
  for (let i = 0; i < identities.length; i++) if (!Number.isFinite(identities[i])) return undefined;
  const digests = at + count * IDENTITY_BYTES;
  const sha = bytes.subarray(digests, digests + count * DIGEST_BYTES);
  const content = bytes.subarray(digests + count * DIGEST_BYTES, digests + 2 * count * DIGEST_BYTES);
  let list: string[] | undefined;
  return {
    get names() {
      return (list ??= names === '' ? [] : names.split('/'));
    },
    joined: names,
    identities,
    sha256: sha,
    content,
  };
}

/** The latest events from their file, when it is the one the index names; undefined otherwise. */
function readLatest(root: string, stored: StoredLatest): LatestEvent[] | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(verifiedLatestPath(root));
  } catch {
    return undefined;
  }
  if (bytes.length !== stored.bytes || sha256(bytes) !== stored.sha256) return undefined;
  return latestOf(bytes.toString('utf8'));
}

/** Reads the index: usable, or why not (absent: neither). */
export function readVerifiedState(root: string): VerifiedStateRead {
  const stamped = readStamped(verifiedStatePath(root));
  if (!stamped) return {};
  const { bytes, written } = stamped;
  // The checksum is taken over the bytes as read: no decoding before it holds.
  if (bytes[64] !== 10 || bytes.toString('latin1', 0, 64) !== sha256(bytes.subarray(65))) {
    return { ignored: 'its checksum does not match (torn, or edited by hand)' };
  }
  const split = bytes.indexOf(10, 65);
  if (split < 0) return { ignored: MALFORMED };
  try {
    const body = JSON.parse(bytes.toString('utf8', 65, split)) as Record<string, unknown>;
    if (body.format !== FORMAT || body.version !== VERSION) {
      return { ignored: 'it is of another format or version' };
    }
    if (body.root !== rootIdOf(root)) return { ignored: 'it was written for another folder (copied in)' };
    if (!isNumber(body.at) || !Array.isArray(body.kinds)) return { ignored: MALFORMED };
    let at = split + 1;
    const files = new Map<string, VerifiedKind>();
    for (const header of body.kinds as unknown[]) {
      const verified = kindOf(header, bytes, at, bytes.length);
      const kind = (header as Partial<KindHeader>).kind;
      if (!verified || typeof kind !== 'string' || files.has(kind)) return { ignored: MALFORMED };
      files.set(kind, verified);
      at += (verified.identities.length / 5) * (IDENTITY_BYTES + 2 * DIGEST_BYTES);
    }
    // The columns fill the rest of the file exactly.
    if (at !== bytes.length) return { ignored: MALFORMED };
    const caches = new Map<string, FileIdentity | null>();
    for (const [kind, row] of Object.entries(body.caches as Record<string, unknown>)) {
      const identity = row === null ? null : identityOfRow(row);
      if (identity === undefined) return { ignored: MALFORMED };
      caches.set(kind, identity);
    }
    const state: VerifiedState = { at: Math.min(body.at, written), files, caches };
    if (body.log !== null) {
      const log = body.log as Record<string, unknown>;
      const { bytes: size, lines, entries, records, bound } = log;
      if (![size, lines, entries, records].every(isNumber) || !isHex64(log.sha256) || !isHex64(log.head)) {
        return { ignored: MALFORMED };
      }
      const stored = (log.latest ?? {}) as Partial<StoredLatest>;
      if (!isCount(stored.bytes) || !isHex64(stored.sha256)) return { ignored: MALFORMED };
      const latestFile: StoredLatest = { bytes: stored.bytes, sha256: stored.sha256 };
      const identity = log.identity === null ? null : identityOfRow(log.identity);
      if (typeof bound !== 'boolean' || identity === undefined) return { ignored: MALFORMED };
      state.log = {
        identity,
        bytes: size as number,
        sha256: log.sha256,
        lines: lines as number,
        entries: entries as number,
        records: records as number,
        head: log.head,
        bound,
        latest: () => readLatest(root, latestFile),
        latestFile,
      };
    }
    return { state };
  } catch {
    return { ignored: MALFORMED };
  }
}

/**
 * Writes the index atomically (a temp file renamed into place, so a killed writer leaves the old index or
 * none, never half of one). Failing to write (read-only folder, full disk) is not an error: the next verify
 * reads everything. Call only while holding the workspace lock.
 */
export function writeVerifiedState(
  root: string,
  state: Omit<VerifiedState, 'log'> & { log?: VerifiedLogToWrite },
): void {
  const kinds: KindHeader[] = [];
  const columns: Uint8Array[] = [];
  for (const [kind, k] of state.files) {
    kinds.push({ kind, names: k.joined, count: k.identities.length / 5 });
    columns.push(new Uint8Array(k.identities.buffer, k.identities.byteOffset, k.identities.byteLength));
    columns.push(k.sha256, k.content);
  }
  const caches: Record<string, unknown> = {};
  for (const [kind, identity] of state.caches) caches[kind] = identity && identityRow(identity);
  try {
    cacheDir(root);
    let log: Record<string, unknown> | null = null;
    if (state.log) {
      const { latest, identity, ...rest } = state.log;
      let stored: StoredLatest;
      if (Array.isArray(latest)) {
        // Its own file, written first: until the index naming it replaces the old one, the old index's
        // length and digest do not match it, so no index ever pairs with the wrong events.
        const text = Buffer.from(
          JSON.stringify(latest.map((e) => [e.recordKind, e.recordId, e.seq, e.action, e.recordHash])),
        );
        writeFileAtomicSync(verifiedLatestPath(root), text);
        stored = { bytes: text.length, sha256: sha256(text) };
      } else stored = latest as StoredLatest;
      log = { ...rest, identity: identity && identityRow(identity), latest: stored };
    }
    const json = JSON.stringify({
      format: FORMAT,
      version: VERSION,
      root: rootIdOf(root),
      at: state.at,
      log,
      caches,
      kinds,
    });
    const body = Buffer.concat([Buffer.from(`${json}\n`), ...columns]);
    writeFileAtomicSync(verifiedStatePath(root), Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]));
  } catch {
    // An optimisation only: the next verify reads every file.
  }
}
