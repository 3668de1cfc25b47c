// JSON as the register accepts it: valid, and without duplicate keys. JSON.parse keeps the last of
// two equal keys silently, so a file could show a reviewer one value and hand the register another
// (RFC 8259 §4 leaves duplicates' meaning undefined); YAML input refuses them the same way.

import { Refusal } from '../model/refusal';

/** Text that is not strict JSON is refused with code 'malformed'; the message names the key and line. */
const malformed = (message: string) => new Refusal('malformed', undefined, message);

type Frame = { keys: Set<string>; expectKey: boolean } | null;

/** Index just past the string literal that starts at `start` (a '"'). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * Parses JSON text, refusing duplicate keys in any object (compared after unescaping, so "a" and
 * "\u0061" are the same key). Throws a Refusal (code 'malformed') naming the key and its line.
 */
export function parseJsonStrict(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed((error as Error).message);
  }
  // The text is valid JSON, so a scan that tracks only strings and brackets is exact.
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      const top = stack.at(-1);
      if (top && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        if (top.keys.has(key)) {
          throw malformed(`duplicate key '${key}' at line ${lineAt(text, i)}`);
        }
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end - 1;
    } else if (c === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1);
      if (top) top.expectKey = true;
    }
  }
  return value;
}
