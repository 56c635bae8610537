/**
 * Marker paging shared by Nova, Neutron and Glance. We take only the `marker` out of the service's next link and
 * rebuild the URL from our own endpoint: next links are absolute with the host the service believes it has (Nova,
 * Neutron) or relative to the host root (Glance), and both break behind a proxy that rewrites paths.
 */

export interface Page<T> {
  items: T[];
  /** The next link as the service sent it (`servers_links[rel=next].href`, Glance `next`). */
  nextHref?: string;
}

/** Safety net against a service that keeps returning the same marker. */
const MAX_PAGES = 10_000;

export async function* paginate<T>(fetchPage: (marker?: string) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let marker: string | undefined;
  const seen = new Set<string>();
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo += 1) {
    const page = await fetchPage(marker);
    if (page.items.length > 0) yield page.items;
    // Nova keeps a next link on the last *full* page; the following page is empty and has no link.
    if (page.items.length === 0 || !page.nextHref) return;
    const next = markerOf(page.nextHref);
    if (!next || seen.has(next)) return;
    seen.add(next);
    marker = next;
  }
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

export function nextLink(links: ReadonlyArray<{ rel: string; href: string }> | undefined): string | undefined {
  return links?.find((link) => link.rel === "next")?.href;
}

function markerOf(href: string): string | undefined {
  try {
    return new URL(href, "http://relative.invalid").searchParams.get("marker") ?? undefined;
  } catch {
    return undefined;
  }
}

export function withQuery(url: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}
