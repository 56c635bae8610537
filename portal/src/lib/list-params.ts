import { filterParams, type PageState, pageStateOf } from "./pagination";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A list page's state, read from the URL once: its filters, the parameters that pick a view of the list without
 * filtering it (kept through filtering, clearing and paging), and the cursor page. Everything lives in the search
 * params, so a filtered page is a link the server renders without client state.
 */
export interface ListParams {
  /** The filters that are set, trimmed; only the names the page declared. */
  filters: Record<string, string>;
  /** View parameters (e.g. sessions `view=all`), not filters: "Clear" keeps them. */
  keep: Record<string, string>;
  /** Whether any filter is set (the empty state then says "no match" rather than "none yet"). */
  filtered: boolean;
  page: PageState;
  pageSize: number;
  /** The connection arguments for this page of the list. */
  args: { first: number; after: string | null };
}

interface ListParamsOptions {
  filters?: string[];
  keep?: string[];
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 25;

export function listParams(params: SearchParams, options: ListParamsOptions = {}): ListParams {
  const filters = filterParams(params, options.filters ?? []);
  const keep = filterParams(params, options.keep ?? []);
  const page = pageStateOf(params);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  return {
    filters,
    keep,
    filtered: Object.keys(filters).length > 0,
    page,
    pageSize,
    args: { first: pageSize, after: page.after },
  };
}

/** The params every link of the list carries (pager, sort): the view and the filters, never the cursor. */
export function linkParams(list: ListParams): Record<string, string> {
  return { ...list.keep, ...list.filters };
}

/** A relative link that drops the filters and keeps the view ("?" alone: the list as it first opens). */
export function clearHref(list: ListParams): string {
  return `?${new URLSearchParams(list.keep).toString()}`;
}
