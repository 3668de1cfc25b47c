// The register's Node back-end: a folder of JSON documents plus an append-only event log.
//
// One writer at a time (lock.ts). A transaction becomes durable in one step: its changes and
// events are written to a journal file (fsync, then rename into place: the commit point), then
// applied to the record files and the log, then the journal is removed. Whoever opens the workspace
// next, under the lock, finishes a journal it finds (roll forward) or, without one, removes the
// temp files of a transaction that never reached its commit point (roll back), and says which.
//
// Reading is per kind and on demand: a command names the kinds it needs and only those are read when the
// workspace opens; another kind is read the first time something asks for it (a single record by id is read
// from its own file). Within a kind every record file is stat'ed; one whose identity matches its entry in
// that kind's snapshot cache (record-cache.ts) is taken from there, any other is read, parsed and validated.
// A read-only snapshot reads kinds light: the caches' view lines only (evidence items and AI systems as their
// summaries, no file digests); what needs whole records or digests reads the kind whole, separately, when it
// asks.
// The event log is read when something needs it (a write, verify, the log itself), not to list records.
import { closeSync, existsSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  EventEntry,
  Id,
  RECORD_KINDS,
  RecordKind,
  Refusal,
  type AnyRecord,
  type RecordKind as Kind,
} from '../../../shared/model';
import {
  Checkpoint,
  GENESIS_HASH,
  canonicalJson,
  createMemoryBackend,
  createRegister,
  describeIssues,
  parseCanonical,
  parseCompactLine,
  parseJsonStrict,
  parseRecord,
  type Register,
  type RegisterBackend,
  type StoredChange,
  type StoredRecordDigest,
} from '../../../shared/register';
import { summaryOf, type FullSnapshot, type RegisterSnapshot } from '../../../shared/processes/snapshot';
import { TEMP_FILE, writeFileAtomic } from './atomic-write';
import { readSweptFolders, settledFolder, writeSweptFolders } from './swept-folders';
import {
  CHECKPOINTS_FILE,
  EVENTS_FILE,
  JOURNAL_FILE,
  MANIFEST_FILE,
  MAX_RECORD_BYTES,
  RECORDS_DIR,
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  fileNameForId,
  idForFileName,
  prettyJson,
  recordFile,
  recordPath,
} from './layout';
import { sweepLockLeftovers, withLock, type LockOptions } from './lock';
import { nativeSha256Hex } from './native-sha256';
import {
  CACHE_DIR,
  discardKindCache,
  identityOf,
  readKindCache,
  lightSlots,
  readLightKindCache,
  recordChanges,
  sameIdentity,
  SETTLE_MS,
  sweepCacheLeftovers,
  updateKindCache,
  viewAgrees,
  type CacheForm,
  type CachedRecord,
  type FileIdentity,
  type KindCache,
  type KindEntries,
  type LightKindCache,
} from './record-cache';
import {
  adoptListing,
  dropPrestarted,
  hasIdentity,
  hasIdentityIn,
  identityAt,
  largeFolder,
  listKind,
  listKindsInBackground,
  deletedSinceListing,
  folderIdentity,
  restatUnlessDeleted,
  listedCount,
  sizeAt,
  statted,
  type KindListing,
} from './kind-listing';

/** A workspace that cannot be loaded; the message names the file and, where known, the field. */
export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/** Runs a strict JSON parse, turning its refusal into a WorkspaceError naming `where`. */
function asWorkspaceError<T>(parse: () => T, where: string): T {
  try {
    return parse();
  } catch (error) {
    const reason = error instanceof Refusal ? error.message : String(error);
    throw new WorkspaceError(`${where}: not valid JSON (${reason})`);
  }
}

const parseJson = (text: string, where: string): unknown =>
  asWorkspaceError(() => parseJsonStrict(text), where);

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The SHA-256 an event carries for a record (the register's recordHashOf: of its canonical JSON), computed
 * with Node's native hash, which gives the same hex digest faster.
 */
const storedHashOf = (value: object) => nativeSha256Hex(canonicalJson(value));

/** How the record files are read: through the snapshot cache, or every file afresh, checking the cache. */
export type RecordCacheMode = 'use' | 'check';

/** One kind's records as read, and each record file's entry by file name. */
interface KindState {
  records: AnyRecord[];
  /** An indexed store of the records, made on the first lookup, query or write (a snapshot needs none). */
  memory?: ReturnType<typeof createMemoryBackend>;
  entries: KindEntries;
  /** Each record's stored digest by id: made from `entries` when first needed (verify), then kept current. */
  digests?: Map<string, StoredRecordDigest>;
  /** In 'check' mode: the kind's cache file disagreed with the records (it was removed), in words. */
  cacheProblem?: string;
}

/** A kind read light: its records as snapshot views (summaryOf), sorted by id; no digests. */
type LightKind = readonly AnyRecord[];

/**
 * A record file's text and the identity it had when opened (one open, fstat and read: the identity is
 * taken first, so the content read is at least as new as what it claims). Refuses a file over the size
 * limit before reading it.
 */
function readRecordText(root: string, file: string): { text: string; identity: FileIdentity } {
  const fd = openSync(join(root, file), 'r');
  try {
    const info = fstatSync(fd);
    checkSize(file, info.size);
    const bytes = Buffer.allocUnsafe(info.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, null);
      if (n === 0) break;
      read += n;
    }
    return { text: bytes.toString('utf8', 0, read), identity: identityOf(info) };
  } finally {
    closeSync(fd);
  }
}

