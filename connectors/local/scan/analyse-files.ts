// One batch of files: read, detect, collect. The unit of work for the main thread; reader threads
// (read-batch.ts) do the reading and the byte tests of their batches and hand back what needs detection.
// Detection is imported from its own modules, not the discovery index: the index brings the report
// schemas (and their validation library) for nothing.
import { mayUseAiBytes } from '../../../shared/discovery/code/signal-words';
import { MAX_TEXT_CHARS, type Detector } from '../../../shared/discovery/detector';
import { detectorFor } from '../../../shared/discovery/registry';
import { analyseSource } from '../../../shared/discovery/source-file';
import { isEmptyAnalysis } from '../../../shared/discovery/types';
import type { Analysed } from './analyse';
import { analyseHeadRead, analyseSourceFile } from './read-file';
import type { ReadKind, ReaderResult } from './read-batch';

export interface FileRef {
  /** Posix path relative to the scan target. */
  path: string;
  /** A regular file when listed (symlinks resolved). */
  abs: string;
  /** `detectorFor(path)`, when the walk already asked. */
  detector?: Detector;
}

/**
 * How a reader thread treats a file: the code detector's byte test it knows ('gate'), a model file's
 * head and hash ('head'), or every other file's bytes handed back whole ('text'). A detector with some
 * other byte test gets 'text': the main thread applies that test itself.
 */
export function readKind(detector: Detector | undefined): ReadKind {
  if (detector?.headOnly) return 'head';
  const codeGate =
    detector?.mayMatch === mayUseAiBytes && (detector.maxChars ?? MAX_TEXT_CHARS) === MAX_TEXT_CHARS;
  return codeGate ? 'gate' : 'text';
}

/**
 * A batch as one string for the trip to a reader thread: cloning one string costs a copy, cloning 128
 * small objects costs far more. NUL cannot occur in a path.
 */
export function encodeBatch(files: readonly FileRef[]): string {
  return files.map((f) => `${readKind(f.detector ?? detectorFor(f.path))}\0${f.path}\0${f.abs}`).join('\0');
}

export interface BatchResult {
  /** Files where something was found: an empty analysis changes no report, so it is only counted. */
  analysed: Analysed[];
  /** Files read and analysed, found something or not: the report's scannedFiles. */
  scanned: number;
  warnings: string[];
}

export function analyseBatch(files: readonly FileRef[], maxBytes: number): BatchResult {
  const result: BatchResult = { analysed: [], scanned: 0, warnings: [] };
  for (const file of files) {
    const detector = file.detector ?? detectorFor(file.path);
    const outcome = analyseSourceFile(file.abs, file.path, maxBytes, true, detector);
    if ('skipped' in outcome) {
      result.warnings.push(outcome.skipped);
      continue;
    }
    for (const warning of outcome.warnings) result.warnings.push(warning);
    result.scanned++;
    if (!isEmptyAnalysis(outcome.analysis))
      result.analysed.push({ path: file.path, analysis: outcome.analysis });
  }
  return result;
}

/**
 * What a reader thread handed back, finished here: the files its byte test settled are counted, the
 * rest are analysed exactly as analyseBatch would have.
 */
export function finishReaderResult(result: ReaderResult, maxBytes: number): BatchResult {
  const done: BatchResult = { analysed: [], scanned: result.scanned, warnings: result.warnings };
  // A Buffer view (no copy): the byte tests' indexOf on it is memchr, on a plain Uint8Array a byte loop.
  const data = Buffer.from(result.data);
  for (const item of result.handed) {
    const bytes = data.subarray(item.offset, item.offset + item.length);
    const outcome =
      item.contentHash === undefined
        ? analyseSource({ path: item.path, bytes, size: item.size }, maxBytes)
        : analyseHeadRead({ path: item.path, head: bytes, size: item.size, contentHash: item.contentHash });
    for (const warning of outcome.warnings) done.warnings.push(warning);
    done.scanned++;
    if (!isEmptyAnalysis(outcome.analysis))
      done.analysed.push({ path: item.path, analysis: outcome.analysis });
  }
  return done;
}
