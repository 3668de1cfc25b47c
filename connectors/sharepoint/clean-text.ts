// Text read from SharePoint (list item fields, file names) enters the register cleaned, by one rule:
//  - a line break or tab (CR LF, CR, LF, TAB, VT, FF, NEL, U+2028, U+2029) becomes one space: these are
//    one-line fields, and words pasted across lines stay apart;
//  - every other C0 control, DEL and C1 control is removed (NUL, ESC and the rest carry no text and can
//    drive a terminal);
//  - bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E,
//    U+200F, U+061C) are removed: they reorder what a reader sees ("Trojan Source", CVE-2021-42574);
//  - leading and trailing white space is trimmed.
// Everything else, letters of any script and emoji included, is kept as it is.
/* eslint-disable no-control-regex -- matching control characters is this module's job */

const LINE_BREAK = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
const REMOVED = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text as the register keeps it (see the rule above). */
export const cleanText = (text: string): string => text.replace(LINE_BREAK, ' ').replace(REMOVED, '').trim();

/** A field value: strings cleaned, anything else as it came (the row schema judges it). */
export const cleanValue = (value: unknown): unknown => (typeof value === 'string' ? cleanText(value) : value);
