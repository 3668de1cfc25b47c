// The inventory's filter and sort: the order String#localeCompare('en') gives (accents, case and
// digits as people expect), ties broken by id, descending the exact reverse, filters combined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSystems, type InventoryFilters } from '../../../extension/background/inventory-query';
import { demoOrganisation } from '../../../shared/demo';
import type { AiSystem } from '../../../shared/model';

const ALL: InventoryFilters = { query: '', lifecycle: '', state: '', scope: 'all' };
const demo = demoOrganisation('2026-11-29').records.filter(
  (r) => r.kind === 'ai-system',
) as unknown as AiSystem[];
const named = (id: string, name: string): AiSystem => ({ ...demo[0]!, id, name });

describe('inventory filter and sort', () => {
  it('orders names as localeCompare in English does, ties by id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,8}$/), fc.string({ maxLength: 6 })), {
          maxLength: 40,
        }),
        (pairs) => {
          const systems = pairs.map(([id, name], i) => named(`${id}-${i}`, name));
          const sorted = filterSystems(systems, ALL, 'name', true).map((s) => s.id);
          const expected = [...systems]
            .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id))
            .map((s) => s.id);
          expect(sorted).toEqual(expected);
          expect(filterSystems(systems, ALL, 'name', false).map((s) => s.id)).toEqual(
            [...expected].reverse(),
          );
        },
      ),
    );
  });

  it('puts Émile between Eliza and Frank, and b2 before b10 only as the collator says', () => {
    const systems = [named('s1', 'Frank'), named('s2', 'Émile'), named('s3', 'eliza'), named('s4', 'Eliza')];
    expect(filterSystems(systems, ALL, 'name', true).map((s) => s.name)).toEqual([
      'eliza',
      'Eliza',
      'Émile',
      'Frank',
    ]);
  });

  it('combines the query with the filters', () => {
    const inScope = demo.filter((s) => s.inScope);
    expect(filterSystems(demo, { ...ALL, scope: 'in' }, 'name', true)).toHaveLength(inScope.length);
    const first = demo[0]!;
    expect(
      filterSystems(demo, { ...ALL, query: first.id.toUpperCase() }, 'name', true).map((s) => s.id),
    ).toContain(first.id);
    expect(filterSystems(demo, { ...ALL, query: '<img src=x onerror=alert(1)>' }, 'name', true)).toEqual([]);
  });
});
