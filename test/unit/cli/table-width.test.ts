import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CommandIO } from '../../../scripts/cli/command';
import { MAX_COLUMN_WIDTH, oneLine, renderTable, writeTable } from '../../../scripts/cli/format/table';
import { terminalSafe, type SafeText } from '../../../scripts/cli/format/terminal';

describe('plain-text tables on a large register', () => {
  it('a cell wider than the limit is printed whole; the other rows are padded no wider than the limit', () => {
    const wide = 'system-x, '.repeat(500);
    const lines = renderTable(
      ['Gap', 'Next'],
      [
        ['short', 'a'],
        [wide, 'b'],
      ],
    );
    expect(lines[2]).toBe(`${'short'.padEnd(MAX_COLUMN_WIDTH)}  a`);
    expect(lines[3]).toBe(`${wide}  b`);
    expect(lines[1]!.startsWith('─'.repeat(MAX_COLUMN_WIDTH) + '  ─')).toBe(true);
  });

  it('cells up to the limit still align every row', () => {
    const cell = 'x'.repeat(MAX_COLUMN_WIDTH);
    const lines = renderTable(
      ['A', 'B'],
      [
        [cell, '1'],
        ['y', '2'],
      ],
    );
    expect(lines[2]).toBe(`${cell}  1`);
    expect(lines[3]).toBe(`${'y'.padEnd(MAX_COLUMN_WIDTH)}  2`);
  });

  it('renders more rows than a function call takes arguments', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`sys-${i}`, 'ok']);
    const lines = renderTable(['System', 'State'], rows);
    expect(lines).toHaveLength(200_002);
    expect(lines.at(-1)).toBe('sys-199999  ok');
  });

  it('folds a line break inside a cell (CRLF, LF, U+2028/2029) into a space: a hostile value cannot forge a row', () => {
    const lines = renderTable(
      ['Clause', 'Gap', 'Next'],
      [['10.2', 'Finding\r\n10.2  fake row\nmore\u2028and\u2029end', 'close it']],
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('10.2    Finding 10.2  fake row more and end  close it');
  });
});

describe('plain-text tables: the last column is never padded', () => {
  /** Every cell's TABs made spaces, every cell padded to its column's width, then the line's trailing space trimmed. */
  const paddedThenTrimmed = (rawHeaders: string[], rawRows: string[][]) => {
    const tabless = (cells: string[]) => cells.map((c) => c.replaceAll('\t', ' '));
    const headers = tabless(rawHeaders);
    const rows = rawRows.map(tabless);
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
  };

  it('prints what padding every cell and trimming the line would, for any cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '\t', '—'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((columns) =>
            fc.tuple(
              fc.array(cell, { minLength: columns, maxLength: columns }),
              fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 6 }),
            ),
          ),
        ([headers, rows]) => {
          expect(renderTable(headers, rows)).toEqual(paddedThenTrimmed(headers, rows));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('renderTable builds each line in one pass', () => {
  // The plain version: pad every cell but the last, join with two spaces, trim the end.
  const plainLine = (cells: string[], widths: number[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();

  it('gives the lines the padded-and-joined version gives, for ragged rows and blank or spaced cells', () => {
    // Printable cells (cleaning is tested elsewhere), with spaces where trimming matters.
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '─'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 12 }),
        (headers, rows) => {
          const widths = headers.map((h, i) =>
            rows.reduce((w, r) => Math.max(w, Math.min((r[i] ?? '').length, MAX_COLUMN_WIDTH)), h.length),
          );
          expect(renderTable(headers, rows)).toEqual([
            plainLine(headers, widths),
            plainLine(
              widths.map((w) => '─'.repeat(w)),
              widths,
            ),
            ...rows.map((r) => plainLine(r, widths)),
          ]);
        },
      ),
    );
  });
});

describe('oneLine passes most cells on after one test', () => {
  // The plain version: clean for the terminal, then fold every line break and TAB into a space.
  const plainOneLine = (cell: string) => terminalSafe(cell).replace(/\r?\n|[\t\u2028\u2029]/g, ' ');
  const hostile = fc.constantFrom(
    '\u001b[31m',
    '\u001b]0;title\u0007',
    '\r',
    '\n',
    '\r\n',
    '\u2028',
    '\u2029',
    '\u202e',
    '\u009b2J',
    '\u0000',
    '\t',
    '\u007f',
    '\u0085',
  );
  const part = fc.oneof(fc.string({ maxLength: 6 }), hostile, fc.constantFrom('é', '—', '─', ' '));

  it('gives what cleaning and folding every cell gives, for hostile and plain text', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const cell = parts.join('');
        expect(oneLine(cell)).toBe(plainOneLine(cell));
      }),
      { numRuns: 2000 },
    );
  });

  it('a table of hostile cells is the table of their cleaned, folded text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.array(part, { maxLength: 4 }).map((p) => p.join('')),
            { maxLength: 3 },
          ),
        ),
        (rows) => {
          expect(renderTable(['A', 'B', 'C'], rows)).toEqual(
            renderTable(
              ['A', 'B', 'C'],
              rows.map((r) => r.map(plainOneLine)),
            ),
          );
        },
      ),
    );
  });
});

