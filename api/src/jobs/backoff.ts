import type { JobBackoff } from "./job-definition.js";

/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential from `baseMs`, capped at `maxMs`,
 * with "equal jitter" — half fixed, half random — so a burst of failures does not retry in lock-step, while the
 * delay never drops below half the exponential step.
 */
export function backoffDelayMs(backoff: JobBackoff, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^exponent overflows to Infinity long before it matters; min() keeps it finite.
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(exponent, 52));
  const half = ceiling / 2;
  return Math.round(half + half * Math.min(Math.max(random(), 0), 1));
}
