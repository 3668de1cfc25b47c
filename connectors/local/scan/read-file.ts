// Reads one file within the byte bound into what the detectors take (read-bytes.ts does the reading).
import { detectFile, wantsHeadOnly } from '../../../shared/discovery/detect';
import type { Detector } from '../../../shared/discovery/detector';
import { detectorFor } from '../../../shared/discovery/registry';
import {
  analyseSource,
  prepareModelFile,
  prepareSource,
  type Prepared,
  type SourceAnalysed,
} from '../../../shared/discovery/source-file';
import { readRaw, type HeadRead } from './read-bytes';

export type ReadOutcome = Prepared | { skipped: string };

const modelPrepared = ({ path, head, size, contentHash }: HeadRead): Prepared =>
  prepareModelFile(path, head, size, contentHash);

/** Reads one file within the byte bound into the SourceFile the detectors take; never throws. */
export function readSourceFile(abs: string, path: string, maxBytes: number, knownFile = false): ReadOutcome {
  const raw = readRaw(abs, path, maxBytes, knownFile, wantsHeadOnly(path));
  if ('skipped' in raw) return raw;
  if ('model' in raw) return modelPrepared(raw.model);
  // Text is decoded into a new string; binaries keep a copy of their head only.
  const prepared = prepareSource(raw.text, maxBytes);
  if (prepared.file.head) prepared.file.head = new Uint8Array(prepared.file.head);
  return prepared;
}

/** A model file's head and hash read elsewhere (a reader thread), analysed as readSourceFile's would be. */
export function analyseHeadRead(read: HeadRead): SourceAnalysed {
  const prepared = modelPrepared(read);
  return { analysis: detectFile(prepared.file), warnings: prepared.warnings };
}

/**
 * Reads and analyses one file, as `detectFile(readSourceFile(…).file)` would, but text no detector can
 * use is never decoded (see analyseSource). Never throws. `detector`: what `detectorFor(path)` gives,
 * when the caller already knows it (the walk looked it up).
 */
export function analyseSourceFile(
  abs: string,
  path: string,
  maxBytes: number,
  knownFile = false,
  detector: Detector | undefined = detectorFor(path),
): SourceAnalysed | { skipped: string } {
  const raw = readRaw(abs, path, maxBytes, knownFile, detector?.headOnly === true);
  if ('skipped' in raw) return raw;
  if ('model' in raw) return analyseHeadRead(raw.model);
  return analyseSource(raw.text, maxBytes, detector);
}