/** Reads, parses and validates one record file; the entry carries the identity the file had when read. */
export function parseRecordFile(root: string, kind: Kind, file: string, name: string): CachedRecord {
  const { text, identity } = readRecordText(root, file);
  // The canonical text comes with the parse: for a file as the register writes it, without re-serialising.
  const { value, canonical } = asWorkspaceError(() => parseCanonical(text), file);
  let record: AnyRecord;
  try {
    record = parseRecord(kind, value, file);
  } catch (error) {
    throw new WorkspaceError((error as Error).message);
  }
  if (record.id !== idForFileName(name)) {
    throw new WorkspaceError(`${file}: field 'id': '${record.id}' does not match the file name`);
  }
  // The stored form as written, so a field the schema would drop still counts as an edit.
  return { ...identity, sha256: nativeSha256Hex(canonical), record };
}

/** What `read` gives, or undefined when it failed because the file (at `path`) was deleted since it was listed. */
function unlessDeleted<T>(read: () => T, path: string): T | undefined {
  try {
    return read();
  } catch (error) {
    if (deletedSinceListing(error, path)) return undefined;
    throw error;
  }
}

const sameContent = (a: CachedRecord, b: CachedRecord) =>
  a.sha256 === b.sha256 && JSON.stringify(a.record) === JSON.stringify(b.record);

/** The sentence `aims verify` prints (after CACHE-DISAGREES) for a kind's cache file that disagreed with `files`. */
export const cacheDisagreement = (kind: string, files: readonly string[]) =>
  `${CACHE_DIR}/${kind}.json disagreed with ${files.length} record file(s) it claimed to match (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}); commands may have shown its content instead of the files'. It was removed and is rebuilt from the files.`;

function checkSize(file: string, size: number): void {
  if (size > MAX_RECORD_BYTES) {
    throw new WorkspaceError(
      `${file}: ${megabytes(size)} is over the ${MAX_RECORD_BYTES / 1024 / 1024} MB limit for a record file`,
    );
  }
}

/** Refuses a folder under records/ that is not a record kind (a typo would otherwise hide records). */
export function checkKindFolders(root: string): void {
  const recordsDir = join(root, RECORDS_DIR);
  if (!existsSync(recordsDir)) return;
  for (const kindDir of readdirSync(recordsDir).sort()) {
    if (!RecordKind.safeParse(kindDir).success) {
      throw new WorkspaceError(
        `${RECORDS_DIR}/${kindDir}: unknown record kind '${kindDir}' (expected one of ${RECORD_KINDS.join(', ')})`,
      );
    }
  }
}

/** What loading a kind starts from: its files with their identities, and its cache as read (whole or light). */
interface KindSources {
  listing: KindListing;
  /** When the listing started (ms since the epoch), before any of its files was stat'ed. */
  listedAt: number;
  cached?: KindCache;
  light?: LightKindCache;
}

const cacheOf = (root: string, kind: Kind, form: CacheForm) =>
  form === 'light' ? { light: readLightKindCache(root, kind) } : { cached: readKindCache(root, kind) };

/** A kind's files (stat'ed unless `mode` reads every file anyway) and cache, both read on this thread. */
const sourcesOf = (
  root: string,
  kind: Kind,
  mode: RecordCacheMode,
  form: CacheForm = 'whole',
): KindSources => {
  // Taken before any file is stat'ed: the settle rule needs a time no later than the stats.
  const listedAt = Date.now();
  return {
    listing: listKind(join(root, RECORDS_DIR, kind), mode === 'use'),
    listedAt,
    ...cacheOf(root, kind, form),
  };
};

/**
 * The files and caches of several kinds. Large kind folders are listed and stat'ed on a worker thread while
 * this one parses the caches; the rest, and everything when the worker fails, here. `prestarted`: whether a
 * listing started before the workspace was opened (prestartListing) may be adopted — only when it is of the
 * same folders and none of them changed since (see adoptListing).
 */
