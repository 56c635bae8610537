import type { OfferSortOrder, Policy, PoolEntitlement, RogueLoginAction, UserPowerAction } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { badInput, conflict } from "../../../errors/app-error.js";
import type { PageArgs } from "../../../graphql/connection.js";
import { paginate } from "../../../graphql/paginate.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { lockForEdit, touchEdited } from "../../../tenancy/edit-guard.js";
import { namedPolicy } from "../access-audit.js";
import type { CreatePolicyInput, PoolEntitlementInput, UpdatePolicyInput } from "./policies.types.js";

const policies = (ctx: Ctx) => ctx.db.requireTenant().policies;

export function listPolicies(ctx: Ctx, page: PageArgs) {
  return paginate(policies(ctx).query("policy"), page, [{ property: "name", direction: "ASC" }]);
}

export function getPolicy(ctx: Ctx, id: string) {
  return policies(ctx).getById(id);
}

export function entitlementsOf(ctx: Ctx, policy: Policy): Promise<PoolEntitlement[]> {
  return ctx.db.requireTenant().poolEntitlements.find({ where: { policyId: policy.id }, order: { position: "ASC" } });
}

/** Every referenced pool and plan is resolved inside the caller's tenant: a foreign id is NOT_FOUND. */
async function replaceEntitlements(tx: Ctx, policy: Policy, inputs: PoolEntitlementInput[]) {
  const db = tx.db.requireTenant();
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input.poolId)) throw badInput("A pool may appear only once in a policy", "entitlements");
    seen.add(input.poolId);
    await db.pools.getById(input.poolId);
    if (input.protocolPlanId) await db.protocolPlans.getById(input.protocolPlanId);
    if (input.powerPlanId) await db.powerPlans.getById(input.powerPlanId);
    if (input.releasePlanId) await db.releasePlans.getById(input.releasePlanId);
  }
  await db.poolEntitlements.delete({ policyId: policy.id });
  const rows = inputs.map((input, position) => ({
    policyId: policy.id,
    poolId: input.poolId,
    position,
    offerCount: input.offerCount,
    persistent: input.persistent,
    sortOrder: input.sortOrder as OfferSortOrder,
    startIfStopped: input.startIfStopped,
    userPowerActions: [...new Set(input.userPowerActions)] as UserPowerAction[],
    protocolPlanId: input.protocolPlanId ?? null,
    powerPlanId: input.powerPlanId ?? null,
    releasePlanId: input.releasePlanId ?? null,
  }));
  return db.poolEntitlements.insertMany(rows);
}

export async function createPolicy(ctx: Ctx, input: CreatePolicyInput) {
  return withTransaction(ctx, async (tx) => {
    const scope = policies(tx);
    if (await scope.findOne({ name: input.name })) throw conflict(`Policy "${input.name}" already exists`);
    const policy = await scope.insert({
      name: input.name,
      description: input.description ?? null,
      maxDesktops: input.maxDesktops ?? null,
      rogueAction: input.rogueAction as RogueLoginAction,
    });
    const entitlements = await replaceEntitlements(tx, policy, input.entitlements);
    await recordAudit(tx, {
      action: "createPolicy",
      targetType: "Policy",
      targetId: policy.id,
      after: await namedPolicy(tx, policy, entitlements),
    });
    return policy;
  });
}

export async function updatePolicy(ctx: Ctx, id: string, input: UpdatePolicyInput, expectedUpdatedAt?: Date | null) {
  return withTransaction(ctx, async (tx) => {
    const scope = policies(tx);
    const stored = await lockForEdit(scope, id, expectedUpdatedAt, "Policy");
    const before = await namedPolicy(tx, stored, await entitlementsOf(tx, stored));
    if (input.name !== undefined && input.name !== stored.name && (await scope.findOne({ name: input.name }))) {
      throw conflict(`Policy "${input.name}" already exists`);
    }
    const updated = await scope.update(id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.maxDesktops !== undefined ? { maxDesktops: input.maxDesktops } : {}),
      ...(input.rogueAction !== undefined ? { rogueAction: input.rogueAction as RogueLoginAction } : {}),
    });
    if (input.entitlements) await replaceEntitlements(tx, updated, input.entitlements);
    // Entitlements live in their own rows: the policy's updatedAt moves with them so a stale copy is refused.
    const policy = input.entitlements ? await touchEdited(scope, id) : updated;
    await recordAudit(tx, {
      action: "updatePolicy",
      targetType: "Policy",
      targetId: id,
      before,
      after: await namedPolicy(tx, policy, await entitlementsOf(tx, policy)),
    });
    return policy;
  });
}

export async function deletePolicy(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const scope = policies(tx);
    const policy = await scope.getById(id);
    const rules = await tx.db.requireTenant().assignmentRules.find();
    const users = rules.filter((rule) => (rule.outcome as { policyId?: unknown }).policyId === policy.id).length;
    if (users > 0) throw conflict(`Policy "${policy.name}" is named by ${users} assignment rule(s)`);
    const before = await namedPolicy(tx, policy, await entitlementsOf(tx, policy));
    await tx.db.requireTenant().poolEntitlements.delete({ policyId: policy.id });
    await scope.remove(id);
    await recordAudit(tx, { action: "deletePolicy", targetType: "Policy", targetId: id, before });
    return policy;
  });
}
