// Parsing stored JSON and getting its canonical text (canonicalJson) in one go, cheaply for the files the
// register writes itself. Those are JSON.stringify(value, null, 2) with keys sorted; when a file's text is
// exactly that for the value it parses to, it cannot hold a duplicate key (the value would have one member
// fewer than the text), an escape JSON.stringify would not write, or a number spelled another way, so its
// canonical text is plain JSON.stringify(value). Anything else goes through the strict parser and the
// general canonicalJson, which give the same answer, only slower.
import { canonicalJson } from './hash';
import { parseJsonStrict } from './strict-json';

/**
 * Whether every object in `value` lists its keys in ascending code-unit order (and none is `__proto__`,
 * which canonicalJson's rebuilt object would not keep as a key). Then canonicalJson(value) is
 * JSON.stringify(value): canonicalJson enumerates array-index keys first in numeric order, then the others
 * sorted; a fully sorted key list enumerates the same way.
 */
function keysSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysSorted(item)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    if (key === '__proto__' || (previous !== undefined && !(previous < key))) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** A stored JSON value and its canonical text (what the register hashes). */
export interface CanonicalParse {
  value: unknown;
  canonical: string;
}

/**
 * Parses `text` as parseJsonStrict does and returns the value with canonicalJson(value). `layout` is how the
 * register lays such text out: 'pretty' (two-space indent and a final newline, as record files) or 'compact'
 * (one line, as the event log; its keys need not be sorted). Throws what parseJsonStrict throws (a Refusal
 * with code 'malformed') for text that is not strict JSON.
 */
export function parseCanonical(text: string, layout: 'pretty' | 'compact' = 'pretty'): CanonicalParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value !== undefined) {
    const written = layout === 'pretty' ? JSON.stringify(value, null, 2) + '\n' : JSON.stringify(value);
    if (written === text) {
      if (keysSorted(value)) {
        return { value, canonical: layout === 'pretty' ? JSON.stringify(value) : text };
      }
      // Exactly as written, so no duplicate key; only the key order differs from canonical.
      return { value, canonical: canonicalJson(value) };
    }
  }
  const strict = parseJsonStrict(text);
  return { value: strict, canonical: canonicalJson(strict) };
}

/**
 * Parses one line of compact JSON as parseJsonStrict does (refusing duplicate keys), skipping the strict
 * scan when the line is exactly JSON.stringify of its value (as the register writes its log).
 */
export function parseCompactLine(line: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return parseJsonStrict(line);
  }
  return JSON.stringify(value) === line ? value : parseJsonStrict(line);
}
