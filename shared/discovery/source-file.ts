// Bytes read from disk or from a git blob → the SourceFile the detectors take, plus a warning if cut short.
import { boundWarnings, ruledOutByBytes, type BytesRead } from './bytes-read';
import { decodeText } from './decode';
import { detectFile } from './detect';
import { MAX_TEXT_CHARS, type Detector } from './detector';
import { detectorFor } from './registry';
import { emptyAnalysis, type FileAnalysis, type SourceFile } from './types';
import { HEAD_BYTES } from './limits';

export type { BytesRead };

export interface Prepared {
  file: SourceFile;
  warnings: string[];
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
 * analysis keeps no reference to `read.bytes`, so a caller may reuse that buffer. `detector`: the one
 * `detectorFor(read.path)` gives, when the caller already looked it up.
 */
export function analyseSource(
  read: BytesRead,
  maxBytes: number,
  detector: Detector | undefined = detectorFor(read.path),
): SourceAnalysed {
  if (
    detector?.mayMatch &&
    ruledOutByBytes(read.bytes, detector.mayMatch, detector.maxChars ?? MAX_TEXT_CHARS)
  ) {
    return { analysis: emptyAnalysis(), warnings: boundWarnings(read, maxBytes) };
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
