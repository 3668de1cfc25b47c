// The record files of a kind and their identities (device, inode, size, modification and change time),
// taken before any of them is read. Every file is stat'ed: that is how an edit made by hand is seen.
//
// At 50,000 files the stat calls cost as much as parsing the kind's snapshot cache, and neither needs the
// other, so for large kind folders a worker thread lists and stats while this thread parses the caches.
// The worker does exactly what `listKind` does here; when it cannot run, or a file it could not stat, the
// work is done here instead, with the same result and the same errors.
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { RECORDS_DIR } from './layout';
import type { FileIdentity } from './record-cache';

/** Numbers a listing keeps per file, in this order. */
const FIELDS = 5;

/**
 * One kind folder: its `.json` file names, sorted, and each one's identity as FIELDS numbers (dev, ino,
 * size, mtimeMs, ctimeMs) at `identities[i * FIELDS]`; NaN where the file could not be stat'ed.
 */
export interface KindListing {
  names: string[];
  /** The names joined by '/', when the worker sent them so (what a verified-state index is compared with). */
  joined?: string;
  identities: Float64Array;
}

/** The identity of the `index`-th file of a listing (NaN fields when it could not be stat'ed). */
export const identityAt = (listing: KindListing, index: number): FileIdentity => {
  const at = index * FIELDS;
  const ids = listing.identities;
  return {
    dev: ids[at]!,
    ino: ids[at + 1]!,
    size: ids[at + 2]!,
    mtimeMs: ids[at + 3]!,
    ctimeMs: ids[at + 4]!,
  };
};

/** Whether the `index`-th file of a listing has this identity (no object made per file). */
export const hasIdentity = (listing: KindListing, index: number, e: FileIdentity): boolean => {
  const at = index * FIELDS;
  const ids = listing.identities;
  return (
    ids[at + 1] === e.ino &&
    ids[at + 2] === e.size &&
    ids[at + 3] === e.mtimeMs &&
    ids[at + 4] === e.ctimeMs &&
    ids[at] === e.dev
  );
};

/**
 * Whether the `index`-th file of a listing has the identity held at position `at` of `ids` (five numbers a
 * position, in the listing's order: a snapshot cache's columns).
 */
export const hasIdentityIn = (
  listing: KindListing,
  index: number,
  ids: ArrayLike<number>,
  at: number,
): boolean => {
  const i = index * FIELDS;
  const j = at * FIELDS;
  const own = listing.identities;
  return (
    own[i + 1] === ids[j + 1] &&
    own[i + 2] === ids[j + 2] &&
    own[i + 3] === ids[j + 3] &&
    own[i + 4] === ids[j + 4] &&
    own[i] === ids[j]
  );
};

/** How many files a listing holds (without asking for its names). */
export const listedCount = (listing: KindListing): number => listing.identities.length / FIELDS;

/** Whether the `index`-th file of a listing was stat'ed (false: restatMissing stats it). */
export const statted = (listing: KindListing, index: number): boolean =>
  !Number.isNaN(listing.identities[index * FIELDS]);

/** The size in bytes of the `index`-th file of a listing. */
export const sizeAt = (listing: KindListing, index: number): number =>
  listing.identities[index * FIELDS + 2]!;

/** Stats the `index`-th file (at `path`) again where the worker could not; throws what statSync throws. */
export function restatMissing(listing: KindListing, index: number, path: string): void {
  if (!Number.isNaN(listing.identities[index * FIELDS])) return;
  setIdentity(listing.identities, index, statSync(path));
}

/**
 * Whether `error` (from a stat or open of `path`) means the file was deleted after its folder was listed:
 * ENOENT, and no directory entry left by that name. A dangling link keeps its entry, so it is not "gone"
 * and its error is still the caller's to report.
 */
