// How many terminal columns text takes. A wide East Asian character (不, 한, Ａ) or an emoji takes two, a
// combining mark or a joiner none: counting UTF-16 units instead pushes the next column of a table right by
// one per wide character and pulls it left by one per mark.
import { createRequire } from 'node:module';
import type stringWidthOf from 'string-width';

/** Any character but printable ASCII (one column each, no lookup needed): most cells of a register hold none. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * Any character outside those that take one column each on their own and never join a neighbour: printable
 * ASCII, Latin-1 and Latin Extended but the soft hyphen, Greek and Cyrillic letters, general punctuation
 * (dashes, quotes, bullet, ellipsis), arrows, box drawing, and the check and cross marks ✓ ✔ ✕ ✖ ✗. What the
 * register and the commands' own words use; a test holds `string-width` to one column for each of them.
 */
const NOT_SINGLE_COLUMN =
  /[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u257f\u2713-\u2717]/;

let library: typeof stringWidthOf | undefined;
/**
 * `string-width`, loaded on the first text that needs it: building its Unicode property patterns took about
 * 20 ms of every table command's start, where the text is nearly always ASCII and common punctuation.
 */
const stringWidth = (text: string): number =>
  (library ??= (createRequire(import.meta.url)('string-width') as { default: typeof stringWidthOf }).default)(
    text,
  );

/**
 * The columns `text` takes on a terminal (a non-negative integer): its length when each of its characters takes
 * one column (printable ASCII and the common one-column characters of NOT_SINGLE_COLUMN),
 * otherwise Unicode's East Asian Width of each grapheme cluster (emoji and wide/fullwidth characters 2, marks,
 * joiners and other format characters 0), as the `string-width` library reckons it. Meant for text already
 * cleaned for the terminal ({@link terminalSafe}): what controls would do is not a width.
 */
export const displayWidth = (text: string): number => (oneColumnEach(text) ? text.length : stringWidth(text));

/** Whether each character of `text` takes one column on its own (see NOT_SINGLE_COLUMN): its width is its length. */
export const oneColumnEach = (text: string): boolean => !NOT_SINGLE_COLUMN.test(text);

/** Whether `text` is printable ASCII only (space to `~`), whose width is its length. */
export const isPrintableAscii = (text: string): boolean => !NOT_PRINTABLE_ASCII.test(text);

/**
 * A bound no smaller than {@link displayWidth}, found without segmenting: one column per UTF-16 unit, and one
 * more per unit from U+1100 up outside the surrogates (a character below U+1100 takes at most one column; a
 * wide character, an emoji by its surrogate pair, a keycap by its U+20E3 get their second column this way).
 */
export function widthBound(text: string): number {
  let bound = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x1100 && (unit < 0xd800 || unit > 0xdfff)) bound++;
  }
  return bound;
}
