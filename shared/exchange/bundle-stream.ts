// A workspace bundle's JSON text read in chunks: each chunk gives the JSON text of the records and
// events it completes, and the state to carry into the next chunk holds at most one unfinished item,
// so reading a bundle takes memory for a chunk and an item, never for the whole document. Items are
// only cut out here; each is parsed and checked on its own afterwards (see createBundleVerifier).
// Hand-written because no streaming JSON parser is among the project's dependencies; it tracks only
// strings and bracket depth, which is all it takes to find where an item ends.
import { z } from 'zod';
import { Refusal } from '../model/refusal';
import { WorkspaceBundle } from './bundle';

/** The arrays a bundle streams item by item; its other fields are small and read whole. */
export const BundleSection = z.enum(['records', 'events']);
export type BundleSection = z.infer<typeof BundleSection>;

/** Longest item (one record or event, as JSON text) a bundle may hold, in UTF-16 code units. */
export const MAX_ITEM_CHARS = 8 * 1024 * 1024;
/** Longest envelope (format, version, exportedAt, exportedBy, as JSON text). */
export const MAX_HEADER_CHARS = 64 * 1024;

/** Where a reading of a bundle's text stands between chunks: small, and stored between messages. */
export const BundleSplitState = z.strictObject({
  /** before the opening brace, inside the top-level object, or after its closing brace */
  phase: z.enum(['before', 'inside', 'after']),
  /** Brackets and braces open: 1 inside the top-level object, 2 inside one of its arrays. */
  depth: z.number().int().nonnegative(),
  inString: z.boolean(),
  escaped: z.boolean(),
  /** The array whose items are being cut out, when depth ≥ 2 and it is one. */
  section: BundleSection.nullable(),
  /** Text of the unfinished item or top-level field, carried from earlier chunks. */
  pending: z.string(),
  /** The last top-level field was an array: only whitespace may follow it before `,` or `}`. */
  afterArray: z.boolean(),
  /** Items cut out so far in each array (their indexes), and the arrays already met. */
  counts: z.strictObject({ records: z.number().int().nonnegative(), events: z.number().int().nonnegative() }),
  sections: z.array(BundleSection),
  /** The other top-level fields' texts (`"format":"…"`), joined into an object at the end. */
  fields: z.array(z.string()),
});
export type BundleSplitState = z.infer<typeof BundleSplitState>;

export const initialSplitState = (): BundleSplitState => ({
  phase: 'before',
  depth: 0,
  inString: false,
  escaped: false,
  section: null,
  pending: '',
  afterArray: false,
  counts: { records: 0, events: 0 },
  sections: [],
  fields: [],
});

/** What one chunk gave: the next state and the JSON text of each item it completed, in order. */
export interface SplitChunk {
  state: BundleSplitState;
  records: string[];
  events: string[];
}

/**
 * The text is not a workspace bundle's JSON (or breaks a size limit); `message` says where. A Refusal of code
 * 'malformed', the core's one error type.
 */
export class BundleTextError extends Refusal {
  constructor(message: string) {
    super('malformed', undefined, message);
    this.name = 'BundleTextError';
  }
}

const BOM = 0xfeff;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const jsonOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const FIELD_KEY = /^\s*("(?:[^"\\]|\\.)*")\s*:\s*$/s;

/**
 * Reads the next chunk of a bundle's JSON text. Returns a new state (the given one is not changed)
 * and the items the chunk completed. Throws BundleTextError when the text cannot be a bundle: not an
 * object, an array other than `records`/`events` or one of them twice, an empty item (`[1,,2]`), text
 * after the closing brace, an item over MAX_ITEM_CHARS or fields over MAX_HEADER_CHARS.
 */
