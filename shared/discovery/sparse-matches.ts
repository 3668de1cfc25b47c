// Exact shortcuts for two patterns whose matches are rare and tied to a literal: instead of letting the
// regex engine try every position of a source file (most of them fail only after backtracking), find the
// literal first and try the pattern only where a match can be. Each function answers exactly what
// `text.matchAll(pattern)` answers (property tests compare them on random text).

/** An ASCII word character, as `\w` and `\b` see it in a regex without the `u` flag. */
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** A match: where it starts and the text of its capture. */
export interface WordMatch {
  index: number;
  word: string;
}

/**
 * `text.matchAll(/\b([A-Za-z_][\w]{0,before}(?:KEYWORDS)[\w]{0,after})\b/g)` as index and capture, where
 * `keywords` is a global regex of the keyword alternatives (word characters only, no keyword overlapping
 * another's end). Such a match starts and ends at a word boundary and holds only word characters, so it
 * is one whole word: a word that starts with a letter or `_` and holds a keyword 1 to `before + 1`
 * characters after its start and at most `after` characters before its end. So only the words around
 * the keywords' occurrences are looked at.
 */
export function wordsAroundKeywords(
  text: string,
  keywords: RegExp,
  before: number,
  after: number,
): WordMatch[] {
  const found: WordMatch[] = [];
  // The word the previous keyword fell in, once it qualified: a second keyword in it adds nothing.
  let doneUntil = -1;
  for (const m of text.matchAll(keywords)) {
    const at = m.index ?? 0;
    if (at < doneUntil) continue;
    let start = at;
    while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
    let end = at + m[0].length;
    while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
    const first = text.charCodeAt(start);
    const lead = at - start;
    if (first >= 48 && first <= 57) continue;
    if (lead < 1 || lead > before + 1 || end - (at + m[0].length) > after) continue;
    found.push({ index: start, word: text.slice(start, end) });
    doneUntil = end;
  }
  return found;
}

const isLineEnd = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const OTHER_LINE_ENDS = /[\r\u2028\u2029]/;

/**
 * `text.matchAll(pattern)` for a pattern with flags `gm` that matches whole lines (`^…$`, no character
 * class admitting a line terminator) and only lines holding `needle`: `sticky` is the same pattern with
 * flags `my`. Only the lines holding `needle` are tried, each once, in order.
 */
export function* linesWith(text: string, sticky: RegExp, needle: string): Generator<RegExpExecArray> {
  // Lines end at \n only, unless the text holds another terminator: then each is looked for by hand.
  const onlyNewlines = !OTHER_LINE_ENDS.test(text);
  let at = text.indexOf(needle);
  while (at !== -1) {
    let start: number;
    let end: number;
    if (onlyNewlines) {
      start = text.lastIndexOf('\n', at) + 1;
      end = text.indexOf('\n', at + needle.length);
      if (end === -1) end = text.length;
    } else {
      start = at;
      while (start > 0 && !isLineEnd(text.charCodeAt(start - 1))) start--;
      end = at + needle.length;
      while (end < text.length && !isLineEnd(text.charCodeAt(end))) end++;
    }
    sticky.lastIndex = start;
    const m = sticky.exec(text);
    if (m) yield m;
    at = text.indexOf(needle, end);
  }
}
