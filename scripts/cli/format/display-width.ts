// How many terminal columns text takes. A wide East Asian character (不, 한, Ａ) or an emoji takes two, a
// combining mark or a joiner none: counting UTF-16 units instead pushes the next column of a table right by
// one per wide character and pulls it left by one per mark.
import stringWidth from 'string-width';

/** Any character but printable ASCII (one column each, no lookup needed): most cells of a register hold none. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * The columns `text` takes on a terminal (a non-negative integer): its length when it is printable ASCII,
 * otherwise Unicode's East Asian Width of each grapheme cluster (emoji and wide/fullwidth characters 2, marks,
 * joiners and other format characters 0), as the `string-width` library reckons it. Meant for text already
 * cleaned for the terminal ({@link terminalSafe}): what controls would do is not a width.
 */
export const displayWidth = (text: string): number =>
  !NOT_PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);

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
