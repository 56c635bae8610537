import Link from "next/link";
import { nextHref, type PageState, pageNumber, previousHref } from "@/lib/pagination";

interface PagerProps {
  state: PageState;
  base: Record<string, string>;
  pageSize: number;
  shown: number;
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  noun: string;
}

export function Pager({ state, base, pageSize, shown, totalCount, endCursor, hasNextPage, noun }: PagerProps) {
  const page = pageNumber(state);
  const from = totalCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + shown;
  const previous = previousHref(base, state);
  return (
    <nav className="pager" aria-label={`${noun} pages`}>
      <span>{totalCount === 0 ? `No ${noun}` : `Showing ${from}–${to} of ${totalCount} ${noun}`}</span>
      <div className="row">
        {previous ? (
          <Link className="btn btn-sm" href={previous} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className="btn btn-sm" aria-disabled="true" style={{ opacity: 0.5 }}>
            ← Previous
          </span>
        )}
        <span>Page {page}</span>
        {hasNextPage && endCursor ? (
          <Link className="btn btn-sm" href={nextHref(base, state, endCursor)} rel="next">
            Next →
          </Link>
        ) : (
          <span className="btn btn-sm" aria-disabled="true" style={{ opacity: 0.5 }}>
            Next →
          </span>
        )}
      </div>
    </nav>
  );
}
