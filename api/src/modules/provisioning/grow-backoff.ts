import type { PassContext } from "./pool-pass.types.js";

/** First wait after a grow attempt that got nowhere; each further fruitless attempt doubles it. */
export const GROW_BACKOFF_BASE_MS = 10_000;
/** The longest wait: a freed quota is noticed within this time. */
export const GROW_BACKOFF_CAP_MS = 5 * 60_000;

/** How long to wait after the `retries`-th fruitless grow attempt in a row (1-based). */
export function growBackoffMs(retries: number): number {
  return Math.min(GROW_BACKOFF_CAP_MS, GROW_BACKOFF_BASE_MS * 2 ** Math.max(0, retries - 1));
}

/**
 * A blocked pool asks the cloud again (quota read, creates) only once its wait is over: without this, every pass
 * (every 2 s per pool) read the limits and sent creates Nova refused, for as long as the quota stayed full.
 */
export function growWaiting(pass: PassContext): boolean {
  const { pool } = pass;
  return pool.provisioningState === "blocked" && pool.growRetryAt !== null && pass.now < pool.growRetryAt;
}

/**
 * After a grow attempt: one that created nothing and was refused waits longer each time; any progress (or no
 * refusal) starts the schedule over, so a partly filled quota is read again on the next pass.
 */
export async function recordGrowAttempt(pass: PassContext, refused: boolean, created: number): Promise<void> {
  const { pool } = pass;
  const retries = refused && created === 0 ? pool.growRetries + 1 : 0;
  const growRetryAt = retries > 0 ? new Date(pass.now.getTime() + growBackoffMs(retries)) : null;
  if (retries === pool.growRetries && growRetryAt?.getTime() === pool.growRetryAt?.getTime()) return;
  pool.growRetries = retries;
  pool.growRetryAt = growRetryAt;
  await pass.ctx.db.pools.updateWhere({ id: pool.id }, { growRetries: retries, growRetryAt });
}
