import { ApiKeyScope, isEnumValue, type Role, type User } from "@atrium/schema";
import { type EntityManager, In } from "typeorm";
import { type AcrossTenantsDb, acrossTenants, type TenantDb } from "../db/index.js";
import { AppError } from "../errors/app-error.js";
import { looksLikeApiKey, parseApiKey } from "./api-key-format.js";
import { type Permission, permissionsForRoles } from "./permissions.js";
import { ANONYMOUS, type Principal } from "./principal.js";
import { constantTimeEqual, type TokenService } from "./token.service.js";

const invalidKey = () => new AppError("UNAUTHENTICATED", "The API key is not valid", { reason: "API_KEY_INVALID" });
const sessionEnded = () =>
  new AppError("UNAUTHENTICATED", "Your session has ended; sign in again", { reason: "SESSION_ENDED" });

/**
 * Roles granted to the user directly and through the groups they belong to, read through `db`, the door of the
 * user's own tenant (MSP staff: the MSP's rows, where there are no groups).
 */
export async function rolesOf(db: TenantDb, user: User): Promise<Role[]> {
  const memberships = user.tenantId ? await db.groupMemberships.findBy({ userId: user.id }) : [];
  const groupIds = memberships.map((membership) => membership.groupId);
  const bindings = await db.roleBindings.findBy([
    { userId: user.id },
    ...(groupIds.length ? [{ groupId: In(groupIds) }] : []),
  ]);
  return [...new Set(bindings.map((binding) => binding.role))];
}

/**
 * Before anyone is known the credential itself names its owner: an API key by its prefix, an access token by its
 * session, each unique across tenants. What follows is read in the owner's tenant.
 */
const credentialDoor = (manager: EntityManager): AcrossTenantsDb =>
  acrossTenants(manager, "authentication: a credential names its key or session in any tenant", "authentication");

async function apiKeyPrincipal(manager: EntityManager, value: string, now: Date): Promise<Principal> {
  const parsed = parseApiKey(value);
  if (!parsed) throw invalidKey();
  const key = await credentialDoor(manager).apiKeys.findOne({ prefix: parsed.prefix });
  if (!key || !constantTimeEqual(key.secretHash, parsed.secretHash)) throw invalidKey();
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) throw invalidKey();
  // A scope dropped from ApiKeyScope since the key was made grants nothing.
  const scopes: Permission[] = key.scopes.filter((scope) => isEnumValue(ApiKeyScope, scope));
  return {
    kind: "api_key",
    apiKeyId: key.id,
    name: key.name,
    homeTenantId: key.tenantId,
    permissions: new Set<Permission>(["public", ...scopes]),
  };
}

async function userPrincipal(manager: EntityManager, tokens: TokenService, token: string, now: Date) {
  const claims = await tokens.verifyAccess(token);
  const door = credentialDoor(manager);
  const session = await door.authSessions.findOne({ id: claims.sid, userId: claims.sub });
  if (!session || session.revokedAt || session.expiresAt <= now) throw sessionEnded();
  const user = await door.users.findOne({ id: claims.sub });
  if (!user || user.disabled) throw sessionEnded();
  const roles = await rolesOf(door.forTenant(user.tenantId), user);
  // The session, not the token, holds the tenant an MSP user entered: leaving it takes effect on the next call.
  const enteredTenantId = user.tenantId === null ? session.tenantId : null;
  return {
    kind: "user" as const,
    userId: user.id,
    username: user.username,
    sessionId: session.id,
    homeTenantId: user.tenantId,
    enteredTenantId,
    roles,
    permissions: permissionsForRoles(roles, enteredTenantId !== null),
    account: { ...user, passwordHash: null },
  };
}

/**
 * Resolves who is calling from the Authorization header. A present but bad credential is an error (reported as
 * UNAUTHENTICATED by the first protected field), never silently treated as anonymous.
 */
export async function authenticate(
  manager: EntityManager,
  tokens: TokenService,
  authorization: string | undefined,
  now: Date,
): Promise<{ principal: Principal; error?: AppError }> {
  if (!authorization) return { principal: ANONYMOUS };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) {
    return { principal: ANONYMOUS, error: new AppError("UNAUTHENTICATED", "Use an `Authorization: Bearer` header") };
  }
  try {
    const credential = match[1]!;
    if (looksLikeApiKey(credential)) return { principal: await apiKeyPrincipal(manager, credential, now) };
    return { principal: await userPrincipal(manager, tokens, credential, now) };
  } catch (error) {
    if (error instanceof AppError) return { principal: ANONYMOUS, error };
    throw error;
  }
}