async function sourcesOfKinds(
  root: string,
  kinds: readonly Kind[],
  mode: RecordCacheMode,
  background: boolean | undefined,
  form: CacheForm,
  prestarted: boolean,
): Promise<Map<Kind, KindSources>> {
  const dirOf = (kind: Kind) => join(root, RECORDS_DIR, kind);
  // In 'check' mode every file is opened and fstat'ed as it is read: a listing of names is enough.
  const large =
    background === false || mode === 'check'
      ? []
      : kinds.filter((kind) => background || largeFolder(dirOf(kind)));
  const adopted = prestarted && large.length > 0 ? adoptListing(large.map(dirOf), SETTLE_MS) : undefined;
  if (!adopted) dropPrestarted();
  // Taken before any file is stat'ed (the worker's or this thread's): the settle rule's time.
  const started = Date.now();
  const listings = adopted?.wait ?? (large.length > 0 ? listKindsInBackground(large.map(dirOf)) : undefined);
  const cached = new Map(kinds.map((kind) => [kind, cacheOf(root, kind, form)]));
  const listed = (await listings?.()) ?? [];
  const sources = new Map<Kind, KindSources>();
  for (const kind of kinds) {
    const index = large.indexOf(kind);
    const from = listed[index];
    const listedAt = from ? (adopted?.at ?? started) : Date.now();
    const listing = from ?? listKind(dirOf(kind), mode === 'use');
    sources.set(kind, { listing, listedAt, ...cached.get(kind) });
  }
  return sources;
}

/**
 * Reads one kind's record files (through its snapshot cache in 'use' mode), from its listing and cache.
 * `writeCache`: whether a stale cache may be rewritten (only while holding the workspace lock). 'light'
 * (only in 'use' mode): the records are snapshot views, and entries taken from the cache have no digest.
 */
function loadKind(
  root: string,
  kind: Kind,
  mode: RecordCacheMode,
  writeCache: boolean,
  form: CacheForm = 'whole',
  sources: KindSources = sourcesOf(root, kind, mode, form),
): KindState {
  if (form === 'light' && mode === 'use') {
    return { records: loadKindLight(root, kind, writeCache, sources), entries: new Map() };
  }
  const { listing, cached } = sources;
  const records: AnyRecord[] = [];
  const where = `${RECORDS_DIR}/${kind}`;
  const current: KindEntries = new Map();
  const disagreeing: string[] = [];
  const dir = join(root, where);
  const { names } = listing;
  /** Entries taken from the cache as they were. */
  let reused = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const file = `${where}/${name}`;
    let entry: CachedRecord;
    if (mode === 'check') {
      // Every file is read anyway: its identity comes with the read, and a cache entry is only compared.
      const read = unlessDeleted(() => parseRecordFile(root, kind, file, name), `${dir}/${name}`);
      if (read === undefined) continue;
      entry = read;
      const hit = cached?.entries.get(name);
      if (hit !== undefined && sameIdentity(hit, entry) && !(sameContent(hit, entry) && viewAgrees(hit))) {
        disagreeing.push(file);
      }
    } else {
      // Identity first (the listing was taken before any file was read): what is read afterwards is at
      // least as new as what the cache entry will claim. A file the listing could not stat is stat'ed now.
      // A file deleted since the listing is left out, as a read started a moment later would not see it.
      if (!restatUnlessDeleted(listing, i, `${dir}/${name}`)) continue;
      checkSize(file, sizeAt(listing, i));
      const hit = cached?.entries.get(name);
      if (hit !== undefined && hasIdentity(listing, i, hit)) {
        entry = hit;
        reused++;
      } else {
        const read = unlessDeleted(() => parseRecordFile(root, kind, file, name), `${dir}/${name}`);
        if (read === undefined) continue;
        entry = { ...read, ...identityAt(listing, i) };
      }
    }
    current.set(name, entry);
    records.push(entry.record);
  }
  // Every file taken from the cache and no entry left over: nothing to record, and no need to compare
  // 50,000 entries one by one to find that out.
  const unchanged = reused === names.length && cached?.entries.size === names.length;
  if (writeCache && mode === 'use' && !unchanged) {
    updateKindCache(root, kind, cached, current, sources.listedAt);
  }
  const state: KindState = { records, entries: current };
  if (disagreeing.length > 0) {
    discardKindCache(root, kind);
    state.cacheProblem = cacheDisagreement(kind, disagreeing);
  }
  return state;
}

/**
 * Reads one kind light, from its listing and its cache's view lines: each record as a snapshot holds it
 * (summaryOf). A file whose identity matches its cache entry is taken from the columns as they were parsed
 * (no object made per file); any other is read and parsed whole, and recorded in the cache (`writeCache`).
 */
