import { MoreThan } from "typeorm";
import { signInCtx } from "../../context/build-ctx.js";
import type { Ctx } from "../../context/ctx.js";

/** Locks on account names as administrators see and change them (the counting is login-throttle.service). */
/** The lock key of one account name; names compare case-insensitively so "Alice" and "alice" share one counter. */
export function userLockKey(tenantId: string | null, username: string): string {
  return `user:${tenantId ?? "msp"}:${username.trim().toLowerCase()}`;
}

/** The locks of the tenant the account names belong to (null: the MSP staff's). */
const locksOf = (ctx: Ctx, tenantId: string | null) => signInCtx(ctx, tenantId).db.loginThrottles;

/** When the account name's lock ends, if it is locked now. */
export async function lockedUntilOf(ctx: Ctx, tenantId: string | null, username: string) {
  const row = await locksOf(ctx, tenantId).findOne({ throttleKey: userLockKey(tenantId, username) });
  return row?.lockedUntil && row.lockedUntil > ctx.services.clock() ? row.lockedUntil : null;
}

/** Forgets the account name's failures and lock (an administrator's unlock). True when there was something. */
export async function releaseUserLock(ctx: Ctx, tenantId: string | null, username: string) {
  return (await locksOf(ctx, tenantId).delete({ throttleKey: userLockKey(tenantId, username) })) > 0;
}

/**
 * A shorter lockout applies to the locks already running: each ends as if it had started with the new length
 * (a lock's end minus the time taken off), so shortening the setting can release them at once.
 */
export async function shortenRunningLocks(
  ctx: Ctx,
  tenantId: string | null,
  oldSeconds: number,
  newSeconds: number,
): Promise<void> {
  if (newSeconds >= oldSeconds) return;
  const locks = locksOf(ctx, tenantId);
  const now = ctx.services.clock();
  const running = await locks.findBy({ lockedUntil: MoreThan(now) });
  for (const row of running) {
    const until = new Date((row.lockedUntil as Date).getTime() - (oldSeconds - newSeconds) * 1000);
    // The failure window restarted at the old end; it restarts at the new end instead.
    await locks.updateWhere({ id: row.id }, { lockedUntil: until, windowStartedAt: until });
  }
}
