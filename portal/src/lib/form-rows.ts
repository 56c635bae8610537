/**
 * Repeated groups of inputs in one form (schedule windows, policy entitlements): the browser posts them flat, so
 * each input's name carries its row id, e.g. `window-2-start`. Rows keep their id when another row is removed, so
 * what a person typed stays with its row after an error.
 */
export function rowField(prefix: string, id: number, key: string): string {
  return `${prefix}-${id}-${key}`;
}

/** The row ids among these field names (rows are recognised by their `anchor` input), in order. */
export function rowIds(prefix: string, anchor: string, names: Iterable<string>): number[] {
  const pattern = new RegExp(`^${prefix}-(\\d+)-${anchor}$`);
  const ids = new Set<number>();
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) ids.add(Number(match[1]));
  }
  return [...ids].sort((a, b) => a - b);
}
