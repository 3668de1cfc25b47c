// The fast canonical path must give exactly what the strict parser and canonicalJson give, and refuse
// exactly what they refuse, for any text: files the register wrote, and files someone edited by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../connectors/local/workspace/layout';
import type { EventEntry } from '../../../shared/model';
import {
  canonicalEntryJson,
  canonicalJson,
  parseCanonical,
  parseCompactLine,
  parseJsonStrict,
} from '../../../shared/register';

/** What the slow path answers: the value, its canonical text, or the refusal's message. */
function strict(text: string): { value?: unknown; canonical?: string; error?: string } {
  try {
    const value = parseJsonStrict(text);
    return { value, canonical: canonicalJson(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function fast(
  text: string,
  layout: 'pretty' | 'compact',
): { value?: unknown; canonical?: string; error?: string } {
  try {
    return parseCanonical(text, layout);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const expectSame = (text: string) => {
  const expected = strict(text);
  expect(fast(text, 'pretty')).toEqual(expected);
  expect(fast(text, 'compact')).toEqual(expected);
};

/** Strings of any UTF-16 code units, lone surrogates included. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));
const keys = fc.oneof(
  codeUnits,
  fc.constantFrom('__proto__', 'constructor', '0', '1', '10', '2', '01', '-1', '4294967295', 'a', 'b', 'id'),
);
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 1e21, 1e-7, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1),
);
const primitives = fc.oneof(fc.constant(null), fc.boolean(), numbers, codeUnits);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    numbers,
    codeUnits,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('parseCanonical (the fast canonical path) against parseJsonStrict + canonicalJson', () => {
  it('agrees on the text the register writes (sorted keys, two-space indent, final newline)', () => {
    fc.assert(
      fc.property(json, (value) => expectSame(prettyJson(value))),
      { numRuns: 400 },
    );
  });

  it('agrees on any serialisation of any value: unsorted keys, compact, indented, extra whitespace', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(0, 1, 2, 4, '\t', ' \n '), (value, indent) =>
        expectSame(JSON.stringify(value, null, indent) + (indent === 2 ? '\n' : '')),
      ),
      { numRuns: 400 },
    );
  });

  it('agrees on arbitrary text, valid or not', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => expectSame(text)),
      { numRuns: 400 },
    );
  });

  it('agrees on text with a member duplicated (it must be refused the same way)', () => {
    fc.assert(
      fc.property(
        // Members on one line each (primitive values), so a line is a whole member.
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), primitives, { minKeys: 1, maxKeys: 4 }),
        fc.nat(),
        (object, pick) => {
          const text = prettyJson(object);
          const lines = text.split('\n');
          // A member line of the top object (two-space indent), repeated right after itself.
          const members = lines.flatMap((line, i) => (/^ {2}"/.test(line) ? [i] : []));
          const at = members[pick % members.length]!;
          const line = lines[at]!.replace(/,$/, '');
          lines.splice(at, 1, line + ',', lines[at]!.endsWith(',') ? line + ',' : line);
          const forged = lines.join('\n');
          expectSame(forged);
          expect(() => parseCanonical(forged)).toThrow(/duplicate key/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['duplicate key', '{\n  "a": 1,\n  "a": 2\n}\n'],
    ['duplicate key spelled with an escape', '{\n  "a": 1,\n  "\\u0061": 2\n}\n'],
    ['duplicate key, nested', '{\n  "x": {\n    "b": 1,\n    "b": 1\n  }\n}\n'],
    ['unsorted keys', '{\n  "b": 1,\n  "a": 2\n}\n'],
    ['unsorted keys, nested in an array', '{\n  "a": [\n    {\n      "z": 1,\n      "y": 2\n    }\n  ]\n}\n'],
    ['array-index keys', '{\n  "10": 1,\n  "2": 2,\n  "b": 3\n}\n'],
    ['array-index keys in text order', '{\n  "2": 1,\n  "10": 2,\n  "b": 3\n}\n'],
    ['__proto__ key', '{\n  "__proto__": {\n    "x": 1\n  },\n  "a": 1\n}\n'],
    ['\\u escape of a plain letter', '{\n  "a": "\\u0041"\n}\n'],
    ['\\u escape of a control character', '{\n  "a": "\\u0001"\n}\n'],
    ['escaped slash', '{\n  "a": "\\/"\n}\n'],
    ['lone high surrogate escaped', '{\n  "a": "\\ud800"\n}\n'],
    ['lone low surrogate escaped', '{\n  "a": "x\\udc00y"\n}\n'],
    ['lone surrogate raw', '{\n  "a": "\ud800"\n}\n'],
    ['surrogate pair escaped', '{\n  "a": "\\ud83d\\ude00"\n}\n'],
    ['number 1e2', '{\n  "a": 1e2\n}\n'],
    ['number 1.0', '{\n  "a": 1.0\n}\n'],
    ['number -0', '{\n  "a": -0\n}\n'],
    ['number 1E+2', '{\n  "a": 1E+2\n}\n'],
    ['huge number', '{\n  "a": 1e400\n}\n'],
    ['huge integer', '{\n  "a": 123456789012345678901234567890\n}\n'],
    ['tiny number', '{\n  "a": 5e-324\n}\n'],
    ['no final newline', '{\n  "a": 1\n}'],
    ['two final newlines', '{\n  "a": 1\n}\n\n'],
    ['CRLF line ends', '{\r\n  "a": 1\r\n}\r\n'],
    ['tab indent', '{\n\t"a": 1\n}\n'],
    ['compact', '{"a":1}'],
    ['spaces inside', '{ "a" : 1 }\n'],
    ['byte order mark', '\ufeff{\n  "a": 1\n}\n'],
    ['trailing data', '{\n  "a": 1\n}\n{}'],
    ['trailing comma', '{\n  "a": 1,\n}\n'],
    ['empty text', ''],
    ['only whitespace', ' \n'],
    ['a bare string', '"x"\n'],
    ['a bare number', '1\n'],
    ['null', 'null\n'],
    ['empty object', '{}\n'],
    ['empty array', '[]\n'],
    ['deep nesting', '['.repeat(200) + ']'.repeat(200) + '\n'],
  ])('hostile case: %s', (_name, text) => expectSame(text));
});

describe('parseCompactLine (the event log) against parseJsonStrict', () => {
  const same = (line: string) => {
    const expected = strict(line);
    let got: { value?: unknown; error?: string };
    try {
      got = { value: parseCompactLine(line) };
    } catch (error) {
      got = { error: (error as Error).message };
    }
    expect(got.error).toBe(expected.error);
    if (!expected.error) expect(got.value).toEqual(expected.value);
  };

  it('agrees on any value written compactly, and on arbitrary text', () => {
    fc.assert(
      fc.property(json, (value) => same(JSON.stringify(value))),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 40 }), same), { numRuns: 300 });
  });

  it.each([
    ['duplicate key', '{"seq":1,"seq":2}'],
    ['duplicate key by escape', '{"seq":1,"s\\u0065q":2}'],
    ['spaces', '{ "seq": 1 }'],
    ['trailing data', '{"seq":1} {}'],
    ['byte order mark', '\ufeff{"seq":1}'],
  ])('hostile case: %s', (_name, line) => same(line));
});

describe('canonicalEntryJson against canonicalJson', () => {
  const entries = fc.record({
    seq: fc.oneof(fc.nat(), fc.constantFrom(-0, 1e21, Number.NaN)),
    at: codeUnits,
    actor: codeUnits,
    action: codeUnits,
    recordKind: codeUnits,
    recordId: codeUnits,
    cause: codeUnits,
    summary: codeUnits,
    recordHash: codeUnits,
    prevHash: codeUnits,
  });

  it('gives canonicalJson for entries with the schema fields, in any key order', () => {
    fc.assert(
      fc.property(entries, fc.nat(), (entry, rotate) => {
        const pairs = Object.entries(entry);
        const shuffled = Object.fromEntries([
          ...pairs.slice(rotate % pairs.length),
          ...pairs.slice(0, rotate % pairs.length),
        ]) as Omit<EventEntry, 'hash'>;
        expect(canonicalEntryJson(shuffled)).toBe(canonicalJson(shuffled));
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to canonicalJson for anything else: extra, missing, undefined or odd-typed fields', () => {
    fc.assert(
      fc.property(entries, json, keys, (entry, extra, key) => {
        const odd = [
          { ...entry, [key]: extra },
          { ...entry, seq: String(entry.seq) },
          { ...entry, summary: undefined },
          { ...entry, cause: extra },
          Object.fromEntries(Object.entries(entry).slice(1)),
        ] as unknown as Omit<EventEntry, 'hash'>[];
        for (const value of odd) expect(canonicalEntryJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 200 },
    );
  });
});
