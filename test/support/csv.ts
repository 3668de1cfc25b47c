// CSV read back as a spreadsheet would read it, for tests of every CSV the product writes.
import { expect } from 'vitest';

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF-ended records (a last record without CRLF is dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/**
 * Asserts `text` is CSV a spreadsheet opens as plain text (OWASP CSV Injection, CWE-1236): it ends in
 * CRLF, every row is as wide as the header, and no cell starts with =, +, -, @, tab or CR (a written
 * formula keeps a leading apostrophe). Returns the rows, header first.
 */
export function expectCsvSafe(text: string): string[][] {
  expect(text.endsWith('\r\n'), 'the last record ends in CRLF').toBe(true);
  const rows = parseCsv(text);
  const width = rows[0]?.length;
  expect(width, 'a header row').toBeGreaterThan(0);
  for (const [i, row] of rows.entries()) {
    expect(row, `row ${i} has the header's ${width} cells`).toHaveLength(width!);
    for (const cell of row) expect(cell, `row ${i}`).not.toMatch(/^[=+\-@\t\r]/);
  }
  return rows;
}
