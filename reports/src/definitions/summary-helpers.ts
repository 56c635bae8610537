// Small pure helpers shared by report summaries (chart labels, safe ratios, top-N lists).

/** `2024-05-01` → `1 May` in the report locale; the input is already a calendar day, so no zone math. */
export function shortDayLabel(isoDay: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const instant = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(instant);
}

/** `part / whole`, or null when the whole is zero (shown as "—" rather than a misleading 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Largest `limit` entries by value, ties broken by key so output is deterministic. */
export function topEntries(map: ReadonlyMap<string, number>, limit: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

export function addTo(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

/** Days in ascending order, so charts read left to right regardless of row order. */
export function sortedDays<V>(map: ReadonlyMap<string, V>): string[] {
  return [...map.keys()].sort();
}
