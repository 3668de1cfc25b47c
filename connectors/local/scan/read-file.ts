// Reads one file within the byte bound; model files are hashed chunk by chunk, never loaded whole.
// Synchronous on purpose: for many small files, open/fstat/read/close through the thread pool cost
// 5-10× more than the syscalls themselves (measured: 20,000 files in ~0.3 s sync vs 1.6-3 s async).
// Parallelism comes from worker threads instead (see parallel.ts).
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { HEAD_BYTES } from '../../../shared/discovery/limits';
import { detectFile, wantsHeadOnly } from '../../../shared/discovery/detect';
import {
  analyseSource,
  prepareModelFile,
  prepareSource,
  type BytesRead,
  type Prepared,
  type SourceAnalysed,
} from '../../../shared/discovery/source-file';

const HASH_CHUNK = 1024 * 1024;
// O_NONBLOCK: a FIFO that slipped past the type check opens at once instead of hanging the scan.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

export type ReadOutcome = Prepared | { skipped: string };

/** Reads up to `length` bytes from the start into `buffer`. */
function readInto(fd: number, buffer: Buffer, length: number): number {
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, filled);
    filled += read;
    // A regular file reads short only at its end: no extra call just to see 0.
    if (read === 0 || filled < length) break;
  }
  return filled;
}

function readHead(fd: number, length: number): Uint8Array {
  const buffer = Buffer.allocUnsafe(length);
  return buffer.subarray(0, readInto(fd, buffer, length));
}

// One scratch buffer per thread, reused for every file: most files are small, and a fresh
// maxBytes-sized allocation per file costs more than reading it.
let scratch = Buffer.allocUnsafe(0);

/** sha256 of every byte, continuing after the head already read. */
function hashRest(fd: number, head: Uint8Array): string {
  const hash = createHash('sha256').update(head);
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  let position = head.length;
  for (;;) {
    const read = readSync(fd, chunk, 0, HASH_CHUNK, position);
    if (read === 0) break;
    hash.update(chunk.subarray(0, read));
    position += read;
  }
  return hash.digest('hex');
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ? `unreadable (${code})` : `unreadable (${(error as Error).message})`;
}

/** A model file prepared, or a text file's bytes (in the shared scratch buffer, valid until the next read). */
type RawRead = { model: Prepared } | { text: BytesRead } | { skipped: string };

/**
 * Never throws: an unreadable file becomes a skip with a reason. `knownFile`: the caller already knows
 * it is a regular file (from the folder listing), so the fstat is only needed when the file fills the
 * bound and its full size must be reported.
 */
function readRaw(abs: string, path: string, maxBytes: number, knownFile: boolean): RawRead {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch (error) {
    return { skipped: `${path}: ${reason(error)}, skipped` };
  }
  try {
    if (!knownFile && !fstatSync(fd).isFile()) return { skipped: `${path}: not a regular file, skipped` };
    if (wantsHeadOnly(path)) {
      const head = readHead(fd, HEAD_BYTES);
      const size = fstatSync(fd).size;
      return { model: prepareModelFile(path, head, size, hashRest(fd, head)) };
    }
    if (scratch.length < maxBytes) scratch = Buffer.allocUnsafe(maxBytes);
    const filled = readInto(fd, scratch, maxBytes);
    const size = filled === maxBytes ? Math.max(fstatSync(fd).size, filled) : filled;
    // A plain view, not Buffer#subarray: that builds a Buffer through its species constructor, per file.
    return { text: { path, bytes: new Uint8Array(scratch.buffer, scratch.byteOffset, filled), size } };
  } catch (error) {
    return { skipped: `${path}: ${reason(error)}, skipped` };
  } finally {
    closeSync(fd);
  }
}

/** Reads one file within the byte bound into the SourceFile the detectors take; never throws. */
export function readSourceFile(abs: string, path: string, maxBytes: number, knownFile = false): ReadOutcome {
  const raw = readRaw(abs, path, maxBytes, knownFile);
  if ('skipped' in raw) return raw;
  if ('model' in raw) return raw.model;
  // Text is decoded into a new string; binaries keep a copy of their head only.
  const prepared = prepareSource(raw.text, maxBytes);
  if (prepared.file.head) prepared.file.head = new Uint8Array(prepared.file.head);
  return prepared;
}

/**
 * Reads and analyses one file, as `detectFile(readSourceFile(…).file)` would, but text no detector can
 * use is never decoded (see analyseSource). Never throws.
 */
export function analyseSourceFile(
  abs: string,
  path: string,
  maxBytes: number,
  knownFile = false,
): SourceAnalysed | { skipped: string } {
  const raw = readRaw(abs, path, maxBytes, knownFile);
  if ('skipped' in raw) return raw;
  if ('model' in raw) return { analysis: detectFile(raw.model.file), warnings: raw.model.warnings };
  return analyseSource(raw.text, maxBytes);
}
