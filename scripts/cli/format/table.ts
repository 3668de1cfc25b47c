// Plain-text tables for terminal output.
import { displayWidth, isPrintableAscii, widthBound } from './display-width';
import { terminalSafe, type SafeText } from './terminal';

/**
 * Widest a column is padded to. A longer cell (a gap naming thousands of systems) is printed whole but
 * overruns its row instead of padding every other row of a large register to its width.
 */
export const MAX_COLUMN_WIDTH = 1000;

/**
 * What a cell may hold that `terminalSafe` keeps but a table cannot: a line break (CRLF survives the cleaning,
 * as do the Unicode line separators) would start a row of its own, and a TAB moves the cursor to the
 * terminal's next tab stop, a width the table cannot measure. Each becomes one space. (Other controls with a
 * width, VT and FF, are removed by `terminalSafe`; spaces of fixed width are text like any other character.)
 */
const FOLDED = /\r?\n|[\t\u2028\u2029]/g;

/**
 * Invisible characters a cell drops: the soft hyphen, word joiner, zero-width space and no-break space (BOM),
 * Mongolian vowel separator and the invisible math operators. They have no glyph, and terminals disagree on
 * their width (a soft hyphen takes a column in glibc's reckoning, none in Unicode's), so a table could not
 * align what follows them; nothing a reader sees is lost. The joiners U+200C/U+200D are kept: they shape emoji
 * sequences (👩‍💻) and scripts such as Persian and Devanagari, and take no column anywhere.
 */
const INVISIBLE = /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/g;

/**
 * Half of a UTF-16 surrogate pair without its other half: not text, and written to a terminal as U+FFFD (one
 * column) while a width count gives it none. It is replaced by U+FFFD in the cell, so the two agree.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Whether a cell may hold anything {@link oneLine} changes: a character `terminalSafe` first looks for (every
 * one it removes is of this class), a TAB, a line feed, a Unicode line separator, an invisible character, or a
 * surrogate (most are halves of a well-formed pair, an emoji; the exact test follows). Most cells hold none and
 * are passed on after this one test instead of five.
 */
const MAY_CHANGE =
  // eslint-disable-next-line no-control-regex -- control characters are what this class finds
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2060-\u2069\uD800-\uDFFF\uFEFF]/;

/**
 * One cell on one line, its width on a terminal its display width: a break in the data would start a row of
 * its own that the data, not the table, wrote, and a TAB would push the rest of the row to a tab stop. Each is
 * one space. Invisible characters of no agreed width are dropped, and a lone surrogate becomes U+FFFD.
 */
export const oneLine = (cell: string): SafeText => {
  if (!MAY_CHANGE.test(cell)) return cell as SafeText;
  let safe: string = terminalSafe(cell);
  FOLDED.lastIndex = 0;
  if (FOLDED.test(safe)) safe = safe.replace(FOLDED, ' ');
  INVISIBLE.lastIndex = 0;
  if (INVISIBLE.test(safe)) safe = safe.replace(INVISIBLE, '');
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(safe)) safe = safe.replace(LONE_SURROGATE, '\uFFFD');
  // The cell itself when nothing changed: callers tell a changed cell by identity.
  return (safe === cell ? cell : safe) as SafeText;
};

/** The row with its cells on one line each; the row itself when none changes (no copy per row). */
const rowOnOneLine = (row: readonly string[]): readonly SafeText[] => {
  for (let i = 0; i < row.length; i++) if (oneLine(row[i]!) !== row[i]) return row.map(oneLine);
  return row as readonly SafeText[];
};

/** Runs of spaces by length, made once each: padding a row joins one of these instead of copying its cell. */
const SPACES: string[] = [];
const spaces = (count: number) => (SPACES[count] ??= ' '.repeat(count));

/**
 * Whether `text` may end in what `trimEnd` removes. Only a printable ASCII last character is known not to be
 * white space without asking; any other (or empty text) is answered by the trimming itself.
 */
const mayEndInSpace = (text: string): boolean => {
  const last = text.charCodeAt(text.length - 1);
  return !(last > 0x20 && last < 0x7f) && (Number.isNaN(last) || /\s/.test(text[text.length - 1]!));
};

/**
 * The table line by line, in order (header, rule, rows), each handed to `emit` as it is built, so a
 * 10,000-row table is never held whole. Cells come from data: escape sequences and controls are removed and
 * line breaks and TABs folded into a space before widths are measured, so every row is one line. Widths are
 * display widths ({@link displayWidth}: a CJK character or an emoji two columns, a combining mark none), so on
 * a terminal every column starts where its header does; headers are cleaned the same way, so each line is
 * {@link SafeText} as a whole.
 */
