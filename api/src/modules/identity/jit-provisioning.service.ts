import {
  Group,
  GroupMembership,
  type IdentityProvider,
  type Role,
  RoleBinding,
  User,
  type UserSource,
} from "@atrium/schema";
import { In, IsNull } from "typeorm";
import type { RequestContext } from "../../context/request-context.js";

export interface ExternalGroup {
  name: string;
  externalId: string;
}

/** A person as the directory or IdP asserted them at this sign-in. */
export interface ExternalIdentity {
  username: string;
  externalId: string;
  email?: string | null;
  displayName?: string | null;
  groups: ExternalGroup[];
}

export type ProvisionResult = { ok: true; user: User } | { ok: false; reason: string };

const sourceOf = (provider: IdentityProvider): UserSource => (provider.kind === "radius" ? "ldap" : provider.kind);

/** Roles of the first-listed mappings whose group the user is in (by DN, name or asserted value; case-insensitive). */
export function mappedRoles(provider: IdentityProvider, groups: ExternalGroup[]): Role[] {
  const held = new Set(groups.flatMap((group) => [group.name.toLowerCase(), group.externalId.toLowerCase()]));
  const roles = provider.groupRoleMappings
    .filter((mapping) => held.has(mapping.group.toLowerCase()))
    .map((mapping) => mapping.role);
  return [...new Set(roles)];
}

async function syncGroups(
  tx: RequestContext,
  tenantId: string,
  user: User,
  source: UserSource,
  groups: ExternalGroup[],
) {
  const groupRepository = tx.manager.getRepository(Group);
  const memberships = tx.manager.getRepository(GroupMembership);
  const desired = new Set<string>();
  for (const external of groups) {
    const name = external.name.slice(0, 255);
    let group = await groupRepository.findOneBy({ tenantId, name });
    if (!group) {
      group = await groupRepository.save(
        groupRepository.create({
          tenantId,
          name,
          source,
          externalId: external.externalId.slice(0, 512),
          description: null,
        }),
      );
    }
    // An IdP may only place users in groups it provisioned: never in a group an administrator created by hand.
    if (group.source === source) desired.add(group.id);
  }
  const current = await memberships.findBy({ tenantId, userId: user.id });
  const sourceGroups = current.length
    ? await groupRepository.findBy({ tenantId, id: In(current.map((membership) => membership.groupId)), source })
    : [];
  const stale = sourceGroups.map((group) => group.id).filter((id) => !desired.has(id));
  if (stale.length) await memberships.delete({ tenantId, userId: user.id, groupId: In(stale) });
  const have = new Set(current.map((membership) => membership.groupId));
  for (const groupId of desired) {
    if (!have.has(groupId)) await memberships.insert({ tenantId, groupId, userId: user.id });
  }
}

async function syncRoles(tx: RequestContext, user: User, roles: Role[]) {
  const bindings = tx.manager.getRepository(RoleBinding);
  await bindings.delete({ tenantId: user.tenantId ?? IsNull(), userId: user.id });
  for (const role of roles) await bindings.insert({ tenantId: user.tenantId, userId: user.id, groupId: null, role });
}

/**
 * Just-in-time provisioning, run inside the sign-in transaction: creates or refreshes the user, their provider
 * groups and memberships, and their roles from the provider's group mappings. Only ever touches the provider's
 * own tenant, and never takes over an account that another source (e.g. the local store) owns.
 */
export async function provisionExternalUser(
  tx: RequestContext,
  provider: IdentityProvider,
  identity: ExternalIdentity,
): Promise<ProvisionResult> {
  const source = sourceOf(provider);
  const users = tx.manager.getRepository(User);
  const username = identity.username.trim().slice(0, 255);
  let user = await users.findOneBy({ tenantId: provider.tenantId ?? IsNull(), username });
  if (user && user.source !== source)
    return { ok: false, reason: `account_source_conflict: ${username} is ${user.source}` };
  if (user?.disabled) return { ok: false, reason: "account_disabled: disabled in Atrium" };
  const roles = mappedRoles(provider, identity.groups);
  // MSP staff without a role would be an account that can do nothing but exist; refuse rather than create it.
  if (provider.tenantId === null && roles.length === 0) return { ok: false, reason: "no_role_mapping" };
  user ??= users.create({ tenantId: provider.tenantId, username, source, passwordHash: null, disabled: false });
  user.externalId = identity.externalId.slice(0, 512);
  user.email = identity.email?.slice(0, 320) ?? user.email ?? null;
  user.displayName = identity.displayName?.slice(0, 255) ?? user.displayName ?? null;
  user = await users.save(user);
  if (provider.tenantId) await syncGroups(tx, provider.tenantId, user, source, identity.groups);
  await syncRoles(tx, user, roles);
  return { ok: true, user };
}
