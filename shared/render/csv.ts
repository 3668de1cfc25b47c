// CSV for spreadsheets (RFC 4180), safe to open: a cell that a spreadsheet would read as a formula
// or a command (it starts with =, +, -, @, tab or CR — OWASP "CSV Injection", CWE-1236) gets a
// leading apostrophe, which spreadsheets take as "this is text". The rest of the cell is kept as
// written, so free text keeps its meaning: "'=HYPERLINK(…)" still reads "=HYPERLINK(…)".

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: neutralised if it could start a formula, then quoted if it holds , " CR or LF. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Header and rows as CSV; records end in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
