// A reader thread's share of a scan: read each file of a batch and apply the code detector's byte test.
// Most files fail it and are settled here, counted; the others (and every file no byte test covers)
// go back to the main thread, whose detectors analyse them. So a reader loads the reading code and one
// word table, not the detectors, and its start-up and warm-up stay small.
import { boundWarnings, ruledOutByBytes } from '../../../shared/discovery/bytes-read';
import { mayUseAiBytes } from '../../../shared/discovery/code/signal-words';
import { MAX_TEXT_CHARS } from '../../../shared/discovery/detector';
import { readRaw } from './read-bytes';

/**
 * Who reads a batch posted to a reader: the value of its shared cell, changed once with
 * Atomics.compareExchange by whichever thread takes it first (the reader, in posting order, or the main
 * thread, from the last posted back, once the walk is done).
 */
export const UNCLAIMED = 0;
export const CLAIMED_BY_READER = 1;
export const CLAIMED_BY_MAIN = 2;

/** See readKind (analyse-files.ts). */
export type ReadKind = 'gate' | 'head' | 'text';

export interface ReadRef {
  kind: ReadKind;
  path: string;
  abs: string;
}

/** A file handed back: its bytes are `data[offset, offset + length)`; `contentHash` marks a model file's head. */
export interface HandedFile {
  path: string;
  size: number;
  offset: number;
  length: number;
  contentHash?: string;
}

export interface ReaderResult {
  /** Files the byte test settled: read, nothing to find. */
  scanned: number;
  warnings: string[];
  handed: HandedFile[];
  /** Every handed file's bytes, one after another (transferred, not copied, to the main thread). */
  data: ArrayBuffer;
}

export function decodeBatch(encoded: string): ReadRef[] {
  const parts = encoded.split('\0');
  const files: ReadRef[] = [];
  for (let i = 0; i + 2 < parts.length; i += 3) {
    files.push({ kind: parts[i] as ReadKind, path: parts[i + 1] ?? '', abs: parts[i + 2] ?? '' });
  }
  return files;
}

/** Reads a batch; never throws (an unreadable file is a warning, as on the main thread). */
export function readBatch(files: readonly ReadRef[], maxBytes: number): ReaderResult {
  const result: ReaderResult = { scanned: 0, warnings: [], handed: [], data: new ArrayBuffer(0) };
  const kept: Uint8Array[] = [];
  let offset = 0;
  const hand = (path: string, bytes: Uint8Array, size: number, contentHash?: string) => {
    // A copy (new Uint8Array, not slice: a Buffer's slice is a view): text bytes sit in the scratch
    // buffer the next read overwrites.
    kept.push(new Uint8Array(bytes));
    result.handed.push({
      path,
      size,
      offset,
      length: bytes.length,
      ...(contentHash === undefined ? {} : { contentHash }),
    });
    offset += bytes.length;
  };
  for (const file of files) {
    const raw = readRaw(file.abs, file.path, maxBytes, true, file.kind === 'head');
    if ('skipped' in raw) result.warnings.push(raw.skipped);
    else if ('model' in raw) hand(file.path, raw.model.head, raw.model.size, raw.model.contentHash);
    // The source-code detector's own test and bound (it sets no maxChars), as analyseSource applies them.
    else if (file.kind === 'gate' && ruledOutByBytes(raw.text.bytes, mayUseAiBytes, MAX_TEXT_CHARS)) {
      result.scanned++;
      for (const warning of boundWarnings(raw.text, maxBytes)) result.warnings.push(warning);
    } else hand(file.path, raw.text.bytes, raw.text.size);
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const bytes of kept) {
    data.set(bytes, at);
    at += bytes.length;
  }
  result.data = data.buffer;
  return result;
}
