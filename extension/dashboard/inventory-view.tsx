// The inventory (clause 4.3 scope, Annex A.4 resources): search, filters, sortable columns and a
// virtualised body, so 5,000 systems scroll as smoothly as 5. The background filters and sorts every
// system; the table reads the pages it shows. CSV export of what is shown.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { toCsv } from '../../shared/render/csv';
import { NO_FILTERS, modelsOf, type InventoryFilters, type SortKey } from '../background/inventory-query';
import { label } from '../components/labels';
import { download } from './data';
import { allRows, useInventoryRows } from './inventory-pages';

const COLUMNS: { key: SortKey; title: string }[] = [
  { key: 'name', title: 'Name' },
  { key: 'owner', title: 'Owner' },
  { key: 'lifecycleStage', title: 'Lifecycle' },
  { key: 'deploymentStatus', title: 'Deployment' },
  { key: 'inventoryState', title: 'Inventory state' },
  { key: 'models', title: 'Models' },
];
const ROW_HEIGHT = 36;

export function InventoryView({
  generation,
  onOpen,
  onTotal,
}: {
  /** Bumped when the register changed: the pages are read again. */
  generation: number;
  onOpen: (id: string) => void;
  /** Told the number of systems in the register whenever a page says it. */
  onTotal?: (total: number) => void;
}) {
  const [filters, setFilters] = useState<InventoryFilters>(NO_FILTERS);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const deferred = useDeferredValue(filters);
  const order = useMemo(
    () => ({ filters: deferred, sort: sort.key, ascending: sort.ascending }),
    [deferred, sort],
  );
  const rows = useInventoryRows(order, generation);
  const ready = rows.state === 'ready' ? rows : undefined;
  const total = ready?.total;
  useEffect(() => {
    if (total !== undefined) onTotal?.(total);
  }, [total, onTotal]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: ready?.matched ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index;
  const last = items.at(-1)?.index;
  useEffect(() => {
    if (first !== undefined && last !== undefined) ready?.need(first, last);
  }, [ready, first, last]);
  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const set = (patch: Partial<InventoryFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const [exportError, setExportError] = useState('');
  const exportCsv = async () => {
    let shown;
    try {
      shown = await allRows(order);
    } catch (error) {
      return setExportError(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    }
    setExportError('');
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
        shown.map((s) => [
          s.id,
          s.name,
          s.purpose,
          s.owner ?? '',
          s.lifecycleStage,
          s.deploymentStatus,
          s.inventoryState,
          s.inScope ? 'yes' : 'no',
          modelsOf(s),
        ]),
      ),
    );
  };

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
          <select
            value={filters.lifecycle}
            onChange={(e) => set({ lifecycle: e.target.value as InventoryFilters['lifecycle'] })}
          >
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
          <select
            value={filters.state}
            onChange={(e) => set({ state: e.target.value as InventoryFilters['state'] })}
          >
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
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </form>
      <p role="status" className="muted" data-testid="inventory-count" aria-busy={ready?.stale ?? true}>
        {ready
          ? `${ready.matched} of ${ready.total} AI systems`
          : rows.state === 'failed'
            ? ''
            : 'Reading the inventory…'}
      </p>
      {rows.state === 'failed' ? (
        <p role="alert" className="error">
          Could not read the inventory: {rows.error}
        </p>
      ) : null}
      {exportError ? (
        <p role="alert" className="error">
          {exportError}
        </p>
      ) : null}
      <div ref={scroller} className="virtual-scroll" tabIndex={0} aria-label="Inventory table, scrollable">
        <table className="inventory" aria-rowcount={(ready?.matched ?? 0) + 1}>
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
              const s = ready?.rowAt(item.index);
              if (!s) {
                // Its page is on its way: a row of the right height keeps the scroll position.
                return (
                  <tr key={`row-${item.index}`} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                    <td colSpan={COLUMNS.length} className="muted">
                      …
                    </td>
                  </tr>
                );
              }
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
                  <td>{modelsOf(s) || '—'}</td>
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
