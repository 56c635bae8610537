import { randomUUID } from "node:crypto";
import { type AuthSession, Tenant, type User } from "@atrium/schema";
import { IsNull } from "typeorm";
import { rolesOf } from "../../auth/authenticate.js";
import { permissionsForRoles } from "../../auth/permissions.js";
import { sha256 } from "../../auth/token.service.js";
import { signInCtx } from "../../context/build-ctx.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { acrossTenants, isUuid, type TenantDb } from "../../db/index.js";
import { notFound, unauthenticated } from "../../errors/app-error.js";
import { recordAudit } from "../../tenancy/audit.js";
import { recordLoginEvent } from "../audit/login-events.service.js";
import type { AuthPayload, Viewer } from "./sessions.types.js";

/*
 * A session row belongs to the tenant its user acts in: the user's own, or for MSP staff the tenant they entered
 * (null outside one). The context of a session's work is that tenant's, so its row is in `ctx.db`.
 */

/** The door of the user's own tenant: the context's, or the MSP's rows for MSP staff who entered a tenant. */
function homeDbOf(ctx: Ctx, user: User): TenantDb {
  if (ctx.db.tenantId === user.tenantId) return ctx.db;
  if (user.tenantId === null) return ctx.db.msp();
  throw new Error("A session's context is its user's tenant or, for MSP staff, the tenant they entered");
}

/** Before anyone is signed in, a refresh token names its session (and so its tenant) in any tenant. */
const refreshDoor = (ctx: Ctx) =>
  acrossTenants(ctx.manager, "a refresh token names its session before anyone is signed in", ctx);

async function viewerOf(ctx: Ctx, user: User, session: AuthSession): Promise<Viewer> {
  const roles = await rolesOf(homeDbOf(ctx, user), user);
  const actingTenantId = user.tenantId === null ? session.tenantId : null;
  const tenant = user.tenantId ? await ctx.manager.getRepository(Tenant).findOneBy({ id: user.tenantId }) : null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    tenantId: user.tenantId,
    tenantSlug: tenant?.slug ?? null,
    tenantName: tenant?.name ?? null,
    actingTenantId,
    roles,
    permissions: [...permissionsForRoles(roles, actingTenantId !== null)].sort(),
  };
}

async function issue(ctx: Ctx, user: User, session: AuthSession, refreshToken: string): Promise<AuthPayload> {
  const access = await ctx.services.tokens.signAccess({ sub: user.id, sid: session.id });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    viewer: await viewerOf(ctx, user, session),
  };
}

/** Opens a session for a user whose sign-in (including any second factor) is complete, and issues its tokens. */
export async function startSession(ctx: Ctx, user: User, method: string): Promise<AuthPayload> {
  return withTransaction(signInCtx(ctx, user.tenantId), async (tx) => {
    const id = randomUUID();
    const refresh = tx.services.tokens.newRefreshToken(id);
    const session = await tx.db.authSessions.insert({
      id,
      userId: user.id,
      refreshHash: refresh.hash,
      clientIp: tx.clientIp,
      expiresAt: refresh.expiresAt,
      revokedAt: null,
    });
    await tx.db.users.updateWhere({ id: user.id }, { lastLoginAt: tx.services.clock() });
    await recordAudit(tx, {
      action: "signIn",
      tenantId: user.tenantId,
      // The user's own act: no principal exists yet while a sign-in runs, and "anonymous" would hide who it was.
      actor: { type: "user", id: user.id, name: user.username },
      targetType: "User",
      targetId: user.id,
      after: { clientIp: tx.clientIp, method },
    });
    return issue(tx, user, session, refresh.token);
  });
}

