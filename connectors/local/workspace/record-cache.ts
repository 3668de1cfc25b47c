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
//   into a fresh file. A segment is two lines, each with the SHA-256 and byte length of its content (so a
//   reader can skip a line it does not need without reading it), and holds its entries
//   column by column (a few large arrays parse and collect faster than an array and an object per entry):
//   the view line has the file names (one string, joined by '/'), their identities (five numbers each, as one
//   base64 string of 64-bit floats in this machine's byte order: no number to parse per field), the records as a
//   read-only snapshot holds them (an evidence item's or AI system's summary fields, any other record whole)
//   and the names of files gone. Records are stored a column a field, `kind` left out (the file's kind) and
//   each distinct key order once; a field whose values repeat (a date, a tool, a list of controls) stores
//   each distinct value once in a table, each record naming its value by position: 50,000 items tagged with a
//   few dozen control sets parse into a few dozen arrays, not 50,000, and no field name is parsed per record
//   (a read-only snapshot's records share table values; a whole read gives each record its own copy). A
//   light read whose first segment names exactly the files listed takes positions in order, splitting no
//   name out. The detail line has the file digests (one string) and, where views are summaries, the whole
//   records. Read-only commands parse view lines only ('light'); the rest parse both.
// - A cache file is ignored whole when any line it reads does not parse or does not match its checksum (a
//   torn append included), when it names another workspace folder (copied in from elsewhere) or other
//   summary fields than this version keeps (its header lists them), or when a view line's records are not
//   views of their kind (a field every such view has missing, a value of another JSON type than the
//   schema's: see recordsOf; processes would otherwise crash on or show them). Once a
//   large file's lines have checked out and it has settled, `<kind>.checked` records its identity, and
//   the checksums are not computed again until the file changes (which changes its change time).
// - A fresh file is written atomically, appends are checksummed, and both happen only under the workspace
//   lock; a stale winner of a race only costs a re-read, since its entries name identities the files no
//   longer have.
// - `aims verify` does not read it for its verdict; it re-reads every file and reports an entry that
//   disagrees with the file it describes, in its digest, its record or its view.
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import type { AnyRecord, RecordKind } from '../../../shared/model';
import { summaryFieldsOf, summaryOf, viewFieldsOf } from '../../../shared/processes/evidence-summary';
import type { JsonType } from '../../../shared/processes/record-fields';
import { TEMP_FILE, writeFileAtomicSync } from './atomic-write';

export const CACHE_DIR = '.cache';
const FORMAT = 'aims-record-cache';
const VERSION = 9;
/** Appended segments beyond which the next change rewrites the file whole. */
const MAX_SEGMENTS = 16;
/**
 * Entries younger than this when the cache was written are re-read. Timestamps tick in steps of up to 2 s
 * (FAT, exFAT), and the kernel stamps files from a clock that may run a tick of its own (a few ms) behind the
 * wall clock this rule reads: at exactly 2 s, a file rewritten in the same timestamp tick just before the
 * settle time could pass as settled. 100 ms covers that lag.
 */
export const SETTLE_MS = 2_100;

/** What identifies one version of a record file without reading it. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * A parsed record file: the validated record and the SHA-256 of the file's JSON as stored (canonical);
 * `view` is the view line's record of an entry read from a cache file, for verify to compare with the record.
 */
export interface CachedRecord extends FileIdentity {
  sha256: string;
  record: AnyRecord;
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
  /** The fields a view keeps (summaryFieldsOf), null when views are whole records. */
  view: readonly string[] | null;
}

/** The header's `view` for `kind`, as JSON: a file written with other summary fields is not read. */
const viewFieldsText = (kind: RecordKind) => JSON.stringify(summaryFieldsOf(kind) ?? null);

/** One cache file as read: its usable entries, and what the next change needs to know to append to it. */
export interface KindCache {
  entries: KindEntries;
  /** Segments in the file (the first holds every entry). */
  segments: number;
  /** Entries recorded in the file, counting those not usable now. */
  recorded: number;
}

