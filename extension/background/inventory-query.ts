// The inventory's search, filters and sort (clause 4.3 scope, Annex A.4 resources), in one place: the
// background answers `inventory/list` with them over every system, the dashboard asks for pages.
import { z } from 'zod';
import { InventoryState, LifecycleStage, type AiSystem } from '../../shared/model';

export const SORT_KEYS = [
  'name',
  'owner',
  'lifecycleStage',
  'deploymentStatus',
  'inventoryState',
  'models',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Systems per page when a request names no limit; the most one page may hold. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/**
 * What one `inventory/list` asks for. Every field is optional: no field at all is the first
 * {@link DEFAULT_PAGE} systems by name. `query` matches name, purpose, owner, id and models, case-blind;
 * empty filters match everything.
 */
export const InventoryQuery = z.strictObject({
  query: z.string().max(500).optional(),
  lifecycle: z.union([z.literal(''), LifecycleStage]).optional(),
  state: z.union([z.literal(''), InventoryState]).optional(),
  scope: z.enum(['all', 'in', 'out']).optional(),
  sort: z.enum(SORT_KEYS).optional(),
  ascending: z.boolean().optional(),
  /** First row of the page, 0-based, in the filtered and sorted order. */
  offset: z.number().int().nonnegative().max(10_000_000).optional(),
  limit: z.number().int().nonnegative().max(MAX_PAGE).optional(),
});
export type InventoryQuery = z.infer<typeof InventoryQuery>;

export interface InventoryFilters {
  query: string;
  lifecycle: '' | LifecycleStage;
  state: '' | z.infer<typeof InventoryState>;
  scope: 'all' | 'in' | 'out';
}

export const NO_FILTERS: InventoryFilters = { query: '', lifecycle: '', state: '', scope: 'all' };

/** The system's model components' ids, comma-separated (the Models column). */
export const modelsOf = (s: AiSystem) =>
  s.components
    .filter((c) => c.kind === 'model')
    .map((c) => c.id)
    .join(', ');
const cell = (s: AiSystem, key: SortKey) =>
  key === 'models' ? modelsOf(s) : key === 'owner' ? (s.owner ?? '') : String(s[key]);

const COLLATOR = new Intl.Collator('en');
/** Ties broken by id in the same order String#localeCompare without a locale gives. */
const ID_ORDER = (a: string, b: string) => a.localeCompare(b);

/** Systems matching the filters, sorted by `sort` (ties by id); descending is the exact reverse. */
export function filterSystems(
  systems: readonly AiSystem[],
  f: InventoryFilters,
  sort: SortKey,
  ascending: boolean,
): AiSystem[] {
  const q = f.query.trim().toLowerCase();
  const rows = systems.filter(
    (s) =>
      (f.lifecycle === '' || s.lifecycleStage === f.lifecycle) &&
      (f.state === '' || s.inventoryState === f.state) &&
      (f.scope === 'all' || s.inScope === (f.scope === 'in')) &&
      (q === '' ||
        [s.name, s.purpose, s.owner ?? '', s.id, modelsOf(s)].some((v) => v.toLowerCase().includes(q))),
  );
  const direction = ascending ? 1 : -1;
  // One collator and each row's key computed once: String#localeCompare with a locale builds its
  // collation per call, which at 5,000 systems took most of the inventory's first render.
  const keyed = rows.map((s) => ({ s, key: cell(s, sort) }));
  keyed.sort((a, b) => direction * (COLLATOR.compare(a.key, b.key) || ID_ORDER(a.s.id, b.s.id)));
  return keyed.map((k) => k.s);
}

/** The filters, sort and page a query names, with every default filled in. */
export function normalise(q: InventoryQuery): {
  filters: InventoryFilters;
  sort: SortKey;
  ascending: boolean;
  offset: number;
  limit: number;
} {
  return {
    filters: {
      query: q.query ?? '',
      lifecycle: q.lifecycle ?? '',
      state: q.state ?? '',
      scope: q.scope ?? 'all',
    },
    sort: q.sort ?? 'name',
    ascending: q.ascending ?? true,
    offset: q.offset ?? 0,
    limit: q.limit ?? DEFAULT_PAGE,
  };
}
