import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findById, hasId, indexBy } from '../../../shared/processes/lookup';

interface Item {
  id: string;
  owner?: string;
  tags: string[];
}

const key = fc.constantFrom('a', 'b', 'c', 'd', 'constructor', '__proto__', '');
const item = fc.record(
  { id: fc.string({ maxLength: 3 }), owner: key, tags: fc.array(key, { maxLength: 4 }) },
  { requiredKeys: ['id', 'tags'] },
);

describe('list indexes answer what a scan of the list would', () => {
  const byOwner = indexBy((i: Item) => i.owner);
  const byTag = indexBy((i: Item) => i.tags);

  it('by one key: the same items, in list order, and the first is what find returns', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), key, (list, k) => {
        expect(byOwner.all(list, k)).toEqual(list.filter((i) => i.owner === k));
        expect(byOwner.first(list, k)).toBe(list.find((i) => i.owner === k));
      }),
    );
  });

  it('by several keys: an item listed under a key twice comes back once', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), key, (list, k) => {
        expect(byTag.all(list, k)).toEqual(list.filter((i) => i.tags.includes(k)));
      }),
    );
  });

  it('a list appended to after it was indexed is indexed again', () => {
    const list: Item[] = [{ id: '1', owner: 'a', tags: [] }];
    expect(byOwner.all(list, 'a')).toHaveLength(1);
    list.push({ id: '2', owner: 'a', tags: [] });
    expect(byOwner.all(list, 'a').map((i) => i.id)).toEqual(['1', '2']);
  });

  it('another list with the same items is its own index; an absent key gives an empty list', () => {
    const one: Item[] = [{ id: '1', owner: 'a', tags: [] }];
    const other: Item[] = [{ id: '2', owner: 'b', tags: [] }];
    expect(byOwner.all(one, 'a').map((i) => i.id)).toEqual(['1']);
    expect(byOwner.all(other, 'a')).toEqual([]);
    expect(byOwner.first(other, 'zzz')).toBeUndefined();
  });
});

describe('hasId answers what a scan of the list would', () => {
  const id = fc.string({ maxLength: 3 });
  const ascending = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('over a list sorted by id (searched by halves) and over any other list', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id }), { maxLength: 40, selector: (r) => r.id }),
        fc.array(fc.record({ id }), { maxLength: 40 }),
        id,
        (unique, any, wanted) => {
          const sorted = [...unique].sort(ascending);
          expect(hasId(sorted, wanted)).toBe(sorted.some((r) => r.id === wanted));
          expect(hasId(any, wanted)).toBe(any.some((r) => r.id === wanted));
        },
      ),
    );
  });

  it('a sorted list appended to out of order is checked again', () => {
    const list = [{ id: 'a' }, { id: 'c' }];
    expect(hasId(list, 'c')).toBe(true);
    expect(hasId(list, 'b')).toBe(false);
    list.push({ id: 'b' });
    expect(hasId(list, 'b')).toBe(true);
    expect(hasId(list, 'c')).toBe(true);
  });
});

describe('findById returns what list.find would', () => {
  const id = fc.string({ maxLength: 3 });
  const ascending = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('the same record (not a copy), over a list sorted by id and over any other, repeats included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id, n: fc.nat() }), { maxLength: 40, selector: (r) => r.id }),
        fc.array(fc.record({ id, n: fc.nat() }), { maxLength: 40 }),
        id,
        (unique, any, wanted) => {
          const sorted = [...unique].sort(ascending);
          expect(findById(sorted, wanted)).toBe(sorted.find((r) => r.id === wanted));
          expect(findById(any, wanted)).toBe(any.find((r) => r.id === wanted));
          for (const r of sorted) expect(findById(sorted, r.id)).toBe(r);
        },
      ),
    );
  });

  it('a sorted list appended to out of order is checked again and searched by index', () => {
    const list = [{ id: 'a' }, { id: 'c' }];
    expect(findById(list, 'c')).toBe(list[1]);
    list.push({ id: 'b' }, { id: 'b' });
    expect(findById(list, 'b')).toBe(list[2]);
    expect(findById(list, 'z')).toBeUndefined();
  });
});
