// Plain-text tables for terminal output.
import { terminalSafe } from './terminal';

/**
 * Widest a column is padded to. A longer cell (a gap naming thousands of systems) is printed whole but
 * overruns its row instead of padding every other row of a large register to its width.
 */
export const MAX_COLUMN_WIDTH = 1000;

/** A line break inside a cell (CRLF survives `terminalSafe`, as do the Unicode line separators). */
const LINE_BREAK = /\r?\n|[\u2028\u2029]/g;

/** One cell on one line: a break in the data would start a row of its own that the data, not the table, wrote. */
const oneLine = (cell: string) => {
  const safe = terminalSafe(cell);
  LINE_BREAK.lastIndex = 0;
  return LINE_BREAK.test(safe) ? safe.replace(LINE_BREAK, ' ') : safe;
};

/**
 * Cells come from data: escape sequences and controls are removed and line breaks folded into a space
 * before widths are measured, so every row is one line.
 */
export function renderTable(headers: string[], rawRows: string[][]): string[] {
  const rows = rawRows.map((r) => r.map(oneLine));
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