/**
 * One cache file read light, its entries as columns (no object made per entry but the records): `identities`
 * holds five numbers a position (dev, ino, size, mtimeMs, ctimeMs), `views` each record as a snapshot holds it,
 * and `parts` says which file names the positions belong to, segment by segment (see lightSlots).
 */
export interface LightKindCache {
  identities: Float64Array;
  views: AnyRecord[];
  parts: LightPart[];
  segments: number;
}

/**
 * One segment of a cache file read light: its entries' file names joined by '/', how many there are, the
 * position of its first entry in the columns, the time (ms) an entry's file must have last changed by to be
 * used (see `settled`), and the names of files gone.
 */
interface LightPart {
  joined: string;
  count: number;
  offset: number;
  limit: number;
  gone: string[];
}

/**
 * A segment's view line as parsed and checked, its records still in columns: when it was written (ms), how
 * many entries it holds, their file names joined by '/' (a file name cannot hold one), their identities
 * (five numbers an entry, stored as the base64 of their 64-bit floats) and the names of files gone.
 */
interface ViewLine {
  at: number;
  count: number;
  joined: string;
  ids: Float64Array;
  gone: string[];
  /** The records as objects, each its own copy of every object or list in them when `copy`. */
  records: (kind: RecordKind, copy: boolean) => unknown[] | undefined;
}

/**
 * A column of a view line: one value a record (`values`), or positions (`at`) in a table of its distinct
 * values (`table`), so a value many records hold (a date, a tool, a list of controls) is parsed once.
 */
type Column = { values: unknown[] } | { table: unknown[]; at: number[] };

/** A field name a view line may store: anything a record can hold but `kind` (implied) and `__proto__`. */
const storedField = (key: unknown): key is string =>
  typeof key === 'string' && key !== 'kind' && key !== '__proto__';

/**
 * The records (each with its `kind`) as view-line columns: the field names as first met (`fields`), each
 * distinct key order once (`shapes`, `kind` in its place) and each record's (`shape`: one number when all
 * share it), and a column a field. A field's column is a table of its distinct values when it has at most half
 * as many as records (a row lacking the field holds -1 there, or null among values).
 */
function columnsOf(records: readonly object[]): {
  fields: string[];
  shapes: string[][];
  shape: number | number[];
  columns: Column[];
} {
  const fields: string[] = [];
  const fieldAt = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeAt = new Map<string, number>();
  const shape: number[] = [];
  for (const record of records) {
    const keys = Object.keys(record);
    const key = JSON.stringify(keys);
    let s = shapeAt.get(key);
    if (s === undefined) {
      shapeAt.set(key, (s = shapes.length));
      shapes.push(keys);
      for (const field of keys) {
        if (field !== 'kind' && !fieldAt.has(field)) fieldAt.set(field, fields.push(field) - 1);
      }
    }
    shape.push(s);
  }
  const columns = fields.map((field): Column => {
    const values = records.map((r) =>
      Object.hasOwn(r, field) ? (r as Record<string, unknown>)[field] : null,
    );
    const table: unknown[] = [];
    const tableAt = new Map<string, number>();
    const at = records.map((r, i) => {
      if (!Object.hasOwn(r, field)) return -1;
      const key = JSON.stringify(values[i]);
      let p = tableAt.get(key);
      if (p === undefined) tableAt.set(key, (p = table.push(values[i]) - 1));
      return p;
    });
    return table.length * 2 <= records.length ? { table, at } : { values };
  });
  return { fields, shapes, shape: shapes.length === 1 ? 0 : shape, columns };
}

/** A JSON value as a value of its own (no object or list shared with `value`). */
const own = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(own);
  const copy: Record<string, unknown> = {};
  // As JSON.parse makes them: own data properties, `__proto__` included.
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: own((value as Record<string, unknown>)[key]),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return copy;
};

/**
 * Makes a plain object (its prototype Object.prototype, as `{}`'s is). Unlike `{}`, which keeps only its first
 * four fields inside the object and moves the rest to a separate store grown as they come, objects it makes
 * come to hold all their fields inside once V8 has seen a few: at 50,000 records, half the time and garbage.
 */
