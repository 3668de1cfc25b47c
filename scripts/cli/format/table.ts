// Plain-text tables for terminal output.
import { terminalSafe } from './terminal';

/**
 * Widest a column is padded to. A longer cell (a gap naming thousands of systems) is printed whole but
 * overruns its row instead of padding every other row of a large register to its width.
 */
export const MAX_COLUMN_WIDTH = 1000;

/** A line break inside a cell (CRLF survives `terminalSafe`, as do the Unicode line separators). */
const LINE_BREAK = /\r?\n|[\u2028\u2029]/g;

/**
 * Whether a cell may hold anything {@link oneLine} changes: a character `terminalSafe` first looks for (every
 * one it removes is of this class), a line feed, or a Unicode line separator. Most cells hold none and are
 * passed on after this one test instead of three.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this class finds
const MAY_CHANGE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/;

/** One cell on one line: a break in the data would start a row of its own that the data, not the table, wrote. */
export const oneLine = (cell: string): string => {
  if (!MAY_CHANGE.test(cell)) return cell;
  const safe = terminalSafe(cell);
  LINE_BREAK.lastIndex = 0;
  return LINE_BREAK.test(safe) ? safe.replace(LINE_BREAK, ' ') : safe;
};

/** The row with its cells on one line each; the row itself when none changes (no copy per row). */
const rowOnOneLine = (row: string[]): string[] => {
  for (let i = 0; i < row.length; i++) if (oneLine(row[i]!) !== row[i]) return row.map(oneLine);
  return row;
};

/**
 * Cells come from data: escape sequences and controls are removed and line breaks folded into a space
 * before widths are measured, so every row is one line.
 */
export function renderTable(headers: string[], rawRows: string[][]): string[] {
  const rows = rawRows.map(rowOnOneLine);
  const widths = headers.map((h, i) =>
    rows.reduce((w, r) => Math.max(w, Math.min((r[i] ?? '').length, MAX_COLUMN_WIDTH)), h.length),
  );
  // The last cell is not padded: the padding would only be trimmed off again (a 60,000-row calendar built
  // and dropped a padded copy of every summary).
  // One string built per row, without a padded copy of the cells and a joined list in between.
  const line = (cells: string[]) => {
    const last = cells.length - 1;
    let text = '';
    for (let i = 0; i < last; i++) text += cells[i]!.padEnd(widths[i] ?? 0) + '  ';
    return (last >= 0 ? text + cells[last]! : text).trimEnd();
  };
  const lines = new Array<string>(rows.length + 2);
  lines[0] = line(headers);
  lines[1] = line(widths.map((w) => '─'.repeat(w)));
  for (let r = 0; r < rows.length; r++) lines[r + 2] = line(rows[r]!);
  return lines;
}

export const heading = (title: string) => ['', title, '═'.repeat(title.length)];

/** 'maya.chen@harbormutual.example' → 'maya.chen'; keeps tables narrow. */
export const shortPerson = (person: string | undefined) => (person ? person.split('@')[0]! : '— none —');
