// Plain-text tables for terminal output.
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
 * Whether a cell may hold anything {@link oneLine} changes: a character `terminalSafe` first looks for (every
 * one it removes is of this class), a TAB, a line feed, or a Unicode line separator. Most cells hold none and are
 * passed on after this one test instead of three.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this class finds
const MAY_CHANGE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/;

/**
 * One cell on one line, as wide as its length: a break in the data would start a row of its own that the
 * data, not the table, wrote, and a TAB would push the rest of the row to a tab stop. Each is one space.
 */
export const oneLine = (cell: string): SafeText => {
  if (!MAY_CHANGE.test(cell)) return cell as SafeText;
  const safe = terminalSafe(cell);
  FOLDED.lastIndex = 0;
  return FOLDED.test(safe) ? (safe.replace(FOLDED, ' ') as SafeText) : safe;
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
 * line breaks and TABs folded into a space before widths are measured, so every row is one line and every
 * column starts where its header does; headers are cleaned
 * the same way, so each line is {@link SafeText} as a whole.
 */
export function writeTable(
  headers: readonly string[],
  rawRows: readonly (readonly string[])[],
  emit: (line: SafeText) => void,
): void {
  const head = rowOnOneLine(headers);
  // Cells cleaned and column widths measured in one pass over the rows.
  const widths = head.map((h) => h.length);
  const rows = new Array<readonly SafeText[]>(rawRows.length);
  // Each column's cell of the row before, as given and as cleaned: down a sorted table a column repeats its
  // value (a date, a category, a clause), and a cell equal to the one above is cleaned by taking that one's
  // result instead of scanning it again. Not the last cell: the row's own text (a summary, a gap), which
  // seldom repeats and would be compared in vain.
  const above: string[] = [];
  const aboveClean: SafeText[] = [];
  for (let r = 0; r < rawRows.length; r++) {
    const raw = rawRows[r]!;
    let row = raw as readonly SafeText[];
    const last = raw.length - 1;
    for (let i = 0; i <= last; i++) {
      const cell = raw[i]!;
      const clean = i < last && cell === above[i] ? aboveClean[i]! : oneLine(cell);
      above[i] = cell;
      aboveClean[i] = clean;
      if (clean === cell) continue;
      // The row's own list is never written to: a copy the first time a cell changes.
      if (row === raw) row = raw.slice() as SafeText[];
      (row as SafeText[])[i] = clean;
    }
    rows[r] = row;
    for (let i = 0; i < widths.length; i++) {
      const length = Math.min((row[i] ?? '').length, MAX_COLUMN_WIDTH);
      if (length > widths[i]!) widths[i] = length;
    }
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
  const line = (cells: readonly string[]): SafeText => {
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
        const width = widths[i] ?? 0;
        text += cell + spaces(cell.length < width ? width - cell.length + 2 : 2);
      }
      before = cells;
      beforePadded = text;
    }
    text += cells[last]!;
    return (mayEndInSpace(cells[last]!) ? text.trimEnd() : text) as SafeText;
  };
  emit(line(head));
  emit(line(widths.map((w) => '─'.repeat(w))));
  for (let r = 0; r < rows.length; r++) emit(line(rows[r]!));
}

/** {@link writeTable}'s lines as a list. */
export function renderTable(headers: readonly string[], rawRows: readonly (readonly string[])[]): SafeText[] {
  const lines: SafeText[] = [];
  writeTable(headers, rawRows, (l) => lines.push(l));
  return lines;
}

export const heading = (title: string) => ['', title, '═'.repeat(title.length)];

/** 'maya.chen@harbormutual.example' → 'maya.chen'; keeps tables narrow. */
export const shortPerson = (person: string | undefined) => (person ? person.split('@')[0]! : '— none —');
