import { signInCtx } from "../../context/build-ctx.js";
import type { Ctx } from "../../context/ctx.js";
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

/** The counters live in the tenant the sign-in is for (its keys name it too). */
const throttlesOf = (ctx: Ctx, keys: ThrottleKeys) => signInCtx(ctx, keys.tenantId).db.loginThrottles;

/** The key that is locked right now, if any. */
export async function lockedKey(ctx: Ctx, keys: ThrottleKeys): Promise<"user" | "ip" | null> {
  const now = ctx.services.clock();
  const rows = await throttlesOf(ctx, keys).findBy([{ throttleKey: keys.user }, { throttleKey: keys.ip }]);
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) return row.throttleKey === keys.user ? "user" : "ip";
  }
  return null;
}

async function bump(ctx: Ctx, keys: ThrottleKeys, key: string, limit: number, settings: EffectiveIdentitySettings) {
  const throttles = throttlesOf(ctx, keys);
  const now = ctx.services.clock();
  const found = await throttles.findOne({ throttleKey: key });
  const row = found ?? { throttleKey: key, failures: 0, windowStartedAt: now, lockedUntil: null as Date | null };
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
    if (found) await throttles.save(found);
    else await throttles.insert(row);
  } catch {
    // Two failures raced to create the same key; the other insert counted, and one lost increment is harmless.
  }
}

export async function registerFailure(ctx: Ctx, keys: ThrottleKeys, settings: EffectiveIdentitySettings) {
  await bump(ctx, keys, keys.user, settings.userFailureLimit, settings);
  await bump(ctx, keys, keys.ip, settings.ipFailureLimit, settings);
}

/**
 * A success clears the user's counter, not the address's: otherwise an attacker could reset the per-IP limit by
 * signing in to an account of their own between guesses.
 */
export async function clearUserFailures(ctx: Ctx, keys: ThrottleKeys): Promise<void> {
  await throttlesOf(ctx, keys).delete({ throttleKey: keys.user });
}
