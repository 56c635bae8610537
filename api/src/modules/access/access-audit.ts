import type { AssignmentRule, Policy, PoolEntitlement } from "@atrium/schema";
import type { Ctx } from "../../context/ctx.js";
import { visibleLocations } from "./decision/location-rows.js";
import { describeRule } from "./rules/rule-view.js";

/*
 * What the audit log keeps of an access object: what an administrator reads on the page, with every reference by
 * name (an investigator reading "location: Head office → Branch" needs no second lookup, and the name stays right
 * after the referenced object is deleted), and without the row's bookkeeping (ids, owner, timestamps).
 */

const BOOKKEEPING = new Set(["id", "tenantId", "createdAt", "updatedAt"]);

/** A location or plan as the audit keeps it: its own fields, which hold no references. */
export function plainSnapshot(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !BOOKKEEPING.has(key)));
}

type NameOf = (id: string | null | undefined) => string | null;

function namer(rows: { id: string; name: string }[], missing: string): NameOf {
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return (id) => (id ? (names.get(id) ?? missing) : null);
}

/** Who a rule is about, in the words of the rules page ("Members of staff", "Anyone"). */
export function ruleSubjectWords(rule: ReturnType<typeof describeRule>): string {
  const { condition } = rule;
  if (condition.subjectType === "group") return `Members of ${condition.group}`;
  if (condition.subjectType === "attribute")
    return `Users whose ${condition.attribute} ${condition.operator} ${condition.value}`;
  if (condition.subjectType === "invalid") return "An unreadable rule";
  return "Anyone";
}

/** Names every rule of `rules` can refer to, read once for a list of rules. */
async function ruleNamers(tx: Ctx) {
  const db = tx.db.requireTenant();
  // One statement after another: they share the transaction's connection.
  const { locations } = await visibleLocations(db);
  const policies = await db.policies.find();
  const providers = await db.identityProviders.find();
  return {
    location: namer(locations, "a removed location"),
    policy: namer(policies, "a removed policy"),
    provider: namer(providers, "a removed provider"),
  };
}

function namedRuleWith(namers: Awaited<ReturnType<typeof ruleNamers>>, row: AssignmentRule) {
  const rule = describeRule(row);
  const locations = rule.condition.locationIds.map((id) => namers.location(id));
  return {
    position: rule.position,
    description: rule.description,
    who: ruleSubjectWords(rule),
    where: locations.length ? locations.join(", ") : "anywhere",
    provider: namers.provider(rule.identityProviderId) ?? "every provider and local accounts",
    effect: rule.effect,
    ...(rule.effect === "allow"
      ? {
          policy: namers.policy(rule.policyId),
          role: rule.role,
          mfaRequired: rule.mfaRequired,
          gatewayOnly: rule.gatewayOnly,
          html5Only: rule.html5Only,
          protocols: rule.protocols,
        }
      : {}),
  };
}

/** A rule as the audit keeps it: who, where, through which provider, and what it gives, by name. */
export async function namedRule(tx: Ctx, row: AssignmentRule) {
  return namedRuleWith(await ruleNamers(tx), row);
}

/** One line per rule, in the given order, for a reorder's before/after. */
export async function namedRuleOrder(tx: Ctx, rows: AssignmentRule[]): Promise<string[]> {
  const namers = await ruleNamers(tx);
  return rows.map((row) => {
    const rule = namedRuleWith(namers, row);
    return `${rule.description ?? `${rule.who} at ${rule.where}`} (${rule.effect})`;
  });
}

/** A policy with its entitlements, pools and plans by name. */
export async function namedPolicy(tx: Ctx, policy: Policy, entitlements: PoolEntitlement[]) {
  const db = tx.db.requireTenant();
  const pool = namer(await db.pools.findByIds(entitlements.map((e) => e.poolId)), "a removed pool");
  const protocolPlan = namer(await db.protocolPlans.find(), "a removed plan");
  const powerPlan = namer(await db.powerPlans.find(), "a removed plan");
  const releasePlan = namer(await db.releasePlans.find(), "a removed plan");
  return {
    ...plainSnapshot(policy),
    entitlements: entitlements.map((entitlement) => ({
      pool: pool(entitlement.poolId),
      offerCount: entitlement.offerCount,
      persistent: entitlement.persistent,
      sortOrder: entitlement.sortOrder,
      startIfStopped: entitlement.startIfStopped,
      userPowerActions: entitlement.userPowerActions,
      protocolPlan: protocolPlan(entitlement.protocolPlanId),
      powerPlan: powerPlan(entitlement.powerPlanId),
      releasePlan: releasePlan(entitlement.releasePlanId),
    })),
  };
}
