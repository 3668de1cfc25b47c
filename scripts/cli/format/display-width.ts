// How many terminal columns text takes. A wide East Asian character (不, 한, ｶ) or an emoji takes two, a
// combining mark or a joiner none: counting UTF-16 units instead pushes the next column of a table right by
// one per wide character and pulls it left by one per mark.
import stringWidth from 'string-width';

/** Printable ASCII only: one column per character, no lookup needed. Most cells of a register are this. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The columns `text` takes on a terminal (a non-negative integer): its length when it is printable ASCII,
 * otherwise Unicode's East Asian Width of each grapheme cluster (emoji and wide/fullwidth characters 2, marks,
 * joiners and other format characters 0), as the `string-width` library reckons it. Meant for text already
 * cleaned for the terminal ({@link terminalSafe}): what controls would do is not a width.
 */
export const displayWidth = (text: string): number =>
  PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);

/** Whether `text` is printable ASCII only (space to `~`), whose width is its length. */
export const isPrintableAscii = (text: string): boolean => PRINTABLE_ASCII.test(text);
