// A table cell's width on a terminal is its display width, not its length: a wide East Asian character or an
// emoji takes two columns, a combining mark or a joiner none. Tables are read here as a terminal lays them out,
// by an oracle written for this test (not the library the tables use): grapheme clusters from Intl.Segmenter,
// two columns for the CJK, Hangul and fullwidth blocks and the emoji below, one for any other visible
// character, none for the marks and joiners below; any other invisible or control character reaching a line
// fails the test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, oneColumnEach, widthBound } from '../../../scripts/cli/format/display-width';
import { oneLine, renderTable } from '../../../scripts/cli/format/table';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const workspaces = demoWorkspaces('aims-table-display-width-');

/** Emoji clusters of two columns (their first code point is East Asian Wide). */
const WIDE_EMOJI = new Set(['😀', '👩‍💻', '👍🏽']);
/** Characters that join the cluster before them and take no column. */
const ZERO_WIDTH = /[\u0301\u0308\u0327\u200C\u200D]/g;
const TRAILING_ZERO_WIDTH = /[\u0301\u0308\u0327\u200C\u200D]+$/;
/** Blocks two columns wide: Hangul Jamo, CJK punctuation to Kanbun, CJK, Hangul syllables, fullwidth forms. */
const WIDE =
  /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF01-\uFF60\uFFE0-\uFFE6]$/u;
/** What must never reach a terminal line: controls, format characters, unpaired surrogates. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}]/u;

const segmenter = new Intl.Segmenter();

/** The columns one grapheme cluster takes; throws on a cluster this oracle does not know. */
function clusterColumns(cluster: string): number {
  if (WIDE_EMOJI.has(cluster.replace(TRAILING_ZERO_WIDTH, ''))) return 2;
  const base = cluster.replace(ZERO_WIDTH, '');
  if (base === '') return 0;
  if ([...base].length !== 1) throw new Error(`unknown cluster ${JSON.stringify(cluster)}`);
  if (FORBIDDEN.test(base)) throw new Error(`${JSON.stringify(base)} reached the terminal`);
  return WIDE.test(base) ? 2 : 1;
}

/** The display column (0-based) where each cluster of `line` starts, with the cluster. */
function layout(line: string): { column: number; cluster: string }[] {
  const out: { column: number; cluster: string }[] = [];
  let column = 0;
  for (const { segment } of segmenter.segment(line)) {
    out.push({ column, cluster: segment });
    column += clusterColumns(segment);
  }
  return out;
}

/** Where each cell of a line starts: cells in these tests begin with '|', found nowhere else. */
const markerColumns = (line: string) =>
  layout(line)
    .filter(({ cluster }) => cluster.replace(ZERO_WIDTH, '') === '|')
    .map(({ column }) => column);

/** The columns a rule line's runs of '─' start at. */
const ruleColumns = (line: string) =>
  layout(line)
    .filter(({ cluster }, i, all) => cluster === '─' && (i === 0 || all[i - 1]!.cluster !== '─'))
    .map(({ column }) => column);

// Hostile pieces of text: wide, combining, zero-width, joiners, TAB and line breaks, controls and escape
// sequences (whole, so no letter after them is taken as part of one), bidi controls, a lone surrogate.
const PIECES = [
  'a',
  'Z',
  '7',
  ' ',
  '-',
  '不',
  '正',
  '検',
  '한',
  'ア',
  'ｶ',
  '\u3000',
  'é',
  'e\u0301',
  '\u0301',
  '\u0308',
  'c\u0327',
  '😀',
  '👩‍💻',
  '👍🏽',
  '\u200B',
  '\u200C',
  'x\u200Dy',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u0000',
  '\u0007',
  '\u007F',
  '\u0085',
  '\u001B[31m',
  '\u009B2J',
  '\u001B]0;title\u0007',
  '\u202E',
  '\u2066',
  '\u200F',
  'ع',
  'א',
  '\uD800',
];
const cell = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => `|${p.join('')}`);

