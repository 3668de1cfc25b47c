// The dashboard's one table shape for records: named for assistive technology (aria-label), column
// headers scoped to their columns, each row's first cell its row header. Views give columns as
// config; cells render React nodes, so page-derived text stays text. No rows is a sentence, not a table:
// a header over nothing reads as a failed load (and a screen reader announces a table of zero rows).
import type { ReactNode } from 'react';
import type { EventEntry } from '../../shared/model';

export interface Column<T> {
  /** The column header's text (also the React key: unique within a table). */
  title: string;
  /** The cell for one row. */
  cell: (row: T) => ReactNode;
}

/** Attributes a row may carry besides its cells (a class, data-* hooks for tests and styles). */
export type RowAttributes = { className?: string } & {
  [data: `data-${string}`]: string | number | undefined;
};

export function RecordTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowAttributes,
  className,
  empty,
}: {
  /** The table's accessible name. */
  label: string;
  /** At least one column; the first gives each row's header cell. */
  columns: readonly [Column<T>, ...Column<T>[]];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  rowAttributes?: (row: T) => RowAttributes;
  className?: string;
  /** What is shown instead of the table when there are no rows, e.g. 'No gaps.' (required: every view says it). */
  empty: string;
}) {
  const [head, ...rest] = columns;
  if (rows.length === 0)
    return (
      <p className="muted empty" data-empty-table={label}>
        {empty}
      </p>
    );
  return (
    <table aria-label={label} className={className}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title} scope="col">
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)} {...rowAttributes?.(row)}>
            <th scope="row">{head.cell(row)}</th>
            {rest.map((c) => (
              <td key={c.title}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Events from the log, one line each: sequence number, day, who, what, on which record, why. */
export function EventHistory({ label, events }: { label: string; events: readonly EventEntry[] }) {
  return (
    <ol aria-label={label} className="history">
      {events.map((e) => (
        <li key={e.seq}>
          #{e.seq} {e.at.slice(0, 10)} {e.actor} {e.action} {e.recordKind} {e.recordId}: {e.summary}
        </li>
      ))}
    </ol>
  );
}