function loadKindLight(
  root: string,
  kind: Kind,
  writeCache: boolean,
  { listing, listedAt, light: cached }: KindSources,
): AnyRecord[] {
  const records: AnyRecord[] = [];
  const where = `${RECORDS_DIR}/${kind}`;
  const dir = join(root, where);
  // The names are asked for only where a file needs one (a listing from the worker splits them out then).
  const count = listedCount(listing);
  const place = cached ? lightSlots(cached, listing, count) : undefined;
  /** Entries read from their files (null: a file gone), in the order found. */
  const changed: [string, CachedRecord | null][] = [];
  /** Listed names whose files were deleted before they could be read. */
  const deleted = new Set<string>();
  let reused = 0;
  for (let i = 0; i < count; i++) {
    // As loadKind: identity first, a file the listing could not stat stat'ed now (or left out when deleted
    // since), the size limit. No path is made for a file that needs neither (at 50,000 files, two strings each).
    if (!statted(listing, i) && !restatUnlessDeleted(listing, i, `${dir}/${listing.names[i]}`)) {
      deleted.add(listing.names[i]!);
      continue;
    }
    if (sizeAt(listing, i) > MAX_RECORD_BYTES) checkSize(`${where}/${listing.names[i]}`, sizeAt(listing, i));
    const at = place ? place.slots[i]! : -1;
    if (at >= 0 && hasIdentityIn(listing, i, cached!.identities, at)) {
      records.push(cached!.views[at]!);
      reused++;
    } else {
      const name = listing.names[i]!;
      const read = unlessDeleted(
        () => parseRecordFile(root, kind, `${where}/${name}`, name),
        `${dir}/${name}`,
      );
      if (read === undefined) {
        deleted.add(name);
        continue;
      }
      const entry = { ...read, ...identityAt(listing, i) };
      changed.push([name, entry]);
      // A summary of a record just validated: what the view line will hold for it.
      records.push(summaryOf(entry.record) as AnyRecord);
    }
  }
  if (!writeCache || (reused === count && place?.recorded === count)) return records;
  const { names } = listing;
  if (place) {
    // What the cache holds for files not listed, or deleted since.
    for (const name of place.stale) changed.push([name, null]);
    if (deleted.size > 0) {
      names.forEach((name, i) => {
        if (place.held[i] === 1 && deleted.has(name)) changed.push([name, null]);
      });
    }
  }
  // Written afresh, the file needs every entry whole: those taken from the view lines come from the
  // cache read whole (the same file, under the same lock), or nothing is written.
  const all = (): [string, CachedRecord][] | undefined => {
    const fresh = new Map(changed);
    const whole = reused > 0 ? readKindCache(root, kind) : undefined;
    const entries: [string, CachedRecord][] = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (deleted.has(name)) continue;
      const entry = fresh.get(name) ?? whole?.entries.get(name);
      if (!entry || !hasIdentity(listing, i, entry)) return undefined;
      entries.push([name, entry]);
    }
    return entries;
  };
  const previous = place && { segments: cached!.segments, recorded: place.recorded };
  recordChanges(root, kind, previous, changed, all, listedAt);
  return records;
}

/** A kind's indexed store (made once from the records read). */
const memoryOf = (state: KindState) =>
  (state.memory ??= createMemoryBackend({ records: state.records }, { adopt: true }));

