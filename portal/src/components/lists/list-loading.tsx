import type { Column } from "./data-table";

type Header = Pick<Column<never>, "id" | "header" | "secondary">;

/** Placeholder rows while a list streams in: the card, its toolbar and the column headers are already there. */
export function ListLoading({ columns }: { columns: Header[] | null }) {
  const rows = [0, 1, 2];
  return (
    <div className="list-loading" aria-busy="true">
      <span className="sr-only" role="status">
        Loading…
      </span>
      {columns ? (
        <div className="table-wrap" aria-hidden="true">
          <table className="data">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.id} className={column.secondary ? "hide-sm" : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row}>
                  {columns.map((column) => (
                    <td key={column.id} className={column.secondary ? "hide-sm" : undefined}>
                      <span className="skeleton" />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="card-body stack" aria-hidden="true">
          {rows.map((row) => (
            <span key={row} className="skeleton" />
          ))}
        </div>
      )}
    </div>
  );
}