const PlainRecord = (() => {
  const maker = function () {
    // Fields are added by the caller.
  } as unknown as { prototype: object };
  maker.prototype = Object.prototype;
  return maker as unknown as new () => Record<string, unknown>;
})();

/**
 * Builds `count` records of `kind` from a view line's columns, or undefined when they are out of shape
 * (a field named twice or not storable, a shape without `kind` or naming an unknown field, a record's shape or
 * table position out of range, a column of another length) or not views of `kind` as processes read them: a
 * shape lacking a field every such view has, or a value of a known field with another JSON type than its
 * schema's (viewFieldsOf; checked per shape and per column, not per record field). A record takes its table
 * values shared with other records unless `copy`.
 */
function recordsOf(
  v: { fields?: unknown; shapes?: unknown; shape?: unknown; columns?: unknown },
  count: number,
  kind: RecordKind,
  copy: boolean,
): unknown[] | undefined {
  const { fields, shapes, shape, columns } = v;
  if (!Array.isArray(fields) || !Array.isArray(shapes) || !Array.isArray(columns)) return undefined;
  if (!fields.every(storedField) || new Set(fields).size !== fields.length) return undefined;
  if (columns.length !== fields.length) return undefined;
  // Each column as one array a record and, for a table, its values.
  const cells: unknown[][] = [];
  const tables: (unknown[] | undefined)[] = [];
  for (const column of columns as unknown[]) {
    const c = column as { values?: unknown; table?: unknown; at?: unknown } | null;
    if (typeof c !== 'object' || c === null) return undefined;
    const cell = Array.isArray(c.table) ? c.at : c.values;
    if (!Array.isArray(cell) || cell.length !== count) return undefined;
    cells.push(cell);
    tables.push(Array.isArray(c.table) ? c.table : undefined);
  }
  // Each shape as its keys and, key by key, the column it is taken from (-1: `kind`).
  const indexOf = new Map((fields as string[]).map((field, i) => [field, i]));
  const layouts: { keys: string[]; from: number[] }[] = [];
  for (const keys of shapes as unknown[]) {
    if (!Array.isArray(keys) || new Set(keys).size !== keys.length) return undefined;
    const from = keys.map((key) => (key === 'kind' ? -1 : (indexOf.get(key as string) ?? -2)));
    if (from.includes(-2) || !from.includes(-1)) return undefined;
    layouts.push({ keys: keys as string[], from });
  }
  const known = viewFieldsOf(kind);
  // Every view of the kind has its required fields: a forged shape lacking one would reach the processes.
  for (const { keys } of layouts) {
    for (const [field, { required }] of known) if (required && !keys.includes(field)) return undefined;
  }
  const single = typeof shape === 'number' ? layouts[shape] : undefined;
  if (!single && !(Array.isArray(shape) && shape.length === count)) return undefined;
  // Each known field's values have its type: a table's entries once each, a column of values value by value
  // (null only where the record's shape lacks the field: columnsOf's filler).
  for (let c = 0; c < cells.length; c++) {
    const type = known.get((fields as string[])[c]!)?.type;
    if (type === undefined) continue;
    const table = tables[c];
    if (table) {
      for (const value of table) if (jsonTypeOf(value) !== type) return undefined;
      continue;
    }
    const cell = cells[c]!;
    for (let i = 0; i < count; i++) {
      const value = cell[i];
      if (jsonTypeOf(value) === type) continue;
      if (value !== null) return undefined;
      const s = single ? shape : (shape as unknown[])[i];
      const layout = Number.isInteger(s) ? layouts[s as number] : undefined;
      if (!layout || layout.from.includes(c)) return undefined;
    }
  }
  const records = new Array<unknown>(count);
  for (let i = 0; i < count; i++) {
    let layout = single;
    if (!layout) {
      const s = (shape as unknown[])[i];
      if (!Number.isInteger(s) || !(layout = layouts[s as number])) return undefined;
    }
    const { keys, from } = layout;
    const record = new PlainRecord();
    for (let k = 0; k < keys.length; k++) {
      const c = from[k]!;
      if (c < 0) {
        record[keys[k]!] = kind;
        continue;
      }
      const table = tables[c];
      let value = cells[c]![i];
      if (table) {
        const at = value as number;
        if (!(Number.isInteger(at) && at >= 0 && at < table.length)) return undefined;
        value = table[at];
        if (copy) value = own(value);
      }
      record[keys[k]!] = value;
    }
    records[i] = record;
  }
  return records;
}