const byId = (a: AnyRecord, b: AnyRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A kind's stored digests by id (made once from the entries read). */
function digestsOf(kind: Kind, state: KindState): Map<string, StoredRecordDigest> {
  if (state.digests) return state.digests;
  const digests = new Map<string, StoredRecordDigest>();
  for (const [name, entry] of state.entries) {
    const id = entry.record.id;
    digests.set(id, { kind, id, hash: entry.sha256, location: `${RECORDS_DIR}/${kind}/${name}` });
  }
  return (state.digests = digests);
}

/** One record read straight from its file, or undefined when there is no such file (or no such id). */
function readRecordFile(root: string, kind: Kind, id: string): AnyRecord | undefined {
  // An id a record cannot have ('../x', 'a/b') names no file of this kind.
  if (!Id.safeParse(id).success) return undefined;
  const file = recordFile(kind, id);
  try {
    statSync(join(root, file));
  } catch {
    return undefined;
  }
  return parseRecordFile(root, kind, file, fileNameForId(id)).record;
}

async function loadJsonLines<T>(root: string, file: string, schema: z.ZodType<T>): Promise<T[]> {
  const path = join(root, file);
  if (!existsSync(path)) return [];
  return parseJsonLines(await readFile(path, 'utf8'), file, schema);
}

/**
 * Parses and validates JSON lines (blank lines skipped). `linesBefore`: lines of the file before `text`, so
 * errors name the line in the file. Throws a WorkspaceError naming the file, line and field.
 */
export function parseJsonLines<T>(text: string, file: string, schema: z.ZodType<T>, linesBefore = 0): T[] {
  const lines = text.split('\n');
  const entries: T[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${file} line ${linesBefore + index + 1}`;
    const result = schema.safeParse(asWorkspaceError(() => parseCompactLine(line), where));
    if (!result.success) {
      const { field, message } = describeIssues(result.error);
      throw new WorkspaceError(`${where}: field '${field}': ${message}`);
    }
    entries.push(result.data);
  }
  return entries;
}

const loadEvents = (root: string) => loadJsonLines(root, EVENTS_FILE, EventEntry);
export const loadCheckpoints = (root: string) => loadJsonLines(root, CHECKPOINTS_FILE, Checkpoint);

const jsonLines = (entries: readonly unknown[]) => entries.map((e) => JSON.stringify(e) + '\n').join('');

const EVENT_KEYS = Object.keys(EventEntry.shape) as (keyof EventEntry)[];

/**
 * The log's lines, each event's keys in the schema's order (the order a parsed event has), so rewriting the
 * log keeps every earlier line byte for byte: `aims verify` re-parses only what follows the bytes it verified.
 */
const eventLines = (events: readonly EventEntry[]) =>
  events
    .map((e) => {
      const ordered: Partial<Record<keyof EventEntry, unknown>> = {};
      for (const key of EVENT_KEYS) ordered[key] = e[key];
      // Keys the schema does not name (none after a parse) keep their place after the schema's.
      return JSON.stringify({ ...ordered, ...e }) + '\n';
    })
    .join('');

/** Refuses a folder that is not a workspace of this format and version. */
export async function checkManifest(root: string): Promise<void> {
  const path = join(root, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new WorkspaceError(
      `${root}: not an AIMS workspace (no ${MANIFEST_FILE}); create one with 'aims init'`,
    );
  }
  const manifest = parseJson(await readFile(path, 'utf8'), MANIFEST_FILE) as {
    format?: unknown;
    version?: unknown;
  };
  if (manifest.format !== WORKSPACE_FORMAT || manifest.version !== WORKSPACE_VERSION) {
    throw new WorkspaceError(
      `${MANIFEST_FILE}: field 'format': expected ${WORKSPACE_FORMAT} version ${WORKSPACE_VERSION}`,
    );
  }
}

const Journal = z.strictObject({
  format: z.literal('aims-journal'),
  /** Seq and hash of the log's last entry before this transaction (-1 and genesis when empty). */
  baseSeq: z.number().int().min(-1),
  baseHead: z.string(),
  changes: z.array(z.strictObject({ kind: z.string(), id: z.string(), record: z.unknown().optional() })),
  events: z.array(EventEntry).min(1),
});
type Journal = z.infer<typeof Journal>;

/** Writes a committed transaction's events and record files; safe to run again after a crash. */
async function applyJournal(root: string, journal: Journal, current: EventEntry[]): Promise<EventEntry[]> {
  const last = current.at(-1);
  const journalHead = journal.events.at(-1)!.hash;
  let events = current;
  if (last?.hash !== journalHead) {
    if ((last?.hash ?? GENESIS_HASH) !== journal.baseHead || current.length !== journal.baseSeq + 1) {
      throw new WorkspaceError(
        `${JOURNAL_FILE}: an unfinished transaction does not continue ${EVENTS_FILE} (its base is seq ${journal.baseSeq}); the log was changed by hand — restore it from version control`,
      );
    }
    events = [...current, ...journal.events];
    await writeFileAtomic(join(root, EVENTS_FILE), eventLines(events));
  }
  for (const change of journal.changes) {
    const path = recordPath(root, change.kind, change.id);
    if (change.record !== undefined) await writeFileAtomic(path, prettyJson(change.record));
    else await rm(path, { force: true });
  }
  return events;
}

/**
 * Temp files a crash left behind, workspace-relative. A record folder that still has the identity it had
 * when last found with none is not listed again (see swept-folders.ts); the folders found with none now are
 * recorded so.
 */
async function leftovers(root: string): Promise<string[]> {
  const found: string[] = [];
  const scan = async (dir: string) => {
    if (!existsSync(join(root, dir))) return;
    for (const name of await readdir(join(root, dir))) {
      if (TEMP_FILE.test(name)) found.push(dir ? `${dir}/${name}` : name);
    }
  };
  await scan('');
  if (!existsSync(join(root, RECORDS_DIR))) return found;
  const before = readSweptFolders(root);
  const clean = new Map<string, string>();
  // Taken before any folder is listed: the settle rule's time.
  const at = Date.now();
  for (const kind of await readdir(join(root, RECORDS_DIR))) {
    const dir = `${RECORDS_DIR}/${kind}`;
    // Before the listing: a file created while it runs changes the folder, so this identity no longer holds.
    const identity = folderIdentity(join(root, dir));
    if (identity !== undefined && before.get(dir) === identity) {
      clean.set(dir, identity);
      continue;
    }
    const count = found.length;
    await scan(dir);
    if (identity !== undefined && found.length === count && settledFolder(identity, at))
      clean.set(dir, identity);
  }
  const same = clean.size === before.size && [...clean].every(([dir, id]) => before.get(dir) === id);
  if (!same) writeSweptFolders(root, clean);
  return found;
}

/**
 * Finishes or discards an interrupted transaction. Call only while holding the lock.
 * Returns a sentence saying what was done, or undefined when there was nothing to do.
 */
export async function recover(root: string): Promise<string | undefined> {
  await sweepLockLeftovers(root);
  const journalPath = join(root, JOURNAL_FILE);
  let message: string | undefined;
  if (existsSync(journalPath)) {
    const parsed = Journal.safeParse(parseJson(await readFile(journalPath, 'utf8'), JOURNAL_FILE));
    if (!parsed.success) {
      const { field, message: reason } = describeIssues(parsed.error);
      throw new WorkspaceError(`${JOURNAL_FILE}: field '${field}': ${reason}`);
    }
    await applyJournal(root, parsed.data, await loadEvents(root));
    message =
      `completed an interrupted transaction (${parsed.data.events.length} event(s), ` +
      `${parsed.data.changes.length} record file(s)) that had committed at seq ${parsed.data.events[0]!.seq}`;
  }
  const temps = await leftovers(root);
  for (const temp of temps) await rm(join(root, temp), { force: true });
  if (existsSync(journalPath)) await rm(journalPath);
  if (!message && temps.length > 0) {
    message = `discarded an interrupted transaction that had not committed (removed ${temps.length} unfinished file(s))`;
  }
  return message;
}

interface Signature {
  size: number;
  mtimeMs: number;
  ino: number;
}

async function logSignature(root: string): Promise<Signature | undefined> {
  const info = await stat(join(root, EVENTS_FILE)).catch(() => undefined);
  return info && { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
}

function logSignatureSync(root: string): Signature | undefined {
  try {
    const info = statSync(join(root, EVENTS_FILE));
    return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
  } catch {
    return undefined;
  }
}

const sameSignature = (a?: Signature, b?: Signature) =>
  a?.size === b?.size && a?.mtimeMs === b?.mtimeMs && a?.ino === b?.ino;

export interface FileBackendOptions extends LockOptions {
  /** Where recovery and lock messages go (default: standard error). */
  log?: (line: string) => void;
  /**
   * 'use' (default): records come from the snapshot cache where their files are unchanged. 'check': every
   * file of every kind is read afresh (for verdicts), and cache files that disagree with them are removed
   * and reported through `cacheProblems`.
   */
  recordCache?: RecordCacheMode;
  /** Receives, in 'check' mode, one sentence per cache file that disagreed with the records. */
  cacheProblems?: (problems: string[]) => void;
  /**
   * The kinds read when the workspace opens (default: all). Any other kind is read the first time it is
   * asked for; a single record asked for by id is read from its own file without reading its kind.
   */
  kinds?: readonly Kind[];
  /**
   * Whether the kinds read when the workspace opens are listed and stat'ed on a worker thread while this
   * one parses their caches (default: the kinds whose folder is large, see kind-listing.ts).
   */
  listInBackground?: boolean;
  /**
   * In 'use' mode: the kinds read when the workspace opens are read light, for `snapshotView` (evidence
   * items as their summaries, no digests); `view`, lookups, queries and writes read a kind whole when asked.
   */
  light?: boolean;
}

/** The file back-end: the register's contract, plus reads that hand out the stored records uncopied. */
export type FileBackend = RegisterBackend & {
  /**
   * One kind's stored records sorted by id, not copied (callers must not change them). A kind not read yet
   * is read now, without the lock: if another process commits meanwhile this throws a WorkspaceError
   * (run again), since the records read would not belong with the rest.
   */
  view(kind: Kind): readonly AnyRecord[];
  /**
   * One kind's records as a RegisterSnapshot holds them (evidence items and AI systems as their summaries),
   * sorted by id, not copied; read light when the back-end was opened `light` and the kind is not read whole
   * already. A kind not read yet is read now, as `view` reads it.
   */
  snapshotView(kind: Kind): readonly object[];
};

/**
 * Checks the workspace and reads the kinds it is asked for (under the lock, finishing any interrupted
 * transaction), so a bad workspace fails before anything is written. Reads are served from memory; each
 * transaction takes the lock, reloads if another process committed meanwhile, and commits through
 * the journal.
 */
export async function openFileBackend(root: string, options: FileBackendOptions = {}): Promise<FileBackend> {
  await checkManifest(root);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const lockOptions: LockOptions = { ...options, log };

  const mode = options.recordCache ?? 'use';
  // A verdict is over everything: every kind is read at once, under one lock, whole.
  const initial = mode === 'check' ? RECORD_KINDS : (options.kinds ?? RECORD_KINDS);
  const lightly = mode === 'use' && options.light === true;
  /** Reads kinds whole and (`light`) kinds light. Call only while holding the lock. */
  const load = async (kinds: Iterable<Kind>, light: Iterable<Kind> = []) => {
    const said = await recover(root);
    if (said) log(`${root}: ${said}`);
    // The log's identity before the records: a commit in between makes the next transaction reload.
    const signature = await logSignature(root);
    checkKindFolders(root);
    sweepCacheLeftovers(root);
    const loaded = new Map<Kind, KindState>();
    const views = new Map<Kind, LightKind>();
    for (const [form, wanted] of [
      ['whole', kinds],
      ['light', light],
    ] as const) {
      const sorted = [...new Set(wanted)].sort();
      if (sorted.length === 0) continue;
      const sources = await sourcesOfKinds(root, sorted, mode, options.listInBackground, form, !said);
      for (const kind of sorted) {
        const read = loadKind(root, kind, mode, true, form, sources.get(kind));
        if (form === 'whole') loaded.set(kind, read);
        else views.set(kind, read.records.sort(byId));
      }
    }
    const cacheProblems = [...loaded.values()].flatMap((k) => (k.cacheProblem ? [k.cacheProblem] : []));
    if (cacheProblems.length > 0) options.cacheProblems?.(cacheProblems);
    // A verdict compares records with the log: both read under the same lock.
    const events: EventEntry[] | undefined = mode === 'check' ? await loadEvents(root) : undefined;
    return { kinds: loaded, views, signature, events };
  };
  let state = await withLock(root, lockOptions, () => (lightly ? load([], initial) : load(initial)));
  /** Reloads what was read (under the lock), the same kinds in the same form. */
  const reload = (kind?: Kind) =>
    load(kind ? [...state.kinds.keys(), kind] : state.kinds.keys(), state.views.keys());
  let holding = false;
  /** Whether another process committed since the loaded records were read (a journal: one may be applying). */
  const changedSinceLoad = async () =>
    existsSync(join(root, JOURNAL_FILE)) || !sameSignature(await logSignature(root), state.signature);

  /** A kind's records, read now (under the lock, reloading what was read if the workspace changed) if not yet. */
  const kindState = async (kind: Kind): Promise<KindState> => {
    const known = state.kinds.get(kind);
    if (known) return known;
    if (holding) {
      const read = loadKind(root, kind, mode, true);
      state.kinds.set(kind, read);
      return read;
    }
    return withLock(root, lockOptions, async () => {
      if (await changedSinceLoad()) state = await reload(kind);
      const read = state.kinds.get(kind) ?? loadKind(root, kind, mode, true);
      state.kinds.set(kind, read);
      return read;
    });
  };
  /**
   * Reads a kind without the lock (for synchronous callers). The records belong with those read earlier
   * only if the log has not been replaced since: a transaction replaces it before it touches a record file.
   */
  const kindStateSync = (kind: Kind): KindState => {
    const known = state.kinds.get(kind);
    if (known) return known;
    const read = loadKind(root, kind, mode, holding);
    if (!holding && !sameSignature(logSignatureSync(root), state.signature)) {
      throw new WorkspaceError(
        `${root}: another process changed the workspace while its ${kind} records were being read; run the command again`,
      );
    }
    state.kinds.set(kind, read);
    return read;
  };
  /**
   * The event log, read and validated on first need, under the lock, and with the records reloaded if
   * another process committed since they were read, so the two always belong together.
   */
  const logEvents = async (): Promise<EventEntry[]> => {
    if (state.events) return state.events;
    if (holding) return (state.events = await loadEvents(root));
    return withLock(root, lockOptions, async () => {
      if (await changedSinceLoad()) state = await reload();
      return (state.events ??= await loadEvents(root));
    });
  };

  const view = (kind: Kind): readonly AnyRecord[] => {
    const read = kindStateSync(kind);
    // Until something indexes or writes them, the records as read are the store.
    return read.memory ? read.memory.view(kind) : [...read.records].sort(byId);
  };

  return {
    async get(kind, id) {
      const known = state.kinds.get(kind);
      if (known) return memoryOf(known).get(kind, id);
      // One record of a kind not read: its own file, if nothing was committed since the others were read.
      const alone = readRecordFile(root, kind, id);
      if (holding || !(await changedSinceLoad())) return alone;
      return memoryOf(await kindState(kind)).get(kind, id);
    },
    view,
    snapshotView(kind) {
      const known = state.views.get(kind);
      if (known) return known;
      if (!lightly || state.kinds.has(kind)) return view(kind).map(summaryOf);
      // As kindStateSync reads a kind, light.
      const read = loadKind(root, kind, mode, holding, 'light').records.sort(byId);
      if (!holding && !sameSignature(logSignatureSync(root), state.signature)) {
        throw new WorkspaceError(
          `${root}: another process changed the workspace while its ${kind} records were being read; run the command again`,
        );
      }
      state.views.set(kind, read);
      return read;
    },
    query: async (q) => memoryOf(await kindState(q.kind)).query(q),
    lastEvent: async () => (await logEvents()).at(-1),
    events: async () => structuredClone(await logEvents()),
    exclusive: (fn) =>
      withLock(root, lockOptions, async () => {
        if (await changedSinceLoad()) state = await reload();
        holding = true;
        try {
          return await fn();
        } finally {
          holding = false;
        }
      }),
    async commit(changes: readonly StoredChange[], appended: readonly EventEntry[]) {
      if (appended.length === 0) return;
      const current = await logEvents();
      const last = current.at(-1);
      const journal: Journal = {
        format: 'aims-journal',
        baseSeq: last?.seq ?? -1,
        baseHead: last?.hash ?? GENESIS_HASH,
        changes: changes.map((c) => ({ kind: c.kind, id: c.id, ...(c.record ? { record: c.record } : {}) })),
        events: [...appended],
      };
      await writeFileAtomic(join(root, JOURNAL_FILE), JSON.stringify(journal), { fsync: true });
      state.events = await applyJournal(root, journal, current);
      await rm(join(root, JOURNAL_FILE));
      // Kinds not read yet are read from the files when asked for; those read are kept up to date.
      for (const change of changes) {
        const read = state.kinds.get(change.kind);
        if (!read) continue;
        await memoryOf(read).commit([change], []);
        const digests = digestsOf(change.kind, read);
        if (change.record) {
          digests.set(change.id, {
            kind: change.kind,
            id: change.id,
            hash: storedHashOf(change.record),
            location: recordFile(change.kind, change.id),
          });
        } else digests.delete(change.id);
      }
      state.signature = await logSignature(root);
    },
    async storedRecords() {
      const all: StoredRecordDigest[] = [];
      for (const kind of [...RECORD_KINDS].sort())
        all.push(...digestsOf(kind, await kindState(kind)).values());
      return all;
    },
    locate: (kind, id) => recordFile(kind, id),
    checkpoints: () => loadCheckpoints(root),
  };
}

export interface WorkspaceOptions extends FileBackendOptions {
  clock?: () => string;
}

export async function openWorkspace(root: string, options: WorkspaceOptions = {}): Promise<Register> {
  const backend = await openFileBackend(root, options);
  return createRegister(backend, {
    clock: options.clock ?? (() => new Date().toISOString()),
    sha256: nativeSha256Hex,
  });
}

/**
 * Opens the workspace for a read-only evaluation: a snapshot whose kinds are the stored records, not copied
 * the way register reads copy them (at 50,000 records the copies cost more than the reading). The kinds in
 * `options.kinds` are read at once; any other is read when the snapshot is first asked for it. The caller
 * must not change the snapshot's records; to write, use the register and load a new snapshot.
 * `summaries: true`: evidence items and AI systems as their summaries (EVIDENCE_SUMMARY_FIELDS,
 * SYSTEM_SUMMARY_FIELDS), read light from the caches; otherwise whole.
 */
export async function openWorkspaceForReading(
  root: string,
  options: WorkspaceOptions & { summaries: true },
): Promise<{ register: Register; snapshot: RegisterSnapshot }>;
export async function openWorkspaceForReading(
  root: string,
  options?: WorkspaceOptions & { summaries?: false },
): Promise<{ register: Register; snapshot: FullSnapshot }>;
export async function openWorkspaceForReading(
  root: string,
  options: WorkspaceOptions & { summaries?: boolean } = {},
): Promise<{ register: Register; snapshot: FullSnapshot | RegisterSnapshot }> {
  const { summaries, ...opening } = options;
  const backend = await openFileBackend(root, { ...opening, light: summaries === true });
  const register = createRegister(backend, {
    clock: options.clock ?? (() => new Date().toISOString()),
    sha256: nativeSha256Hex,
  });
  const views = new Map<Kind, readonly object[]>();
  const viewOf = (kind: Kind) => (summaries === true ? backend.snapshotView(kind) : backend.view(kind));
  const snapshot = {};
  for (const kind of RECORD_KINDS) {
    Object.defineProperty(snapshot, kind, {
      enumerable: true,
      get: () => {
        let view = views.get(kind);
        if (!view) views.set(kind, (view = viewOf(kind)));
        return view;
      },
    });
  }
  // The getters give each kind's records as read: whole, or as `summaries` says.
  return { register, snapshot: snapshot as FullSnapshot | RegisterSnapshot };
}

/** Appends a signed checkpoint to the workspace's checkpoint file, under the lock. */
export async function appendCheckpoint(
  root: string,
  sign: (events: readonly EventEntry[]) => Checkpoint,
  options: FileBackendOptions = {},
): Promise<Checkpoint> {
  await checkManifest(root);
  return withLock(root, options, async () => {
    const said = await recover(root);
    if (said) (options.log ?? ((l: string) => process.stderr.write(l + '\n')))(`${root}: ${said}`);
    const checkpoint = sign(await loadEvents(root));
    const all = [...(await loadCheckpoints(root)), checkpoint];
    await writeFileAtomic(join(root, CHECKPOINTS_FILE), jsonLines(all), { fsync: true });
    return checkpoint;
  });
}

/** Creates an empty workspace; refuses a folder that already holds other files. */
export async function initWorkspace(root: string): Promise<void> {
  if (existsSync(root)) {
    if (!(await stat(root)).isDirectory()) throw new WorkspaceError(`${root}: exists and is not a folder`);
    const entries = await readdir(root);
    if (entries.includes(MANIFEST_FILE)) throw new WorkspaceError(`${root}: already an AIMS workspace`);
    if (entries.length > 0) throw new WorkspaceError(`${root}: folder is not empty`);
  }
  await mkdir(join(root, RECORDS_DIR), { recursive: true });
  await writeFileAtomic(
    join(root, MANIFEST_FILE),
    prettyJson({ format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION }),
  );
}