describe('table columns line up by display width', () => {
  it('every line of a table of hostile cells starts each column at the display column of its header', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((columns) =>
            fc.tuple(
              fc.array(cell, { minLength: columns, maxLength: columns }),
              fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 8 }),
            ),
          ),
        ([headers, rows]) => {
          const [head, rule, ...body] = renderTable(headers, rows);
          const starts = markerColumns(head!);
          expect(starts).toHaveLength(headers.length);
          expect(ruleColumns(rule!)).toEqual(starts);
          for (const line of body) expect(markerColumns(line), JSON.stringify(line)).toEqual(starts);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a system named in CJK, and one with combining marks, pad their column by what a terminal shows', () => {
    expect(
      renderTable(
        ['System', 'Owner', 'Risk'],
        [
          ['不正検知スコア', 'tom', 'high'],
          ['Cafe\u0301 scoring', 'ana', 'low'],
          ['Plain', 'ben', 'medium'],
        ],
      ),
    ).toEqual([
      'System          Owner  Risk',
      '──────────────  ─────  ──────',
      '不正検知スコア  tom    high',
      'Cafe\u0301 scoring    ana    low',
      'Plain           ben    medium',
    ]);
  });

  it('an emoji cluster is two columns, its joiners kept so it stays one emoji', () => {
    expect(
      renderTable(
        ['A', 'B'],
        [
          ['👩‍💻', 'x'],
          ['ab', 'y'],
        ],
      ),
    ).toEqual(['A   B', '──  ─', '👩‍💻  x', 'ab  y']);
  });
});