export function deletedSinceListing(error: unknown, path: string): boolean {
  if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') return false;
  try {
    lstatSync(path);
    return false;
  } catch (again) {
    return (again as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * restatMissing for a read that shows the folder as it finds it: false when the file was deleted since the
 * listing (deletedSinceListing), so the read goes on without it; any other failure throws as restatMissing.
 */
export function restatUnlessDeleted(listing: KindListing, index: number, path: string): boolean {
  try {
    restatMissing(listing, index, path);
    return true;
  } catch (error) {
    if (deletedSinceListing(error, path)) return false;
    throw error;
  }
}

function setIdentity(identities: Float64Array, index: number, info: Stats): void {
  const at = index * FIELDS;
  identities[at] = info.dev;
  identities[at + 1] = info.ino;
  identities[at + 2] = info.size;
  identities[at + 3] = info.mtimeMs;
  identities[at + 4] = info.ctimeMs;
}

/**
 * Lists and (unless `stat` is false: identities left NaN) stats one kind folder on this thread; a folder that
 * does not exist lists nothing. A file that cannot be stat'ed throws the file system's error, as reading it
 * would, unless it was deleted since the listing (deletedSinceListing): that one is left NaN.
 */
export function listKind(dir: string, stat = true): KindListing {
  let all: string[];
  try {
    all = readdirSync(dir);
  } catch {
    all = [];
  }
  const names = all.filter((n) => n.endsWith('.json')).sort();
  const identities = new Float64Array(names.length * FIELDS).fill(NaN);
  if (!stat) return { names, identities };
  // Names come from readdir (no separators, no dots to resolve): plain concatenation is what path.join
  // would give, without normalising it once per file.
  const prefix = `${dir}/`;
  for (let i = 0; i < names.length; i++) {
    const path = prefix + names[i];
    try {
      setIdentity(identities, i, statSync(path));
    } catch (error) {
      // Deleted since readdir: left NaN, as the worker leaves it, for the caller to stat again.
      if (!deletedSinceListing(error, path)) throw error;
    }
  }
  return { names, identities };
}

/** Files a thread claims at a time when both threads stat one folder. */
const CHUNK = 256;

// The worker's code (CommonJS, evaluated, so the compiled CLI needs no file for it): listKind's loop, with a
// file that cannot be stat'ed left as NaN for the caller to stat again and report. Names travel as one
// string (a file name cannot hold '/'), identities as a transferred buffer: nothing copied field by field.
// With `control` (shared), each folder's listing is posted as soon as it is made, its identities in shared
// memory, and the files are stat'ed in chunks claimed from control[d], so the thread that started the
// worker can claim chunks too (helpStat below runs the same loop); control[dirs.length] is set when done.
const WORKER_CODE = `
const { readdirSync, statSync } = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const control = workerData.control ? new Int32Array(workerData.control) : undefined;
const out = [];
const buffers = [];
const statRange = (prefix, names, ids, start, end) => {
  for (let i = start; i < end; i++) {
    let info;
    try { info = statSync(prefix + names[i]); } catch { continue; }
    const at = i * ${FIELDS};
    ids[at] = info.dev; ids[at + 1] = info.ino; ids[at + 2] = info.size;
    ids[at + 3] = info.mtimeMs; ids[at + 4] = info.ctimeMs;
  }
};
workerData.dirs.forEach((dir, d) => {
  let all;
  try { all = readdirSync(dir); } catch { all = []; }
  const names = all.filter((n) => n.endsWith('.json')).sort();
  const prefix = dir + '/';
  if (control) {
    const ids = new Float64Array(new SharedArrayBuffer(names.length * ${FIELDS * 8})).fill(NaN);
    parentPort.postMessage({ d, names: names.join('/'), ids });
    for (let start = Atomics.add(control, d, ${CHUNK}); start < names.length; start = Atomics.add(control, d, ${CHUNK})) {
      statRange(prefix, names, ids, start, Math.min(start + ${CHUNK}, names.length));
    }
    return;
  }
  const ids = new Float64Array(names.length * ${FIELDS}).fill(NaN);
  statRange(prefix, names, ids, 0, names.length);
  out.push({ names: names.join('/'), ids });
  buffers.push(ids.buffer);
});
if (control) {
  Atomics.store(control, workerData.dirs.length, 1);
  parentPort.postMessage({ done: true });
} else parentPort.postMessage(out, buffers);
`;

interface WorkerListing {
  names: string;
  ids: Float64Array;
}

/**
 * A listing from the worker's message. Its names are split out of the joined string only when first asked for:
 * a light read whose cache names exactly these files never asks (50,000 strings not made).
 */
const listingOf = (l: WorkerListing): KindListing => {
  let names: string[] | undefined;
  return {
    get names() {
      return (names ??= l.names === '' ? [] : l.names.split('/'));
    },
    joined: l.names,
    identities: l.ids,
  };
};

/** This thread's share of a folder the worker is stat'ing: chunks claimed from control[d], as the worker does. */
function helpStat(dir: string, listing: KindListing, control: Int32Array, d: number): void {
  const { names, identities } = listing;
  const prefix = `${dir}/`;
  for (
    let start = Atomics.add(control, d, CHUNK);
    start < names.length;
    start = Atomics.add(control, d, CHUNK)
  ) {
    const end = Math.min(start + CHUNK, names.length);
    for (let i = start; i < end; i++) {
      try {
        setIdentity(identities, i, statSync(prefix + names[i]));
      } catch {
        // Left as NaN: restatMissing stats it again and throws the file system's error.
      }
    }
  }
}

/**
 * Starts listing these folders on a worker thread. Returns a function that waits for the listings (in the
 * order of `dirs`), or undefined when the worker failed; call it only after the folders' caches are read,
 * since waiting before would only keep this thread idle. With `help`, that function also stats files
 * itself, sharing each folder with the worker chunk by chunk once the worker has listed it: the same
 * listing, sooner when a second core is free.
 */
export function listKindsInBackground(
  dirs: readonly string[],
  { help = false, started }: { help?: boolean; started?: (worker: Worker) => void } = {},
): () => Promise<KindListing[] | undefined> {
  const control = help ? new Int32Array(new SharedArrayBuffer(4 * (dirs.length + 1))) : undefined;
  // Per folder (when helping): its listing as soon as the worker posts it; undefined if the worker failed.
  const posted = dirs.map(() => {
    let resolve!: (listing: KindListing | undefined) => void;
    const promise = new Promise<KindListing | undefined>((r) => (resolve = r));
    return { promise, resolve };
  });
  const done = new Promise<KindListing[] | undefined>((resolve) => {
    const fail = () => {
      posted.forEach((p) => p.resolve(undefined));
      resolve(undefined);
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_CODE, { eval: true, workerData: { dirs, control: control?.buffer } });
      started?.(worker);
    } catch {
      fail();
      return;
    }
    worker.on('message', (message: WorkerListing[] | (WorkerListing & { d: number }) | { done: true }) => {
      if (Array.isArray(message)) resolve(message.map(listingOf));
      else if ('done' in message) resolve([]);
      else posted[message.d]!.resolve(listingOf(message));
    });
    worker.once('error', fail);
    worker.once('exit', fail);
  });
  if (!control) return () => done;
  return async () => {
    const listings: KindListing[] = [];
    for (const [d, dir] of dirs.entries()) {
      const listing = await posted[d]!.promise;
      if (!listing) return undefined;
      helpStat(dir, listing, control, d);
      listings.push(listing);
    }
    // The worker's last chunks written (or the worker gone: what it did not stat is NaN, stat'ed again later).
    await done;
    Atomics.load(control, dirs.length);
    return listings;
  };
}

/**
 * Kind folders big enough for the worker to pay (its start-up costs about as much as statting a few
 * thousand files): a folder's own size grows with the names it holds (about 40 bytes a name on ext4).
 */
export const BACKGROUND_FOLDER_BYTES = 128 * 1024;

/** Whether a kind folder is large enough to be listed in the background. */
export function largeFolder(dir: string): boolean {
  try {
    return statSync(dir).size >= BACKGROUND_FOLDER_BYTES;
  } catch {
    return false;
  }
}

/** A kind folder's identity: a file added, removed or replaced in it changes its modification time. */
export const folderIdentity = (dir: string): string | undefined => {
  try {
    const info = statSync(dir);
    return info.isDirectory() ? `${info.dev}:${info.ino}:${info.mtimeMs}:${info.ctimeMs}` : undefined;
  } catch {
    return undefined;
  }
};

/** A listing started before the workspace was opened (see prestartListing). */
interface Prestarted {
  /** The large kind folders being listed, sorted, and each one's identity before it was listed. */
  dirs: string[];
  folders: (string | undefined)[];
  /** When it started (ms since the epoch), before any file was stat'ed. */
  at: number;
  wait: () => Promise<KindListing[] | undefined>;
  worker?: Worker;
}

let prestarted: Prestarted | undefined;

/**
 * Starts listing the large kind folders of the workspace at `root` (an absolute path) on a worker thread,
 * so the listing overlaps the loading of the command that will open it; that command adopts it
 * (adoptListing) or it is dropped. Does nothing when there is no such folder; never throws. A listing
 * started before replaces (and stops) one not adopted. The worker does not keep the process alive.
 * `large`: which kind folders to list (default: those large enough for a worker to pay).
 */
export function prestartListing(
  root: string,
  { large = largeFolder }: { large?: (dir: string) => boolean } = {},
): void {
  dropPrestarted();
  const at = Date.now();
  let kinds: string[];
  try {
    kinds = readdirSync(`${root}/${RECORDS_DIR}`).sort();
  } catch {
    return;
  }
  const dirs = kinds.map((kind) => `${root}/${RECORDS_DIR}/${kind}`).filter((dir) => large(dir));
  if (dirs.length === 0) return;
  // Each folder's identity before the worker lists it: a change after it shows at adoption.
  const folders = dirs.map(folderIdentity);
  const entry: Prestarted = { dirs, folders, at, wait: () => Promise.resolve(undefined) };
  // Helped: the command parses its caches meanwhile and, once done, stats the rest with the worker.
  entry.wait = listKindsInBackground(dirs, {
    help: true,
    started: (worker) => {
      worker.unref();
      entry.worker = worker;
    },
  });
  prestarted = entry;
}

/** Stops a pre-started listing nobody adopted. */
export function dropPrestarted(): void {
  void prestarted?.worker?.terminate();
  prestarted = undefined;
}

/**
 * The pre-started listing of exactly these folders (same paths, in this order), when each folder still has
 * the identity it had before it was listed and had settled by then (changed at least `settleMs` before the
 * listing started, so a change within a timestamp tick cannot hide); otherwise undefined, and any
 * pre-started listing is stopped. Taken once. `at`: when the listing started, before any stat — the time the
 * settle rule must use for the identities it measured.
 */
export function adoptListing(
  dirs: readonly string[],
  settleMs: number,
): { at: number; wait: () => Promise<KindListing[] | undefined> } | undefined {
  const entry = prestarted;
  prestarted = undefined;
  if (!entry) return undefined;
  const same =
    entry.dirs.length === dirs.length &&
    entry.dirs.every((dir, i) => dir === dirs[i]) &&
    entry.folders.every((identity, i) => {
      if (identity === undefined || identity !== folderIdentity(dirs[i]!)) return false;
      const [, , mtime, ctime] = identity.split(':').map(Number);
      return Math.max(mtime!, ctime!) <= entry.at - settleMs;
    });
  if (!same) {
    void entry.worker?.terminate();
    return undefined;
  }
  // Awaited from now on: the worker keeps the process alive until it has answered.
  entry.worker?.ref();
  return { at: entry.at, wait: entry.wait };
}
