import type { Group } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { conflict } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { CreateGroupInput, UpdateGroupInput } from "./groups.types.js";

const groups = (ctx: Ctx) => ctx.db.groups;
/** Users of the caller's tenant only: MSP staff (tenant null) are never group members. */
const users = (ctx: Ctx) => ctx.db.requireTenant().users;

export function listGroups(ctx: Ctx, page: PageArgs) {
  return paginate(groups(ctx).query("grp"), page, [{ property: "name", direction: "ASC" }]);
}

export function getGroup(ctx: Ctx, id: string) {
  return groups(ctx).getById(id);
}

export function listGroupMembers(ctx: Ctx, groupId: string, page: PageArgs) {
  const members = users(ctx).query("member");
  const query = ctx.db.groupMemberships
    .join(members, "gm", "gm.userId = member.id AND gm.tenantId = member.tenantId")
    .andWhere("gm.groupId = :groupId", { groupId });
  return paginate(query, page, [{ property: "username", direction: "ASC" }]);
}

export async function createGroup(ctx: Ctx, input: CreateGroupInput): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const scope = groups(tx);
    if (await scope.findOne({ name: input.name })) throw conflict(`Group "${input.name}" already exists`);
    const group = await scope.insert({ name: input.name, description: input.description ?? null, source: "local" });
    if (input.role) {
      await tx.db.roleBindings.insertMany([{ groupId: group.id, role: input.role }]);
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

export async function updateGroup(ctx: Ctx, id: string, input: UpdateGroupInput): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const scope = groups(tx);
    const before = { ...(await scope.getById(id)) };
    const group = await scope.update(id, providedFields(input));
    await recordAudit(tx, { action: "updateGroup", targetType: "Group", targetId: id, before, after: group });
    return group;
  });
}

export async function deleteGroup(ctx: Ctx, id: string): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const scope = groups(tx);
    const group = await scope.getById(id);
    await tx.db.groupMemberships.delete({ groupId: id });
    await tx.db.roleBindings.delete({ groupId: id });
    await scope.remove(id);
    await recordAudit(tx, { action: "deleteGroup", targetType: "Group", targetId: id, before: group });
    return group;
  });
}

/** Both ids are resolved inside the caller's tenant first, so a foreign user or group is NOT_FOUND. */
export async function addGroupMember(ctx: Ctx, groupId: string, userId: string): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const group = await groups(tx).getById(groupId);
    const user = await users(tx).getById(userId);
    const memberships = tx.db.groupMemberships;
    const existing = await memberships.findOne({ groupId: group.id, userId: user.id });
    if (!existing) await memberships.insertMany([{ groupId: group.id, userId: user.id }]);
    await recordAudit(tx, {
      action: "addGroupMember",
      targetType: "Group",
      targetId: group.id,
      after: { userId: user.id },
    });
    return group;
  });
}

export async function removeGroupMember(ctx: Ctx, groupId: string, userId: string): Promise<Group> {
  return withTransaction(ctx, async (tx) => {
    const group = await groups(tx).getById(groupId);
    const user = await users(tx).getById(userId);
    await tx.db.groupMemberships.delete({ groupId: group.id, userId: user.id });
    await recordAudit(tx, {
      action: "removeGroupMember",
      targetType: "Group",
      targetId: group.id,
      before: { userId: user.id },
    });
    return group;
  });
}
