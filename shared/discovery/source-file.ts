// Bytes read from disk or from a git blob → the SourceFile the detectors take, plus a warning if cut short.
import { decodeText, utf8Body } from './decode';
import { detectFile } from './detect';
import { MAX_TEXT_CHARS } from './detector';
import { detectorFor } from './registry';
import { emptyAnalysis, type FileAnalysis, type SourceFile } from './types';
import { HEAD_BYTES } from './limits';

export interface BytesRead {
  path: string;
  /** The bytes read: the whole file, or its first maxBytes. */
  bytes: Uint8Array;
  /** Full size of the file. */
  size: number;
}

export interface Prepared {
  file: SourceFile;
  warnings: string[];
}

/** The warning for a file read only up to the byte bound, if it was. */
function boundWarnings({ path, bytes, size }: BytesRead, maxBytes: number): string[] {
  if (size <= bytes.length) return [];
  return [`${path}: ${size} bytes, over the ${maxBytes}-byte bound; read the first ${bytes.length} only`];
}

/** Decodes text; binaries keep only their head so detectors can sniff magic numbers. */
export function prepareSource(read: BytesRead, maxBytes: number): Prepared {
  const { path, bytes, size } = read;
  const warnings = boundWarnings(read, maxBytes);
  const decoded = decodeText(bytes);
  if ('binary' in decoded) {
    warnings.push(`${path}: binary content, skipped text detection`);
    return { file: { path, head: bytes.subarray(0, HEAD_BYTES), size }, warnings };
  }
  return { file: { path, text: decoded.text, size }, warnings };
}

/** One text file's bytes analysed, with the warnings reading it gave (cut short, binary). */
export interface SourceAnalysed {
  analysis: FileAnalysis;
  warnings: string[];
}

/**
 * `detectFile(prepareSource(read).file)` with the same result, but a UTF-8 file that its detector's
 * byte test (`mayMatch`) rules out is never decoded: most source files name no AI word at all. The
 * analysis keeps no reference to `read.bytes`, so a caller may reuse that buffer.
 */
export function analyseSource(read: BytesRead, maxBytes: number): SourceAnalysed {
  const detector = detectorFor(read.path);
  // Past maxChars bytes the text might be too long, which warns: only decoding can tell.
  if (detector?.mayMatch && read.bytes.length <= (detector.maxChars ?? MAX_TEXT_CHARS)) {
    const body = utf8Body(read.bytes);
    if (body !== undefined && !detector.mayMatch(body)) {
      return { analysis: emptyAnalysis(), warnings: boundWarnings(read, maxBytes) };
    }
  }
  const prepared = prepareSource(read, maxBytes);
  return { analysis: detectFile(prepared.file), warnings: prepared.warnings };
}

/** A model file: the head is enough to identify it; the hash covers every byte. */
export function prepareModelFile(
  path: string,
  head: Uint8Array,
  size: number,
  contentHash: string,
): Prepared {
  return { file: { path, head, size, contentHash }, warnings: [] };
}