/** A parsed JSON value's type, as record-fields.ts names them ('null' for null). */
const jsonTypeOf = (value: unknown): JsonType | 'null' => {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return value === null ? 'null' : Array.isArray(value) ? 'array' : 'object';
};

/** Five identity numbers an entry as stored: the base64 of their 64-bit floats, in this machine's byte order. */
const encodeIds = (ids: readonly number[]) => Buffer.from(new Float64Array(ids).buffer).toString('base64');

/** The numbers `encodeIds` stored, or undefined when the text does not decode to `count` of them. */
function decodeIds(text: string, count: number): Float64Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== count * 8) return undefined;
  // A Float64Array needs an 8-byte aligned offset: a small decode may sit anywhere in Node's shared pool.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  return new Float64Array(aligned.buffer, aligned.byteOffset, count);
}

/** A segment's detail line: its `at`, the digests (64 hex digits each) and whole records (none when all views are). */
interface DetailLine {
  at: number;
  digests: string;
  records: unknown[];
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

/** Bytes before a line's body: its SHA-256 (64 hex digits), a space, its byte length (12 digits), a space. */
export const LINE_PREFIX = 78;

/** A checksummed line: the SHA-256 of its body, its length in bytes, then the body. */
const line = (body: string) =>
  `${sha256(body)} ${String(Buffer.byteLength(body)).padStart(12, '0')} ${body}\n`;

/** A segment (view line, detail line) holding these entries (null: the file is gone), written at `at` (ms). */
function segmentLines(entries: readonly (readonly [string, CachedRecord | null])[], at: number): string {
  const names: string[] = [];
  const gone: string[] = [];
  const ids: number[] = [];
  const views: object[] = [];
  const records: AnyRecord[] = [];
  let digests = '';
  let summarised = false;
  for (const [name, e] of entries) {
    if (!e) {
      gone.push(name);
      continue;
    }
    const summary = summaryOf(e.record);
    summarised ||= summary !== e.record;
    names.push(name);
    ids.push(e.dev, e.ino, e.size, e.mtimeMs, e.ctimeMs);
    views.push(summary);
    records.push(e.record);
    digests += e.sha256;
  }
  const view = {
    at,
    count: names.length,
    names: names.join('/'),
    ids: encodeIds(ids),
    gone,
    ...columnsOf(views),
  };
  const detail: DetailLine = { at, digests, records: summarised ? records : [] };
  return line(JSON.stringify(view)) + line(JSON.stringify(detail));
}

/**
 * A view line's body with its identities decoded, if its header fields are well formed (its columns are
 * checked when its records are built); else undefined.
 */
function viewLine(value: unknown): ViewLine | undefined {
  const v = value as
    | {
        [
          K in 'at' | 'count' | 'names' | 'ids' | 'gone' | 'fields' | 'shapes' | 'shape' | 'columns'
        ]?: unknown;
      }
    | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.at !== 'number' ||
    typeof v.count !== 'number' ||
    !Number.isInteger(v.count) ||
    v.count < 0 ||
    typeof v.names !== 'string' ||
    typeof v.ids !== 'string' ||
    !Array.isArray(v.gone) ||
    !v.gone.every((name) => typeof name === 'string')
  ) {
    return undefined;
  }
  const count = v.count;
  const joined = v.names;
  // As many names as entries: no name is empty, so count - 1 separators (none and no text when empty).
  let separators = 0;
  for (let at = joined.indexOf('/'); at >= 0; at = joined.indexOf('/', at + 1)) separators++;
  if (count === 0 ? joined !== '' : separators !== count - 1) return undefined;
  const ids = decodeIds(v.ids, count * 5);
  if (!ids) return undefined;
  return {
    at: v.at,
    count,
    joined,
    ids,
    gone: v.gone as string[],
    records: (kind, copy) => recordsOf(v, count, kind, copy),
  };
}

