// `aims verify` on a file workspace: the register's verdict over the record files and the event log, read
// under the workspace lock. By default it starts from what the last verify established (verified-state.ts):
// every record file is stat'ed, and only one that is new or whose identity changed (or changed too close to
// that verify) is read, parsed and hashed. The log, by the same rule, is not read at all while its identity
// is the one recorded; otherwise it is re-hashed whole (its verified prefix must be proven unchanged), and
// only the entries appended since are parsed and chained. `full` (and any anchor or trusted key) reads and
// hashes everything. Either way the verdict is the one a full read gives, as long as nobody forged the index
// (see docs/register.md).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EventEntry, RECORD_KINDS, type RecordKind as Kind } from '../../../shared/model';
import {
  latestEvents,
  verifyContinued,
  verifyRegister,
  type LatestEvent,
  type RegisterVerdict,
  type StoredRecordDigest,
  type VerifyOptions,
} from '../../../shared/register';
import {
  cacheDisagreement,
  checkKindFolders,
  checkManifest,
  loadCheckpoints,
  parseJsonLines,
  parseRecordFile,
  recover,
} from './file-backend';
import { EVENTS_FILE, RECORDS_DIR, idForFileName, recordFile } from './layout';
import { withLock, type LockOptions } from './lock';
import { nativeSha256Hex } from './native-sha256';
import {
  cacheFile,
  discardKindCache,
  identityOf,
  readKindCache,
  sameIdentity,
  settled,
  sweepCacheLeftovers,
  viewAgrees,
  type FileIdentity,
} from './record-cache';
import {
  largeFolder,
  listKind,
  listKindsInBackground,
  restatMissing,
  type KindListing,
} from './kind-listing';
import {
  digestAt,
  readVerifiedState,
  settledAt,
  writeVerifiedState,
  type VerifiedKind,
  type StoredLatest,
  type VerifiedLog,
  type VerifiedState,
} from './verified-state';

export interface WorkspaceVerifyOptions extends LockOptions, VerifyOptions {
  /** Read and hash every record file and the whole log, whatever the index says. */
  full?: boolean;
  /** Where recovery and lock messages go (default: standard error). */
  log?: (line: string) => void;
  /** The clock (ms since the epoch), for tests. */
  now?: () => number;
}

export interface WorkspaceVerification {
  verdict: RegisterVerdict;
  /** One sentence per snapshot-cache file that disagreed with the record files (each was removed). */
  cacheProblems: string[];
  /** Record files read and hashed in this run, of `recordFiles`. */
  reread: number;
  recordFiles: number;
  /** Whether the run started from a usable index (false: everything was read). */
  incremental: boolean;
  /** Events at the start of the log taken as verified from the index (not parsed again). */
  eventsReused: number;
  /** Whether the log was taken as verified from the index without reading it (its identity unchanged). */
  logTrusted: boolean;
  /** Why an index that was there could not be used (everything was read); undefined otherwise. */
  indexIgnored?: string;
}

const CHAIN_PROBLEMS = new Set(['edited', 'link-broken', 'sequence-broken']);
const contentDigest = (record: unknown) => nativeSha256Hex(JSON.stringify(record));

function statOrNull(path: string): FileIdentity | null {
  try {
    return identityOf(statSync(path));
  } catch {
    return null;
  }
}

const identityIn = (ids: ArrayLike<number>, i: number): FileIdentity => ({
  dev: ids[5 * i]!,
  ino: ids[5 * i + 1]!,
  size: ids[5 * i + 2]!,
  mtimeMs: ids[5 * i + 3]!,
  ctimeMs: ids[5 * i + 4]!,
});

/** Whether file i of one identity column and file j of another have the same 5 values (no object made). */
const sameIdentityAt = (a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number) =>
  a[5 * i + 1] === b[5 * j + 1] &&
  a[5 * i + 2] === b[5 * j + 2] &&
  a[5 * i + 3] === b[5 * j + 3] &&
  a[5 * i + 4] === b[5 * j + 4] &&
  a[5 * i] === b[5 * j];

/** Puts file i's digest (64 hex digits) into a column of 32-byte digests. */
const writeDigest = (column: Uint8Array, i: number, hex: string) =>
  Buffer.from(column.buffer, column.byteOffset, column.byteLength).write(hex, 32 * i, 'hex');

