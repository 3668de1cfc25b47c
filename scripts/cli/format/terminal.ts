// Text from data (record fields, scanned file names and lines) is printed to a terminal, which
// obeys escape sequences: a crafted name could clear the screen, rewrite earlier lines, set the
// window title, or hide text. What is not printable text is removed before it is written.
/* eslint-disable no-control-regex -- matching control characters is this module's job */

/**
 * Sequences whole: CSI (ESC [ or 8-bit CSI, parameters, final byte), OSC (ESC ] or 8-bit OSC, up to
 * BEL or ST), and two-byte ESC sequences.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]?|(?:\u001B\]|\u009D)[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[@-Z\\-_]?/g;

/**
 * Then single characters: C0 controls except tab and line feed, a carriage return not followed by a
 * line feed, DEL, C1 controls (the 8-bit CSI among them), and bidirectional overrides and isolates,
 * which reorder what the reader sees ("Trojan Source", CVE-2021-42574).
 */
const UNSAFE_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g;

/**
 * A first look, one character class (the fastest scan a pattern gets): whether the text holds anything
 * either pattern removes or a CR. Every escape sequence starts with a character of UNSAFE_CHAR's class (ESC,
 * 8-bit CSI or OSC), so text without one is left as it is by both. Most text holds none.
 */
const MAY_NEED_CLEANING =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Then, only for text that has one, the exact question: a CR before a LF does not count, so CRLF text (an
 * iCalendar file) is scanned again once rather than rewritten twice.
 */
const NEEDS_CLEANING = new RegExp(UNSAFE_CHAR.source);

declare const CLEANED: unique symbol;

/**
 * Text that holds nothing a terminal would obey: what {@link terminalSafe} returns, or a table line built
 * only of such text. Output typed this way is written without being scanned again; a plain string is not
 * accepted where it is expected, so nothing reaches that path without passing through the cleaning.
 */
export type SafeText = string & { readonly [CLEANED]: true };

/** The text as a terminal may show it: escape sequences and control characters removed. */
export const terminalSafe = (text: string): SafeText =>
  (MAY_NEED_CLEANING.test(text) && NEEDS_CLEANING.test(text)
    ? text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE_CHAR, '')
    : text) as SafeText;
