// The inventory (clause 4.3 scope, Annex A.4 resources): search, filters, sortable columns and a
// virtualised body, so 5,000 systems scroll as smoothly as 5. CSV export of what is shown.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { AiSystem } from '../../shared/model';
import { toCsv } from '../../shared/render/csv';
import { label } from '../components/labels';
import { download } from './data';

type SortKey = 'name' | 'owner' | 'lifecycleStage' | 'deploymentStatus' | 'inventoryState' | 'models';
const COLUMNS: { key: SortKey; title: string }[] = [
  { key: 'name', title: 'Name' },
  { key: 'owner', title: 'Owner' },
  { key: 'lifecycleStage', title: 'Lifecycle' },
  { key: 'deploymentStatus', title: 'Deployment' },
  { key: 'inventoryState', title: 'Inventory state' },
  { key: 'models', title: 'Models' },
];
const ROW_HEIGHT = 36;

const models = (s: AiSystem) =>
  s.components
    .filter((c) => c.kind === 'model')
    .map((c) => c.id)
    .join(', ');
const cell = (s: AiSystem, key: SortKey) =>
  key === 'models' ? models(s) : key === 'owner' ? (s.owner ?? '') : String(s[key]);

const COLLATOR = new Intl.Collator('en');
/** Ties broken by id in the same order String#localeCompare without a locale gives. */
const ID_ORDER = (a: string, b: string) => a.localeCompare(b);

export interface InventoryFilters {
  query: string;
  lifecycle: string;
  state: string;
  scope: 'all' | 'in' | 'out';
}

/** Systems matching the filters, sorted; the query matches name, purpose, owner, id and models. */
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
        [s.name, s.purpose, s.owner ?? '', s.id, models(s)].some((v) => v.toLowerCase().includes(q))),
  );
  const direction = ascending ? 1 : -1;
  // One collator and each row's key computed once: String#localeCompare with a locale builds its
  // collation per call, which at 5,000 systems took most of the inventory's first render.
  const keyed = rows.map((s) => ({ s, key: cell(s, sort) }));
  keyed.sort((a, b) => direction * (COLLATOR.compare(a.key, b.key) || ID_ORDER(a.s.id, b.s.id)));
  return keyed.map((k) => k.s);
}

export function InventoryView({
  systems,
  onOpen,
}: {
  systems: readonly AiSystem[];
  onOpen: (id: string) => void;
}) {
  const [filters, setFilters] = useState<InventoryFilters>({
    query: '',
    lifecycle: '',
    state: '',
    scope: 'all',
  });
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const deferred = useDeferredValue(filters);
  const rows = useMemo(
    () => filterSystems(systems, deferred, sort.key, sort.ascending),
    [systems, deferred, sort],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtual.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const set = (patch: Partial<InventoryFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const exportCsv = () =>
    download(
      'aims-inventory.csv',
      'text/csv',
      toCsv(
        [
          'id',
          'name',
          'purpose',
          'owner',
          'lifecycle',
          'deployment',
          'inventory state',
          'in scope',
          'models',
        ],
        rows.map((s) => [
          s.id,
          s.name,
          s.purpose,
          s.owner ?? '',
          s.lifecycleStage,
          s.deploymentStatus,
          s.inventoryState,
          s.inScope ? 'yes' : 'no',
          models(s),
        ]),
      ),
    );

  return (
    <section aria-labelledby="inventory-heading">
      <h2 id="inventory-heading">AI system inventory</h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search{' '}
          <input type="search" value={filters.query} onChange={(e) => set({ query: e.target.value })} />
        </label>
        <label>
          Lifecycle
          <select value={filters.lifecycle} onChange={(e) => set({ lifecycle: e.target.value })}>
            <option value="">all</option>
            {['design', 'development', 'verification', 'deployment', 'operation', 'retirement'].map((v) => (
              <option key={v} value={v}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Inventory state
          <select value={filters.state} onChange={(e) => set({ state: e.target.value })}>
            <option value="">all</option>
            {['discovered-unreviewed', 'confirmed', 'rejected', 'vanished'].map((v) => (
              <option key={v} value={v}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Scope
          <select
            value={filters.scope}
            onChange={(e) => set({ scope: e.target.value as InventoryFilters['scope'] })}
          >
            <option value="all">all</option>
            <option value="in">in scope</option>
            <option value="out">out of scope</option>
          </select>
        </label>
        <button type="button" onClick={exportCsv}>
          Export CSV
        </button>
      </form>
      <p role="status" className="muted" data-testid="inventory-count">
        {rows.length} of {systems.length} AI systems
      </p>
      <div ref={scroller} className="virtual-scroll" tabIndex={0} aria-label="Inventory table, scrollable">
        <table className="inventory" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      setSort((s) => ({ key: c.key, ascending: s.key === c.key ? !s.ascending : true }))
                    }
                  >
                    {c.title}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 ? <tr aria-hidden="true" style={{ height: before }} /> : null}
            {items.map((item) => {
              const s = rows[item.index];
              if (!s) return null;
              return (
                <tr
                  key={s.id}
                  data-system-id={s.id}
                  aria-rowindex={item.index + 2}
                  style={{ height: ROW_HEIGHT }}
                >
                  <th scope="row">
                    <a
                      href={`#system/${encodeURIComponent(s.id)}`}
                      onClick={(e) => (e.preventDefault(), onOpen(s.id))}
                    >
                      {s.name}
                    </a>
                  </th>
                  <td>{s.owner ?? '—'}</td>
                  <td>{label(s.lifecycleStage)}</td>
                  <td>{label(s.deploymentStatus)}</td>
                  <td>{label(s.inventoryState)}</td>
                  <td>{models(s) || '—'}</td>
                </tr>
              );
            })}
            {after > 0 ? <tr aria-hidden="true" style={{ height: after }} /> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
