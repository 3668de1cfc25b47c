// `aims verify` on a file workspace: the register's verdict over the record files and the event log, read
// under the workspace lock. By default it starts from what the last verify established (verified-state.ts):
// every record file is stat'ed, and only one that is new or whose identity changed (or changed too close to
// that verify) is read, parsed and hashed; the log is re-hashed whole, and only the entries appended since
// are parsed and chained. `full` (and any anchor or trusted key) reads and hashes everything. Either way the
// verdict is the one a full read gives, as long as nobody forged the index (see docs/register.md).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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
  sweepCacheLeftovers,
  type FileIdentity,
} from './record-cache';
import {
  readVerifiedState,
  settledAt,
  writeVerifiedState,
  type VerifiedFile,
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

/** One kind's record files: each trusted from the index or read now. */
function verifyKind(
  root: string,
  kind: Kind,
  previous: VerifiedState | undefined,
): { files: Map<string, VerifiedFile>; reread: number } {
  const where = `${RECORDS_DIR}/${kind}`;
  const dir = join(root, where);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    names = [];
  }
  const known = previous?.files.get(kind);
  const files = new Map<string, VerifiedFile>();
  let reread = 0;
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const prior = known?.get(name);
    if (prior && previous && settledAt(prior, previous.at)) {
      const identity = identityOf(statSync(`${dir}/${name}`));
      if (sameIdentity(prior, identity)) {
        files.set(name, prior);
        continue;
      }
    }
    const entry = parseRecordFile(root, kind, `${where}/${name}`, name);
    files.set(name, {
      dev: entry.dev,
      ino: entry.ino,
      size: entry.size,
      mtimeMs: entry.mtimeMs,
      ctimeMs: entry.ctimeMs,
      sha256: entry.sha256,
      content: contentDigest(entry.record),
    });
    reread++;
  }
  return { files, reread };
}

/**
 * Checks a kind's snapshot cache against the record files as verified: an entry whose identity is a
 * file's current one must hold that file's digest and record. Returns the files it disagrees with.
 */
function cacheDisagreements(root: string, kind: Kind, files: Map<string, VerifiedFile>): string[] {
  const cached = readKindCache(root, kind);
  if (!cached) return [];
  const wrong: string[] = [];
  for (const [name, file] of files) {
    const hit = cached.entries.get(name);
    if (hit === undefined || !sameIdentity(hit, file)) continue;
    if (hit.sha256 !== file.sha256 || contentDigest(hit.record) !== file.content) {
      wrong.push(`${RECORDS_DIR}/${kind}/${name}`);
    }
  }
  return wrong;
}

/** The log's bytes, and where the verified part of it ends (0 when it cannot be reused). */
function readLog(root: string, previous: VerifiedLog | undefined) {
  const path = join(root, EVENTS_FILE);
  const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
  const hash = createHash('sha256');
  let reused: VerifiedLog | undefined;
  if (previous && bytes.length >= previous.bytes) {
    hash.update(bytes.subarray(0, previous.bytes));
    if (hash.copy().digest('hex') === previous.sha256) reused = previous;
    else hash.update(bytes.subarray(previous.bytes));
  } else hash.update(bytes);
  if (reused) hash.update(bytes.subarray(reused.bytes));
  return { bytes, reused, sha256: hash.digest('hex') };
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
    const said = await recover(root);
    if (said) log(`${root}: ${said}`);
    const started = now();
    checkKindFolders(root);
    sweepCacheLeftovers(root);
    const previous = full ? undefined : readVerifiedState(root);

    const next: VerifiedState = { at: started, files: new Map(), caches: new Map() };
    const records: StoredRecordDigest[] = [];
    const cacheProblems: string[] = [];
    let reread = 0;
    let recordFiles = 0;
    for (const kind of [...RECORD_KINDS].sort()) {
      const read = verifyKind(root, kind, previous);
      reread += read.reread;
      next.files.set(kind, read.files);
      const cachePath = cacheFile(root, kind);
      let cache = statOrNull(cachePath);
      const before = previous?.caches.get(kind);
      const cacheUnchanged =
        previous !== undefined &&
        read.reread === 0 &&
        before !== undefined &&
        (before === null
          ? cache === null
          : cache !== null && sameIdentity(before, cache) && settledAt(cache, previous.at));
      if (!cacheUnchanged && cache !== null) {
        const wrong = cacheDisagreements(root, kind, read.files);
        if (wrong.length > 0) {
          discardKindCache(root, kind);
          cacheProblems.push(cacheDisagreement(kind, wrong));
          cache = null;
        }
      }
      next.caches.set(kind, cache);
      // One digest per id, as the back-end keeps them.
      const byId = new Map<string, StoredRecordDigest>();
      for (const [name, file] of read.files) {
        const id = idForFileName(name);
        byId.set(id, { kind, id, hash: file.sha256, location: `${RECORDS_DIR}/${kind}/${name}` });
      }
      records.push(...byId.values());
      recordFiles += read.files.size;
    }

    const logRead = readLog(root, previous?.log);
    const { bytes, reused } = logRead;
    const from = reused?.bytes ?? 0;
    const tail = parseJsonLines(bytes.toString('utf8', from), EVENTS_FILE, EventEntry, reused?.lines ?? 0);
    // As opening the workspace does: a malformed checkpoint file fails the load, whatever the options.
    const checkpoints = await loadCheckpoints(root);
    const locate = (kind: string, id: string) => recordFile(kind, id);
    let latest: Map<string, LatestEvent>;
    let verdict: RegisterVerdict;
    if (reused) {
      latest = latestEvents(reused.latest);
      const start = { index: reused.entries, prevHash: reused.head };
      verdict = verifyContinued({ tail, start, latest }, { records, locate, sha256: nativeSha256Hex });
    } else {
      verdict = verifyRegister({
        events: tail,
        records,
        checkpoints,
        locate,
        sha256: nativeSha256Hex,
        ...(options.anchor === undefined ? {} : { anchor: options.anchor }),
        ...(options.trustedKey === undefined ? {} : { trustedKey: options.trustedKey }),
      });
      latest = latestEvents(tail);
    }
    const chainHeld = !verdict.problems.some((p) => CHAIN_PROBLEMS.has(p.problem));
    if (chainHeld && (bytes.length === 0 || bytes[bytes.length - 1] === 10)) {
      next.log = {
        bytes: bytes.length,
        sha256: logRead.sha256,
        lines: (reused?.lines ?? 0) + newlines(bytes.subarray(from)),
        entries: verdict.entries,
        head: verdict.head,
        latest: [...latest.values()],
      };
    }
    const unchanged =
      previous !== undefined &&
      reread === 0 &&
      cacheProblems.length === 0 &&
      reused !== undefined &&
      reused.bytes === bytes.length &&
      [...previous.files].every(([kind, files]) => files.size === next.files.get(kind)?.size) &&
      [...next.caches].every(([kind, cache]) => {
        const before = previous.caches.get(kind);
        return before === null
          ? cache === null
          : before !== undefined && cache !== null && sameIdentity(before, cache);
      });
    if (!unchanged) writeVerifiedState(root, next);
    return {
      verdict,
      cacheProblems,
      reread,
      recordFiles,
      incremental: previous !== undefined,
      eventsReused: reused?.entries ?? 0,
    };
  });
}