/**
 * One kind's record files: each trusted from the index (same identity, settled) or read now. `listing`:
 * the folder's files, stat'ed unless everything is read anyway.
 */
function verifyKind(
  root: string,
  kind: Kind,
  listing: KindListing,
  previous: VerifiedState | undefined,
): { files: VerifiedKind; reread: number } {
  const where = `${RECORDS_DIR}/${kind}`;
  const dir = join(root, where);
  const { names } = listing;
  const known = previous?.files.get(kind);
  // The usual case: the same names as last time, file i in both at the same position.
  const joined = listing.joined ?? names.join('/');
  // One string comparison: names hold no '/', so equal joined names are equal lists.
  const aligned = known !== undefined && known.joined === joined;
  const position = known && !aligned ? new Map(known.names.map((n, i) => [n, i])) : undefined;
  const identities = new Float64Array(names.length * 5);
  // Aligned, the index's digest columns are used as they are until a file must be read: then copied once.
  let own = !aligned;
  let sha256 = aligned ? known.sha256 : new Uint8Array(32 * names.length);
  let content = aligned ? known.content : new Uint8Array(32 * names.length);
  let reread = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const j = aligned ? i : position?.get(name);
    if (known && previous && j !== undefined && settledAt(known, j, previous.at)) {
      restatMissing(listing, i, `${dir}/${name}`);
      if (sameIdentityAt(listing.identities, i, known.identities, j)) {
        for (let f = 5 * i; f < 5 * i + 5; f++) identities[f] = listing.identities[f]!;
        if (!aligned) {
          sha256.set(known.sha256.subarray(32 * j, 32 * j + 32), 32 * i);
          content.set(known.content.subarray(32 * j, 32 * j + 32), 32 * i);
        }
        continue;
      }
    }
    if (!own) {
      sha256 = sha256.slice();
      content = content.slice();
      own = true;
    }
    const entry = parseRecordFile(root, kind, `${where}/${name}`, name);
    identities.set([entry.dev, entry.ino, entry.size, entry.mtimeMs, entry.ctimeMs], 5 * i);
    writeDigest(sha256, i, entry.sha256);
    writeDigest(content, i, contentDigest(entry.record));
    reread++;
  }
  return { files: { names, joined, identities, sha256, content }, reread };
}

/**
 * Checks a kind's snapshot cache against the record files as verified: an entry whose identity is a
 * file's current one must hold that file's digest and record. Returns the files it disagrees with.
 */
function cacheDisagreements(root: string, kind: Kind, files: VerifiedKind): string[] {
  const cached = readKindCache(root, kind);
  if (!cached) return [];
  const wrong: string[] = [];
  for (let i = 0; i < files.names.length; i++) {
    const name = files.names[i]!;
    const hit = cached.entries.get(name);
    if (hit === undefined || !sameIdentity(hit, identityIn(files.identities, i))) continue;
    if (
      hit.sha256 !== digestAt(files.sha256, i) ||
      contentDigest(hit.record) !== digestAt(files.content, i) ||
      !viewAgrees(hit)
    ) {
      wrong.push(`${RECORDS_DIR}/${kind}/${name}`);
    }
  }
  return wrong;
}

/** Each record's digest as the back-end lists them: kinds sorted, files by name, one per id. */
function digestsOf(files: ReadonlyMap<Kind, VerifiedKind>): StoredRecordDigest[] {
  const records: StoredRecordDigest[] = [];
  for (const [kind, k] of files) {
    const byId = new Map<string, StoredRecordDigest>();
    for (let i = 0; i < k.names.length; i++) {
      const name = k.names[i]!;
      const id = idForFileName(name);
      const hash = digestAt(k.sha256, i);
      byId.set(id, { kind, id, hash, location: `${RECORDS_DIR}/${kind}/${name}` });
    }
    records.push(...byId.values());
  }
  return records;
}

interface LogRead {
  /** The log's bytes; undefined when it was trusted unread (then `reused` is the index's log). */
  bytes: Buffer | undefined;
  /** Its identity, stat'ed before it was read (null: no log file). */
  identity: FileIdentity | null;
  /** The index's log, when the log still starts with (or is) the bytes it verified. */
  reused: VerifiedLog | undefined;
  /** SHA-256 (hex) of the whole log. */
  sha256: string;
}

