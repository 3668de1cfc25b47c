// The name-pattern shortcut in IgnoreRules must answer exactly what the library answers path by path.
import fc from 'fast-check';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { IgnoreRules } from '../../../connectors/local/scan';

const PATTERNS = [
  ...['*.log', 'node_modules/', 'build', '!keep.log', 'x*', '!x1', '*.py', 'b/', '!b/', 'a', 'foo/', '!*.ts'],
  ...['#comment', '', 'tmp?', '[ab].js', '/root.txt', 'a/b', '**/deep', 'c/*.md', '\\!bang', 'dir/ ', '!a'],
  // Literal pre-checks: trailing spaces, carriage returns, classes, several literals, no literal at all.
  ...['*.lo? ', 'keep.log\r', '[!a]*.py', '*.min.*', '*', '?', 'bu*ld', '!z.p[yz]', '[a-c]'],
];
const NAMES = [
  ...['a', 'b', 'c', 'x1', 'keep.log', 'z.py', 'm.ts', 'build', 'foo', 'deep', 'r.js', 'root.txt'],
  ...['app.min.js', 'a.lox', 'bld', 'buxld'],
];
const DIRS = ['', 'a', 'a/b', 'c', 'b'];

/** The algorithm before the shortcut: every level's library asked about every path. */
function reference(levels: ReadonlyArray<[string, string]>): (path: string, isDir: boolean) => boolean {
  const depth = (d: string) => (d === '' ? 0 : d.split('/').length);
  const sorted = levels
    .map(([dir, text]) => ({ dir, matcher: ignore({ ignorecase: false }).add(text) }))
    .sort((a, b) => depth(a.dir) - depth(b.dir) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return (path, isDir) => {
    let ignored = false;
    for (const { dir, matcher } of sorted) {
      if (dir !== '' && !path.startsWith(`${dir}/`)) continue;
      const rel = dir === '' ? path : path.slice(dir.length + 1);
      if (rel === '') continue;
      const verdict = matcher.test(isDir ? `${rel}/` : rel);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  };
}

const levels = fc.uniqueArray(
  fc.tuple(fc.constantFrom(...DIRS), fc.array(fc.constantFrom(...PATTERNS), { maxLength: 6 })),
  { selector: ([dir]) => dir, maxLength: 4 },
);
const queries = fc.array(
  fc.tuple(fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), fc.boolean()),
  { minLength: 1, maxLength: 30 },
);

describe('ignore rules', () => {
  it('answer like the library asked path by path, name patterns or not (2,000 runs)', () => {
    fc.assert(
      fc.property(levels, queries, (defs, qs) => {
        const texts = defs.map(([dir, lines]): [string, string] => [dir, lines.join('\n')]);
        const rules = new IgnoreRules();
        for (const [dir, text] of texts) rules.add(dir, text);
        const expected = reference(texts);
        for (const [parts, isDir] of qs) {
          const path = parts.join('/');
          if (rules.ignores(path, isDir) !== expected(path, isDir)) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores a file in a folder a shallower level ignores, as before', () => {
    const rules = new IgnoreRules();
    rules.add('', 'x/\n');
    rules.add('p', '!x/\n');
    expect(rules.ignores('p/x', true)).toBe(false);
    expect(rules.ignores('p/x/f.py', false)).toBe(
      reference([
        ['', 'x/\n'],
        ['p', '!x/\n'],
      ])('p/x/f.py', false),
    );
  });
});
