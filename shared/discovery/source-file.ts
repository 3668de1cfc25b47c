// Bytes read from disk or from a git blob → the SourceFile the detectors take, plus a warning if cut short.
import { decodeText } from './decode';
import type { SourceFile } from './types';
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

/** Decodes text; binaries keep only their head so detectors can sniff magic numbers. */
export function prepareSource({ path, bytes, size }: BytesRead, maxBytes: number): Prepared {
  const warnings: string[] = [];
  if (size > bytes.length) {
    warnings.push(
      `${path}: ${size} bytes, over the ${maxBytes}-byte bound; read the first ${bytes.length} only`,
    );
  }
  const decoded = decodeText(bytes);
  if ('binary' in decoded) {
    warnings.push(`${path}: binary content, skipped text detection`);
    return { file: { path, head: bytes.subarray(0, HEAD_BYTES), size }, warnings };
  }
  return { file: { path, text: decoded.text, size }, warnings };
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
