import type { ReactNode } from "react";

/**
 * One column of a list table. Columns are data, not markup, so a page declares what it shows once and the table
 * keeps the semantics (scoped headers, the narrow-screen rule, the actions column) the same on every list. The `id`
 * is stable: it keys the React tree and is what sorting and remembered column choices refer to.
 */
export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Detail that gives way on narrow screens (hidden below the phone breakpoint). */
  secondary?: boolean;
  /** Extra classes for the column's cells, e.g. `mono` for addresses, `nowrap` for dates. */
  className?: string;
}

export interface DataTableProps<T extends { id: string }> {
  columns: Column<T>[];
  rows: T[];
  /** Names the table for screen readers: the id of the card's heading, or a label when the card has none. */
  labelledBy?: string;
  label?: string;
  /** The row's own actions (edit, delete…), in a last column whose header only screen readers hear. */
  actions?: (row: T) => ReactNode;
  /** Marks a row as the current one (e.g. the rule that decided), for sight and for screen readers. */
  current?: (row: T) => boolean;
}

function cellClass<T>(column: Column<T>): string | undefined {
  return [column.secondary ? "hide-sm" : null, column.className].filter(Boolean).join(" ") || undefined;
}

export function DataTable<T extends { id: string }>({
  columns,
  rows,
  labelledBy,
  label,
  actions,
  current,
}: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="data" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.secondary ? "hide-sm" : undefined}>
                {column.header}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} aria-current={current?.(row) ? "true" : undefined}>
              {columns.map((column) => (
                <td key={column.id} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
              {actions ? <td className="cell-actions">{actions(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