export function splitBundleText(previous: BundleSplitState, chunk: string): SplitChunk {
  const s: BundleSplitState = {
    ...previous,
    counts: { ...previous.counts },
    sections: [...previous.sections],
    fields: [...previous.fields],
  };
  const out: SplitChunk = { state: s, records: [], events: [] };
  let start = 0;
  const taken = (end: number) => s.pending + chunk.slice(start, end);
  const fail = (what: string): never => {
    throw new BundleTextError(`not a workspace bundle: ${what}`);
  };
  const item = (text: string, closing: boolean) => {
    const section = s.section!;
    if (text.trim() === '') {
      if (closing && out[section].length === 0 && s.counts[section] === 0) return;
      fail(`${section}: an empty item after item ${s.counts[section] - 1}`);
    }
    out[section].push(text);
    s.counts[section] += 1;
  };
  const field = (text: string, closing: boolean) => {
    if (s.afterArray) {
      if (text.trim() !== '') fail('unexpected text after an array');
      s.afterArray = false;
      return;
    }
    if (text.trim() === '') {
      if (closing && s.fields.length === 0 && s.sections.length === 0) return; // `{}`
      fail('an empty field');
    }
    s.fields.push(text);
    if (s.fields.reduce((n, f) => n + f.length, 0) > MAX_HEADER_CHARS)
      fail(`the fields besides records and events exceed ${MAX_HEADER_CHARS} characters`);
  };

  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (s.inString) {
      if (s.escaped) s.escaped = false;
      else if (c === 0x5c) s.escaped = true;
      else if (c === 0x22) s.inString = false;
      continue;
    }
    if (s.phase !== 'inside') {
      if (isSpace(c) || (c === BOM && s.phase === 'before')) continue;
      if (s.phase === 'after') fail('text after the closing brace');
      if (c !== 0x7b) fail('the text is not a JSON object');
      s.phase = 'inside';
      s.depth = 1;
      start = i + 1;
      continue;
    }
    switch (c) {
      case 0x22: // "
        s.inString = true;
        break;
      case 0x5b: // [
        if (s.depth === 1) {
          const key = FIELD_KEY.exec(taken(i))?.[1];
          const name = key === undefined ? undefined : jsonOrUndefined(key);
          const section = BundleSection.safeParse(name);
          if (!section.success) fail(`unexpected array field ${JSON.stringify(name ?? taken(i).trim())}`);
          if (s.sections.includes(section.data!)) fail(`${section.data} appears twice`);
          s.section = section.data!;
          s.sections.push(section.data!);
          s.depth = 2;
          s.pending = '';
          start = i + 1;
        } else s.depth += 1;
        break;
      case 0x7b: // {
        s.depth += 1;
        break;
      case 0x5d: // ]
      case 0x7d: // }
        if (s.depth === 2 && s.section) {
          if (c !== 0x5d) fail(`${s.section}: a closing brace where the array should end`);
          item(taken(i), true);
          s.section = null;
          s.afterArray = true;
        } else if (s.depth === 1) {
          if (c !== 0x7d) fail('a closing bracket where the object should end');
          field(taken(i), true);
          s.phase = 'after';
        } else {
          s.depth -= 1;
          break;
        }
        s.depth -= 1;
        s.pending = '';
        start = i + 1;
        break;
      case 0x2c: // ,
        if (s.depth === 2 && s.section) item(taken(i), false);
        else if (s.depth === 1) field(taken(i), false);
        else break;
        s.pending = '';
        start = i + 1;
        break;
      default:
        break;
    }
  }
  if (s.phase === 'inside') {
    s.pending = taken(chunk.length);
    const limit = s.section ? MAX_ITEM_CHARS : MAX_HEADER_CHARS;
    if (s.pending.length > limit)
      fail(
        s.section
          ? `${s.section} item ${s.counts[s.section]} exceeds ${MAX_ITEM_CHARS} characters`
          : `a field exceeds ${MAX_HEADER_CHARS} characters`,
      );
  }
  return out;
}

/** The envelope without its arrays: what a bundle's other fields must be. */
export const BundleHeader = WorkspaceBundle.omit({ records: true, events: true });
export type BundleHeader = z.infer<typeof BundleHeader>;

/**
 * The bundle's envelope once its whole text was read, with how many records and events it holds.
 * Throws BundleTextError when the text ended early (truncated: inside a string, an array or the
 * object), an array is missing, or the other fields are not the envelope's.
 */
export function finishBundleText(state: BundleSplitState): {
  header: BundleHeader;
  records: number;
  events: number;
} {
  const fail = (what: string): never => {
    throw new BundleTextError(`not a workspace bundle: ${what}`);
  };
  if (state.phase !== 'after') {
    const where = state.section
      ? `inside ${state.section} item ${state.counts[state.section]}`
      : state.phase === 'before'
        ? 'before it began'
        : 'inside the top-level object';
    fail(`the text ends early (${where}): truncated?`);
  }
  for (const section of BundleSection.options) {
    if (!state.sections.includes(section)) fail(`${section}: missing (an array of items is required)`);
  }
  let fields: unknown;
  try {
    fields = JSON.parse(`{${state.fields.join(',')}}`);
  } catch (error) {
    fail(`its fields are not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const header = BundleHeader.safeParse(fields);
  if (!header.success) {
    const issue = header.error.issues[0];
    fail(`${issue?.path.map(String).join('.') || 'bundle'}: ${issue?.message}`);
  }
  return { header: header.data!, records: state.counts.records, events: state.counts.events };
}
