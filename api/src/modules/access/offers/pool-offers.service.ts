import type { Policy } from "@atrium/schema";
import { type Ctx, withTransaction } from "../../../context/ctx.js";
import { badInput, conflict } from "../../../errors/app-error.js";
import { recordAudit } from "../../../tenancy/audit.js";
import { namedPolicy } from "../access-audit.js";
import { entitlementsOf } from "../policies/policies.service.js";
import type { OfferPoolInput } from "./pool-offers.types.js";

/** A new entitlement's defaults: one floating desktop, as the policy form starts. */
const ONE_FLOATING = {
  offerCount: 1,
  persistent: false,
  sortOrder: "favor_previous" as const,
  startIfStopped: true,
  userPowerActions: [],
  protocolPlanId: null,
  powerPlanId: null,
  releasePlanId: null,
};

/**
 * The last step of creating a pool: who gets it. Either an existing policy offers it too (after what it offers
 * already), or a new policy offering it is given to chosen groups by one allow rule per group, placed before the
 * existing rules so the groups' members get it at their next sign-in (a rule lower down would be shadowed by any
 * broader allow above it). Everything is checked inside the tenant: a foreign pool, policy or group is NOT_FOUND.
 */
export async function offerPool(ctx: Ctx, poolId: string, input: OfferPoolInput): Promise<Policy> {
  const existing = Boolean(input.policyId);
  if (existing === Boolean(input.newPolicyName)) {
    throw badInput("Pick an existing policy or name a new one", existing ? "newPolicyName" : "policyId");
  }
  if (!existing && input.groupIds.length === 0) throw badInput("Choose the groups that get the pool", "groupIds");
  return withTransaction(ctx, async (tx) => {
    const db = tx.db.requireTenant();
    const pool = await db.pools.getById(poolId);
    if (input.policyId) {
      const policy = await db.policies.getById(input.policyId);
      const before = await entitlementsOf(tx, policy);
      if (before.some((entitlement) => entitlement.poolId === pool.id)) {
        throw conflict(`Policy "${policy.name}" already offers ${pool.name}`);
      }
      await db.poolEntitlements.insert({
        ...ONE_FLOATING,
        policyId: policy.id,
        poolId: pool.id,
        position: before.length,
      });
      await recordAudit(tx, {
        action: "offerPool",
        targetType: "Policy",
        targetId: policy.id,
        before: await namedPolicy(tx, policy, before),
        after: await namedPolicy(tx, policy, await entitlementsOf(tx, policy)),
      });
      return policy;
    }
    const name = input.newPolicyName as string;
    if (await db.policies.findOne({ name })) throw conflict(`Policy "${name}" already exists`);
    const groups = [];
    for (const id of new Set(input.groupIds)) groups.push(await db.groups.getById(id));
    const policy = await db.policies.insert({ name, description: null, maxDesktops: null, rogueAction: "log" });
    await db.poolEntitlements.insert({ ...ONE_FLOATING, policyId: policy.id, poolId: pool.id, position: 0 });
    // The new rules go first and every rule is renumbered 10, 20, … in the same transaction.
    const existingRules = await db.assignmentRules.query("rule").orderBy("rule.position", "ASC").getMany();
    for (const [index, rule] of existingRules.entries()) {
      await db.assignmentRules.updateWhere({ id: rule.id }, { position: (groups.length + index + 1) * 10 });
    }
    for (const [index, group] of groups.entries()) {
      await db.assignmentRules.insert({
        identityProviderId: null,
        position: (index + 1) * 10,
        description: `${group.name} get ${pool.name}`,
        condition: { subject: { type: "group", group: group.name }, locationIds: [] },
        outcome: {
          effect: "allow",
          role: "tenant_user",
          policyId: policy.id,
          mfaRequired: false,
          constraints: { gatewayOnly: false, html5Only: false, protocols: ["RDP", "VNC", "SSH", "HTML5"] },
        },
      });
    }
    await recordAudit(tx, {
      action: "offerPool",
      targetType: "Policy",
      targetId: policy.id,
      after: {
        ...(await namedPolicy(tx, policy, await entitlementsOf(tx, policy))),
        groups: groups.map((group) => group.name),
      },
    });
    return policy;
  });
}

/** The policies offering each pool, for a page of pools in one statement. */
export async function policiesOffering(ctx: Ctx, poolIds: readonly string[]): Promise<Policy[][]> {
  const db = ctx.db.requireTenant();
  const entitlements = poolIds.length
    ? await db.poolEntitlements
        .query("entitlement")
        .andWhere("entitlement.poolId IN (:...poolIds)", { poolIds: [...poolIds] })
        .getMany()
    : [];
  const policies = await db.policies.findByIds([...new Set(entitlements.map((e) => e.policyId))]);
  const byId = new Map(policies.map((policy) => [policy.id, policy]));
  return poolIds.map((poolId) =>
    entitlements
      .filter((entitlement) => entitlement.poolId === poolId)
      .map((entitlement) => byId.get(entitlement.policyId))
      .filter((policy): policy is Policy => Boolean(policy)),
  );
}
