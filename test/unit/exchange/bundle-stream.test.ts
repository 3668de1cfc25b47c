// Reading a bundle's JSON text in chunks gives the same items as parsing it whole, wherever the chunks
// are cut (inside strings, escapes, numbers, between brackets), and refuses text that is no bundle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finishBundleText,
  initialSplitState,
  splitBundleText,
  MAX_ITEM_CHARS,
  type BundleSplitState,
} from '../../../shared/exchange/bundle-stream';

/** Items and envelope read from `text` cut at `cuts` (positions, any order). */
function readInChunks(text: string, cuts: number[]) {
  const edges = [...new Set([0, ...cuts.map((c) => c % (text.length + 1)), text.length])].sort(
    (a, b) => a - b,
  );
  let state: BundleSplitState = initialSplitState();
  const items = { records: [] as unknown[], events: [] as unknown[] };
  for (let i = 0; i + 1 < edges.length; i++) {
    const out = splitBundleText(state, text.slice(edges[i], edges[i + 1]));
    items.records.push(...out.records.map((t) => JSON.parse(t) as unknown));
    items.events.push(...out.events.map((t) => JSON.parse(t) as unknown));
    state = out.state;
  }
  return { items, ...finishBundleText(state) };
}

const envelope = { format: 'aims-lens-workspace-bundle', version: 1, exportedAt: 'x', exportedBy: 'y' };

describe('reading a bundle in chunks', () => {
  it('gives the items of the whole parse for any items and any cuts', () => {
    // Items with every JSON value: strings holding brackets, quotes, backslashes and non-ASCII text.
    const item = fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 6 }),
        fc.array(item, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (records, events, cuts, pretty) => {
          const bundle = { ...envelope, records, events };
          const text = pretty ? JSON.stringify(bundle, null, 2) : JSON.stringify(bundle);
          const read = readInChunks(text, cuts);
          expect(read.items).toEqual(JSON.parse(JSON.stringify({ records, events })));
          expect(read).toMatchObject({ header: envelope, records: records.length, events: events.length });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the arrays in either order and a byte-order mark before the text', () => {
    const text = `\uFEFF { "events" : [ ] , "exportedBy":"y","records":[ {"a":"]"} ],"format":"aims-lens-workspace-bundle","version":1,"exportedAt":"x" }\n`;
    expect(readInChunks(text, [3, 20, 40])).toMatchObject({ items: { records: [{ a: ']' }], events: [] } });
  });

  it('names what is wrong with text that is no bundle', () => {
    const read = (text: string) => () => readInChunks(text, [5]);
    expect(read('{"records":[],"events":[]}')).toThrow(/not a workspace bundle: format: /);
    expect(
      read(
        '{"records":[],"events":[],"format":"aims-lens-workspace-bundle","version":1,"exportedAt":"x","exportedBy":"y","extra":1}',
      ),
    ).toThrow(/Unrecognized key/);
    expect(read('{"records":[],"format":"aims-lens-workspace-bundle"}')).toThrow(/events: missing/);
    expect(read('{"records":[1,2],"events":[]')).toThrow(/ends early \(inside the top-level object\)/);
    expect(read('{"records":[1,2')).toThrow(/ends early \(inside records item 1\)/);
    expect(read('')).toThrow(/ends early \(before it began\)/);
    expect(read('{"records":[1,]}')).toThrow(/records: an empty item after item 0/);
    expect(read('{"records":[1}]}')).toThrow(/closing brace where the array should end/);
    expect(read('{"records":[] x,"events":[]}')).toThrow(/unexpected text after an array/);
    expect(read('{"a":1,}')).toThrow(/an empty field/);
    expect(read('{"records":[],"events":[],"format":nope}')).toThrow(/fields are not JSON/);
  });

  it('refuses an item longer than the cap, whatever the chunks', () => {
    let state = splitBundleText(initialSplitState(), '{"records":["').state;
    const piece = 'x'.repeat(1024 * 1024);
    expect(() => {
      for (let i = 0; i <= MAX_ITEM_CHARS / piece.length; i++) state = splitBundleText(state, piece).state;
    }).toThrow(/records item 0 exceeds/);
  });

  it('does not change the state it is given', () => {
    const start = initialSplitState();
    const out = splitBundleText(start, '{"records":[{"a":1},');
    expect(start).toEqual(initialSplitState());
    expect(out.records).toEqual(['{"a":1}']);
  });
});
