// What the last `aims verify` established, so the next one re-reads only what changed (as git's index
// lets `git status` skip files whose stat data is unchanged). One file, `.cache/verified.json`:
//
// - the SHA-256 of the body, a newline, then the body: one line of JSON (what the verify found, each kind's
//   file names), a newline, then binary columns the JSON gives the length of — per kind, the files'
//   identities as float64 values (native byte order: the index never leaves this machine, as the folder
//   binding makes sure) and their two digests as 32 raw bytes each — and last the log's latest events as
//   JSON text. Reading it parses only the small JSON line; the columns are memory copies, and the latest
//   events are decoded only when a verify needs them. A file whose checksum fails (torn, edited by hand
//   without recomputing it), that does not parse, whose columns do not add up to its length, has another
//   format or version, or names another workspace folder (copied in) is ignored: the next verify reads
//   everything and writes it anew.
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
const VERSION = 5;
export const VERIFIED_FILE = 'verified.json';
export const verifiedStatePath = (root: string) => join(root, CACHE_DIR, VERIFIED_FILE);

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
  names: string[];
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
  /** The latest event for every record, in latestEvents() order; parsed only when asked for. */
  latest: () => LatestEvent[] | undefined;
  /** The same, as stored (UTF-8 JSON, to write it again unchanged). */
  latestBytes: Uint8Array;
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
export type VerifiedLogToWrite = Omit<VerifiedLog, 'latest' | 'latestBytes'> & {
  /** The latest events, or their bytes as read from an index. */
  latest: readonly LatestEvent[] | Uint8Array;
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
  const list = names === '' ? [] : names.split('/');
  if (list.length !== count || at + count * (IDENTITY_BYTES + 2 * DIGEST_BYTES) > end) return undefined;
  // Copied into an array of its own: a float64 view needs an aligned offset, which the file does not give.
  const identities = new Float64Array(5 * count);
  new Uint8Array(identities.buffer).set(bytes.subarray(at, at + count * IDENTITY_BYTES));
  for (let i = 0; i < identities.length; i++) if (!Number.isFinite(identities[i])) return undefined;
  const digests = at + count * IDENTITY_BYTES;
  const sha = bytes.subarray(digests, digests + count * DIGEST_BYTES);
  const content = bytes.subarray(digests + count * DIGEST_BYTES, digests + 2 * count * DIGEST_BYTES);
  return { names: list, identities, sha256: sha, content };
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
    if (!isNumber(body.at) || !Array.isArray(body.kinds) || !isCount(body.latestBytes)) {
      return { ignored: MALFORMED };
    }
    const latestAt = bytes.length - body.latestBytes;
    let at = split + 1;
    const files = new Map<string, VerifiedKind>();
    for (const header of body.kinds as unknown[]) {
      const verified = kindOf(header, bytes, at, latestAt);
      const kind = (header as Partial<KindHeader>).kind;
      if (!verified || typeof kind !== 'string' || files.has(kind)) return { ignored: MALFORMED };
      files.set(kind, verified);
      at += verified.names.length * (IDENTITY_BYTES + 2 * DIGEST_BYTES);
    }
    // The columns and the latest events fill the rest of the file exactly.
    if (at !== latestAt) return { ignored: MALFORMED };
    const latestBytes = bytes.subarray(latestAt);
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
        latest: () => latestOf(latestBytes.toString('utf8')),
        latestBytes,
      };
    } else if (latestBytes.length !== 0) return { ignored: MALFORMED };
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
    kinds.push({ kind, names: k.names.join('/'), count: k.names.length });
    columns.push(new Uint8Array(k.identities.buffer, k.identities.byteOffset, k.identities.byteLength));
    columns.push(k.sha256, k.content);
  }
  const caches: Record<string, unknown> = {};
  for (const [kind, identity] of state.caches) caches[kind] = identity && identityRow(identity);
  const { latest, identity, ...rest } = state.log ?? { latest: undefined, identity: null };
  const log = { ...rest, identity: identity && identityRow(identity) };
  // Kept as text after the columns, so reading the index costs nothing for it unless a verify needs it.
  const latestBytes =
    latest === undefined
      ? Buffer.alloc(0)
      : latest instanceof Uint8Array
        ? latest
        : Buffer.from(
            JSON.stringify(latest.map((e) => [e.recordKind, e.recordId, e.seq, e.action, e.recordHash])),
          );
  const json = JSON.stringify({
    format: FORMAT,
    version: VERSION,
    root: rootIdOf(root),
    at: state.at,
    log: state.log ? log : null,
    caches,
    latestBytes: latestBytes.length,
    kinds,
  });
  const body = Buffer.concat([Buffer.from(`${json}\n`), ...columns, latestBytes]);
  try {
    cacheDir(root);
    writeFileAtomicSync(verifiedStatePath(root), Buffer.concat([Buffer.from(`${sha256(body)}\n`), body]));
  } catch {
    // An optimisation only: the next verify reads every file.
  }
}