export async function refreshSession(ctx: Ctx, refreshToken: string): Promise<AuthPayload> {
  const outcome = await withTransaction(ctx, async (anonymous) => {
    const door = refreshDoor(anonymous);
    const session = await door.authSessions.findOne({ refreshHash: sha256(refreshToken) });
    if (!session) return { reuse: await revokeReusedFamily(anonymous, refreshToken) };
    const now = anonymous.services.clock();
    if (session.revokedAt || session.expiresAt <= now) throw unauthenticated("Sign in again");
    const tx = signInCtx(anonymous, session.tenantId);
    const user = await door.users.findOne({ id: session.userId });
    if (!user || user.disabled) throw unauthenticated("Sign in again");
    // Rotation: each refresh token works once, so a stolen one is useless after the owner's next refresh.
    const refresh = tx.services.tokens.newRefreshToken(session.id);
    session.refreshHash = refresh.hash;
    session.expiresAt = refresh.expiresAt;
    await tx.db.authSessions.save(session);
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
async function revokeReusedFamily(tx: Ctx, refreshToken: string) {
  const sessionId = tx.services.tokens.refreshFamily(refreshToken);
  if (!sessionId || !isUuid(sessionId)) return null;
  const db = refreshDoor(tx);
  const session = await db.authSessions.findOne({ id: sessionId });
  const user = session && (await db.users.findOne({ id: session.userId }));
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

function currentSession(ctx: Ctx) {
  if (ctx.principal.kind !== "user") throw unauthenticated("Only a signed-in user has a session");
  return ctx.principal;
}

export async function signOut(ctx: Ctx): Promise<boolean> {
  const principal = currentSession(ctx);
  return withTransaction(ctx, async (tx) => {
    await tx.db.authSessions.updateWhere({ id: principal.sessionId }, { revokedAt: tx.services.clock() });
    await recordAudit(tx, { action: "signOut", targetType: "User", targetId: principal.userId });
    return true;
  });
}

/**
 * Ends every session of the signed-in user, this one included (a lost laptop, a password someone saw): their refresh
 * tokens stop working and so do their access tokens. An MSP user's sessions carry the tenant each one entered.
 */
export async function signOutEverywhere(ctx: Ctx): Promise<number> {
  const principal = currentSession(ctx);
  return withTransaction(ctx, async (tx) => {
    const ended = await acrossTenants(
      tx.manager,
      "a user's own sessions, in whichever tenant each entered",
      tx,
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

export async function viewer(ctx: Ctx): Promise<Viewer> {
  const principal = currentSession(ctx);
  const user = await (principal.homeTenantId === null ? ctx.db.msp() : ctx.db).users.getById(principal.userId);
  const session = await ctx.db.authSessions.getById(principal.sessionId);
  return viewerOf(ctx, user, session);
}

/** The session's own move between tenants: the one write that changes a session row's owner. */
const sessionMoves = (ctx: Ctx) =>
  acrossTenants(ctx.manager, "MSP staff move their own session into or out of a tenant", ctx);

/** An MSP user steps into one tenant's context; every later action is scoped to it and the step is audited. */
export async function enterTenant(ctx: Ctx, tenantId: string): Promise<Viewer> {
  const principal = currentSession(ctx);
  const tenant = isUuid(tenantId) ? await ctx.manager.getRepository(Tenant).findOneBy({ id: tenantId }) : null;
  if (!tenant) throw notFound("Tenant");
  return withTransaction(ctx, async (tx) => {
    await sessionMoves(tx).authSessions.moveToOwner({ id: principal.sessionId }, tenant.id);
    await recordAudit(tx, { action: "enterTenant", tenantId: tenant.id, targetType: "Tenant", targetId: tenant.id });
    return viewer(signInCtx(tx, tenant.id));
  });
}

export async function leaveTenant(ctx: Ctx): Promise<Viewer> {
  const principal = currentSession(ctx);
  return withTransaction(ctx, async (tx) => {
    await sessionMoves(tx).authSessions.moveToOwner({ id: principal.sessionId }, null);
    await recordAudit(tx, {
      action: "leaveTenant",
      tenantId: principal.enteredTenantId,
      targetType: "Tenant",
      targetId: principal.enteredTenantId,
    });
    return viewer(signInCtx(tx, null));
  });
}
