import type { PlanPowerAction, ProtocolSetting, ReleaseDisposition } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import type { OneTenantDb, ScopedRepository, TenantOwned } from "../../../db/index.js";
import { badInput, conflict } from "../../../errors/app-error.js";
import type { PageArgs } from "../../../graphql/connection.js";
import { paginate } from "../../../graphql/paginate.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { lockForEdit } from "../../../tenancy/edit-guard.js";
import { plainSnapshot } from "../access-audit.js";
import type { PowerPlanInput, ProtocolPlanInput, ReleasePlanInput } from "./plans.types.js";

type PlanKind = "ProtocolPlan" | "PowerPlan" | "ReleasePlan";
type Plan = TenantOwned & { name: string; updatedAt: Date };

const REFERENCE: Record<PlanKind, "protocolPlanId" | "powerPlanId" | "releasePlanId"> = {
  ProtocolPlan: "protocolPlanId",
  PowerPlan: "powerPlanId",
  ReleasePlan: "releasePlanId",
};

const PLAN_WORDS: Record<PlanKind, string> = {
  ProtocolPlan: "Protocol plan",
  PowerPlan: "Power plan",
  ReleasePlan: "Release plan",
};

/** Create/update/delete shared by the three plan kinds: unique names, audit, and no deleting a plan in use. */
function planCrud<T extends Plan>(repository: (db: OneTenantDb) => ScopedRepository<T>, kind: PlanKind) {
  const scope = (ctx: Ctx) => repository(ctx.db.requireTenant());
  return {
    list: (ctx: Ctx, page: PageArgs) =>
      paginate(scope(ctx).query("plan"), page, [{ property: "name", direction: "ASC" }]),
    get: (ctx: Ctx, id: string) => scope(ctx).getById(id),
    create: (ctx: Ctx, fields: Omit<Partial<T>, "id" | "tenantId"> & { name: string }) =>
      withTransaction(ctx, async (tx) => {
        const plans = scope(tx);
        if (await plans.findOne({ name: fields.name } as never))
          throw conflict(`${kind} "${fields.name}" already exists`);
        const plan = await plans.insert(fields);
        await recordAudit(tx, {
          action: `create${kind}`,
          targetType: kind,
          targetId: plan.id,
          after: plainSnapshot(plan),
        });
        return plan;
      }),
    update: (
      ctx: Ctx,
      id: string,
      fields: Omit<Partial<T>, "id" | "tenantId"> & { name: string },
      expectedUpdatedAt?: Date | null,
    ) =>
      withTransaction(ctx, async (tx) => {
        const plans = scope(tx);
        const before = plainSnapshot(await lockForEdit(plans, id, expectedUpdatedAt, PLAN_WORDS[kind]));
        const clash = await plans.findOne({ name: fields.name } as never);
        if (clash && clash.id !== id) throw conflict(`${kind} "${fields.name}" already exists`);
        const plan = await plans.update(id, fields);
        await recordAudit(tx, {
          action: `update${kind}`,
          targetType: kind,
          targetId: id,
          before,
          after: plainSnapshot(plan),
        });
        return plan;
      }),
    remove: (ctx: Ctx, id: string) =>
      withTransaction(ctx, async (tx) => {
        const plans = scope(tx);
        const plan = await plans.getById(id);
        const users = await tx.db.requireTenant().poolEntitlements.count({ [REFERENCE[kind]]: plan.id });
        if (users > 0) throw conflict(`${kind} "${plan.name}" is used by ${users} pool entitlement(s)`);
        await plans.remove(id);
        await recordAudit(tx, {
          action: `delete${kind}`,
          targetType: kind,
          targetId: id,
          before: plainSnapshot(plan),
        });
        return plan;
      }),
  };
}

export const protocolPlans = planCrud((db) => db.protocolPlans, "ProtocolPlan");
export const powerPlans = planCrud((db) => db.powerPlans, "PowerPlan");
export const releasePlans = planCrud((db) => db.releasePlans, "ReleasePlan");

export function protocolPlanFields(input: ProtocolPlanInput): { name: string; protocols: ProtocolSetting[] } {
  const seen = new Set<string>();
  for (const setting of input.protocols) {
    if (seen.has(setting.protocol)) throw badInput(`Protocol ${setting.protocol} is listed twice`, "protocols");
    seen.add(setting.protocol);
    if (setting.rdpOptions.length > 0 && setting.protocol !== "RDP") {
      throw badInput("rdpOptions only apply to RDP", "protocols");
    }
    // One line each, "name:type:value": a newline would let an admin smuggle arbitrary lines into every .rdp file.
    for (const line of setting.rdpOptions) {
      if (!/^[A-Za-z0-9 _.-]+:[isb]:[^\r\n]*$/.test(line)) {
        throw badInput(`"${line}" is not an .rdp setting line (name:type:value)`, "protocols");
      }
    }
  }
  return {
    name: input.name,
    protocols: input.protocols.map((setting) => ({
      protocol: setting.protocol as ProtocolSetting["protocol"],
      priority: setting.priority,
      port: setting.port ?? null,
      gateway: setting.gateway as ProtocolSetting["gateway"],
      rdpOptions: setting.rdpOptions,
    })),
  };
}

export function powerPlanFields(input: PowerPlanInput) {
  return {
    name: input.name,
    onDisconnect: input.onDisconnect as PlanPowerAction,
    onDisconnectMinutes: input.onDisconnectMinutes,
    onLogout: input.onLogout as PlanPowerAction,
    onLogoutMinutes: input.onLogoutMinutes,
    onRelease: input.onRelease as PlanPowerAction,
    onReleaseMinutes: input.onReleaseMinutes,
  };
}

export function releasePlanFields(input: ReleasePlanInput) {
  return {
    name: input.name,
    releaseAfterDisconnectMinutes: input.releaseAfterDisconnectMinutes ?? null,
    releaseAfterLogoutMinutes: input.releaseAfterLogoutMinutes ?? null,
    keepPersistent: input.keepPersistent,
    onRelease: input.onRelease as ReleaseDisposition,
  };
}
