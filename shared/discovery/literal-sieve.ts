// A literal prefilter for the regexes a detector runs over a whole file. Most of those patterns hold a
// literal word every match must contain (`\bAnthropicBedrock\s*\(` cannot match where "AnthropicBedrock"
// is absent), and on most files none of their words occur: one pass of the word table over the file's
// bytes (word-gate.ts) says which words do, and a regex whose words are all absent is never run. A
// regex the reader below cannot take (no literal in some alternative, unknown syntax) always runs, so
// the answers never change: the sieve only skips runs that would have found nothing.

import { compileWordSet, type WordSet } from './word-gate';

/** Escapes that stand for one literal character in a non-Unicode RegExp. */
const LITERAL_ESCAPES = new Set([...'^$\\.*+?()[]{}|/-']);
/** Escapes that stand for a class of characters or an assertion, one token each. */
const CLASS_ESCAPES = new Set([...'bBdDwWsSnrtfv']);
/** Characters a word of the table may hold: printable ASCII. */
const PRINTABLE = /^[\x20-\x7e]+$/;

/** Where the group or class opening at `from` ends (the index after it), or -1 when it does not close. */
function skipBracketed(source: string, from: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '[') {
      inClass = true;
      // A `]` first in a class (after an optional `^`) is a character of it in no RegExp dialect here:
      // JavaScript reads `[]` as the empty class, so the class ends there.
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The quantifier at `at` ({ min, end }), or undefined when there is none. */
function quantifier(source: string, at: number): { min: number; end: number } | undefined {
  const c = source[at];
  let min: number;
  let end: number;
  if (c === '*' || c === '?') [min, end] = [0, at + 1];
  else if (c === '+') [min, end] = [1, at + 1];
  else if (c === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(at));
    if (!m) return undefined;
    [min, end] = [Number(m[1]), at + m[0].length];
  } else return undefined;
  if (source[end] === '?') end++; // lazy
  return { min, end };
}

/**
 * Words of which every match of `re` contains at least one: for each top-level alternative, the longest
 * run of literal characters (at least `minLength`, printable ASCII) every match of it contains, or, when
 * a group that must match holds better ones, that group's words. Undefined when some alternative has
 * none or the pattern uses syntax this reader does not take (the `u` or `v` flag, `\x`, `\u`, `\c`,
 * back references, a `{` that is no quantifier): a caller then runs the regex unguarded. A run is literal
 * characters in sequence outside any class or quantified atom; with the `i` flag its letters match
 * either case (the sieve compares case-insensitively anyway).
 */
export function requiredLiterals(re: RegExp, minLength = 3): string[] | undefined {
  if (re.unicode || re.flags.includes('v')) return undefined;
  return alternatives(re.source, minLength);
}

/** How good a choice of words is: the shorter its shortest word, the more often a file holds one. */
const strength = (words: readonly string[]): number =>
  Math.min(...words.map((w) => w.length)) * 100 - words.length;

function alternatives(source: string, minLength: number): string[] | undefined {
  const chosen: string[] = [];
  let best: string[] | undefined;
  let run = '';
  const consider = (words: string[]) => {
    if (words.some((w) => w.length < minLength || !PRINTABLE.test(w))) return;
    if (!best || strength(words) > strength(best)) best = words;
  };
  const endRun = () => {
    if (run) consider([run]);
    run = '';
  };
  const endAlternative = (): boolean => {
    endRun();
    if (!best) return false;
    chosen.push(...best);
    best = undefined;
    return true;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '|') {
      if (!endAlternative()) return undefined;
      i++;
      continue;
    }
    let literal: string | undefined;
    let group: string | undefined;
    let next: number;
    if (c === '(' || c === '[') {
      next = skipBracketed(source, i);
      if (next === -1) return undefined;
      if (c === '(') {
        const head = /^\((?:\?:|\?<[A-Za-z_$][\w$]*>)?/.exec(source.slice(i, i + 40))?.[0] ?? '(';
        // Lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`) consume nothing: their words need not occur.
        if (!/^\(\?[=!]|^\(\?<[=!]/.test(source.slice(i, i + 4)))
          group = source.slice(i + head.length, next - 1);
      }
    } else if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (LITERAL_ESCAPES.has(e)) literal = e;
      else if (!CLASS_ESCAPES.has(e)) return undefined;
      next = i + 2;
    } else if (c === '.' || c === '^' || c === '$') {
      next = i + 1;
    } else if (c === ')' || c === ']' || c === '{' || c === '}' || c === '*' || c === '+' || c === '?') {
      // Unbalanced or Annex B syntax, or a quantifier with nothing before it: not worth reading.
      return undefined;
    } else {
      literal = c;
      next = i + 1;
    }
    const q = quantifier(source, next);
    const required = !q || q.min > 0;
    if (group !== undefined && required) {
      const inner = alternatives(group, minLength);
      if (inner) consider(inner);
    }
    if (q) {
      // A quantified atom: the run ends before it, or (when it must occur) just after it.
      if (literal !== undefined && q.min > 0) run += literal;
      endRun();
      next = q.end;
    } else if (literal !== undefined) run += literal;
    else endRun();
    i = next;
  }
  if (!endAlternative()) return undefined;
  return chosen;
}

/** Which registered regexes can match one file. */
export interface Sieved {
  /** False only when `re` is registered and none of its words occurs in the text: it cannot match. */
  may(re: RegExp): boolean;
}

/** Regexes registered with their words, and the table of every word, compiled on first use. */
export class LiteralSieve {
  private readonly guards = new Map<RegExp, number[]>();
  private readonly words: string[] = [];
  private readonly wordIndex = new Map<string, number>();
  private set: WordSet | undefined;
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(0);

  /** Registers `re` (when its words can be read) and returns it, so a declaration can wrap its regex. */
  add(re: RegExp): RegExp {
    if (this.guards.has(re)) return re;
    const literals = requiredLiterals(re);
    if (!literals) return re;
    const indices = literals.map((literal) => {
      const key = literal.toLowerCase();
      let index = this.wordIndex.get(key);
      if (index === undefined) {
        index = this.words.length;
        this.words.push(key);
        this.wordIndex.set(key, index);
        this.set = undefined; // recompiled with the new word on the next scan
      }
      return index;
    });
    this.guards.set(re, indices);
    return re;
  }

  /** Every regex registered with words (those whose words could not be read always run). */
  guarded(): RegExp[] {
    return [...this.guards.keys()];
  }

  /** The words (lower case) registered for `re`, or undefined when it is not guarded. */
  wordsOf(re: RegExp): string[] | undefined {
    return this.guards.get(re)?.map((i) => this.words[i] as string);
  }

  /** Looks for every registered word in `text` in one pass (over its UTF-8 bytes, where ASCII stays ASCII). */
  scan(text: string): Sieved {
    if (this.words.length === 0) return { may: () => true };
    this.set ??= compileWordSet(this.words);
    if (this.scratch.length < text.length * 3) this.scratch = new Uint8Array(text.length * 3 + 1024);
    const { written } = this.encoder.encodeInto(text, this.scratch);
    const present = this.set.find(this.scratch.subarray(0, written));
    const guards = this.guards;
    return {
      may(re) {
        const words = guards.get(re);
        if (words === undefined) return true;
        for (const w of words) if (present[w] === 1) return true;
        return false;
      },
    };
  }
}
