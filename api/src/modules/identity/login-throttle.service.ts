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
 * names exist. Names compare case-insensitively so "Alice" and "alice" share one counter. The address key is the
 * same in every tenant: spraying passwords across tenants spends one budget per address, not one per tenant.
 */
export function throttleKeys(tenantId: string | null, username: string, clientIp: string): ThrottleKeys {
  return { tenantId, user: userLockKey(tenantId, username), ip: `ip:${clientIp}` };
}

/**
 * A name's counter lives in the tenant the sign-in is for (its key names it too); an address's counter belongs to no
 * tenant (tenant null), so every tenant's failures from that address add up in one row.
 */
const throttlesOf = (ctx: Ctx, tenantId: string | null) => signInCtx(ctx, tenantId).db.loginThrottles;

/**
 * The key that is locked right now for this attempt, if any. A user lock holds only at addresses the account has
 * never completed a sign-in from: whoever guesses a known user's password from elsewhere cannot lock its owner out
 * of the places they work from (the address lock still applies there).
 */
export async function lockedKey(ctx: Ctx, keys: ThrottleKeys, username: string): Promise<"user" | "ip" | null> {
  const now = ctx.services.clock();
  const lockedNow = (row: { lockedUntil: Date | null } | null) => Boolean(row?.lockedUntil && row.lockedUntil > now);
  if (lockedNow(await throttlesOf(ctx, null).findOne({ throttleKey: keys.ip }))) return "ip";
  const userRow = await throttlesOf(ctx, keys.tenantId).findOne({ throttleKey: keys.user });
  if (lockedNow(userRow) && !(await familiarAddress(ctx, keys.tenantId, username))) return "user";
  return null;
}

/** Whether the account signed in successfully from the request's address before (an unknown address never is). */
async function familiarAddress(ctx: Ctx, tenantId: string | null, username: string): Promise<boolean> {
  if (ctx.clientIp === "unknown") return false;
  const owner = signInCtx(ctx, tenantId).db;
  const user = await owner.users.findOne({ username: username.trim() });
  return Boolean(
    user && (await owner.loginEvents.exists({ userId: user.id, clientIp: ctx.clientIp, outcome: "success" })),
  );
}

async function bump(
  ctx: Ctx,
  ownerTenantId: string | null,
  key: string,
  limit: number,
  settings: EffectiveIdentitySettings,
) {
  const throttles = throttlesOf(ctx, ownerTenantId);
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
  await bump(ctx, keys.tenantId, keys.user, settings.userFailureLimit, settings);
  // Each failure locks the shared address row when its count reaches the limit of the tenant it was made at.
  await bump(ctx, null, keys.ip, settings.ipFailureLimit, settings);
}

/**
 * A success clears the user's counter, not the address's: otherwise an attacker could reset the per-IP limit by
 * signing in to an account of their own between guesses.
 */
export async function clearUserFailures(ctx: Ctx, keys: ThrottleKeys): Promise<void> {
  await throttlesOf(ctx, keys.tenantId).delete({ throttleKey: keys.user });
}
