import type { User } from "@atrium/schema";
import { In, IsNull } from "typeorm";
import { signInCtx } from "../../context/build-ctx.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { recordAudit } from "../../tenancy/audit.js";
import { lockedUntilOf, releaseUserLock } from "../identity/login-locks.service.js";

/**
 * What the helpdesk does for a user who cannot get in: lift a sign-in lockout, or clear their second factor so they
 * enrol a new authenticator at their next sign-in (lost phone, no recovery code). Both are audited.
 */
const users = (ctx: Ctx) => ctx.db.requireTenant().users;

type Account = Pick<User, "id" | "tenantId" | "username">;

export function lockedUntil(ctx: Ctx, user: Account): Promise<Date | null> {
  return lockedUntilOf(ctx, user.tenantId, user.username);
}

export async function mfaEnrolled(ctx: Ctx, user: Account): Promise<boolean> {
  // Second factors live in the account's own tenant, as its sign-in reads them.
  const mfa = await signInCtx(ctx, user.tenantId).db.userMfa.findOne({ userId: user.id });
  return Boolean(mfa?.totpSecretEnc);
}

export async function unlockUser(ctx: Ctx, id: string): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const user = await users(tx).getById(id);
    const until = await lockedUntil(tx, user);
    const released = await releaseUserLock(tx, user.tenantId, user.username);
    await recordAudit(tx, {
      action: "unlockUser",
      targetType: "User",
      targetId: user.id,
      before: { username: user.username, lockedUntil: until },
      after: { username: user.username, lockedUntil: null, failuresCleared: released },
    });
    return user;
  });
}

export async function resetUserMfa(ctx: Ctx, id: string): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const user = await users(tx).getById(id);
    const mfa = await tx.db.userMfa.findOne({ userId: user.id });
    if (mfa) await tx.db.userMfa.delete({ id: mfa.id });
    await recordAudit(tx, {
      action: "resetUserMfa",
      targetType: "User",
      targetId: user.id,
      before: {
        username: user.username,
        totpEnrolled: Boolean(mfa?.totpSecretEnc),
        recoveryCodes: mfa?.recoveryCodeHashes.length ?? 0,
      },
      after: { username: user.username, totpEnrolled: false, recoveryCodes: 0 },
    });
    return user;
  });
}

/** Ends every session of a user of the tenant (a stolen device, a leaver): their tokens stop working at once. */
export async function signOutUserEverywhere(ctx: Ctx, id: string): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const db = tx.db.requireTenant();
    const user = await db.users.getById(id);
    const ended = await db.authSessions.updateWhere(
      { userId: user.id, revokedAt: IsNull() },
      { revokedAt: tx.services.clock() },
    );
    await recordAudit(tx, {
      action: "signOutUserEverywhere",
      targetType: "User",
      targetId: user.id,
      after: { username: user.username, sessionsEnded: ended },
    });
    return user;
  });
}

/** The user's sign-in attempts, failures and lockouts included, newest first: what the helpdesk asks about first. */
export function recentSignIns(ctx: Ctx, userId: string, first: number) {
  return ctx.db.requireTenant().loginEvents.find({ where: { userId }, order: { createdAt: "DESC" }, take: first });
}

export async function groupNamesOf(ctx: Ctx, userId: string): Promise<string[]> {
  const db = ctx.db.requireTenant();
  const memberships = await db.groupMemberships.find({ where: { userId } });
  if (!memberships.length) return [];
  const groups = await db.groups.find({ where: { id: In(memberships.map((m) => m.groupId)) }, order: { name: "ASC" } });
  return groups.map((group) => group.name);
}