describe('writeTable hands each line over as it is built', () => {
  // Cells ending in every kind of white space trimEnd removes (no-break, ideographic, BOM, tab) and in text
  // that only looks blank: the untrimmed fast path must give what padding, joining and trimming gives.
  const unit = fc.constantFrom(
    'a',
    ' ',
    '\u00a0',
    '\u3000',
    '\ufeff',
    '\u2007',
    '\t',
    '\u200b',
    'é',
    '─',
    '~',
  );
  const cell = fc.string({ unit, maxLength: 6 });
  // A TAB is one space in a table (table-tab.test.ts) and a zero-width space or BOM is dropped
  // (table-display-width.test.ts); the rest is padding to the display width, joining and trimming.
  const shown = (cell: string) => cell.replaceAll('\t', ' ').replace(/[\u200b\ufeff]/g, '');
  const plainLine = (raw: readonly string[], widths: readonly number[]) =>
    raw
      .map(shown)
      .map((c, i) =>
        i === raw.length - 1 ? c : c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(c))),
      )
      .join('  ')
      .trimEnd();

  it('emits, in order, the lines padding every cell but the last and trimming the line would give', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 10 }),
        (headers, rows) => {
          const widths = headers.map((h, i) =>
            rows.reduce(
              (w, r) => Math.max(w, Math.min(stringWidth(shown(r[i] ?? '')), MAX_COLUMN_WIDTH)),
              stringWidth(shown(h)),
            ),
          );
          const emitted: string[] = [];
          writeTable(headers, rows, (line) => emitted.push(line));
          expect(emitted).toEqual([
            plainLine(headers, widths),
            plainLine(
              widths.map((w) => '─'.repeat(w)),
              widths,
            ),
            ...rows.map((r) => plainLine(r, widths)),
          ]);
          expect(renderTable(headers, rows)).toEqual(emitted);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('cleans hostile headers too, so every line it emits is text a terminal may show as it is', () => {
    const lines = renderTable(['A\u001b[2J', 'B\r\nforged'], [['\u001b]0;t\u0007x', '\u202ey\u2028z']]);
    expect(lines).toEqual(['A  B forged', '─  ────────', 'x  y z']);
    for (const line of lines) expect(terminalSafe(line)).toBe(line);
  });

  it('a plain string is not accepted where cleaned text is expected (checked by the type checker)', () => {
    expectTypeOf<string>().not.toMatchTypeOf<SafeText>();
    expectTypeOf(terminalSafe).returns.toEqualTypeOf<SafeText>();
    expectTypeOf(oneLine).returns.toEqualTypeOf<SafeText>();
    expectTypeOf<NonNullable<CommandIO['outSafe']>>().parameter(0).toEqualTypeOf<SafeText>();
  });
});

describe('writeTable reuses what the row above cleaned and padded', () => {
  // A sorted table repeats cells down a column and rows repeat all but their last cell; cells equal to the
  // ones above are cleaned once and their padded text joined once. The plain version cleans and pads every
  // cell of every row. Rows are drawn from a few cells (hostile ones among them) so repeats are common, and
  // are ragged, so a row may match the one above in its first cells but not in its length.
  const plainOneLine = (cell: string) => terminalSafe(cell).replace(/\r?\n|[\t\u2028\u2029]/g, ' ');
  const plainTable = (headers: string[], rows: string[][]) => {
    const clean = rows.map((r) => r.map(plainOneLine));
    const head = headers.map(plainOneLine);
    const widths = head.map((h, i) =>
      clean.reduce((w, r) => Math.max(w, Math.min((r[i] ?? '').length, MAX_COLUMN_WIDTH)), h.length),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    return [line(head), line(widths.map((w) => '─'.repeat(w))), ...clean.map(line)];
  };
  const cell = fc.constantFrom(
    '2026-11-29',
    '8.2',
    'a',
    '',
    ' ',
    'é—',
    '\u001b[31mred',
    'x\ny',
    '\u202eevil',
    'a\r\nb',
    'tab\there',
  );

  it('prints the plain table for any rows of repeated, hostile and ragged cells', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 14 }),
        (headers, rows) => {
          expect(renderTable(headers, rows)).toEqual(plainTable(headers, rows));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never writes to the rows it was given', () => {
    const rows = [
      ['2026-11-29', 'x\ny', 'a'],
      ['2026-11-29', 'x\ny', 'b'],
    ];
    const copy = structuredClone(rows);
    expect(renderTable(['Date', 'What', 'Last'], rows)).toEqual([
      'Date        What  Last',
      '──────────  ────  ────',
      '2026-11-29  x y   a',
      '2026-11-29  x y   b',
    ]);
    expect(rows).toEqual(copy);
  });
});
