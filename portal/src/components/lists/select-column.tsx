import type { Column } from "./data-table";

/** The checkbox a BulkBar reads; plain markup, so the rows stay server-rendered. */
export const BULK_SELECT = "data-bulk-select";

/** A first column of checkboxes that select rows for the list's BulkBar, each named after its row. */
export function selectColumn<T extends { id: string }>(name: (row: T) => string): Column<T> {
  return {
    id: "select",
    header: "Select",
    className: "cell-select",
    cell: (row) => (
      <input type="checkbox" value={row.id} aria-label={`Select ${name(row)}`} {...{ [BULK_SELECT]: "" }} />
    ),
  };
}