/** The file names of a view line, in entry order. */
const namesOf = (view: { joined: string }): string[] => (view.joined === '' ? [] : view.joined.split('/'));

/** A detail line's body if it belongs with `view` (same `at`, one digest and no or one record per entry). */
function detailLine(value: unknown, view: ViewLine, kind: RecordKind): DetailLine | undefined {
  const d = value as Partial<DetailLine> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    d.at !== view.at ||
    typeof d.digests !== 'string' ||
    !/^[0-9a-f]*$/.test(d.digests) ||
    d.digests.length !== view.count * 64 ||
    !Array.isArray(d.records) ||
    (d.records.length !== 0 && d.records.length !== view.count)
  ) {
    return undefined;
  }
  for (const record of d.records) if (!isKindRecord(record, kind)) return undefined;
  return d as DetailLine;
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

/** Cache files smaller than this (bytes) hash faster than a stamp is read: they are not stamped. */
export const STAMPED_SIZE = 256 * 1024;

/**
 * When a cache file is read (`now`, ms; default the clock) and from what size (bytes) its checks are stamped
 * (default STAMPED_SIZE).
 */
export interface Checking {
  now?: number;
  stampedSize?: number;
}

/** Where the identity of a kind's cache file, as last checked whole or light, is kept (see checkedStamp). */
const checkedFile = (root: string, kind: string) => join(root, CACHE_DIR, `${kind}.checked`);

/**
 * Which lines of a kind's cache file were checked (every line's checksum: 'whole'; the view lines': 'light')
 * when the file had `identity`, or undefined when no such check is recorded. Any change to the file (an
 * append, a rewrite, an edit by hand) changes its identity, its change time at least, so the stamp no longer
 * matches and the lines are hashed again; a stamp forged to match a forged file is the verified-state
 * index's threat (the cache is as trustworthy as the folder it is in).
 */
function checkedStamp(root: string, kind: string, identity: FileIdentity): CacheForm | undefined {
  try {
    const stamp = JSON.parse(readFileSync(checkedFile(root, kind), 'utf8')) as {
      ids?: unknown;
      form?: unknown;
    };
    const ids = stamp.ids;
    if (!Array.isArray(ids) || ids.length !== 5) return undefined;
    const [dev, ino, size, mtimeMs, ctimeMs] = ids as unknown[];
    const same = sameIdentity(identity, { dev, ino, size, mtimeMs, ctimeMs } as FileIdentity);
    return same && (stamp.form === 'whole' || stamp.form === 'light') ? stamp.form : undefined;
  } catch {
    return undefined;
  }
}

/** Records that `form`'s lines of a kind's cache file checked out at `identity` (failing to write costs a re-hash). */
function stampChecked(root: string, kind: string, identity: FileIdentity, form: CacheForm): void {
  const { dev, ino, size, mtimeMs, ctimeMs } = identity;
  try {
    writeFileAtomicSync(
      checkedFile(root, kind),
      JSON.stringify({ ids: [dev, ino, size, mtimeMs, ctimeMs], form }),
    );
  } catch {
    // An optimisation only.
  }
}

/**
 * A cache file's checked lines: the header's fields are checked against `kind` and this folder; then each
 * segment's view line is parsed and, unless `light`, its detail line (read light, detail lines are skipped
 * unread, by their stated length). Undefined when the file is absent, unreadable, torn, has a line read that
 * fails its checksum or does not parse, or belongs elsewhere. Checksums are not computed again while the file
 * keeps the identity a stamp recorded when those lines last checked out (see checkedStamp).
 */