/** The log file's bytes (none when absent: an empty log) and its identity, stat'ed before they were read. */
function readLogFile(path: string): { bytes: Buffer; identity: FileIdentity | null } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: Buffer.alloc(0), identity: null };
    throw error;
  }
  try {
    const identity = identityOf(fstatSync(fd));
    return { bytes: readFileSync(fd), identity };
  } finally {
    closeSync(fd);
  }
}

/**
 * The log, and where the verified part of it ends. Not read at all while its identity is the one the index
 * recorded and settled before that verify (`at`, ms), as a record file is trusted; a log that changed in any
 * way (an append included) is hashed whole, so an edit inside the verified part is always seen.
 */
function readLog(root: string, previous: VerifiedLog | undefined, at: number | undefined): LogRead {
  const path = join(root, EVENTS_FILE);
  if (previous?.identity && at !== undefined) {
    const now = statOrNull(path);
    if (now && sameIdentity(now, previous.identity) && settled(now, at)) {
      return { bytes: undefined, identity: now, reused: previous, sha256: previous.sha256 };
    }
  }
  const { bytes, identity } = readLogFile(path);
  const hash = createHash('sha256');
  let reused: VerifiedLog | undefined;
  if (previous && bytes.length >= previous.bytes) {
    hash.update(bytes.subarray(0, previous.bytes));
    if (hash.copy().digest('hex') === previous.sha256) reused = previous;
    else hash.update(bytes.subarray(previous.bytes));
  } else hash.update(bytes);
  if (reused) hash.update(bytes.subarray(reused.bytes));
  return { bytes, identity, reused, sha256: hash.digest('hex') };
}

const newlines = (bytes: Uint8Array) => {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  return count;
};

/**
 * Verifies a workspace: the chain, every record file against the latest event for it, the snapshot caches
 * against the record files (a disagreeing cache is removed and named), and the anchor and trusted key when
 * given. Throws a WorkspaceError (naming file and field) when the workspace cannot be loaded, as opening it
 * would. Writes the verified-state index (under the lock) for the next run.
 */
