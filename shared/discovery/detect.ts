// Per-file entry point: offers the file to the registry's detector for its path and collects what it finds.
import { MAX_TEXT_CHARS } from './detector';
import { basename, extname, isTestPath, isVendoredPath } from './paths';
import { detectorFor } from './registry';
import { longLineCount, MAX_LINE, splitLines } from './text';
import { emptyAnalysis, type FileAnalysis, type SourceFile } from './types';

export { isCandidatePath, wantsHeadOnly } from './registry';

/**
 * Per-file analysis: pure, and never throws; a detector that fails leaves a warning naming the file.
 * Text files need `text`; head-only (model) files need `head` (≤ 64 KiB) and, for pinning, `contentHash`.
 */
export function detectFile(file: SourceFile): FileAnalysis {
  const analysis = emptyAnalysis();
  try {
    analyse(file, analysis);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    analysis.warnings = [
      ...(analysis.warnings ?? []),
      `${file.path}: detector failed (${message.slice(0, 200)})`,
    ];
  }
  return analysis;
}

function analyse(file: SourceFile, analysis: FileAnalysis): void {
  const path = file.path;
  if (isVendoredPath(path) || isTestPath(path)) return;
  const detector = detectorFor(path);
  if (!detector) return;
  const text = file.text;
  if (text === undefined && !detector.headOnly) return;
  if (text !== undefined && text.length > (detector.maxChars ?? MAX_TEXT_CHARS)) {
    analysis.warnings = [`${path}: skipped, ${text.length} characters is too large to be hand-written`];
    return;
  }
  // Detectors never see minified or generated lines (clipLongLines): say so, or a bundle reads as clean.
  const long = text === undefined || detector.wholeDocument ? 0 : longLineCount(text);
  if (long > 0) {
    analysis.warnings = [
      ...(analysis.warnings ?? []),
      `${path}: ${long} line${long === 1 ? '' : 's'} over ${MAX_LINE} characters (minified or generated), not analysed`,
    ];
  }
  // Source code, nearly every file, never needs the text cut into lines: split only on demand.
  let split: string[] | undefined;
  detector.analyse(
    {
      file,
      path,
      name: basename(path).toLowerCase(),
      ext: extname(path),
      text: text ?? '',
      lines: () => (split ??= splitLines(text ?? '')),
    },
    analysis,
  );
}
