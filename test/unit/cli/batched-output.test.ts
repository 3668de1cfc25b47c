// The CLI's standard output: a long table leaves in few writes, in order, and error lines never overtake
// the output printed before them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printSafe, type CommandIO } from '../../../scripts/cli/command';
import { renderTable } from '../../../scripts/cli/format/table';
import { terminalSafe } from '../../../scripts/cli/format/terminal';
import { defaultIO } from '../../../scripts/cli/main';

const settle = () => new Promise((done) => setImmediate(done));

describe('the CLI output streams', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gathers the lines printed in one go into one write, at the end of the task', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const io = defaultIO();
    for (let i = 0; i < 1_000; i++) io.out(`row ${i}`);
    expect(writes).toEqual([]);
    await settle();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(Array.from({ length: 1_000 }, (_, i) => `row ${i}\n`).join(''));
  });

  it('writes at 64 KiB without waiting, and loses nothing across chunks', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const io = defaultIO();
    const line = 'x'.repeat(999);
    for (let i = 0; i < 200; i++) io.out(line);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    await settle();
    expect(writes.join('')).toBe(`${line}\n`.repeat(200));
  });

  it('an error line first writes the output before it; escape sequences never pass', async () => {
    const order: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(
      (chunk) => (order.push(`out:${String(chunk)}`), true),
    );
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk) => (order.push(`err:${String(chunk)}`), true),
    );
    const io = defaultIO();
    io.out('first');
    io.out('second \u001b[2Jcleared?');
    io.err('problem');
    io.out('after');
    await settle();
    expect(order).toEqual([
      `out:first\n${terminalSafe('second \u001b[2Jcleared?')}\n`,
      'err:problem\n',
      'out:after\n',
    ]);
    expect(order.join('')).not.toContain('\u001b');
  });

  it('table lines cleaned cell by cell go out as they are, in order with the other lines, and no escape passes', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const io = defaultIO();
    const hostile = [
      '\u001b[2J\u001b]0;owned\u0007bot',
      '\u009b31mred\r\nforged row\u202e',
      '\u0000\u0085x\ry',
    ];
    const table = renderTable(['System', 'Gap'], [hostile.slice(0, 2), [hostile[2]!, 'ok']]);
    io.out('before \u001b[31m');
    table.forEach((line) => printSafe(io, line));
    io.out('after');
    await settle();
    expect(writes.join('')).toBe(['before ', ...table, 'after', ''].join('\n'));
    expect(writes.join('')).not.toMatch(
      // eslint-disable-next-line no-control-regex -- what must never reach a terminal
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]|\r/,
    );
    expect(table.slice(2)).toEqual(['bot     red forged row', 'xy      ok']);
  });

  it('an IO without a cleaned-line path takes such lines through out, which cleans them', () => {
    const printed: string[] = [];
    const io: CommandIO = { out: (l) => printed.push(l), err: () => {}, now: () => new Date(0), cwd: '/' };
    renderTable(['A'], [['x\u001b[2J']]).forEach((line) => printSafe(io, line));
    expect(printed).toEqual(['A', '─', 'x']);
  });
});
