// What can be settled from a text file's bytes before decoding them. Nothing here consults the detector
// registry, so a thread that only reads and tests bytes loads none of the detection code.
import { utf8Body } from './decode';

export interface BytesRead {
  path: string;
  /** The bytes read: the whole file, or its first maxBytes. */
  bytes: Uint8Array;
  /** Full size of the file. */
  size: number;
}

/** The warning for a file read only up to the byte bound, if it was. */
export function boundWarnings({ path, bytes, size }: BytesRead, maxBytes: number): string[] {
  if (size <= bytes.length) return [];
  return [`${path}: ${size} bytes, over the ${maxBytes}-byte bound; read the first ${bytes.length} only`];
}

/**
 * True when a detector's byte test (`mayMatch`) rules the bytes out, so decoding them and running the
 * detector would add nothing: UTF-8 text (not UTF-16, not binary) of at most `maxChars` bytes — past
 * that the text may be too long, which warns, and only decoding can tell.
 */
export function ruledOutByBytes(
  bytes: Uint8Array,
  mayMatch: (utf8: Uint8Array) => boolean,
  maxChars: number,
): boolean {
  if (bytes.length > maxChars) return false;
  const body = utf8Body(bytes);
  return body !== undefined && !mayMatch(body);
}