function readSegments(
  root: string,
  kind: RecordKind,
  form: CacheForm,
  { now = Date.now(), stampedSize = STAMPED_SIZE }: Checking,
): { written: number; segments: { view: ViewLine; records: unknown[]; detail?: DetailLine }[] } | undefined {
  let fd: number;
  try {
    fd = openSync(cacheFile(root, kind), 'r');
  } catch {
    return undefined;
  }
  let checked: { identity: FileIdentity; form: CacheForm } | undefined;
  try {
    // The time first, so it is no later than what is read.
    const info = fstatSync(fd);
    const { size, mtimeMs: written } = info;
    const identity = identityOf(info);
    // Lines this identity was already checked for need not be hashed again (see checkedStamp).
    const stamped = size >= stampedSize ? checkedStamp(root, kind, identity) : undefined;
    const trusted = stamped === 'whole' || stamped === form;
    /** `length` bytes at `position`, or undefined past the end of the file. */
    let bytesAt = (position: number, length: number): Buffer | undefined => {
      if (position + length > size) return undefined;
      const bytes = Buffer.allocUnsafe(length);
      for (let done = 0; done < length;) {
        const n = readSync(fd, bytes, done, length - done, position + done);
        if (n === 0) return undefined;
        done += n;
      }
      return bytes;
    };
    if (form === 'whole') {
      // Everything is read: one read, then views of it.
      const all = bytesAt(0, size);
      if (!all) return undefined;
      bytesAt = (position, length) =>
        position + length > size ? undefined : all.subarray(position, position + length);
    }
    const head = bytesAt(0, Math.min(size, 64 * 1024));
    const headerEnd = head?.indexOf(10) ?? -1;
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(head!.toString('utf8', 0, headerEnd)) as Partial<Header>;
    if (
      header.format !== FORMAT ||
      header.version !== VERSION ||
      header.kind !== kind ||
      header.root !== rootIdOf(root) ||
      JSON.stringify(header.view) !== viewFieldsText(kind)
    ) {
      return undefined;
    }
    /**
     * The line at `position`: its parsed body (unless `skip`) and where the next line starts; throws when it
     * is cut short, its checksum fails or it does not parse.
     */
    const lineAt = (position: number, skip: boolean): { body?: unknown; next: number } => {
      const prefix = bytesAt(position, LINE_PREFIX);
      const digits = prefix?.toString('latin1', 65, 77) ?? '';
      if (!prefix || prefix[64] !== 32 || prefix[77] !== 32 || !/^[0-9]{12}$/.test(digits)) {
        throw new Error('malformed line');
      }
      const length = Number(digits);
      const next = position + LINE_PREFIX + length + 1;
      if (skip) {
        if (bytesAt(next - 1, 1)?.[0] !== 10) throw new Error('torn line');
        return { next };
      }
      const text = bytesAt(position + LINE_PREFIX, length + 1);
      if (!text || text[length] !== 10) throw new Error('torn line');
      const body = text.subarray(0, length);
      if (!trusted && prefix.toString('latin1', 0, 64) !== sha256(body)) throw new Error('checksum');
      return { body: JSON.parse(body.toString('utf8')) as unknown, next };
    };
    const segments: { view: ViewLine; records: unknown[]; detail?: DetailLine }[] = [];
    let position = headerEnd + 1;
    // A complete file is its header and at least one whole segment (two lines), and nothing after.
    do {
      const read = lineAt(position, false);
      const view = viewLine(read.body);
      if (!view) return undefined;
      const details = lineAt(read.next, form === 'light');
      position = details.next;
      const detail = form === 'whole' ? detailLine(details.body, view, kind) : undefined;
      if (form === 'whole' && !detail) return undefined;
      // Records the register's store will hold (a whole read of a kind whose views are its records) share
      // nothing with one another; views only read (light, or beside whole records) share table values.
      const records = view.records(kind, detail !== undefined && detail.records.length === 0);
      if (!records) return undefined;
      segments.push({ view, records, detail });
    } while (position < size);
    if (position !== size) return undefined;
    // Stamped only once settled: a file rewritten within a timestamp tick of this read could keep its identity.
    if (!trusted && size >= stampedSize && settled(identity, now)) checked = { identity, form };
    return { written, segments };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
    if (checked) stampChecked(root, kind, checked.identity, checked.form);
  }
}