export function writeTable(
  headers: readonly string[],
  rawRows: readonly (readonly string[])[],
  emit: (line: SafeText) => void,
): void {
  const head = rowOnOneLine(headers);
  // Each cell's display width (its length when the cell is printable ASCII), column widths the widest.
  const headWidths = head.map(displayWidth);
  const widths = headWidths.slice();
  const rows = new Array<readonly SafeText[]>(rawRows.length);
  // The display widths of the cells of the rows whose width is not their length (a CJK name, an emoji, a
  // combining mark), by row; every other row pads by length, so a register in ASCII keeps no widths.
  const rowWidths = new Map<number, readonly number[]>();
  // Each column's cell of the row before, as given, as cleaned, and its width: down a sorted table a column
  // repeats its value (a date, a category, a clause), and a cell equal to the one above is cleaned by taking
  // that one's result instead of scanning it again. Not the last cell: the row's own text (a summary, a gap),
  // which seldom repeats and would be compared in vain.
  const above: string[] = [];
  const aboveClean: SafeText[] = [];
  const aboveWidth: number[] = [];
  const measured = new Map<string, { clean: SafeText; width: number }>();
  for (let r = 0; r < rawRows.length; r++) {
    const raw = rawRows[r]!;
    let row = raw as readonly SafeText[];
    let cellWidths: number[] | undefined;
    const last = raw.length - 1;
    for (let i = 0; i <= last; i++) {
      const cell = raw[i]!;
      let clean: SafeText;
      if (i === last) {
        // Never padded: its width matters only where it may widen its column (the rule line's length), so
        // text that cannot be wider than the column is not measured (a summary naming a CJK system).
        const ascii = isPrintableAscii(cell);
        clean = ascii ? (cell as SafeText) : oneLine(cell);
        if (i < widths.length && (ascii ? clean.length : widthBound(clean)) > widths[i]!) {
          const width = Math.min(ascii ? clean.length : displayWidth(clean), MAX_COLUMN_WIDTH);
          if (width > widths[i]!) widths[i] = width;
        }
      } else {
        let width: number;
        if (cell === above[i]) {
          clean = aboveClean[i]!;
          width = aboveWidth[i]!;
        } else if (isPrintableAscii(cell)) {
          // Nothing to clean (every character oneLine changes is outside printable ASCII), one column each.
          clean = cell as SafeText;
          width = cell.length;
        } else {
          // A name down a column comes back in later rows (readiness lists each system's gaps): measured once.
          const known = measured.get(cell);
          clean = known?.clean ?? oneLine(cell);
          width = known?.width ?? displayWidth(clean);
          if (known === undefined) measured.set(cell, { clean, width });
        }
        above[i] = cell;
        aboveClean[i] = clean;
        aboveWidth[i] = width;
        if (i < widths.length) {
          const capped = Math.min(width, MAX_COLUMN_WIDTH);
          if (capped > widths[i]!) widths[i] = capped;
        }
        if (width !== clean.length && cellWidths === undefined) {
          cellWidths = new Array<number>(raw.length);
          for (let j = 0; j < i; j++) cellWidths[j] = row[j]!.length;
        }
        if (cellWidths !== undefined) cellWidths[i] = width;
      }
      if (clean === cell) continue;
      // The row's own list is never written to: a copy the first time a cell changes.
      if (row === raw) row = raw.slice() as SafeText[];
      (row as SafeText[])[i] = clean;
    }
    rows[r] = row;
    if (cellWidths !== undefined) rowWidths.set(r, cellWidths);
  }
  // The last cell is not padded: the padding would only be trimmed off again (a 60,000-row calendar built
  // and dropped a padded copy of every summary). Padding is joined, not copied with its cell, and a line that
  // cannot end in white space is not trimmed (which copies it whole): one string per line, built once, when
  // it is written.
  // The line before's cells and its padded cells but the last: down a sorted table rows often repeat all but
  // their last cell (the calendar's date, category and clause), and such a line is that same text joined to
  // its own last cell, instead of each cell and its padding joined again.
  let before: readonly string[] = [];
  let beforePadded = '';
  /** The line of `cells`, each padded to its column by its display width (`cellWidths`, else its length). */
  const line = (cells: readonly string[], cellWidths?: readonly number[]): SafeText => {
    const last = cells.length - 1;
    if (last < 0) return '' as SafeText;
    let same = before.length === cells.length;
    for (let i = 0; same && i < last; i++) same = cells[i] === before[i];
    let text = beforePadded;
    if (!same) {
      text = '';
      // The padding and the two spaces between columns as one run: one join per cell, not two.
      for (let i = 0; i < last; i++) {
        const cell = cells[i]!;
        const shown = cellWidths === undefined ? cell.length : cellWidths[i]!;
        const width = widths[i] ?? 0;
        text += cell + spaces(shown < width ? width - shown + 2 : 2);
      }
      before = cells;
      beforePadded = text;
    }
    text += cells[last]!;
    return (mayEndInSpace(cells[last]!) ? text.trimEnd() : text) as SafeText;
  };
  emit(line(head, headWidths));
  emit(line(widths.map((w) => '─'.repeat(w))));
  for (let r = 0; r < rows.length; r++) emit(line(rows[r]!, rowWidths.get(r)));
}

/** {@link writeTable}'s lines as a list. */
export function renderTable(headers: readonly string[], rawRows: readonly (readonly string[])[]): SafeText[] {
  const lines: SafeText[] = [];
  writeTable(headers, rawRows, (l) => lines.push(l));
  return lines;
}

export const heading = (title: string) => ['', title, '═'.repeat(displayWidth(title))];

/** 'maya.chen@harbormutual.example' → 'maya.chen'; keeps tables narrow. */
export const shortPerson = (person: string | undefined) => (person ? person.split('@')[0]! : '— none —');
