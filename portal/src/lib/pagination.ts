/**
 * The API pages with opaque cursors (forward only). The portal keeps the cursors of earlier pages in the URL
 * (`back`), so "Previous" works, links are shareable and the server does all the paging.
 */
export interface PageState {
  after: string | null;
  back: string[];
}

const FIRST = "-";

export function pageStateOf(params: Record<string, string | string[] | undefined>): PageState {
  const after = typeof params.after === "string" && params.after ? params.after : null;
  const back = typeof params.back === "string" && params.back ? params.back.split(",").filter(Boolean) : [];
  return { after, back };
}

export function pageNumber(state: PageState): number {
  return state.back.length + 1;
}

function withParams(base: Record<string, string>, page: PageState): string {
  const params = new URLSearchParams(base);
  params.delete("after");
  params.delete("back");
  if (page.after) params.set("after", page.after);
  if (page.back.length) params.set("back", page.back.join(","));
  const query = params.toString();
  return query ? `?${query}` : "?";
}

export function nextHref(base: Record<string, string>, state: PageState, endCursor: string): string {
  return withParams(base, { after: endCursor, back: [...state.back, state.after ?? FIRST] });
}

export function previousHref(base: Record<string, string>, state: PageState): string | null {
  if (!state.back.length) return null;
  const previous = state.back[state.back.length - 1];
  return withParams(base, { after: previous === FIRST ? null : previous, back: state.back.slice(0, -1) });
}

/** Search params other than the paging ones, as plain strings (filters survive paging). */
export function filterParams(
  params: Record<string, string | string[] | undefined>,
  keys: string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of keys) {
    const value = params[key];
    if (typeof value === "string" && value.trim()) result[key] = value.trim();
  }
  return result;
}
