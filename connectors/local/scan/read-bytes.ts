// Reads one file's bytes within the byte bound; model files are hashed chunk by chunk, never loaded whole.
// Synchronous on purpose: for many small files, open/read/close through the thread pool cost 5-10×
// more than the syscalls themselves (measured: 20,000 files in ~0.3 s sync vs 1.6-3 s async).
// Nothing here consults the detector registry: the reader threads (parallel.ts) load only this and the
// byte tests, not the detection code.
import type * as Crypto from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BytesRead } from '../../../shared/discovery/bytes-read';
import { HEAD_BYTES } from '../../../shared/discovery/limits';

const HASH_CHUNK = 1024 * 1024;
// O_NONBLOCK: a FIFO that slipped past the type check opens at once instead of hanging the scan.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** A model file's head (≤ HEAD_BYTES), full size and sha256 of every byte. */
export interface HeadRead {
  path: string;
  head: Uint8Array;
  size: number;
  contentHash: string;
}

/** A model file's head, a text file's bytes (in the thread's scratch buffer, valid until the next read), or why neither. */
export type RawRead = { model: HeadRead } | { text: BytesRead } | { skipped: string };

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

// node:crypto is loaded on the first model file, not with this module: most trees hold none, and every
// scan and each reader thread would otherwise pay for loading it at start-up.
const requireBuiltin = createRequire(import.meta.url);
let crypto: typeof Crypto | undefined;

/** sha256 of every byte, continuing after the head already read. */
function hashRest(fd: number, head: Uint8Array): string {
  crypto ??= requireBuiltin('node:crypto') as typeof Crypto;
  const hash = crypto.createHash('sha256').update(head);
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

/**
 * Reads `abs` (shown as `path`): the head and hash when `headOnly`, else up to `maxBytes`. Never throws:
 * an unreadable file becomes a skip with a reason. `knownFile`: the caller already knows it is a regular
 * file (from the folder listing), so the fstat is only needed when the file fills the bound and its full
 * size must be reported.
 */
export function readRaw(
  abs: string,
  path: string,
  maxBytes: number,
  knownFile: boolean,
  headOnly: boolean,
): RawRead {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch (error) {
    return { skipped: `${path}: ${reason(error)}, skipped` };
  }
  try {
    if (!knownFile && !fstatSync(fd).isFile()) return { skipped: `${path}: not a regular file, skipped` };
    if (headOnly) {
      const head = readHead(fd, HEAD_BYTES);
      const size = fstatSync(fd).size;
      return { model: { path, head, size, contentHash: hashRest(fd, head) } };
    }
    if (scratch.length < maxBytes) scratch = Buffer.allocUnsafe(maxBytes);
    const filled = readInto(fd, scratch, maxBytes);
    const size = filled === maxBytes ? Math.max(fstatSync(fd).size, filled) : filled;
    // Buffer.from(arrayBuffer, …) makes the view directly (Buffer#subarray goes through its species
    // constructor, per file); a Buffer, not a plain Uint8Array, so the binary sniff's indexOf(0) is memchr
    // rather than a byte loop.
    return { text: { path, bytes: Buffer.from(scratch.buffer, scratch.byteOffset, filled), size } };
  } catch (error) {
    return { skipped: `${path}: ${reason(error)}, skipped` };
  } finally {
    closeSync(fd);
  }
}
