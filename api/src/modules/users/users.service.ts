import type { TenantRole, User } from "@atrium/schema";
import { Brackets, IsNull } from "typeorm";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { conflict } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { hashPassword } from "../../security/passwords.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { CreateUserInput, UpdateUserInput, UserFilter } from "./users.types.js";

/** Users of the caller's tenant; MSP staff (tenant null) are never reached from here. */
const users = (ctx: Ctx) => ctx.db.requireTenant().users;

export function listUsers(ctx: Ctx, page: PageArgs, filter: UserFilter | undefined) {
  const query = users(ctx).query("account");
  if (filter?.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.andWhere(
      new Brackets((or) =>
        or
          .where("LOWER(account.username) LIKE :pattern", { pattern })
          .orWhere("LOWER(account.displayName) LIKE :pattern")
          .orWhere("LOWER(account.email) LIKE :pattern"),
      ),
    );
  }
  return paginate(query, page, [{ property: "username", direction: "ASC" }]);
}

export function getUser(ctx: Ctx, id: string) {
  return users(ctx).getById(id);
}

async function setTenantRole(ctx: Ctx, userId: string, role: TenantRole) {
  const bindings = ctx.db.requireTenant().roleBindings;
  await bindings.delete({ userId });
  await bindings.insertMany([{ userId, role, groupId: null }]);
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const scope = users(tx);
    if (await scope.findOne({ username: input.username })) throw conflict(`User "${input.username}" already exists`);
    const user = await scope.insert({
      username: input.username,
      displayName: input.displayName ?? null,
      email: input.email ?? null,
      source: "local",
      passwordHash: input.password ? await hashPassword(input.password) : null,
      disabled: false,
    });
    await setTenantRole(tx, user.id, input.role);
    await recordAudit(tx, {
      action: "createUser",
      targetType: "User",
      targetId: user.id,
      after: { ...user, role: input.role },
    });
    return user;
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const scope = users(tx);
    const before = await scope.getById(id);
    const { password, role, ...fields } = providedFields(input);
    const patch: Partial<User> = { ...fields };
    if (password) patch.passwordHash = await hashPassword(password);
    const user = await scope.update(id, patch);
    if (role) await setTenantRole(tx, id, role);
    if (fields.disabled) {
      await tx.db.authSessions.updateWhere({ userId: id, revokedAt: IsNull() }, { revokedAt: tx.services.clock() });
    }
    await recordAudit(tx, {
      action: "updateUser",
      targetType: "User",
      targetId: id,
      before: { ...before },
      after: { ...user, ...(role ? { role } : {}), ...(password ? { passwordChanged: true } : {}) },
    });
    return user;
  });
}

export async function deleteUser(ctx: Ctx, id: string): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const scope = users(tx);
    const user = await scope.getById(id);
    await tx.db.groupMemberships.delete({ userId: id });
    await tx.db.roleBindings.delete({ userId: id });
    await tx.db.authSessions.delete({ userId: id });
    await scope.remove(id);
    await recordAudit(tx, { action: "deleteUser", targetType: "User", targetId: id, before: user });
    return user;
  });
}