describe('what a cell shows of invisible characters', () => {
  it('drops the invisible characters terminals disagree on: soft hyphen, zero-width space, word joiner, BOM', () => {
    expect(oneLine('Fr\u00ADaud\u200B sco\u2060ring\uFEFF \u180E\u2061x')).toBe('Fraud scoring x');
  });

  it('keeps the joiners and combining marks that shape text, at no width', () => {
    // ZWNJ in Persian, ZWJ in an emoji sequence, an accent as a combining mark.
    for (const text of ['می\u200Cخواهم', '👩\u200D💻', 'Cafe\u0301']) {
      expect(oneLine(text)).toBe(text);
      expect(displayWidth(oneLine(text))).toBe(stringWidth(text));
    }
    expect(displayWidth('Cafe\u0301')).toBe(4);
  });

  it('turns a lone surrogate into U+FFFD, one column, as the terminal would show it', () => {
    expect(oneLine('a\uD800b')).toBe('a\uFFFDb');
    expect(oneLine('a\uDC00')).toBe('a\uFFFD');
    expect(oneLine('😀')).toBe('😀');
    expect(
      renderTable(
        ['X', 'Y'],
        [
          ['\uD800', 'v'],
          ['ab', 'w'],
        ],
      ),
    ).toEqual(['X   Y', '──  ─', '\uFFFD   v', 'ab  w']);
  });

  it('lets no control, format or unpaired surrogate character through, whatever the cell', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(cell)),
        (headers, rows) => {
          for (const line of renderTable(headers, rows))
            for (const { cluster } of layout(line)) {
              // Only the joiners kept on purpose are format characters.
              expect(cluster.replace(/[\u200C\u200D]/g, '')).not.toMatch(FORBIDDEN);
            }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the printable ASCII fast path', () => {
  it('measures what the library measures, for any printable ASCII and any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
    );
  });

  it('bounds the width from above without measuring, for any text (the last column skips what cannot widen it)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc
        .array(fc.constantFrom(...PIECES, '1\uFE0F\u20E3', '#\u20E3', '\u00A9\uFE0F', '\u1100\u1161'))
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(widthBound(t)).toBeGreaterThanOrEqual(stringWidth(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('a last column of wide text still sets the rule line to its display width', () => {
    expect(
      renderTable(
        ['A', 'B'],
        [
          ['x', 'ab'],
          ['y', '不正検知'],
        ],
      ),
    ).toEqual(['A  B', '─  ────────', 'x  ab', 'y  不正検知']);
  });

  it('prints a printable ASCII table exactly as padding by length does', () => {
    const ascii = fc.string({ maxLength: 10 });
    fc.assert(
      fc.property(
        fc.array(ascii, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(ascii)),
        (headers, rows) => {
          const widths = headers.map((h, i) =>
            rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length),
          );
          const line = (cells: readonly string[]) =>
            cells
              .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
              .join('  ')
              .trimEnd();
          expect(renderTable(headers, rows)).toEqual([
            line(headers),
            line(widths.map((w) => '─'.repeat(w))),
            ...rows.map(line),
          ]);
        },
      ),
    );
  });
});

/** Rewrites a record through `aims record` with `change` applied, as a user editing it would. */
async function rerecord(ws: string, kind: string, id: string, change: Record<string, unknown>) {
  const record = JSON.parse(readFileSync(join(ws, `records/${kind}/${id}.json`), 'utf8')) as object;
  const draft = `${workspaces.scratch(id)}.json`;
  writeFileSync(draft, JSON.stringify({ ...record, ...change }));
  const run = await runCli(['record', kind, draft, '--workspace', ws, '--today', '2026-11-29']);
  expect(run.code, run.err).toBe(0);
}

/** Each table of a command's output: its rule line's column starts, and its header and rows. */
function tablesIn(output: string): { starts: number[]; lines: string[] }[] {
  const lines = output.split('\n');
  const tables: { starts: number[]; lines: string[] }[] = [];
  lines.forEach((line, i) => {
    if (!/^─+(?: {2}─+)*$/.test(line) || i === 0) return;
    const end = lines.findIndex((l, j) => j > i && l === '');
    tables.push({
      starts: ruleColumns(line),
      lines: [lines[i - 1]!, ...lines.slice(i + 1, end === -1 ? undefined : end)],
    });
  });
  return tables;
}

describe('status, readiness, calendar and soa on a register with wide and combining names', () => {
  it('every column of every table starts at its rule’s display column', async () => {
    const ws = workspaces.copy();
    // A system with gaps (so its name reaches readiness and calendar too), named in Japanese; another with
    // combining marks and zero-width characters; a control's justification with an emoji.
    await rerecord(ws, 'ai-system', 'sys-doc-extraction', { name: '不正検知スコア' });
    await rerecord(ws, 'ai-system', 'sys-claims-triage', { name: 'Cla\u0301ims\u200B tri\u00ADage\u200C' });
    await rerecord(ws, 'soa-entry', 'soa-A.10.2', { justification: '含まれる 👍🏽 see evidence' });
    const runs = {
      status: await runCli(['status', '--workspace', ws]),
      readiness: await runCli(['readiness', '--workspace', ws, '--today', '2026-11-29']),
      calendar: await runCli(['calendar', '--workspace', ws, '--today', '2026-11-29']),
      soa: await runCli(['soa', '--workspace', ws]),
    };
    for (const [command, run] of Object.entries(runs)) {
      expect(run.code, `${command}: ${run.err}`).toBe(0);
      const tables = tablesIn(run.out);
      expect(tables.length, command).toBeGreaterThan(0);
      for (const { starts, lines } of tables)
        for (const line of lines) {
          const shown = layout(line);
          // Each column after the first starts where its rule's run does, after two spaces of padding.
          for (const start of starts.slice(1)) {
            const at = shown.findIndex((c) => c.column === start);
            expect(
              at,
              `${command}: no character starts at column ${start} of ${JSON.stringify(line)}`,
            ).toBeGreaterThan(1);
            expect(
              shown[at - 1]!.cluster + shown[at - 2]!.cluster,
              `${command}: column ${start} of ${JSON.stringify(line)}`,
            ).toBe('  ');
          }
        }
    }
    expect(runs.status.out).toMatch(/^不正検知スコア {14}sam\.ito/m);
    expect(runs.status.out).toMatch(/^Cla\u0301ims triage\u200C {15}tom\.reyes/m);
    expect(runs.readiness.out).toContain('不正検知スコア');
    expect(runs.calendar.out).toContain('不正検知スコア');
    expect(runs.soa.out).toContain('含まれる 👍🏽 see evidence');
  });
});

describe('the one-column shortcut', () => {
  it('takes only characters string-width gives one column each, and never joins them', () => {
    const shortcut: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      if (oneColumnEach(char)) shortcut.push(unit);
    }
    // The ranges the register and the commands' words use (ASCII, Latin, dashes, arrows, box drawing, ✓ ✗).
    for (const char of ['a', 'é', 'ß', 'Ω', 'Ж', '—', '’', '…', '→', '─', '═', '✓', '✗'])
      expect(oneColumnEach(char), char).toBe(true);
    // Wide, emoji, combining, joining and invisible characters go to the library.
    for (const char of ['不', '한', 'Ａ', '✅', '\u0301', '\u200d', '\u00ad', '\ufe0f', '\ud83d'])
      expect(oneColumnEach(char), char).toBe(false);
    expect(shortcut.filter((unit) => stringWidth(String.fromCharCode(unit)) !== 1)).toEqual([]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...shortcut), { maxLength: 40 }), (units) => {
        const text = String.fromCharCode(...units);
        expect(oneColumnEach(text)).toBe(true);
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
    );
  });
});