/**
 * The usable entries of one kind's cache read whole, or undefined when there is no usable cache file
 * (absent, unreadable, torn, hand-edited so a checksum fails, or from another folder). Entries made within
 * SETTLE_MS of their file's last change (by their segment's time, or the cache file's if earlier) are left out.
 */
export function readKindCache(
  root: string,
  kind: RecordKind,
  checking: Checking = {},
): KindCache | undefined {
  const read = readSegments(root, kind, 'whole', checking);
  if (!read) return undefined;
  const entries: KindEntries = new Map();
  // Names whose latest entry is too young to use: they still count as recorded in the file.
  let young = 0;
  for (const { view, records, detail } of read.segments) {
    const at = Math.min(view.at, read.written);
    const names = namesOf(view);
    for (let p = 0; p < names.length; p++) {
      const name = names[p]!;
      const ids = view.ids;
      const entry: CachedRecord = {
        dev: ids[p * 5]!,
        ino: ids[p * 5 + 1]!,
        size: ids[p * 5 + 2]!,
        mtimeMs: ids[p * 5 + 3]!,
        ctimeMs: ids[p * 5 + 4]!,
        sha256: detail!.digests.slice(p * 64, p * 64 + 64),
        record: (detail!.records.length > 0 ? detail!.records[p] : records[p]) as AnyRecord,
        view: records[p],
      };
      // A later segment's entry replaces an earlier one, usable or not.
      if (settled(entry, at)) entries.set(name, entry);
      else {
        entries.delete(name);
        young++;
      }
    }
    for (const name of view.gone) entries.delete(name);
  }
  return { entries, segments: read.segments.length, recorded: entries.size + young };
}

/**
 * One kind's cache read light (view lines only), as columns; undefined as for readKindCache. Whatever the
 * detail lines hold is not read (a whole read checks them). Which entries are usable for which files is for
 * lightSlots to say, given the kind's listing.
 */
export function readLightKindCache(
  root: string,
  kind: RecordKind,
  checking: Checking = {},
): LightKindCache | undefined {
  const read = readSegments(root, kind, 'light', checking);
  if (!read) return undefined;
  const [first, ...later] = read.segments;
  // The first segment's columns are the store; later (small) segments are added to them.
  const views = first!.records as AnyRecord[];
  const parts: LightPart[] = [];
  const part = (view: ViewLine, offset: number) =>
    parts.push({
      joined: view.joined,
      count: view.count,
      offset,
      limit: Math.min(view.at, read.written) - SETTLE_MS,
      gone: view.gone,
    });
  part(first!.view, 0);
  for (const { view, records } of later) {
    part(view, views.length);
    for (const record of records) views.push(record as AnyRecord);
  }
  let identities = first!.view.ids;
  if (later.length > 0) {
    identities = new Float64Array(views.length * 5);
    read.segments.forEach(({ view }, p) => identities.set(view.ids, parts[p]!.offset * 5));
  }
  return { identities, views, parts, segments: read.segments.length };
}

/**
 * Where a kind's listed files are in a cache read light. `listing.names`: the files, sorted as a listing sorts
 * them (asked for only when needed); `listing.joined`: the same joined by '/', when at hand; `count`: how many.
 * `slots[i]` is the position of the usable entry for the i-th file (-1: none, or one too young to use, see
 * `settled`), `held[i]` is 1 when the cache holds an entry for it (usable or not), `stale` the names the cache
 * holds that are not listed, and `recorded` how many entries the cache holds. When the first segment names
 * exactly the listed files (as after a fresh write), positions are taken in order without a name being split
 * out or looked up.
 */
