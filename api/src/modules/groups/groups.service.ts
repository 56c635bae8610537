import { Group, GroupMembership, RoleBinding, User } from "@atrium/schema";
import { type RequestContext, withTransaction } from "../../context/request-context.js";
import { conflict } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import { tenantScope } from "../../tenancy/tenant-scope.js";
import type { CreateGroupInput, UpdateGroupInput } from "./groups.types.js";

const groups = (ctx: RequestContext) => tenantScope(ctx, Group, "Group");

export function listGroups(ctx: RequestContext, page: PageArgs) {
  return paginate(groups(ctx).query("grp"), page, [{ property: "name", direction: "ASC" }]);
}

export function getGroup(ctx: RequestContext, id: string) {
  return groups(ctx).getById(id);
}

export function listGroupMembers(ctx: RequestContext, groupId: string, page: PageArgs) {
  const query = tenantScope(ctx, User, "User")
    .query("member")
    .innerJoin(GroupMembership, "gm", "gm.userId = member.id AND gm.tenantId = member.tenantId")
    .andWhere("gm.groupId = :groupId", { groupId });
  return paginate(query, page, [{ property: "username", direction: "ASC" }]);
}

export async function createGroup(ctx: RequestContext, input: CreateGroupInput): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const scope = groups(tx);
    if (await scope.findOne({ name: input.name })) throw conflict(`Group "${input.name}" already exists`);
    const group = await scope.insert({ name: input.name, description: input.description ?? null, source: "local" });
    if (input.role) {
      await tx.manager
        .getRepository(RoleBinding)
        .insert({ tenantId: scope.tenantId, groupId: group.id, role: input.role });
    }
    await recordAudit(tx, {
      action: "createGroup",
      targetType: "Group",
      targetId: group.id,
      after: { ...group, role: input.role },
    });
    return group;
  });
}

export async function updateGroup(ctx: RequestContext, id: string, input: UpdateGroupInput): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const scope = groups(tx);
    const before = { ...(await scope.getById(id)) };
    const group = await scope.update(id, providedFields(input));
    await recordAudit(tx, { action: "updateGroup", targetType: "Group", targetId: id, before, after: group });
    return group;
  });
}

export async function deleteGroup(ctx: RequestContext, id: string): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const scope = groups(tx);
    const group = await scope.getById(id);
    await tx.manager.getRepository(GroupMembership).delete({ tenantId: scope.tenantId, groupId: id });
    await tx.manager.getRepository(RoleBinding).delete({ tenantId: scope.tenantId, groupId: id });
    await scope.remove(id);
    await recordAudit(tx, { action: "deleteGroup", targetType: "Group", targetId: id, before: group });
    return group;
  });
}

/** Both ids are resolved inside the caller's tenant first, so a foreign user or group is NOT_FOUND. */
export async function addGroupMember(ctx: RequestContext, groupId: string, userId: string): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const group = await groups(tx).getById(groupId);
    const user = await tenantScope(tx, User, "User").getById(userId);
    const memberships = tx.manager.getRepository(GroupMembership);
    const existing = await memberships.findOneBy({ tenantId: group.tenantId, groupId: group.id, userId: user.id });
    if (!existing) await memberships.insert({ tenantId: group.tenantId, groupId: group.id, userId: user.id });
    await recordAudit(tx, {
      action: "addGroupMember",
      targetType: "Group",
      targetId: group.id,
      after: { userId: user.id },
    });
    return group;
  });
}

export async function removeGroupMember(ctx: RequestContext, groupId: string, userId: string): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const group = await groups(tx).getById(groupId);
    const user = await tenantScope(tx, User, "User").getById(userId);
    await tx.manager
      .getRepository(GroupMembership)
      .delete({ tenantId: group.tenantId, groupId: group.id, userId: user.id });
    await recordAudit(tx, {
      action: "removeGroupMember",
      targetType: "Group",
      targetId: group.id,
      before: { userId: user.id },
    });
    return group;
  });
}
