import { LoginThrottle } from "@atrium/schema";
import { IsNull, MoreThan } from "typeorm";
import type { RequestContext } from "../../context/request-context.js";
import type { EffectiveIdentitySettings } from "./identity-settings.service.js";

export interface ThrottleKeys {
  tenantId: string | null;
  user: string;
  ip: string;
}

/**
 * Keys exist for any typed name, known or not: locking only real accounts would tell an attacker which
 * names exist. Names compare case-insensitively so "Alice" and "alice" share one counter.
 */
export function throttleKeys(tenantId: string | null, username: string, clientIp: string): ThrottleKeys {
  const scope = tenantId ?? "msp";
  return { tenantId, user: `user:${scope}:${username.trim().toLowerCase()}`, ip: `ip:${scope}:${clientIp}` };
}

/** The key that is locked right now, if any. */
export async function lockedKey(ctx: RequestContext, keys: ThrottleKeys): Promise<"user" | "ip" | null> {
  const now = ctx.services.clock();
  const rows = await ctx.manager.getRepository(LoginThrottle).find({
    where: [{ throttleKey: keys.user }, { throttleKey: keys.ip }],
  });
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) return row.throttleKey === keys.user ? "user" : "ip";
  }
  return null;
}

async function bump(
  ctx: RequestContext,
  tenantId: string | null,
  key: string,
  limit: number,
  settings: EffectiveIdentitySettings,
) {
  const repository = ctx.manager.getRepository(LoginThrottle);
  const now = ctx.services.clock();
  const row =
    (await repository.findOneBy({ throttleKey: key })) ??
    repository.create({ tenantId, throttleKey: key, failures: 0, windowStartedAt: now, lockedUntil: null });
  const windowOver = now.getTime() - row.windowStartedAt.getTime() > settings.failureWindowSeconds * 1000;
  if (windowOver) {
    row.failures = 0;
    row.windowStartedAt = now;
  }
  row.failures += 1;
  if (row.failures >= limit) {
    row.lockedUntil = new Date(now.getTime() + settings.lockoutSeconds * 1000);
    // The next window starts after the lockout, so one more failure does not re-lock immediately forever.
    row.failures = 0;
    row.windowStartedAt = row.lockedUntil;
  }
  try {
    await repository.save(row);
  } catch {
    // Two failures raced to create the same key; the other insert counted, and one lost increment is harmless.
  }
}

export async function registerFailure(ctx: RequestContext, keys: ThrottleKeys, settings: EffectiveIdentitySettings) {
  await bump(ctx, keys.tenantId, keys.user, settings.userFailureLimit, settings);
  await bump(ctx, keys.tenantId, keys.ip, settings.ipFailureLimit, settings);
}

/**
 * A success clears the user's counter, not the address's: otherwise an attacker could reset the per-IP limit by
 * signing in to an account of their own between guesses.
 */
export async function clearUserFailures(ctx: RequestContext, keys: ThrottleKeys): Promise<void> {
  await ctx.manager.getRepository(LoginThrottle).delete({ throttleKey: keys.user });
}

/** The lock key of one account name (what throttleKeys builds for a sign-in with that name). */
export function userLockKey(tenantId: string | null, username: string): string {
  return throttleKeys(tenantId, username, "").user;
}

/** When the account name's lock ends, if it is locked now. */
export async function lockedUntilOf(ctx: RequestContext, tenantId: string | null, username: string) {
  const row = await ctx.manager
    .getRepository(LoginThrottle)
    .findOneBy({ throttleKey: userLockKey(tenantId, username) });
  return row?.lockedUntil && row.lockedUntil > ctx.services.clock() ? row.lockedUntil : null;
}

/** Forgets the account name's failures and lock (an administrator's unlock). True when there was something. */
export async function releaseUserLock(ctx: RequestContext, tenantId: string | null, username: string) {
  const result = await ctx.manager
    .getRepository(LoginThrottle)
    .delete({ throttleKey: userLockKey(tenantId, username) });
  return (result.affected ?? 0) > 0;
}

/**
 * A shorter lockout applies to the locks already running: each ends as if it had started with the new length
 * (a lock's end minus the time taken off), so shortening the setting can release them at once.
 */
export async function shortenRunningLocks(
  ctx: RequestContext,
  tenantId: string | null,
  oldSeconds: number,
  newSeconds: number,
): Promise<void> {
  if (newSeconds >= oldSeconds) return;
  const repository = ctx.manager.getRepository(LoginThrottle);
  const now = ctx.services.clock();
  const running = await repository.findBy({ tenantId: tenantId ?? IsNull(), lockedUntil: MoreThan(now) });
  for (const row of running) {
    const until = new Date((row.lockedUntil as Date).getTime() - (oldSeconds - newSeconds) * 1000);
    // The failure window restarted at the old end; it restarts at the new end instead.
    await repository.update({ id: row.id }, { lockedUntil: until, windowStartedAt: until });
  }
}
