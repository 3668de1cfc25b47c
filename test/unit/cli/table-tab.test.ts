// A TAB in a table cell: the terminal moves to its next tab stop, a width the table did not measure, so every
// column after it would start further right than its header. Each table command is run on a register whose
// records hold TABs (and the controls removed around them), and its tables are read as a terminal shows them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../../scripts/cli/format/table';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const workspaces = demoWorkspaces('aims-table-tab-');

/** The line as a terminal lays it out: a TAB moves to the next multiple of 8 columns. */
function asShown(line: string): string {
  let shown = '';
  for (const char of line) shown += char === '\t' ? ' '.repeat(8 - (shown.length % 8)) : char;
  return shown;
}

/** A table's rule line: runs of '─' two spaces apart, one per column. */
const RULE = /^─+(?: {2}─+)*$/;

/**
 * Every table in the output: its rule's column starts, its header and rows (up to the first blank line), each
 * as the terminal shows it.
 */
function tablesIn(output: string): { starts: number[]; lines: string[] }[] {
  const lines = output.split('\n');
  const tables: { starts: number[]; lines: string[] }[] = [];
  lines.forEach((line, i) => {
    if (!RULE.test(line) || i === 0) return;
    const starts = [...line.matchAll(/─+/g)].map((m) => m.index);
    const end = lines.findIndex((l, j) => j > i && l === '');
    tables.push({ starts, lines: [lines[i - 1]!, ...lines.slice(i + 1, end === -1 ? undefined : end)] });
  });
  return tables;
}

/** Each column of every line starts where its rule does: the two spaces before it are the separator. */
function expectAligned(output: string): void {
  const tables = tablesIn(output);
  expect(tables.length).toBeGreaterThan(0);
  for (const { starts, lines } of tables)
    for (const line of lines) {
      expect(line, 'a TAB reached a table line').not.toContain('\t');
      const shown = asShown(line);
      for (const start of starts.slice(1))
        expect(shown.slice(start - 2, start), `column at ${start} of ${JSON.stringify(shown)}`).toBe('  ');
    }
}

/** Rewrites a record through `aims record` with `change` applied, as a user editing it would. */
async function rerecord(ws: string, kind: string, id: string, change: Record<string, unknown>) {
  const record = JSON.parse(readFileSync(join(ws, `records/${kind}/${id}.json`), 'utf8')) as object;
  const draft = `${workspaces.scratch(id)}.json`;
  writeFileSync(draft, JSON.stringify({ ...record, ...change }));
  const run = await runCli(['record', kind, draft, '--workspace', ws, '--today', '2026-11-29']);
  expect(run.code, run.err).toBe(0);
}

describe('a TAB in a table cell is one space', () => {
  it('renderTable: the columns after a TAB start where their headers do, as a terminal shows them', () => {
    const lines = renderTable(
      ['System', 'Owner', 'State'],
      [
        ['AI\tclaims', 'tom', 'ok'],
        ['x\t\t\ty', 'ana\tsilva', 'due'],
        ['plain', 'ben', '\tlate\t'],
      ],
    );
    expect(lines).toEqual([
      'System     Owner      State',
      '─────────  ─────────  ──────',
      'AI claims  tom        ok',
      'x   y      ana silva  due',
      'plain      ben         late',
    ]);
    expectAligned(lines.join('\n'));
  });

  it('a TAB among the controls the cleaning removes (VT, FF, ESC sequences) is still one space', () => {
    expect(renderTable(['A', 'B'], [['a\u000b\t\u000c\u001b[2Jb', 'c']])).toEqual([
      'A    B',
      '───  ─',
      'a b  c',
    ]);
  });

  it('status, readiness, calendar and soa align every table when records hold TABs', async () => {
    const ws = workspaces.copy();
    // A system with a gap, so its name reaches the readiness gap table's middle column too.
    await rerecord(ws, 'ai-system', 'sys-doc-extraction', { name: 'AI\tdoc\textraction\u000b\t' });
    await rerecord(ws, 'soa-entry', 'soa-A.10.2', { justification: 'Included:\tsee\tevidence' });
    const runs = {
      status: await runCli(['status', '--workspace', ws]),
      readiness: await runCli(['readiness', '--workspace', ws, '--today', '2026-11-29']),
      calendar: await runCli(['calendar', '--workspace', ws, '--today', '2026-11-29']),
      soa: await runCli(['soa', '--workspace', ws]),
    };
    for (const [command, run] of Object.entries(runs)) {
      expect(run.code, `${command}: ${run.err}`).toBe(0);
      expectAligned(run.out);
    }
    expect(runs.status.out).toContain('AI doc extraction   ');
    expect(runs.readiness.out).toMatch(/sys-doc-extraction +AI doc extraction +has no impact assessment/);
    expect(runs.calendar.out).toContain('Impact assessment missing: AI doc extraction');
    expect(runs.soa.out).toMatch(/A\.10\.2 .*Included: see evidence/);
  });
});
