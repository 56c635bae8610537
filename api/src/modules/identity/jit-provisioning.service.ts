import { ExternalIdentityLink, type IdentityProvider, type Role, type User, type UserSource } from "@atrium/schema";
import { In } from "typeorm";
import { signInCtx } from "../../context/build-ctx.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { isUniqueViolation, type TenantDb } from "../../db/index.js";
import { type AssertedSubject, freeUsername, link, matchAccount } from "./account-matching.service.js";
import { holdsGrantingGroup, tenantGrants } from "./tenant-grants.js";

export interface ExternalGroup {
  name: string;
  externalId: string;
}

/** A person as the directory or IdP asserted them at this sign-in. */
export interface AssertedIdentity extends AssertedSubject {
  displayName?: string | null;
  groups: ExternalGroup[];
}

/** `conflict`: the provider's link rule found no single account to join; the user is told to ask an administrator. */
export type ProvisionResult = { ok: true; user: User } | { ok: false; reason: string; conflict?: boolean };

const sourceOf = (provider: IdentityProvider): UserSource => (provider.kind === "radius" ? "ldap" : provider.kind);

/** Roles of the first-listed mappings whose group the user is in (by DN, name or asserted value; case-insensitive). */
export function mappedRoles(provider: IdentityProvider, groups: ExternalGroup[]): Role[] {
  const held = new Set(groups.flatMap((group) => [group.name.toLowerCase(), group.externalId.toLowerCase()]));
  const roles = provider.groupRoleMappings
    .filter((mapping) => held.has(mapping.group.toLowerCase()))
    .map((mapping) => mapping.role);
  return [...new Set(roles)];
}

async function syncGroups(db: TenantDb, user: User, source: UserSource, groups: ExternalGroup[]) {
  const memberships = db.groupMemberships;
  const desired = new Set<string>();
  for (const external of groups) {
    const name = external.name.slice(0, 255);
    let group = await db.groups.findOne({ name });
    if (!group) {
      group = await db.groups.insert({
        name,
        source,
        externalId: external.externalId.slice(0, 512),
        description: null,
      });
    }
    // An IdP may only place users in groups it provisioned: never in a group an administrator created by hand.
    if (group.source === source) desired.add(group.id);
  }
  const current = await memberships.findBy({ userId: user.id });
  const sourceGroups = current.length
    ? await db.groups.findBy({ id: In(current.map((membership) => membership.groupId)), source })
    : [];
  const stale = sourceGroups.map((group) => group.id).filter((id) => !desired.has(id));
  if (stale.length) await memberships.delete({ userId: user.id, groupId: In(stale) });
  const have = new Set(current.map((membership) => membership.groupId));
  for (const groupId of desired) {
    if (!have.has(groupId)) await memberships.insert({ groupId, userId: user.id });
  }
}

async function syncRoles(db: TenantDb, user: User, roles: Role[]) {
  await db.roleBindings.delete({ userId: user.id });
  for (const role of roles) await db.roleBindings.insert({ userId: user.id, groupId: null, role });
}

/**
 * A directory's search base can be wider than the tenant's people (a shared AD serving several customers, searched
 * from the domain root): a person in none of the groups the tenant grants through is someone else's user, refused
 * before an account or their groups exist here. A tenant that grants nothing yet, or grants by a rule that needs no
 * group, still lets every directory user in, as before.
 */
async function outsideTenantGroups(db: TenantDb, identity: AssertedIdentity): Promise<string | null> {
  const grants = await tenantGrants(db);
  if (grants.none || grants.anyone) return null;
  const held = identity.groups.flatMap((group) => [group.name, group.externalId]);
  if (holdsGrantingGroup(grants, held)) return null;
  return "no_tenant_grant: in none of the groups that grant a role or desktops in this tenant";
}

/** The account's own provider keeps its name (renames follow, unless another account has the new name) and profile. */
async function refreshHome(db: TenantDb, user: User, identity: AssertedIdentity): Promise<User> {
  const username = identity.username.trim().slice(0, 255);
  const renamed = username !== user.username && !(await db.users.exists({ username }));
  return db.users.save(
    Object.assign(user, {
      username: renamed ? username : user.username,
      externalId: identity.legacyId.slice(0, 512),
      email: identity.email?.slice(0, 320) ?? user.email,
      displayName: identity.displayName?.slice(0, 255) ?? user.displayName,
    }),
  );
}

/**
 * Just-in-time provisioning, run inside the sign-in transaction. The account is the one linked to the provider's
 * subject (see matchAccount), else one the provider's link rule joins, else a new one. The account's own provider
 * refreshes its profile, groups, memberships and roles from the group mappings; a provider linked later only signs
 * the person in. Only ever touches the provider's own tenant.
 */
export async function provisionExternalUser(
  tx: Ctx,
  provider: IdentityProvider,
  identity: AssertedIdentity,
): Promise<ProvisionResult> {
  const source = sourceOf(provider);
  // Only ever the provider's own tenant (MSP staff's providers: the MSP's accounts).
  const db = signInCtx(tx, provider.tenantId).db;
  const match = await matchAccount(db, provider, source, identity);
  if (match.kind === "conflict") return { ok: false, reason: match.reason, conflict: true };
  if (match.kind === "linked" && match.user.disabled)
    return { ok: false, reason: "account_disabled: disabled in Atrium" };
  if (match.kind === "linked" && !match.home) return { ok: true, user: match.user };
  const roles = mappedRoles(provider, identity.groups);
  // MSP staff without a role would be an account that can do nothing but exist; refuse rather than create it.
  if (provider.tenantId === null && roles.length === 0) return { ok: false, reason: "no_role_mapping" };
  if (provider.kind === "ldap" && roles.length === 0) {
    const refusal = await outsideTenantGroups(db, identity);
    if (refusal) return { ok: false, reason: refusal };
  }
  let user: User;
  if (match.kind === "linked") {
    user = await refreshHome(db, match.user, identity);
  } else {
    user = await db.users.insert({
      username: await freeUsername(db, provider, identity.username),
      source,
      passwordHash: null,
      disabled: false,
      externalId: identity.legacyId.slice(0, 512),
      email: identity.email?.slice(0, 320) ?? null,
      displayName: identity.displayName?.slice(0, 255) ?? null,
    });
    await link(db, provider, identity.subject, user, ExternalIdentityLink.SIGN_IN);
  }
  if (provider.tenantId) await syncGroups(db, user, source, identity.groups);
  await syncRoles(db, user, roles);
  return { ok: true, user };
}

/**
 * `provisionExternalUser` in its own transaction. Two first sign-ins of one person (or of two people in one new
 * group) both find nothing and both insert; the loser's unique violation means the winner's rows now exist, so it
 * runs once more and refreshes them instead of failing the sign-in.
 */
export async function provisionInTransaction(
  ctx: Ctx,
  provider: IdentityProvider,
  identity: AssertedIdentity,
): Promise<ProvisionResult> {
  const provision = () => withTransaction(ctx, (tx) => provisionExternalUser(tx, provider, identity));
  try {
    return await provision();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return provision();
  }
}
