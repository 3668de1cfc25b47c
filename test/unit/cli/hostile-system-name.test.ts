// A system named with a line break, a Unicode line separator, a bidi override and a C1 control, recorded the
// ordinary way (`aims record`), through every read command and format on standard output: text keeps the name
// on the line it belongs to (no forged line), JSON and CSV still parse, iCalendar escapes the break, and
// nothing a terminal obeys is printed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../scripts/cli/format/terminal';
import { runCli } from '../../support/cli';
import { expectCsvSafe } from '../../support/csv';
import { demoWorkspaces } from '../../support/demo-workspace';

const NAME = 'Claims\nFORGED row\u202eX\u0085Y\u2028Z\r\nEND';
/** What stdout may show of it: the bidi override and C1 control removed, the rest kept. */
const SHOWN = 'Claims\nFORGED rowXY\u2028Z\r\nEND';
const workspaces = demoWorkspaces('aims-hostile-name-');
let ws = '';

beforeAll(async () => {
  ws = workspaces.copy();
  const file = join(ws, 'records/ai-system/sys-doc-extraction.json');
  const draft = `${workspaces.scratch('system')}.json`;
  writeFileSync(draft, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), name: NAME }));
  const recorded = await runCli(['record', 'ai-system', draft, '--workspace', ws, '--today', '2026-11-29']);
  expect(recorded.code, recorded.err).toBe(0);
}, 60_000);

/** What a terminal obeys: never printed. */
const OBEYED =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * The command's standard output as the terminal gets it: the real IO cleans each line it is handed
 * (`terminalSafe`) and writes table lines cleaned already; the in-process run hands over the lines unwritten.
 */
const run = async (args: string[]) => {
  const result = await runCli([...args, '--workspace', ws]);
  expect(result.code, result.err).toBe(0);
  const shown = terminalSafe(result.out);
  expect(shown).not.toMatch(OBEYED);
  return shown;
};

/** Text output: every part of the name is on a line that starts before it (no line the name began). */
function expectNoForgedLine(out: string): void {
  const lines = out.split(/\r?\n/);
  expect(lines.some((l) => l.includes('FORGED row'))).toBe(true);
  for (const line of lines) {
    for (const part of ['FORGED row', 'END']) {
      if (line.includes(part)) expect(line, 'a line the name began').toMatch(/Claims FORGED row/);
    }
  }
}

describe('a system name holding line breaks, bidi and C1 controls', () => {
  it.each([
    [['status', '--today', '2026-11-29']],
    [['readiness', '--today', '2026-11-29']],
    [['calendar', '--today', '2026-11-29']],
  ])('text: aims %j prints the name on its own line only', async (args) => {
    const result = await runCli([...args, '--workspace', ws]);
    // Text is cleaned where it is laid out (tables, the roadmap), not only by the terminal IO.
    expect(result.out).not.toMatch(OBEYED);
    expectNoForgedLine(await run(args));
  });

  it('text: the transitions aims status --record-transitions prints name the system on one line each', async () => {
    const copy = workspaces.copy();
    const draft = `${workspaces.scratch('system')}.json`;
    const file = join(copy, 'records/ai-system/sys-doc-extraction.json');
    writeFileSync(draft, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), name: NAME }));
    expect((await runCli(['record', 'ai-system', draft, '--workspace', copy])).code).toBe(0);
    const result = await runCli([
      'status',
      '--record-transitions',
      '--today',
      '2027-09-01',
      '--workspace',
      copy,
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^transition Claims FORGED rowXY Z END risk assessment/m);
    expectNoForgedLine(result.out);
  });

  it.each([
    [
      ['status', '--format', 'json'],
      (doc: { systems: { name: string }[] }) => doc.systems.map((s) => s.name),
    ],
    [
      ['readiness', '--format', 'json', '--today', '2026-11-29'],
      (doc: { stage2: { gaps: { what: string }[] } }) => doc.stage2.gaps.map((g) => g.what),
    ],
  ] as const)('json: aims %j parses, and holds the name as stdout may show it', async (args, names) => {
    const values = (names as (doc: never) => string[])(JSON.parse(await run([...args])) as never);
    expect(values.some((v) => v.includes(SHOWN))).toBe(true);
  });

  it('csv: the SoA is still RFC 4180 with every row whole', async () => {
    expectCsvSafe((await run(['soa', '--format', 'csv'])) + '\r\n');
  });

  it('ics: the break is escaped in the event text and every content line is a property', async () => {
    const out = await run(['calendar', '--format', 'ics', '--today', '2026-11-29']);
    // Unfolded (RFC 5545 §3.1), each line is NAME[;params]:value; a raw break in the name would start a line
    // that is none.
    const lines = out
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .filter(Boolean);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9-]*[;:]/);
    expect(lines).toContain('SUMMARY:Impact assessment missing: Claims\\nFORGED rowXY\u2028Z\\nEND');
  });
});