export function lightSlots(
  cache: LightKindCache,
  listing: { readonly names: readonly string[]; joined?: string },
  count: number = listing.names.length,
): { slots: Int32Array; held: Uint8Array; stale: Set<string>; recorded: number } {
  const n = count;
  const slots = new Int32Array(n).fill(-1);
  const held = new Uint8Array(n);
  const stale = new Set<string>();
  const ids = cache.identities;
  const usable = (at: number, limit: number) => Math.max(ids[at * 5 + 3]!, ids[at * 5 + 4]!) <= limit;
  /** The index of `name` in the listing (-1: not listed), by binary search (names are sorted). */
  const indexOf = (name: string) => {
    const names = listing.names;
    let low = 0;
    let high = n - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const here = names[mid]!;
      if (here === name) return mid;
      if (here < name) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  };
  for (const [p, part] of cache.parts.entries()) {
    const { count, offset, limit } = part;
    if (p === 0 && count === n && part.joined === (listing.joined ?? listing.names.join('/'))) {
      for (let i = 0; i < n; i++) {
        held[i] = 1;
        slots[i] = usable(i, limit) ? i : -1;
      }
    } else {
      const listed = namesOf(part);
      for (let e = 0; e < count; e++) {
        const name = listed[e]!;
        const i = indexOf(name);
        if (i < 0) {
          stale.add(name);
          continue;
        }
        held[i] = 1;
        slots[i] = usable(offset + e, limit) ? offset + e : -1;
      }
    }
    for (const name of part.gone) {
      const i = indexOf(name);
      if (i < 0) stale.delete(name);
      else {
        held[i] = 0;
        slots[i] = -1;
      }
    }
  }
  let recorded = stale.size;
  for (let i = 0; i < n; i++) recorded += held[i]!;
  return { slots, held, stale, recorded };
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
 * Brings one kind's cache up to date with the entries just read whole (`current`, file name → entry), given
 * the cache as it was read (`previous`, undefined when there was none usable), at `now` (ms): what changed
 * (entries not taken from the cache, files gone) is recorded as `recordChanges` says. Call only while
 * holding the workspace lock.
 */
export function updateKindCache(
  root: string,
  kind: RecordKind,
  previous: KindCache | undefined,
  current: KindEntries,
  now: number = Date.now(),
): void {
  // Walked without copying the maps: at 50,000 unchanged entries the copies cost more than the check.
  const changed: [string, CachedRecord | null][] = [];
  current.forEach((entry, name) => {
    if (previous?.entries.get(name) !== entry) changed.push([name, entry]);
  });
  previous?.entries.forEach((_, name) => {
    if (!current.has(name)) changed.push([name, null]);
  });
  recordChanges(root, kind, previous, changed, () => [...current], now);
}

/**
 * Records the changes a read found (`changed`: entries read from their files, null for files gone; `all`:
 * every current entry whole, or undefined when they are not at hand) in one kind's cache file, as read
 * before (`previous`, undefined when there was none usable), at `now` (ms). A small change is appended as
 * one segment; with no usable cache, a large change or too many segments the file is written afresh from
 * `all` (atomically). Failing to write (a read-only folder, a full disk) is not an error: the next command
 * reads the record files again. Call only while holding the workspace lock.
 */
export function recordChanges(
  root: string,
  kind: RecordKind,
  previous: { segments: number; recorded: number } | undefined,
  changed: readonly (readonly [string, CachedRecord | null])[],
  all: () => [string, CachedRecord][] | undefined,
  now: number = Date.now(),
): void {
  try {
    if (previous) {
      if (changed.length === 0) return;
      // A small change is appended; a large one is as cheap to write whole, and leaves a compact file.
      if (previous.segments < MAX_SEGMENTS && changed.length * 4 < previous.recorded) {
        appendFileSync(cacheFile(root, kind), segmentLines(changed, now));
        return;
      }
    } else if (!changed.some(([, e]) => e)) return;
    const entries = all();
    if (!entries) return;
    cacheDir(root);
    const header: Header = {
      format: FORMAT,
      version: VERSION,
      root: rootIdOf(root),
      kind,
      view: summaryFieldsOf(kind) ?? null,
    };
    writeFileAtomicSync(cacheFile(root, kind), `${JSON.stringify(header)}\n${segmentLines(entries, now)}`);
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
