import { randomUUID } from "node:crypto";
import { AuthSession, Tenant, User } from "@atrium/schema";
import { IsNull } from "typeorm";
import { rolesOf } from "../../auth/authenticate.js";
import { permissionsForRoles } from "../../auth/permissions.js";
import { sha256 } from "../../auth/token.service.js";
import { type RequestContext, withTransaction } from "../../context/request-context.js";
import { acrossTenants } from "../../db/index.js";
import { notFound, unauthenticated } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import { isUuid } from "../../tenancy/tenant-scope.js";
import { recordLoginEvent } from "../identity/login-events.service.js";
import type { AuthPayload, Viewer } from "./sessions.types.js";

async function viewerOf(ctx: RequestContext, user: User, session: AuthSession): Promise<Viewer> {
  const roles = await rolesOf(ctx.manager, user);
  const actingTenantId = user.tenantId === null ? session.tenantId : null;
  const tenant = user.tenantId ? await ctx.manager.getRepository(Tenant).findOneBy({ id: user.tenantId }) : null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    tenantId: user.tenantId,
    tenantSlug: tenant?.slug ?? null,
    actingTenantId,
    roles,
    permissions: [...permissionsForRoles(roles, actingTenantId !== null)].sort(),
  };
}

async function issue(
  ctx: RequestContext,
  user: User,
  session: AuthSession,
  refreshToken: string,
): Promise<AuthPayload> {
  const access = await ctx.services.tokens.signAccess({ sub: user.id, sid: session.id });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    viewer: await viewerOf(ctx, user, session),
  };
}

/** Opens a session for a user whose sign-in (including any second factor) is complete, and issues its tokens. */
export async function startSession(ctx: RequestContext, user: User, method: string): Promise<AuthPayload> {
  return withTransaction(ctx, async (tx) => {
    const id = randomUUID();
    const refresh = tx.services.tokens.newRefreshToken(id);
    const session = await tx.manager.getRepository(AuthSession).save({
      id,
      userId: user.id,
      tenantId: user.tenantId,
      refreshHash: refresh.hash,
      clientIp: tx.clientIp,
      expiresAt: refresh.expiresAt,
      revokedAt: null,
    });
    await tx.manager.getRepository(User).update({ id: user.id }, { lastLoginAt: tx.services.clock() });
    await recordAudit(tx, {
      action: "signIn",
      tenantId: user.tenantId,
      targetType: "User",
      targetId: user.id,
      after: { clientIp: tx.clientIp, method },
    });
    return issue(tx, user, session, refresh.token);
  });
}

export async function refreshSession(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
  const outcome = await withTransaction(ctx, async (tx) => {
    const sessions = tx.manager.getRepository(AuthSession);
    const session = await sessions.findOneBy({ refreshHash: sha256(refreshToken) });
    if (!session) return { reuse: await revokeReusedFamily(tx, refreshToken) };
    const now = tx.services.clock();
    if (session.revokedAt || session.expiresAt <= now) throw unauthenticated("Sign in again");
    const user = await tx.manager.getRepository(User).findOneBy({ id: session.userId });
    if (!user || user.disabled) throw unauthenticated("Sign in again");
    // Rotation: each refresh token works once, so a stolen one is useless after the owner's next refresh.
    const refresh = tx.services.tokens.newRefreshToken(session.id);
    session.refreshHash = refresh.hash;
    session.expiresAt = refresh.expiresAt;
    await sessions.save(session);
    await recordAudit(tx, { action: "refreshSession", tenantId: user.tenantId, targetType: "User", targetId: user.id });
    return { payload: await issue(tx, user, session, refresh.token) };
  });
  if (outcome.payload) return outcome.payload;
  if (outcome.reuse) {
    // Outside the transaction, like every login event, next to the audit entry the revocation committed.
    const { user } = outcome.reuse;
    await recordLoginEvent(ctx, {
      tenantId: user.tenantId,
      userId: user.id,
      username: user.username,
      providerKind: "local",
      outcome: "failure",
      reason: "refresh_token_reuse",
    });
  }
  throw unauthenticated("Sign in again");
}

