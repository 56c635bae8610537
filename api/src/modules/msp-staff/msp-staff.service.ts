import { MSP_ROLES, type MspRole, type User } from "@atrium/schema";
import { In, IsNull } from "typeorm";
import { signInCtx } from "../../context/build-ctx.js";
import { type Ctx, withTransaction } from "../../context/ctx.js";
import { conflict } from "../../errors/app-error.js";
import type { PageArgs } from "../../graphql/connection.js";
import { paginate } from "../../graphql/paginate.js";
import { providedFields } from "../../graphql/validation.js";
import { hashPassword } from "../../security/passwords.js";
import { recordAudit } from "../../tenancy/audit.js";
import type { CreateMspStaffInput, UpdateMspStaffInput } from "./msp-staff.types.js";
import { sendStaffInvitation } from "./msp-staff-invitation.js";

/**
 * The MSP's own staff: accounts without a tenant, reached through the MSP's door also while the caller is inside a
 * tenant, so a tenant's ids never name one of them (NOT_FOUND) and a staff id never reaches a tenant's user.
 */
const staffDb = (ctx: Ctx) => ctx.db.msp();

const MSP_ROLE_SET: ReadonlySet<string> = new Set(MSP_ROLES);

export function listMspStaff(ctx: Ctx, page: PageArgs) {
  return paginate(staffDb(ctx).users.query("account"), page, [{ property: "username", direction: "ASC" }]);
}

export function getMspStaff(ctx: Ctx, id: string): Promise<User> {
  return staffDb(ctx).users.getById(id);
}

/** The MSP role of each account (one per person: the portal hands out exactly one). */
export async function mspRolesOf(ctx: Ctx, userIds: readonly string[]): Promise<Map<string, MspRole>> {
  const bindings = await staffDb(ctx).roleBindings.find({ where: { userId: In([...userIds]) } });
  const roles = new Map<string, MspRole>();
  for (const binding of bindings) {
    if (binding.userId && MSP_ROLE_SET.has(binding.role)) roles.set(binding.userId, binding.role as MspRole);
  }
  return roles;
}

export async function mspStaffMfaEnrolled(ctx: Ctx, userId: string): Promise<boolean> {
  const mfa = await staffDb(ctx).userMfa.findOne({ userId });
  return Boolean(mfa?.totpSecretEnc);
}

async function setRole(ctx: Ctx, userId: string, role: MspRole) {
  const bindings = staffDb(ctx).roleBindings;
  await bindings.delete({ userId });
  await bindings.insertMany([{ userId, role, groupId: null }]);
}

async function endSessions(ctx: Ctx, userId: string): Promise<number> {
  return staffDb(ctx).authSessions.updateWhere({ userId, revokedAt: IsNull() }, { revokedAt: ctx.services.clock() });
}

/**
 * Nobody locks the MSP out of its own console: the last active administrator cannot be disabled or demoted, and
 * nobody disables or demotes themselves (another administrator does it, on the record).
 */
async function guardAdministrators(ctx: Ctx, user: User, change: { role?: MspRole; disabled?: boolean }) {
  const demoted = change.role !== undefined && change.role !== "msp_admin";
  if (!demoted && !change.disabled) return;
  const self = ctx.principal.kind === "user" && ctx.principal.userId === user.id;
  if (self) throw conflict("You cannot disable or demote your own account; ask another MSP administrator");
  if ((await mspRolesOf(ctx, [user.id])).get(user.id) !== "msp_admin" || user.disabled) return;
  const admins = await staffDb(ctx).roleBindings.find({ where: { role: "msp_admin" } });
  const others = admins.map((binding) => binding.userId).filter((id): id is string => !!id && id !== user.id);
  const active = others.length ? await staffDb(ctx).users.count({ id: In(others), disabled: false }) : 0;
  if (active === 0) throw conflict("This is the last active MSP administrator; make another one first");
}

export async function createMspStaff(ctx: Ctx, input: CreateMspStaffInput): Promise<User> {
  const user = await withTransaction(ctx, async (tx) => {
    const users = staffDb(tx).users;
    if (await users.findOne({ username: input.username })) {
      throw conflict(`MSP staff member "${input.username}" already exists`);
    }
    const created = await users.insert({
      username: input.username,
      displayName: input.displayName ?? null,
      email: input.email ?? null,
      source: "local",
      passwordHash: await hashPassword(input.password),
      disabled: false,
      mfaRequired: input.mfaRequired,
    });
    await setRole(tx, created.id, input.role);
    await recordAudit(tx, {
      action: "createMspStaff",
      tenantId: null,
      targetType: "User",
      targetId: created.id,
      after: { ...created, role: input.role, invited: input.invite },
    });
    return created;
  });
  // After the commit: a mail server that is down must not undo the account (the form says the mail failed).
  if (input.invite) await sendStaffInvitation(signInCtx(ctx, null), user, input.role, input.signInUrl ?? null);
  return user;
}

export async function updateMspStaff(ctx: Ctx, id: string, input: UpdateMspStaffInput): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const users = staffDb(tx).users;
    const before = await users.getById(id);
    const { role, ...fields } = providedFields(input);
    await guardAdministrators(tx, before, { role, disabled: fields.disabled });
    const user = await users.update(id, fields);
    if (role) await setRole(tx, id, role);
    if (fields.disabled) await endSessions(tx, id);
    await recordAudit(tx, {
      action: "updateMspStaff",
      tenantId: null,
      targetType: "User",
      targetId: id,
      before: { ...before },
      after: { ...user, ...(role ? { role } : {}) },
    });
    return user;
  });
}

/** A new password ends the person's sessions: whoever knew the old one is out. */
export async function resetMspStaffPassword(ctx: Ctx, id: string, password: string): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const users = staffDb(tx).users;
    await users.getById(id);
    const user = await users.update(id, { passwordHash: await hashPassword(password) });
    const ended = await endSessions(tx, id);
    await recordAudit(tx, {
      action: "resetMspStaffPassword",
      tenantId: null,
      targetType: "User",
      targetId: id,
      after: { username: user.username, passwordChanged: true, sessionsEnded: ended },
    });
    return user;
  });
}

/** Removes the authenticator and recovery codes: the person enrols a new one at the next sign-in. */
export async function resetMspStaffMfa(ctx: Ctx, id: string): Promise<User> {
  return withTransaction(ctx, async (tx) => {
    const db = staffDb(tx);
    const user = await db.users.getById(id);
    const mfa = await db.userMfa.findOne({ userId: id });
    if (mfa) await db.userMfa.delete({ id: mfa.id });
    await recordAudit(tx, {
      action: "resetMspStaffMfa",
      tenantId: null,
      targetType: "User",
      targetId: id,
      before: { username: user.username, totpEnrolled: Boolean(mfa?.totpSecretEnc) },
      after: { username: user.username, totpEnrolled: false },
    });
    return user;
  });
}
