// A byte-level "does this hold any of these words?" test, ASCII case-insensitive, run on the bytes a
// scanner read before it decodes them: most source files hold none of a detector's keywords, and for
// those the decoding and the regex gate are pure cost.
//
// How: the bytes are read as 4-byte windows at even offsets only, folded to lower case. A word of 5 or
// more bytes covers a whole window whether it starts at an even or an odd offset; a 3- or 4-byte word
// fills the bottom or top three bytes of one, and stands for every window it can fill (128 values of
// the free byte). Each word contributes, for each parity of its start, its rarest such window (by letter
// frequency); a window read from the bytes is looked up in a bit table, and only a hit is checked byte
// for byte against the words that gave it. So the test costs one multiply and one table lookup per two
// bytes, and it answers exactly: a hit is a match, never a guess.

import { windowScanner, type WindowScanner } from './window-scan';

/** Compiled words; see compileWordGate. */
export interface WordGate {
  /** True when `bytes` contain one of the words, ASCII letters compared case-insensitively. */
  test(bytes: Uint8Array): boolean;
}

export interface WordGateOptions {
  /**
   * Inputs of at least this many bytes are scanned by WebAssembly where it is available (default 256);
   * the answer is the same either way (tests set 0 or Infinity to check both loops).
   */
  wasmFrom?: number;
}

/** Bytes folded by `| 0x20`: A–Z onto a–z, and other bytes onto some byte; equal words stay equal. */
const FOLD4 = 0x20202020;
/** 2^20 bits (128 KiB): the ~1,800 keys of the code gate leave a spurious hit on ~0.2% of windows. */
const TABLE_BITS = 20;
/** Every value a folded byte can take (bit 5 set): the free byte of a three-byte shape. */
const FOLDED_BYTES = Array.from({ length: 256 }, (_, b) => b).filter((b) => (b & 0x20) !== 0);

/** Rough frequency rank of ASCII bytes in source text (higher: more common), for choosing keys. */
const COMMON = 'etaoinsrlcdumphgfbyvwkxjqz';
function commonness(byte: number): number {
  const rank = COMMON.indexOf(String.fromCharCode(byte | 0x20));
  if (byte >= 0x61 && byte <= 0x7a && rank !== -1) return 30 - rank;
  if (byte === 0x20 || byte === 0x2e || byte === 0x28) return 28; // space, '.', '(' are everywhere
  return 10;
}

interface Entry {
  /** Index into the word list. */
  word: number;
  /** Where the word starts relative to the window's offset. */
  delta: number;
}

interface Candidate {
  /** Folded window values that catch the word (one, or 128 for a three-byte shape), built only for the chosen one. */
  keys: () => number[];
  delta: number;
  score: number;
}

const lower = (byte: number): number => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte);

/** The 32-bit little-endian folded value of 4 bytes of `w` from `at`. */
const window4 = (w: Uint8Array, at: number): number =>
  (w[at] ?? 0) | ((w[at + 1] ?? 0) << 8) | ((w[at + 2] ?? 0) << 16) | ((w[at + 3] ?? 0) << 24) | FOLD4;

/** Fibonacci hashing's multiplier (2^32 / the golden ratio): spreads similar windows over the table. */
const MULTIPLIER = 0x9e3779b1;
const hash = (key: number): number => Math.imul(key, MULTIPLIER) >>> (32 - TABLE_BITS);
/**
 * Inputs from this many bytes on go through the WebAssembly loop (window-scan.ts); below it, copying
 * them in and calling out costs more than the JavaScript loop.
 */
const WASM_FROM = 256;

/**
 * Windows that catch `w` (lower case bytes, length ≥ 3) when it starts at an even (parity 0) or odd
 * (parity 1) offset, each with where the word starts relative to the window.
 */
function candidates(w: Uint8Array, parity: 0 | 1): Candidate[] {
  const score = (from: number, length: number): number => {
    let sum = 0;
    for (let i = from; i < from + length; i++) sum += commonness(w[i] ?? 0);
    return sum;
  };
  const found: Candidate[] = [];
  // Whole windows inside the word, at word offsets of the right parity.
  for (let j = parity; j + 4 <= w.length; j += 2) {
    const key = window4(w, j);
    found.push({ keys: () => [key], delta: -j, score: score(j, 4) });
  }
  const first3 = (w[0] ?? 0) | ((w[1] ?? 0) << 8) | ((w[2] ?? 0) << 16) | 0x202020;
  // Odd start: the word's first three bytes are the top of the window one byte before it.
  if (parity === 1) {
    const keys = () => FOLDED_BYTES.map((free) => (first3 << 8) | free);
    found.push({ keys, delta: 1, score: score(0, 3) + 40 });
  }
  // Even start of a three-byte word: the bottom of its window.
  if (parity === 0 && w.length === 3) {
    const keys = () => FOLDED_BYTES.map((free) => first3 | (free << 24));
    found.push({ keys, delta: 0, score: score(0, 3) + 40 });
  }
  return found;
}

/** The compiled table of a word list, shared by the gate and the word set. */
interface Compiled {
  /** Calls `found(word)` for each word occurring in `bytes` (case-insensitively); stops when it returns true. */
  scan(bytes: Uint8Array, found: (word: number) => boolean): boolean;
}

/**
 * Compiles `words` (printable ASCII, each at least 3 characters; letters match either case, every other
 * character only itself, as in a case-insensitive non-Unicode RegExp). Throws on a word it cannot take.
 */