/**
 * A genuine refresh token that is no longer its session's current one was rotated already: either the owner or a
 * thief replays it, and the server cannot tell which (RFC 9700 §4.14.2). The whole family (the session, and with it
 * the access tokens of whoever holds the newest refresh token) ends; both sides sign in again, and it is audited.
 */
async function revokeReusedFamily(tx: RequestContext, refreshToken: string) {
  const sessionId = tx.services.tokens.refreshFamily(refreshToken);
  if (!sessionId || !isUuid(sessionId)) return null;
  const db = acrossTenants(tx.manager, "a refresh token names its session before anyone is signed in");
  const session = await db.authSessions.findOne({ id: sessionId });
  const user = session && (await tx.manager.getRepository(User).findOneBy({ id: session.userId }));
  if (!session || !user) return null;
  const revoked = session.revokedAt === null;
  if (revoked) await db.authSessions.updateWhere({ id: session.id }, { revokedAt: tx.services.clock() });
  await recordAudit(tx, {
    action: "refreshTokenReuse",
    tenantId: user.tenantId,
    targetType: "User",
    targetId: user.id,
    after: { sessionId: session.id, sessionRevoked: revoked, clientIp: tx.clientIp },
  });
  return { user };
}

function currentSession(ctx: RequestContext) {
  if (ctx.principal.kind !== "user") throw unauthenticated("Only a signed-in user has a session");
  return ctx.principal;
}

export async function signOut(ctx: RequestContext): Promise<boolean> {
  const principal = currentSession(ctx);
  return withTransaction(ctx, async (tx) => {
    await tx.manager.getRepository(AuthSession).update({ id: principal.sessionId }, { revokedAt: tx.services.clock() });
    await recordAudit(tx, { action: "signOut", targetType: "User", targetId: principal.userId });
    return true;
  });
}

/**
 * Ends every session of the signed-in user, this one included (a lost laptop, a password someone saw): their refresh
 * tokens stop working and so do their access tokens. An MSP user's sessions carry the tenant each one entered.
 */
export async function signOutEverywhere(ctx: RequestContext): Promise<number> {
  const principal = currentSession(ctx);
  return withTransaction(ctx, async (tx) => {
    const ended = await acrossTenants(
      tx.manager,
      "a user's own sessions, in whichever tenant each entered",
    ).authSessions.updateWhere({ userId: principal.userId, revokedAt: IsNull() }, { revokedAt: tx.services.clock() });
    await recordAudit(tx, {
      action: "signOutEverywhere",
      targetType: "User",
      targetId: principal.userId,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}

export async function viewer(ctx: RequestContext): Promise<Viewer> {
  const principal = currentSession(ctx);
  const user = await ctx.manager.getRepository(User).findOneByOrFail({ id: principal.userId });
  const session = await ctx.manager.getRepository(AuthSession).findOneByOrFail({ id: principal.sessionId });
  return viewerOf(ctx, user, session);
}

/** An MSP user steps into one tenant's context; every later action is scoped to it and the step is audited. */
export async function enterTenant(ctx: RequestContext, tenantId: string): Promise<Viewer> {
  const principal = currentSession(ctx);
  const tenant = isUuid(tenantId) ? await ctx.manager.getRepository(Tenant).findOneBy({ id: tenantId }) : null;
  if (!tenant) throw notFound("Tenant");
  return withTransaction(ctx, async (tx) => {
    await tx.manager.getRepository(AuthSession).update({ id: principal.sessionId }, { tenantId: tenant.id });
    await recordAudit(tx, { action: "enterTenant", tenantId: tenant.id, targetType: "Tenant", targetId: tenant.id });
    return viewer(tx);
  });
}

export async function leaveTenant(ctx: RequestContext): Promise<Viewer> {
  const principal = currentSession(ctx);
  return withTransaction(ctx, async (tx) => {
    await tx.manager.getRepository(AuthSession).update({ id: principal.sessionId }, { tenantId: null });
    await recordAudit(tx, {
      action: "leaveTenant",
      tenantId: principal.enteredTenantId,
      targetType: "Tenant",
      targetId: principal.enteredTenantId,
    });
    return viewer(tx);
  });
}
