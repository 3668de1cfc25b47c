// What a command prints instead of writing to --out: the content as it is, its one final line break left to
// the output stream (which ends every line with one), so nothing is doubled and nothing else is dropped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emit } from '../../../scripts/cli/commands/evaluation-options';

async function printed(content: string): Promise<string[]> {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: () => {}, now: () => new Date(0), cwd: '/' };
  await emit({ values: {}, positionals: [] }, io, content, 'the content');
  return lines;
}

describe('emit to standard output', () => {
  it.each([
    ['a\r\n', 'a'],
    ['a\n', 'a'],
    ['a', 'a'],
    ['', ''],
    ['\r\n', ''],
    ['a\n\n', 'a\n'],
    ['a\r\n\r\n', 'a\r\n'],
    ['a\r', 'a\r'],
    ['a\n\r', 'a\n\r'],
  ])('%j prints %j', async (content, expected) => {
    expect(await printed(content)).toEqual([expected]);
  });

  it('drops exactly what removing a final CRLF or LF would, for any content', async () => {
    const content = fc
      .array(fc.constantFrom('a', '\r', '\n', '\r\n', ' ', 'é'), { maxLength: 8 })
      .map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        expect(await printed(text)).toEqual([text.replace(/\r?\n$/, '')]);
      }),
    );
  });
});
