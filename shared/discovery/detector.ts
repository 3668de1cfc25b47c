// The one shape every detector has: what it wants (names, extensions, other path shapes, head only)
// and how it analyses (one signature). The registry lists them; candidate filters derive from it.
import type { FileAnalysis, SourceFile } from './types';

/** What a detector is handed: the file plus the facts every detector would otherwise recompute. */
export interface DetectorInput {
  /** The file as the scanner handed it over (path, text or head, size, contentHash). */
  file: SourceFile;
  /** Posix path relative to the scan target. */
  path: string;
  /** Lower-cased base name ('package.json', 'dockerfile'). */
  name: string;
  /** Lower-cased extension with its dot ('.py'), '' when none. */
  ext: string;
  /** Decoded text; '' for a head-only detector handed bytes only. */
  text: string;
  /** The text cut into lines, split once and only when asked. */
  lines: () => string[];
}

export interface Detector {
  /** Stable id, documented in docs/discovery.md (a test checks). */
  id: string;
  /** One line: what the detector reads and what it finds there. */
  summary: string;
  /** Lower-cased base names it wants ('go.mod'). */
  names?: readonly string[];
  /** Lower-cased extensions with the dot it wants ('.tf'). */
  extensions?: readonly string[];
  /** Path shapes that neither a name nor an extension expresses (`requirements-dev.txt`, `.env.local`). */
  matches?: (path: string, name: string, ext: string) => boolean;
  /**
   * Reads only the head bytes (≤ HEAD_BYTES) and a sha256 of the whole file, never the text: model files
   * can be gigabytes. Such a detector is also called for binary files.
   */
  headOnly?: boolean;
  /**
   * A test on the file's bytes before they are decoded (UTF-8 without its BOM, never binary or UTF-16):
   * false only when `analyse` would add nothing for their decoded text, so a scanner can skip decoding.
   */
  mayMatch?: (utf8: Uint8Array) => boolean;
  /** Text longer than this many characters is skipped with a warning (default: MAX_TEXT_CHARS). */
  maxChars?: number;
  /**
   * Parses the text as one document (JSON), so a line of any length is read; other detectors never see
   * lines over MAX_LINE characters (minified or generated), and the scan names the files that had them.
   */
  wholeDocument?: boolean;
  /** Adds what it finds to `analysis`; may throw (the dispatcher turns that into a warning). */
  analyse(input: DetectorInput, analysis: FileAnalysis): void;
}

/** Text larger than this is generated data, not configuration or code worth reading. */
export const MAX_TEXT_CHARS = 4 * 1024 * 1024;

/** Whether `detector` wants the file at `path` (with its lower-cased name and extension). */
export function wants(detector: Detector, path: string, name: string, ext: string): boolean {
  return (
    (detector.names?.includes(name) ?? false) ||
    (ext !== '' && (detector.extensions?.includes(ext) ?? false)) ||
    (detector.matches?.(path, name, ext) ?? false)
  );
}
