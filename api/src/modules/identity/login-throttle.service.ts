import { LoginThrottle } from "@atrium/schema";
import type { RequestContext } from "../../context/request-context.js";
import type { EffectiveIdentitySettings } from "./identity-settings.service.js";
import { userLockKey } from "./login-locks.service.js";

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
  return { tenantId, user: userLockKey(tenantId, username), ip: `ip:${scope}:${clientIp}` };
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