export async function verifyWorkspace(
  root: string,
  options: WorkspaceVerifyOptions = {},
): Promise<WorkspaceVerification> {
  await checkManifest(root);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? Date.now;
  const full = options.full === true || options.anchor !== undefined || options.trustedKey !== undefined;
  return withLock(root, { ...options, log }, async () => {
    // Taken before any file is stat'ed: the settle rule needs a time no later than the stats.
    const started = now();
    const kinds = [...RECORD_KINDS].sort();
    const dirs = kinds.map((kind) => join(root, RECORDS_DIR, kind));
    // Large kind folders are listed and stat'ed on a worker thread while this one recovers and reads the
    // index and the log. Started before recovery (the worker's start-up costs as much as recovery's listing);
    // its listing is used only when recovery changed nothing, and under the lock nothing else writes.
    const large = full ? [] : dirs.filter(largeFolder);
    const listed = large.length > 0 ? listKindsInBackground(large, { help: true }) : undefined;
    const said = await recover(root);
    if (said) log(`${root}: ${said}`);
    checkKindFolders(root);
    sweepCacheLeftovers(root);
    const index = full ? {} : readVerifiedState(root);
    const previous = index.state;
    const logRead = readLog(root, previous?.log, previous?.at);
    const background = new Map<string, KindListing>();
    const listings = listed && !said ? await listed() : undefined;
    listings?.forEach((listing, i) => background.set(large[i]!, listing));

    const next = {
      at: started,
      files: new Map<Kind, VerifiedKind>(),
      caches: new Map<string, FileIdentity | null>(),
    };
    const cacheProblems: string[] = [];
    let reread = 0;
    let recordFiles = 0;
    for (const [k, kind] of kinds.entries()) {
      // Everything is read anyway without an index: then the identity comes with each read, not a stat.
      const listing = background.get(dirs[k]!) ?? listKind(dirs[k]!, previous !== undefined);
      const read = verifyKind(root, kind, listing, previous);
      reread += read.reread;
      next.files.set(kind, read.files);
      recordFiles += read.files.names.length;
      const cachePath = cacheFile(root, kind);
      let cache = statOrNull(cachePath);
      const before = previous?.caches.get(kind);
      const cacheUnchanged =
        previous !== undefined &&
        read.reread === 0 &&
        before !== undefined &&
        (before === null
          ? cache === null
          : cache !== null && sameIdentity(before, cache) && settled(cache, previous.at));
      if (!cacheUnchanged && cache !== null) {
        const wrong = cacheDisagreements(root, kind, read.files);
        if (wrong.length > 0) {
          discardKindCache(root, kind);
          cacheProblems.push(cacheDisagreement(kind, wrong));
          cache = null;
        }
      }
      next.caches.set(kind, cache);
    }

    const { reused } = logRead;
    const from = reused?.bytes ?? 0;
    // A trusted log is read only if the index's latest events turn out unusable (a forged index).
    const logBytes = () => logRead.bytes ?? readLogFile(join(root, EVENTS_FILE)).bytes;
    const tail = logRead.bytes
      ? parseJsonLines(logRead.bytes.toString('utf8', from), EVENTS_FILE, EventEntry, reused?.lines ?? 0)
      : [];
    // As opening the workspace does: a malformed checkpoint file fails the load, whatever the options.
    const checkpoints = await loadCheckpoints(root);
    const locate = (kind: string, id: string) => recordFile(kind, id);
    const sameFiles =
      previous !== undefined &&
      reread === 0 &&
      [...next.files].every(
        ([kind, files]) => files.identities.length === previous.files.get(kind)?.identities.length,
      );
    let latest: LatestEvent[] | StoredLatest | undefined;
    // Events proven by an earlier verify and not parsed again (none when its latest events are unusable).
    let eventsReused = reused?.entries ?? 0;
    let verdict: RegisterVerdict;
    if (reused && reused.bound && tail.length === 0 && sameFiles) {
      // Nothing changed since a verify that found every record bound: its verdict stands.
      verdict = {
        ok: true,
        entries: reused.entries,
        head: reused.head,
        records: reused.records,
        problems: [],
      };
      latest = reused.latestFile;
    } else {
      const earlier = reused?.latest();
      const records = digestsOf(next.files);
      if (reused && earlier) {
        const map = latestEvents(earlier);
        const start = { index: reused.entries, prevHash: reused.head };
        verdict = verifyContinued({ tail, start, latest: map }, { records, locate, sha256: nativeSha256Hex });
        latest = [...map.values()];
      } else {
        eventsReused = 0;
        const events = reused ? parseJsonLines(logBytes().toString('utf8'), EVENTS_FILE, EventEntry) : tail;
        verdict = verifyRegister({
          events,
          records,
          checkpoints,
          locate,
          sha256: nativeSha256Hex,
          ...(options.anchor === undefined ? {} : { anchor: options.anchor }),
          ...(options.trustedKey === undefined ? {} : { trustedKey: options.trustedKey }),
        });
        latest = [...latestEvents(events).values()];
      }
    }
    const chainHeld = !verdict.problems.some((p) => CHAIN_PROBLEMS.has(p.problem));
    const bytes = logRead.bytes;
    // A trusted log is the one the index verified, which ended with a newline.
    const endsWell = !bytes || bytes.length === 0 || bytes[bytes.length - 1] === 10;
    const sameLog =
      reused !== undefined &&
      (reused.identity === null
        ? logRead.identity === null
        : logRead.identity !== null && sameIdentity(reused.identity, logRead.identity));
    const unchanged =
      latest !== undefined &&
      !Array.isArray(latest) &&
      sameLog &&
      cacheProblems.length === 0 &&
      [...next.caches].every(([kind, cache]) => {
        const before = previous?.caches.get(kind);
        return before === null
          ? cache === null
          : before !== undefined && cache !== null && sameIdentity(before, cache);
      });
    if (!unchanged) {
      const bound = !verdict.problems.some((p) => p.recordKind !== undefined);
      const log =
        chainHeld && endsWell && latest
          ? {
              identity: logRead.identity,
              bytes: bytes ? bytes.length : reused!.bytes,
              sha256: logRead.sha256,
              lines: (reused?.lines ?? 0) + (bytes ? newlines(bytes.subarray(from)) : 0),
              entries: verdict.entries,
              head: verdict.head,
              bound,
              records: verdict.records,
              latest,
            }
          : undefined;
      writeVerifiedState(root, { ...next, ...(log ? { log } : {}) });
    }
    return {
      verdict,
      cacheProblems,
      reread,
      recordFiles,
      incremental: previous !== undefined,
      eventsReused,
      logTrusted: logRead.bytes === undefined,
      ...(index.ignored === undefined ? {} : { indexIgnored: index.ignored }),
    };
  });
}