function compile(words: readonly string[], options: WordGateOptions): Compiled {
  const encoded = words.map((word) => {
    if (!/^[\x20-\x7e]{3,}$/.test(word)) {
      throw new Error(`word gate: "${word}" must be printable ASCII of at least 3 characters`);
    }
    return Uint8Array.from(word, (c) => lower(c.charCodeAt(0)));
  });
  const entries = new Map<number, Entry[]>();
  encoded.forEach((w, word) => {
    for (const parity of [0, 1] as const) {
      const best = candidates(w, parity).reduce((a, b) => (b.score < a.score ? b : a));
      for (const key of best.keys()) {
        const list = entries.get(key);
        if (list) list.push({ word, delta: best.delta });
        else entries.set(key, [{ word, delta: best.delta }]);
      }
    }
  });
  // A bit per hashed key to reject nearly every window in one load, then an open-addressing table of
  // the keys themselves (typed, so a spurious bit costs a probe, not a Map lookup on a boxed number).
  const bits = new Int32Array(1 << (TABLE_BITS - 5));
  let slotBits = 4;
  while (1 << slotBits < entries.size * 2) slotBits++;
  const slotMask = (1 << slotBits) - 1;
  const slotKeys = new Int32Array(1 << slotBits);
  const slotLists: (Entry[] | undefined)[] = new Array<Entry[] | undefined>(1 << slotBits);
  const slotOf = (key: number): number => {
    let i = Math.imul(key, 0x85ebca6b) >>> (32 - slotBits);
    while (slotLists[i] !== undefined && slotKeys[i] !== key) i = (i + 1) & slotMask;
    return i;
  };
  for (const [key, list] of entries) {
    const h = hash(key);
    bits[h >>> 5] = (bits[h >>> 5] ?? 0) | (1 << (h & 31));
    const i = slotOf(key);
    slotKeys[i] = key;
    slotLists[i] = list;
  }

  /** Whether word `index` occurs at `start` (bounds checked), ASCII case-insensitively. */
  const occursAt = (bytes: Uint8Array, index: number, start: number): boolean => {
    const w = encoded[index] as Uint8Array;
    if (start < 0 || start + w.length > bytes.length) return false;
    for (let i = 0; i < w.length; i++) if (lower(bytes[start + i] as number) !== w[i]) return false;
    return true;
  };
  /** Reports the words the window `key` at `at` stands for that occur there; true once `found` says stop. */
  const verify = (bytes: Uint8Array, key: number, at: number, found: (word: number) => boolean): boolean => {
    for (const entry of slotLists[slotOf(key)] ?? []) {
      if (occursAt(bytes, entry.word, at + entry.delta) && found(entry.word)) return true;
    }
    return false;
  };

  // The last, short window (from `at`, the first even offset with fewer than 4 bytes left): only a
  // three-byte word can end there, and its keys hold every value of the free byte, so the zero padding
  // (folded to a space) finds them.
  const inTail = (bytes: Uint8Array, at: number, found: (word: number) => boolean): boolean => {
    if (at >= bytes.length) return false;
    let v = 0;
    for (let i = 0; at + i < bytes.length; i++) v |= (bytes[at + i] as number) << (8 * i);
    return verify(bytes, v | FOLD4, at, found);
  };
  const wasmFrom = options.wasmFrom ?? WASM_FROM;
  // Built on the first input long enough to use it: a gate compiled and never used costs no module.
  let scanner: WindowScanner | undefined | null = null;

  return {
    scan(bytes, found) {
      const n = bytes.length;
      const view = new DataView(bytes.buffer, bytes.byteOffset, n);
      if (n >= wasmFrom) {
        if (scanner === null) scanner = windowScanner(bits, FOLD4, MULTIPLIER, TABLE_BITS);
        if (scanner?.load(bytes)) {
          for (let at = scanner.next(0); at !== -1; at = scanner.next(at + 2)) {
            if (verify(bytes, view.getInt32(at, true) | FOLD4, at, found)) return true;
          }
          return inTail(bytes, n >= 4 ? ((n - 4) & ~1) + 2 : 0, found);
        }
      }
      const table = bits;
      let at = 0;
      for (; at + 4 <= n; at += 2) {
        const v = view.getInt32(at, true) | FOLD4;
        const h = Math.imul(v, MULTIPLIER) >>> (32 - TABLE_BITS);
        if (((table[h >>> 5] as number) & (1 << (h & 31))) !== 0 && verify(bytes, v, at, found)) return true;
      }
      return inTail(bytes, at, found);
    },
  };
}

const always = (): boolean => true;

/**
 * Compiles `words` (printable ASCII, each at least 3 characters; letters match either case, every other
 * character only itself, as in a case-insensitive non-Unicode RegExp). Throws on a word it cannot take.
 * Bytes outside ASCII never match a word character, so on UTF-8 bytes the answer is the answer on their
 * decoded text (a UTF-8 decoder turns ASCII bytes into the same characters, whatever surrounds them).
 */
export function compileWordGate(words: readonly string[], options: WordGateOptions = {}): WordGate {
  const compiled = compile(words, options);
  return { test: (bytes) => compiled.scan(bytes, always) };
}

/** Compiled words; see compileWordSet. */
export interface WordSet {
  /**
   * Which of the words occur in `bytes` (ASCII letters compared case-insensitively): `present[i]` is 1
   * when word i does, else 0. One pass over the bytes, whatever the number of words.
   */
  find(bytes: Uint8Array): Uint8Array;
}

/** The words of compileWordGate, answering which of them occur rather than whether one does. */
export function compileWordSet(words: readonly string[], options: WordGateOptions = {}): WordSet {
  const compiled = compile(words, options);
  return {
    find(bytes) {
      const present = new Uint8Array(words.length);
      let missing = words.length;
      compiled.scan(bytes, (word) => {
        if (present[word] === 0) {
          present[word] = 1;
          missing--;
        }
        return missing === 0;
      });
      return present;
    },
  };
}
