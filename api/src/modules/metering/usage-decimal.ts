import { USAGE_DECIMAL_SCALE } from "@atrium/schema";

const SCALE = 10n ** BigInt(USAGE_DECIMAL_SCALE);
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `numerator / denominator` as a fixed-point decimal string, rounded half up (quantities are never negative). */
export function ratioToDecimal(numerator: bigint, denominator: bigint): string {
  return scaledToDecimal((numerator * SCALE * 2n + denominator) / (denominator * 2n));
}

function scaledToDecimal(scaled: bigint): string {
  const text = scaled.toString().padStart(USAGE_DECIMAL_SCALE + 1, "0");
  return `${text.slice(0, -USAGE_DECIMAL_SCALE)}.${text.slice(-USAGE_DECIMAL_SCALE)}`;
}

function toScaled(value: string | number): bigint {
  const text = typeof value === "number" ? value.toFixed(USAGE_DECIMAL_SCALE) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new Error(`not a usage quantity: ${text}`);
  const fraction = (match[2] ?? "").padEnd(USAGE_DECIMAL_SCALE, "0").slice(0, USAGE_DECIMAL_SCALE);
  return BigInt(match[1]!) * SCALE + BigInt(fraction);
}

/** Normalises what a driver returns for a numeric sum (text on PostgreSQL, a number on SQL Server). */
export function normalizeDecimal(value: string | number | null): string {
  return scaledToDecimal(value === null ? 0n : toScaled(value));
}

/** Exact sum of decimal strings; floats would drift once a month of hours is added up. */
export function sumDecimals(values: (string | number)[]): string {
  return scaledToDecimal(values.reduce<bigint>((total, value) => total + toScaled(value), 0n));
}

/** Exact `quantity × unit price`, rounded half up to six places: a billed amount never passes through a float. */
export function multiplyDecimals(quantity: string | number, price: string | number): string {
  const product = toScaled(quantity) * toScaled(price);
  return scaledToDecimal((product * 2n + SCALE) / (SCALE * 2n));
}
