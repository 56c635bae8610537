/**
 * Exact decimals from the API (quantities and amounts travel as strings) shown to people. Intl formats the string
 * itself, so a billed amount is rounded once, for display, and never passes through a float.
 */
const formats = new Map<string, Intl.NumberFormat>();

function formatOf(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", options);
    formats.set(key, format);
  }
  return format;
}

/** `1234.500000` → `1,234.5` (one place: hours and GB-hours). */
export function formatQuantity(value: string | null | undefined, places = 1): string {
  if (value === null || value === undefined) return "—";
  const format = formatOf(`q${places}`, { minimumFractionDigits: places, maximumFractionDigits: places });
  return format.format(value as unknown as number);
}

/** `4.149960` in EUR → `€4.15`; null (no price) → "—". */
export function formatAmount(value: string | null | undefined, currency: string | null | undefined): string {
  if (value === null || value === undefined || !currency) return "—";
  return formatOf(`c${currency}`, { style: "currency", currency }).format(value as unknown as number);
}

/** The change from `before` to `now` as a signed percentage, or null when there was nothing before. */
export function percentChange(now: string, before: string | null | undefined): number | null {
  const previous = Number(before ?? 0);
  if (!previous) return null;
  return Math.round(((Number(now) - previous) / previous) * 100);
}

export function formatChange(change: number | null): string {
  if (change === null) return "new";
  return `${change > 0 ? "+" : ""}${change}%`;
}

/** The exact sum of six-place decimal strings (what the API sends), as one. */
export function sumDecimals(values: readonly string[]): string {
  const micros = values.reduce((total, value) => {
    const [whole, fraction = ""] = value.split(".");
    return total + BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  }, 0n);
  const text = micros.toString().padStart(7, "0");
  return `${text.slice(0, -6)}.${text.slice(-6)}`;
}
