import { type ReactNode, Suspense, useId } from "react";
import { Pager } from "@/components/ui/pager";
import { type ListParams, linkParams } from "@/lib/list-params";
import { type Column, DataTable } from "./data-table";
import { ListErrorBoundary } from "./list-error-boundary";
import { ListLoading } from "./list-loading";

/** The API's cursor connection (`nodes`, `totalCount`, `pageInfo`), as every paged list query returns it. */
export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

type Rows<T> = T[] | Connection<T>;

/** How the rows show: as a table of columns, or (lists that are not tables) rendered by the page. */
type Layout<T extends { id: string }> =
  | {
      columns: Column<T>[];
      /** The row's own actions, e.g. a ConfirmRow; the table adds the column. */
      actions?: (row: T) => ReactNode;
      current?: (row: T) => boolean;
      render?: never;
    }
  | { render: (rows: T[]) => ReactNode; columns?: never; actions?: never; current?: never };

export type ListCardProps<T extends { id: string }> = Layout<T> & {
  /** The card's visible heading; without one, `label` names the card (and its table) for screen readers. */
  title?: string;
  label?: string;
  description?: ReactNode;
  /** Beside the heading: a badge; a link or button that belongs at the far end takes `margin-left: auto`. */
  headerActions?: ReactNode;
  /** Above the rows, e.g. a FilterToolbar; it shows while the rows load. */
  toolbar?: ReactNode;
  /**
   * The rows, or the promise of them. Awaited rows render with the page, complete when it loads. A promise streams:
   * the card, its heading and toolbar show at once, placeholder rows while the API answers, and a failure stays
   * inside the card with "Try again". Hand over the promise for lists that wait on something slow (a cloud's
   * inventory) or that are secondary on their page; React reveals streamed rows in batches, so a fast list is better
   * awaited.
   */
  rows: Rows<T> | Promise<Rows<T>>;
  /** Pages through a connection: the list's URL state and what the pager counts ("users"). */
  pager?: { list: ListParams; noun: string };
  /** Shown when there are no rows (an EmptyState, usually worded for "none yet" or "no match"). */
  empty: ReactNode;
  /** Below the rows, e.g. a create form. */
  footer?: ReactNode;
  className?: string;
};

function isConnection<T>(rows: Rows<T>): rows is Connection<T> {
  return !Array.isArray(rows);
}

async function ListBody<T extends { id: string }>(props: ListCardProps<T> & { headingId: string | undefined }) {
  const loaded = await props.rows;
  const nodes = isConnection(loaded) ? loaded.nodes : loaded;
  let body: ReactNode = props.empty;
  if (nodes.length > 0) {
    body = props.columns ? (
      <DataTable
        columns={props.columns}
        rows={nodes}
        labelledBy={props.headingId}
        label={props.label}
        actions={props.actions}
        current={props.current}
      />
    ) : (
      props.render(nodes)
    );
  }
  return (
    <>
      {body}
      {props.pager && isConnection(loaded) ? (
        <Pager
          state={props.pager.list.page}
          base={linkParams(props.pager.list)}
          pageSize={props.pager.list.pageSize}
          shown={nodes.length}
          totalCount={loaded.totalCount}
          endCursor={loaded.pageInfo.endCursor ?? null}
          hasNextPage={loaded.pageInfo.hasNextPage}
          noun={props.pager.noun}
        />
      ) : null}
    </>
  );
}

/**
 * The card every list of the portal sits in: heading, toolbar, the rows as a table (or the page's own list markup),
 * the empty state, the pager of a cursor connection, and the loading and error states of the rows.
 */
export function ListCard<T extends { id: string }>(props: ListCardProps<T>) {
  const generatedId = useId();
  const headingId = props.title ? generatedId : undefined;
  return (
    <section
      className={["card", props.className].filter(Boolean).join(" ")}
      aria-labelledby={headingId}
      aria-label={headingId ? undefined : props.label}
    >
      {props.title ? (
        <div className="card-header">
          {props.description ? (
            <div>
              <h2 id={headingId}>{props.title}</h2>
              <p>{props.description}</p>
            </div>
          ) : (
            <h2 id={headingId}>{props.title}</h2>
          )}
          {props.headerActions}
        </div>
      ) : null}
      {props.toolbar}
      <ListErrorBoundary>
        <Suspense fallback={<ListLoading columns={props.columns ?? null} />}>
          <ListBody {...props} headingId={headingId} />
        </Suspense>
      </ListErrorBoundary>
      {props.footer}
    </section>
  );
}
