// Plain-text tables for terminal output.
import { terminalSafe } from './terminal';

/** Cells come from data: escape sequences and controls are removed before widths are measured. */
export function renderTable(headers: string[], rawRows: string[][]): string[] {
  const rows = rawRows.map((r) => r.map(terminalSafe));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

export const heading = (title: string) => ['', title, '═'.repeat(title.length)];

/** 'maya.chen@harbormutual.example' → 'maya.chen'; keeps tables narrow. */
export const shortPerson = (person: string | undefined) => (person ? person.split('@')[0]! : '— none —');
