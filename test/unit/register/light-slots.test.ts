// Which cache entry a light read takes for which listed file. Matching by position (when the first segment
// names exactly the listed files) must give what matching name by name gives, whatever the segments hold:
// names listed or not, entries too young to use, files gone and back, names in no particular order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTLE_MS, lightSlots, type LightKindCache } from '../../../connectors/local/workspace/record-cache';

/** A segment as generated: entries (name, whether settled) and names gone. */
type Segment = { entries: [string, boolean][]; gone: string[] };

const name = fc.stringMatching(/^[ab.%-]{1,3}\.json$/);
const listingOf = (names: string[]) => [...new Set(names)].sort();

/** The cache a light read would have parsed from these segments (each written at `at`, limit at - SETTLE_MS). */
function cacheOf(segments: Segment[]): LightKindCache {
  const at = 1_000_000;
  const limit = at - SETTLE_MS;
  const ids: number[] = [];
  let offset = 0;
  const parts = segments.map(({ entries, gone }) => {
    for (const [, usable] of entries) {
      // mtime settled, ctime one ms too late when not: the later of the two decides.
      ids.push(1, 2, 3, limit - 10, usable ? limit : limit + 1);
    }
    const part = { joined: entries.map(([n]) => n).join('/'), count: entries.length, offset, limit, gone };
    offset += entries.length;
    return part;
  });
  return { identities: new Float64Array(ids), views: [], parts, segments: segments.length };
}

/** Name-by-name matching, the way it reads: a later entry or removal replaces an earlier one. */
function byName(segments: Segment[], listed: string[]) {
  const usable = new Map<string, number>();
  const held = new Set<string>();
  let position = 0;
  for (const { entries, gone } of segments) {
    for (const [n, settled] of entries) {
      held.add(n);
      if (settled) usable.set(n, position);
      else usable.delete(n);
      position++;
    }
    for (const n of gone) {
      held.delete(n);
      usable.delete(n);
    }
  }
  return {
    slots: listed.map((n) => usable.get(n) ?? -1),
    held: listed.map((n) => (held.has(n) ? 1 : 0)),
    stale: [...held].filter((n) => !listed.includes(n)).sort(),
    recorded: held.size,
  };
}

const segment = fc.record({
  entries: fc.uniqueArray(fc.tuple(name, fc.boolean()), { selector: ([n]) => n, maxLength: 8 }),
  gone: fc.array(name, { maxLength: 3 }),
});

describe('lightSlots', () => {
  it('gives, for every listed file, the entry name-by-name matching gives', () => {
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 10 }),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        (names, segments, firstIsListing, passJoined) => {
          const listed = listingOf(names);
          // Often the first segment names exactly the listed files, in order: the positional path.
          if (firstIsListing) {
            segments[0] = {
              entries: listed.map((n, i) => [n, segments[0]!.entries[i]?.[1] ?? true]),
              gone: segments[0]!.gone,
            };
          }
          const got = lightSlots(
            cacheOf(segments),
            passJoined ? { names: listed, joined: listed.join('/') } : { names: listed },
          );
          const want = byName(segments, listed);
          expect([...got.slots]).toEqual(want.slots);
          expect([...got.held]).toEqual(want.held);
          expect([...got.stale].sort()).toEqual(want.stale);
          expect(got.recorded).toBe(want.recorded);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes no entry by position when the first segment names other files than those listed', () => {
    const listed = ['a.json', 'b.json'];
    // Same count, other names: matched by name, so b.json's entry is found at its own position.
    const got = lightSlots(
      cacheOf([
        {
          entries: [
            ['b.json', true],
            ['c.json', true],
          ],
          gone: [],
        },
      ]),
      { names: listed, joined: listed.join('/') },
    );
    expect([...got.slots]).toEqual([-1, 0]);
    expect([...got.stale]).toEqual(['c.json']);
  });

  it('matching by position never asks the listing for its names', () => {
    const listed = ['a.json', 'b.json', 'c.json'];
    let asked = 0;
    const listing = {
      get names() {
        asked++;
        return listed;
      },
      joined: listed.join('/'),
    };
    const cache = cacheOf([{ entries: listed.map((n) => [n, true] as [string, boolean]), gone: [] }]);
    const got = lightSlots(cache, listing, listed.length);
    expect([...got.slots]).toEqual([0, 1, 2]);
    expect(got.recorded).toBe(3);
    expect(asked).toBe(0);
    // A later segment naming a file gone: that one is looked up by name.
    cache.parts.push({ joined: '', count: 0, offset: 3, limit: 0, gone: ['b.json'] });
    expect([...lightSlots(cache, listing, listed.length).slots]).toEqual([0, -1, 2]);
    expect(asked).toBeGreaterThan(0);
  });
});
